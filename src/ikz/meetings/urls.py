"""Meeting pages, agenda, attendance and the minutes editor; mounted at ``<slug>/sitzungen/``."""

from django.urls import path

from ikz.meetings import views, views_documents, views_minutes

app_name = "meetings"
urlpatterns = [
    path("", views.meeting_list, name="list"),
    path("kalender/", views.meeting_calendar, name="calendar"),
    path("neu/", views.meeting_edit, name="create"),
    path("nummer/", views.next_number_field, name="next_number"),
    path("<int:pk>/", views.meeting_detail, name="detail"),
    path("<int:pk>/bearbeiten/", views.meeting_edit, name="edit"),
    path("<int:pk>/loeschen/", views.meeting_delete, name="delete"),
    path("<int:pk>/status/", views.meeting_state, name="state"),
    path("<int:pk>/wiedervorlage/", views.carry_over, name="carry_over"),
    path("<int:pk>/tagesordnung/neu/", views.agenda_item_edit, name="agenda_create"),
    path(
        "<int:pk>/tagesordnung/<int:item_pk>/bearbeiten/",
        views.agenda_item_edit,
        name="agenda_edit",
    ),
    path("<int:pk>/tagesordnung/<int:item_pk>/<slug:op>/", views.agenda_item_op, name="agenda_op"),
    path("<int:pk>/teilnahme/", views.attendance_edit, name="attendance"),
    path("<int:pk>/teilnahme/mitglieder/", views.attendance_members, name="attendance_members"),
    path("<int:pk>/protokoll/", views_minutes.minutes_fragment, name="minutes"),
    path("<int:pk>/protokoll/neu/", views_minutes.point_create, name="point_create"),
    path("<int:pk>/protokoll/<int:point_pk>/", views_minutes.point_change, name="point_change"),
    # Invitation and minutes as documents (ikz.meetings.documents)
    path("<int:pk>/dokumente/<slug:kind>.<slug:fmt>", views_documents.document, name="document"),
    path(
        "<int:pk>/protokoll-genehmigen/<int:item_pk>/",
        views_documents.minutes_approve,
        name="minutes_approve",
    ),
    path(
        "<int:pk>/protokoll/genehmigung-zuruecknehmen/",
        views_documents.minutes_revoke,
        name="minutes_revoke",
    ),
]
