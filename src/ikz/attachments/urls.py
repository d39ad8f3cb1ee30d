"""Attachments; mounted at ``<slug>/anhaenge/``."""

from django.urls import path

from ikz.attachments import views

app_name = "attachments"
urlpatterns = [
    path("neu/", views.attachment_create, name="create"),
    path("<int:pk>/", views.download, name="download"),
    path("<int:pk>/v<int:number>/", views.download_version, name="download_version"),
    path("<int:pk>/ersetzen/", views.attachment_replace, name="replace"),
    path("<int:pk>/loeschen/", views.attachment_delete, name="delete"),
]
