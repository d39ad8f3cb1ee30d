"""The account page for API keys; mounted at ``konto/api-schluessel/``."""

from django.urls import path

from ikz.api import views

app_name = "api_tokens"
urlpatterns = [
    path("", views.token_list, name="list"),
    path("<int:pk>/widerrufen/", views.token_revoke, name="revoke"),
]
