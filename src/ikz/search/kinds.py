"""The searchable kinds of the existing apps, each read through that app's selectors.

Listed in the order the results page groups them: minutes points, agenda items, meetings,
tasks, projects, surveys, reports, people.
"""

from __future__ import annotations

import re

from django.db.models import Q, QuerySet
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from ikz.accounts.access import Access
from ikz.cooperation import selectors as cooperation_selectors
from ikz.cooperation.models import Body, Person
from ikz.dates import PartialDate, format_partial_date
from ikz.meetings.models import AgendaItem, Meeting, Point, Task
from ikz.meetings.selectors import visible_meetings, visible_tasks
from ikz.projects.models import Project
from ikz.projects.selectors import readable_points, visible_projects
from ikz.reports.models import ReportVersion, StatusReport
from ikz.reports.selectors import visible_reports
from ikz.search import hidden
from ikz.search.models import SearchEntry
from ikz.search.registry import NOTHING, Document, Hit, Searchable, register, related
from ikz.surveys.models import Survey
from ikz.surveys.selectors import visible_surveys


def _meeting_context(meeting: Meeting) -> list[str]:
    return [meeting.heading, format_partial_date(meeting.when), meeting.body.name]


class _Urls:
    """The URLs of one URL name with the cooperation's slug and an object id: ``reverse`` once
    (with a stand-in id), then only the id is filled in. The hits are of the visitor's
    cooperation, so the slug comes from ``access``, not from a join."""

    _STAND_IN = 987654321

    def __init__(self, name: str, access: Access) -> None:
        url = reverse(name, args=[access.cooperation.slug, self._STAND_IN])
        # The last occurrence: the slug comes first and might hold the same digits.
        self._head, _stand_in, self._tail = url.rpartition(str(self._STAND_IN))

    def __call__(self, pk: int, anchor: str = "") -> str:
        return f"{self._head}{pk}{self._tail}" + (f"#{anchor}" if anchor else "")


def _meeting_url(access: Access, meeting: Meeting, anchor: str = "") -> str:
    url = reverse("meetings:detail", args=[access.cooperation.slug, meeting.pk])
    return url + (f"#{anchor}" if anchor else "")


def _readable_meetings(access: Access) -> QuerySet[Meeting]:
    """Meetings whose minutes the visitor may read (``meetings.selectors`` rules)."""
    meetings = visible_meetings(access=access)
    if not access.is_coordinator:
        meetings = meetings.filter(state=Meeting.State.MINUTES_PUBLISHED)
    return meetings


# --- Minutes points ----------------------------------------------------------------------------

# The public never sees an internal point nor anything below one. The index row's
# ``is_internal`` says exactly that for points (``ikz.search.hidden`` keeps it in step with the
# live tree), so the check is a column test; ``projects.selectors.readable_points`` walks the
# same rule in Python for the points finally shown.


def _point_document(point: Point) -> Document:
    meeting = related(point, "meeting", Meeting)
    return Document(
        title=point.get_kind_display(),
        text=point.text,
        meeting_id=meeting.pk,
        body_id=meeting.body_id,
        date=meeting.date,
        # Corrected by ``hidden.refresh`` (after_index) when a parent is internal.
        is_internal=point.is_internal,
    )


def _points_visible(access: Access) -> Q:
    condition = Q(meeting_id__in=_readable_meetings(access).values("pk"))
    if not access.is_member:
        condition &= Q(is_internal=False)
    return condition


def _point_hits(access: Access, ids: list[int]) -> dict[int, Hit]:
    # No ordering: the hits are looked up by id (an ORDER BY would only sort).
    points = list(
        Point.objects.filter(cooperation=access.cooperation, pk__in=ids)
        .select_related("meeting", "meeting__body")
        .order_by()
    )
    readable = readable_points(access, points)
    url, portal_url = _Urls("meetings:detail", access), _Urls("portal:meeting", access)
    return {
        p.pk: Hit(
            title=f"{p.get_kind_display()}: {p.meeting.heading}",
            url=url(p.meeting_id, f"point-{p.pk}"),
            portal_url=portal_url(p.meeting_id, f"point-{p.pk}"),
            context=_meeting_context(p.meeting),
            text=p.text,
        )
        for p in points
        if p.pk in readable
    }


def _refresh_hidden(point: Point) -> None:
    # The point may lie below an internal one, or its own flag may hide its subtree.
    hidden.refresh(meeting_ids=[point.meeting_id])


def _refresh_all_hidden(cooperation_ids: list[int] | None) -> None:
    hidden.refresh(cooperation_ids=cooperation_ids)


def _refresh_meeting_rows(meeting: Meeting) -> None:
    """A meeting moved to another day or body: its points and agenda items follow."""
    SearchEntry.objects.filter(meeting_id=meeting.pk).exclude(kind="meeting").update(
        body_id=meeting.body_id, date=meeting.date
    )


POINTS = register(
    Searchable(
        kind="point",
        label=_("Protokollpunkte"),
        model=Point,
        document=_point_document,
        visible=_points_visible,
        hits=_point_hits,
        after_index=_refresh_hidden,
        after_rebuild=_refresh_all_hidden,
        related=("meeting",),
        order=10,
    )
)


# --- Agenda items ------------------------------------------------------------------------------


def _agenda_document(item: AgendaItem) -> Document:
    meeting = related(item, "meeting", Meeting)
    return Document(
        title=item.title, meeting_id=meeting.pk, body_id=meeting.body_id, date=meeting.date
    )


def _agenda_hits(access: Access, ids: list[int]) -> dict[int, Hit]:
    items = (
        AgendaItem.objects.filter(
            cooperation=access.cooperation,
            pk__in=ids,
            meeting__in=visible_meetings(access=access),
        )
        .select_related("meeting", "meeting__body")
        .order_by()
    )
    url, portal_url = _Urls("meetings:detail", access), _Urls("portal:meeting", access)
    return {
        item.pk: Hit(
            title=item.title,
            url=url(item.meeting_id, f"top-{item.pk}"),
            portal_url=portal_url(item.meeting_id),
            context=_meeting_context(item.meeting),
            text="",
        )
        for item in items
    }


register(
    Searchable(
        kind="agenda_item",
        label=_("Tagesordnungspunkte"),
        model=AgendaItem,
        document=_agenda_document,
        visible=lambda access: Q(meeting_id__in=visible_meetings(access=access).values("pk")),
        hits=_agenda_hits,
        related=("meeting",),
        order=20,
    )
)


# --- Meetings ----------------------------------------------------------------------------------


def _meeting_document(meeting: Meeting) -> Document:
    body = related(meeting, "body", Body)
    return Document(
        title=meeting.heading,
        text=" ".join(part for part in (body.name, body.short_name, meeting.description) if part),
        meeting_id=meeting.pk,
        body_id=meeting.body_id,
        date=meeting.date,
    )


def _meeting_hits(access: Access, ids: list[int]) -> dict[int, Hit]:
    meetings = visible_meetings(access=access).filter(pk__in=ids).select_related("body").order_by()
    url, portal_url = _Urls("meetings:detail", access), _Urls("portal:meeting", access)
    return {
        m.pk: Hit(
            title=m.heading,
            url=url(m.pk),
            portal_url=portal_url(m.pk),
            context=[format_partial_date(m.when), m.body.name, m.get_state_display()],
            text=m.description,
        )
        for m in meetings
    }


register(
    Searchable(
        kind="meeting",
        label=_("Sitzungen"),
        model=Meeting,
        document=_meeting_document,
        visible=lambda access: Q(object_id__in=visible_meetings(access=access).values("pk")),
        hits=_meeting_hits,
        watch=((Body, lambda body: Meeting.objects.filter(body=body)),),
        after_index=_refresh_meeting_rows,
        related=("body",),
        order=30,
    )
)


# --- Tasks -------------------------------------------------------------------------------------


def _task_document(task: Task) -> Document:
    return Document(title=task.title, body_id=task.body_id, date=task.due)


def _task_hits(access: Access, ids: list[int]) -> dict[int, Hit]:
    tasks = (
        visible_tasks(access=access)
        .filter(pk__in=ids)
        .select_related("body", "point__meeting")
        .order_by()
    )
    hits = {}
    for task in tasks:
        point = task.point
        if point is not None:
            url = _meeting_url(access, point.meeting, f"point-{point.pk}")
        else:
            url = reverse("tasks:list", args=[access.cooperation.slug]) + f"#task-{task.pk}"
        due = format_partial_date(PartialDate.from_fields(task.due, task.due_precision))
        context = [task.body.name, task.get_state_display()]
        if due:
            context.insert(1, str(_("fällig %(date)s") % {"date": due}))
        hits[task.pk] = Hit(title=task.title, url=url, context=context, text=task.title)
    return hits


register(
    Searchable(
        kind="task",
        label=_("Aufgaben"),
        model=Task,
        document=_task_document,
        visible=lambda access: (
            Q(object_id__in=visible_tasks(access=access).values("pk"))
            if access.is_member
            else NOTHING
        ),
        hits=_task_hits,
        order=40,
    )
)


# --- Projects ----------------------------------------------------------------------------------


def _project_document(project: Project) -> Document:
    return Document(
        title=project.title, text=project.description, body_id=project.lead_body_id, date=None
    )


def _project_hits(access: Access, ids: list[int]) -> dict[int, Hit]:
    projects = (
        visible_projects(access=access)
        .filter(pk__in=ids)
        .select_related("field", "lead_body")
        .order_by()
    )
    url, portal_url = _Urls("projects:detail", access), _Urls("portal:project", access)
    return {
        p.pk: Hit(
            title=p.title,
            url=url(p.pk),
            portal_url=portal_url(p.pk),
            context=[
                str(p.get_stage_display()),
                *([p.field.name] if p.field else []),
                *([p.lead_body.name] if p.lead_body else []),
            ],
            text=p.description,
        )
        for p in projects
    }


register(
    Searchable(
        kind="project",
        label=_("Vorhaben"),
        model=Project,
        document=_project_document,
        visible=lambda access: Q(object_id__in=visible_projects(access=access).values("pk")),
        hits=_project_hits,
        order=50,
    )
)


# --- Surveys -----------------------------------------------------------------------------------


def _survey_document(survey: Survey) -> Document:
    return Document(
        title=survey.title, text=survey.description, body_id=survey.body_id, date=survey.deadline
    )


def _survey_hits(access: Access, ids: list[int]) -> dict[int, Hit]:
    surveys = visible_surveys(access=access).filter(pk__in=ids).select_related("body").order_by()
    hits = {}
    for survey in surveys:
        context = [str(survey.get_status_display())]
        if survey.deadline:
            context.append(
                str(
                    _("Frist %(date)s")
                    % {"date": format_partial_date(PartialDate(survey.deadline))}
                )
            )
        if survey.body:
            context.append(survey.body.name)
        hits[survey.pk] = Hit(
            title=survey.title,
            url=reverse("surveys:detail", args=[access.cooperation.slug, survey.pk]),
            context=context,
            text=survey.description,
        )
    return hits


register(
    Searchable(
        kind="survey",
        label=_("Umfragen"),
        model=Survey,
        document=_survey_document,
        visible=lambda access: (
            Q(object_id__in=visible_surveys(access=access).values("pk"))
            if access.is_member
            else NOTHING
        ),
        hits=_survey_hits,
        order=60,
    )
)


# --- Reports (published versions) --------------------------------------------------------------


def _plain(markdown: str) -> str:
    """The report's Markdown as running text: no heading marks, bullets or emphasis."""
    lines = (re.sub(r"^\s*(#+|[-*>]|[0-9]+\.)\s+", "", line) for line in markdown.splitlines())
    return " ".join(line.replace("**", "").replace("__", "") for line in lines if line.strip())


def _version_document(version: ReportVersion) -> Document:
    return Document(
        title=version.title,
        text=_plain(version.data("md").decode("utf-8", errors="replace")),
        date=related(version, "report", StatusReport).period_start,
    )


def _visible_versions(access: Access) -> QuerySet[ReportVersion]:
    versions = ReportVersion.objects.filter(
        cooperation=access.cooperation, report__in=visible_reports(access=access)
    )
    if not access.is_member:
        versions = versions.filter(audience=StatusReport.Audience.PUBLIC)
    return versions


def _version_hits(access: Access, ids: list[int]) -> dict[int, Hit]:
    versions = (
        _visible_versions(access)
        .filter(pk__in=ids)
        .defer("content", "html", "pdf", "docx", "pptx")
        .select_related("report")
        .order_by()
    )
    slug = access.cooperation.slug
    hits = {}
    for version in versions:
        published = format_partial_date(PartialDate(timezone.localdate(version.published_at)))
        hits[version.pk] = Hit(
            title=version.title,
            url=reverse("reports:version", args=[slug, version.report_id, version.number]),
            portal_url=(
                reverse("portal:report", args=[slug, version.report_id])
                if version.audience == StatusReport.Audience.PUBLIC
                else ""
            ),
            context=[
                version.report.period_label,
                str(_("Version %(number)s") % {"number": version.number}),
                str(_("veröffentlicht %(date)s") % {"date": published}),
            ],
            text=_plain(version.data("md").decode("utf-8", errors="replace")),
        )
    return hits


register(
    Searchable(
        kind="report",
        label=_("Berichte"),
        model=ReportVersion,
        document=_version_document,
        visible=lambda access: Q(object_id__in=_visible_versions(access).values("pk")),
        hits=_version_hits,
        related=("report",),
        order=70,
    )
)


# --- People ------------------------------------------------------------------------------------


def _person_document(person: Person) -> Document:
    parts = (person.function, person.organisation)
    return Document(title=person.full_name, text=" ".join(p for p in parts if p))


def _person_hits(access: Access, ids: list[int]) -> dict[int, Hit]:
    if not access.is_member:
        return {}
    people = cooperation_selectors.person_list(access=access).filter(pk__in=ids).order_by()
    return {
        p.pk: Hit(
            title=p.full_name,
            url=reverse("cooperation:person_detail", args=[access.cooperation.slug, p.pk]),
            context=[part for part in (p.function, p.affiliation) if part],
            text=" ".join(part for part in (p.function, p.organisation) if part),
        )
        for p in people
    }


register(
    Searchable(
        kind="person",
        label=_("Personen"),
        model=Person,
        document=_person_document,
        visible=lambda access: Q() if access.is_member else NOTHING,
        hits=_person_hits,
        order=80,
    )
)
