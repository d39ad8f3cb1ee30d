"""The platform operation ("Betrieb"), mounted at ``betrieb/``."""

from django.urls import path

from ikz.platform import views

app_name = "platform"
urlpatterns = [
    path("", views.cooperation_list, name="list"),
    path("kooperationen/neu/", views.cooperation_create, name="create"),
    path("kooperationen/<int:pk>/archivieren/", views.cooperation_archive, name="archive"),
    path("kooperationen/<int:pk>/reaktivieren/", views.cooperation_reactivate, name="reactivate"),
]
