"""The public portal; mounted at ``<slug>/portal/``."""

from django.urls import path

from ikz.portal import feeds, views

app_name = "portal"
urlpatterns = [
    path("", views.home, name="home"),
    path("ziele/", views.goals, name="goals"),
    path("berichte/", views.report_list, name="reports"),
    path("berichte/<int:pk>/", views.report_detail, name="report"),
    path("termine/", views.events, name="events"),
    path("gremien/", views.body_list, name="bodies"),
    path("gremien/<int:pk>/", views.body_detail, name="body"),
    path("sitzungen/<int:pk>/", views.meeting, name="meeting"),
    path("vorhaben/", views.project_list, name="projects"),
    path("vorhaben/<int:pk>/", views.project, name="project"),
    path("suche/", views.search, name="search"),
    path("offene-daten/", views.open_data, name="open_data"),
    path("offene-daten/<slug:name>.<str:fmt>", views.open_data_download, name="open_data_file"),
    path("feeds/<slug:name>.atom", feeds.feed, name="feed"),
    path("einstellungen/", views.settings_edit, name="settings"),
    path("<slug:page>/", views.legal, name="legal"),
]
