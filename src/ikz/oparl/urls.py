"""OParl 1.1, mounted at ``/oparl/v1/``."""

from django.urls import path

from ikz.oparl import views

app_name = "oparl"
urlpatterns = [
    path("", views.system, name="system"),
    path("body/", views.body_list, name="body_list"),
    path("body/<int:body>/", views.body, name="body"),
    path("body/<int:body>/kommune/<int:pk>/", views.municipality, name="municipality"),
    path(
        "body/<int:body>/kommune/<int:pk>/<str:kind>/",
        views.municipality_list,
        name="municipality_list",
    ),
    path("body/<int:body>/<str:kind>/", views.object_list, name="list"),
    path("body/<int:body>/<str:kind>/<int:pk>/", views.object_detail, name="object"),
]
