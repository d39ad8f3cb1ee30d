"""Reads of surveys. Every function filters by ``access.cooperation`` and by role.

Members see sent surveys (open or closed), never those in preparation or templates, and only
their own municipality's answer. The coordinator sees everything of the cooperation.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass

from django.db.models import (
    Case,
    Count,
    IntegerField,
    OuterRef,
    Prefetch,
    Q,
    QuerySet,
    Subquery,
    Value,
    When,
)
from django.db.models.functions import Coalesce
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _

from ikz.accounts.access import Access
from ikz.cooperation.models import Municipality
from ikz.meetings.models import AgendaItem, Meeting
from ikz.projects.models import Project
from ikz.projects.selectors import visible_projects
from ikz.surveys.models import Indicator, Question, Response, Section, Survey


def visible_surveys(*, access: Access) -> QuerySet[Survey]:
    if not access.is_member:
        return Survey.objects.none()
    surveys = Survey.objects.filter(cooperation=access.cooperation)
    if access.is_coordinator:
        return surveys
    return surveys.filter(is_template=False).exclude(status=Survey.Status.DRAFT)


def survey_list(*, access: Access) -> QuerySet[Survey]:
    submitted = Count("responses", filter=Q(responses__status=Response.Status.SUBMITTED))
    return (
        visible_surveys(access=access)
        .select_related("body")
        .annotate(submitted_count=submitted)
        .order_by("is_template", "status", "-deadline", "-pk")
    )


def survey_get(*, access: Access, pk: int) -> Survey:
    return get_object_or_404(
        visible_surveys(access=access).select_related("body", "project", "cooperation"), pk=pk
    )


def survey_structure(*, survey: Survey) -> list[Section]:
    """Sections with their questions prefetched (two queries)."""
    questions = Question.objects.filter(cooperation_id=survey.cooperation_id).order_by(
        "position", "pk"
    )
    return list(
        Section.objects.filter(cooperation_id=survey.cooperation_id, survey=survey)
        .prefetch_related(Prefetch("questions", queryset=questions))
        .order_by("position", "pk")
    )


def survey_indicators(*, survey: Survey) -> QuerySet[Indicator]:
    return Indicator.objects.filter(cooperation_id=survey.cooperation_id, survey=survey)


def number_questions(*, survey: Survey) -> list[Question]:
    """The questions a derived indicator's formula may name, by key."""
    return list(survey.questions.filter(kind="number").order_by("key"))


def survey_project(*, access: Access, survey: Survey) -> Project | None:
    """The survey's project, if the visitor may open the project page."""
    if survey.project_id is None:
        return None
    if not visible_projects(access=access).filter(pk=survey.project_id).exists():
        return None
    return survey.project


def section_get(*, survey: Survey, pk: int) -> Section:
    return get_object_or_404(Section, cooperation_id=survey.cooperation_id, survey=survey, pk=pk)


def question_get(*, survey: Survey, pk: int) -> Question:
    return get_object_or_404(
        Question.objects.select_related("section"),
        cooperation_id=survey.cooperation_id,
        survey=survey,
        pk=pk,
    )


def indicator_get(*, survey: Survey, pk: int) -> Indicator:
    return get_object_or_404(Indicator, cooperation_id=survey.cooperation_id, survey=survey, pk=pk)


def answerable_municipality(*, access: Access, pk: int) -> Municipality:
    """The coordinator may open any municipality's answer; a member only their own."""
    if not access.is_coordinator and pk != access.municipality_id:
        raise Http404(_("Diese Antwort gibt es nicht."))
    return get_object_or_404(Municipality, cooperation=access.cooperation, pk=pk)


def response_for(*, survey: Survey, municipality: Municipality) -> Response | None:
    return (
        Response.objects.filter(
            cooperation_id=survey.cooperation_id, survey=survey, municipality=municipality
        )
        .select_related("updated_by", "submitted_by")
        .first()
    )


@dataclass(frozen=True)
class Progress:
    municipality: Municipality
    response: Response | None

    @property
    def state(self) -> str:
        if self.response is None or (not self.response.data and not self.response.is_submitted):
            return "not_started"
        return self.response.status

    @property
    def state_label(self) -> str:
        return {
            "not_started": _("nicht begonnen"),
            "draft": _("Entwurf"),
            "submitted": _("abgegeben"),
        }[self.state]


def survey_progress(*, access: Access, survey: Survey) -> list[Progress]:
    """Per municipality: not started / draft / submitted (members see only their own row)."""
    municipalities = Municipality.objects.filter(cooperation=access.cooperation).order_by("name")
    if not access.is_coordinator:
        own = access.municipality_id
        municipalities = municipalities.filter(pk=own) if own else municipalities.none()
    responses = {
        r.municipality_id: r
        for r in Response.objects.filter(
            cooperation=access.cooperation, survey=survey
        ).select_related("updated_by")
    }
    return [Progress(municipality=m, response=responses.get(m.pk)) for m in municipalities]


def progress_counts(progress: list[Progress]) -> dict[str, int]:
    counts = {"not_started": 0, "draft": 0, "submitted": 0}
    for row in progress:
        counts[row.state] += 1
    return counts


def open_surveys(*, access: Access, until: dt.date | None = None) -> list[Survey]:
    """Open surveys with their deadline, soonest first (dashboard, the report's outlook).

    For a member each survey carries ``own_status`` (not_started / draft / submitted).
    """
    surveys = visible_surveys(access=access).filter(status=Survey.Status.OPEN)
    if until is not None:
        surveys = surveys.filter(deadline__lte=until)
    own = Response.objects.filter(
        survey=OuterRef("pk"), municipality_id=access.municipality_id or 0
    ).values("status")[:1]
    # One query for the dashboard, own state included.
    result: list[Survey] = list(
        surveys.select_related("body")
        .annotate(own_status=Coalesce(Subquery(own), Value("not_started")))
        .order_by("deadline", "pk")
    )
    return result


def evaluation_allowed(*, access: Access, survey: Survey) -> bool:
    if access.is_coordinator:
        return True
    if survey.evaluation_visibility == Survey.Visibility.COORDINATION:
        return False
    return survey.status != Survey.Status.DRAFT


def evaluation_anonymised(*, access: Access, survey: Survey) -> bool:
    return (
        not access.is_coordinator and survey.evaluation_visibility == Survey.Visibility.ANONYMISED
    )


# --- Links to projects and meetings ----------------------------------------------------------


def project_surveys(*, access: Access, project_id: int) -> list[Survey]:
    """The surveys of a project the visitor may see (members: sent ones; the public: none)."""
    if not access.is_member:
        return []
    return list(
        visible_surveys(access=access)
        .filter(project_id=project_id, is_template=False)
        .select_related("body")
        .order_by("-deadline", "-pk")
    )


def agenda_meeting_choices(*, access: Access, survey: Survey) -> QuerySet[Meeting]:
    """Meetings not yet held whose agenda may take the evaluation, the survey's body first."""
    own_body_first = Case(
        When(body_id=survey.body_id or 0, then=Value(0)),
        default=Value(1),
        output_field=IntegerField(),
    )
    return (
        Meeting.objects.filter(
            cooperation=access.cooperation,
            state__in=[Meeting.State.PLANNED, Meeting.State.INVITED],
        )
        .select_related("body")
        .annotate(own_body_first=own_body_first)
        .order_by("own_body_first", "date", "start_time", "pk")
    )


def survey_agenda_items(*, access: Access, survey: Survey) -> list[AgendaItem]:
    """Where the evaluation is on an agenda (for the coordinator's evaluation page)."""
    if not access.is_coordinator:
        return []
    return list(
        AgendaItem.objects.filter(cooperation=access.cooperation, survey=survey)
        .select_related("meeting", "meeting__body")
        .order_by("meeting__date", "meeting__pk")
    )


def evaluation_links(*, access: Access, items: Iterable[AgendaItem]) -> set[int]:
    """The agenda items (ids) whose survey's evaluation the visitor may open.

    No query: the meeting page loads the items with their survey. The public never gets a link.
    """
    if not access.is_member:
        return set()
    return {
        item.pk
        for item in items
        if item.survey is not None
        and item.survey.cooperation_id == access.cooperation.pk
        and not item.survey.is_template
        and (access.is_coordinator or item.survey.status != Survey.Status.DRAFT)
        and evaluation_allowed(access=access, survey=item.survey)
    }
