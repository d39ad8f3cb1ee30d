"""The REST API (django-ninja), mounted at ``api/v1/``: the OpenAPI document at
``openapi.json``, the interactive documentation at ``docs/``."""

from ikz.api import routes_content, routes_meetings, routes_structure
from ikz.api.core import api

api.add_router("", routes_structure.router)
api.add_router("", routes_meetings.router)
api.add_router("", routes_content.router)

urlpatterns = [*api.urls[0]]
app_name = "api"
