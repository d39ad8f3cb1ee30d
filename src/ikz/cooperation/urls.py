from django.urls import path

from ikz.cooperation import views

app_name = "cooperation"
urlpatterns = [
    path("", views.dashboard, name="dashboard"),
    path("kommunen/", views.municipality_list, name="municipality_list"),
    path("kommunen/neu/", views.municipality_edit, name="municipality_create"),
    path("kommunen/<int:pk>/", views.municipality_detail, name="municipality_detail"),
    path("kommunen/<int:pk>/bearbeiten/", views.municipality_edit, name="municipality_edit"),
    path("kommunen/<int:pk>/loeschen/", views.municipality_delete, name="municipality_delete"),
    path("gremien/", views.body_list, name="body_list"),
    path("gremien/neu/", views.body_edit, name="body_create"),
    path("gremien/<int:pk>/", views.body_detail, name="body_detail"),
    path("gremien/<int:pk>/bearbeiten/", views.body_edit, name="body_edit"),
    path("gremien/<int:pk>/loeschen/", views.body_delete, name="body_delete"),
    path("gremien/<int:body_pk>/mitglieder/neu/", views.membership_edit, name="membership_create"),
    path(
        "gremien/<int:body_pk>/mitglieder/<int:pk>/bearbeiten/",
        views.membership_edit,
        name="membership_edit",
    ),
    path(
        "gremien/<int:body_pk>/mitglieder/<int:pk>/entfernen/",
        views.membership_delete,
        name="membership_delete",
    ),
    path("personen/", views.person_list, name="person_list"),
    path("personen/neu/", views.person_edit, name="person_create"),
    path("personen/<int:pk>/", views.person_detail, name="person_detail"),
    path("personen/<int:pk>/bearbeiten/", views.person_edit, name="person_edit"),
    path("personen/<int:pk>/loeschen/", views.person_delete, name="person_delete"),
    path("orte/", views.location_list, name="location_list"),
    path("orte/neu/", views.location_edit, name="location_create"),
    path("orte/<int:pk>/", views.location_detail, name="location_detail"),
    path("orte/<int:pk>/bearbeiten/", views.location_edit, name="location_edit"),
    path("orte/<int:pk>/loeschen/", views.location_delete, name="location_delete"),
]
