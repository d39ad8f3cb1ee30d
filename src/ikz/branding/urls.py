"""The cooperation's "Erscheinungsbild"; mounted at ``<slug>/erscheinungsbild/``."""

from django.urls import path

from ikz.branding import views

app_name = "branding"
urlpatterns = [
    path("", views.branding_edit, name="edit"),
    path("farben.css", views.stylesheet, name="stylesheet"),
    path("logo", views.logo, name="logo"),
]
