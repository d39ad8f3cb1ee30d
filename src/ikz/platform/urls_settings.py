"""A cooperation's settings, mounted at ``<slug>/einstellungen/``."""

from django.urls import path

from ikz.platform import views

app_name = "cooperation_settings"
urlpatterns = [path("", views.settings_edit, name="edit")]
