"""Activity event types of the surveys (see ikz.activity.events)."""

from django.utils.translation import gettext_lazy as _

from ikz.activity.events import event

SURVEY_DELETED = event("surveys.survey_deleted", _("Umfrage „%(title)s“ gelöscht"))
SECTION_DELETED = event(
    "surveys.section_deleted", _("Abschnitt „%(section)s“ der Umfrage „%(title)s“ gelöscht")
)
QUESTION_DELETED = event(
    "surveys.question_deleted", _("Frage „%(question)s“ der Umfrage „%(title)s“ gelöscht")
)
INDICATOR_DELETED = event(
    "surveys.indicator_deleted", _("Kennzahl „%(indicator)s“ der Umfrage „%(title)s“ gelöscht")
)
SURVEY_OPENED = event(
    "surveys.survey_opened",
    _("Umfrage „%(title)s“ versendet, Frist %(deadline)s"),
    dates=("deadline",),
)
SURVEY_CLOSED = event("surveys.survey_closed", _("Umfrage „%(title)s“ abgeschlossen"))
EVALUATION_ON_AGENDA = event(
    "surveys.evaluation_on_agenda",
    _("Auswertung „%(title)s“ auf die Tagesordnung von „%(heading)s“ gesetzt"),
)
RESPONSE_SUBMITTED = event(
    "surveys.response_submitted", _("%(municipality)s hat „%(title)s“ beantwortet")
)
RESPONSE_REOPENED = event(
    "surveys.response_reopened", _("Antwort von %(municipality)s wieder geöffnet")
)
RESPONSES_IMPORTED = event(
    "surveys.responses_imported",
    _("%(count)d Antwort zu „%(title)s“ importiert"),
    plural=_("%(count)d Antworten zu „%(title)s“ importiert"),
)
