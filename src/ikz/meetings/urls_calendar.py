"""Calendar files, feeds, the subscribe page and invitations; mounted at ``<slug>/kalender/``."""

from django.urls import path

from ikz.meetings import views_calendar as views

app_name = "meetings_calendar"
urlpatterns = [
    path("", views.subscribe, name="subscribe"),
    path("sitzungen.ics", views.cooperation_feed, name="cooperation_feed"),
    path("gremien/<int:body_pk>.ics", views.body_feed, name="body_feed"),
    path("sitzung/<int:pk>.ics", views.meeting_ics, name="meeting_ics"),
    path("sitzung/<int:pk>/einladung/", views.invitation, name="invitation"),
    path("privat/<str:token>.ics", views.private_feed, name="private_feed"),
]
