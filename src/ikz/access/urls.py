"""The "Zugänge" pages of a cooperation; mounted at ``<slug>/zugaenge/``."""

from django.urls import path

from ikz.access import views, views_privacy

app_name = "access"
urlpatterns = [
    path("", views.page, name="page"),
    path("einladen/", views.invite, name="invite"),
    path("einladungen/<int:pk>/erneut/", views.invitation_resend, name="invitation_resend"),
    path("einladungen/<int:pk>/zurueckziehen/", views.invitation_revoke, name="invitation_revoke"),
    path("<int:pk>/rolle/", views.role_change, name="role_change"),
    path("<int:pk>/entfernen/", views.access_remove, name="remove"),
    path("personen/<int:pk>/auskunft/", views_privacy.export, name="person_export"),
    path("personen/<int:pk>/loeschen/", views_privacy.erase, name="person_erase"),
]
