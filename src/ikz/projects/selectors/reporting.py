"""Reads for the monthly report (``ikz.reports``); periods are inclusive."""

from __future__ import annotations

import datetime as dt

from django.db.models import OuterRef, Q, Subquery

from ikz.accounts.access import Access
from ikz.projects.models import (
    FundingApplication,
    Goal,
    Milestone,
    Participation,
    Project,
    Stage,
    StageChange,
)
from ikz.projects.selectors.deadlines import Deadline, _deadline_rows, _overlaps
from ikz.projects.selectors.points import _hide_unreadable_points
from ikz.projects.selectors.visibility import visible_projects, visible_stage_changes

COUNCIL_STATUSES = [
    Participation.Status.COUNCIL_PENDING,
    Participation.Status.COUNCIL_APPROVED,
    Participation.Status.COUNCIL_DECLINED,
]


def upcoming_milestones_and_deadlines(
    *, access: Access, start: dt.date, end: dt.date
) -> list[Deadline]:
    """Open milestones (deadlines or not) and open funding deadlines in the period."""
    return _deadline_rows(
        access,
        milestone_q=_overlaps(start, end, "date"),
        funding_q=_overlaps(start, end, "deadline"),
        only_deadlines=False,
    )


def stage_changes_in_period(*, access: Access, start: dt.date, end: dt.date) -> list[StageChange]:
    changes = list(
        visible_stage_changes(access=access)
        .filter(project__in=visible_projects(access=access), date__gte=start, date__lte=end)
        .exclude(from_stage="")
        .select_related("project", "project__field", "meeting", "meeting__body", "point", "author")
        .order_by("date", "pk")
    )
    return _hide_unreadable_points(access, changes)


def new_projects_in_period(*, access: Access, start: dt.date, end: dt.date) -> list[Project]:
    created = visible_stage_changes(access=access).filter(
        from_stage="", date__gte=start, date__lte=end
    )
    return list(
        visible_projects(access=access)
        .filter(pk__in=created.values("project_id"))
        .select_related("field", "lead_municipality")
        .order_by("title")
    )


def council_decisions_in_period(
    *, access: Access, start: dt.date, end: dt.date
) -> list[Participation]:
    return list(
        Participation.objects.filter(
            cooperation=access.cooperation,
            project__in=visible_projects(access=access),
            status__in=COUNCIL_STATUSES,
            date__gte=start,
            date__lte=end,
        )
        .select_related("project", "municipality")
        .order_by("date", "project__title", "municipality__name")
    )


def goals_changed_in_period(*, access: Access, start: dt.date, end: dt.date) -> list[Goal]:
    return list(
        Goal.objects.filter(
            Q(updated_at__date__gte=start, updated_at__date__lte=end)
            | Q(set_in_meeting__date__gte=start, set_in_meeting__date__lte=end),
            cooperation=access.cooperation,
        ).order_by("rank", "title")
    )


def funding_for_report(*, access: Access, start: dt.date, end: dt.date) -> list[FundingApplication]:
    """Funding of visible projects a report names with its amounts: granted, submitted (and
    not yet decided), planned with a deadline from ``start`` on, and any application
    submitted in the period whatever became of it."""
    states = FundingApplication.State
    return list(
        FundingApplication.objects.filter(
            cooperation=access.cooperation, project__in=visible_projects(access=access)
        )
        .filter(
            Q(state__in=[states.GRANTED, states.SUBMITTED])
            | Q(state=states.PLANNED, deadline__gte=start)
            | Q(submitted_on__gte=start, submitted_on__lte=end)
        )
        .exclude(submitted_on__gt=end)
        .select_related("project", "programme")
        .order_by("project__title", "deadline", "pk")
    )


def project_status_at(
    *, access: Access, end: dt.date
) -> list[tuple[Project, str, Milestone | None]]:
    """Every visible project that existed at ``end``, with its stage on that day (from the
    stage history, so a later report does not rewrite an earlier one) and its next milestone
    still open on that day. Projects dropped by then ("nicht weiterverfolgt") are left out.
    Two queries, whatever the number of projects."""
    stage_then = (
        StageChange.objects.filter(project=OuterRef("pk"), date__lte=end)
        .order_by("-date", "-pk")
        .values("to_stage")[:1]
    )
    projects = list(
        visible_projects(access=access)
        .annotate(stage_then=Subquery(stage_then))
        .filter(stage_then__isnull=False)
        .exclude(stage_then=Stage.NOT_PURSUED)
        .select_related("lead_municipality", "lead_body")
        .order_by("title", "pk")
    )
    open_then = (
        Milestone.objects.filter(cooperation=access.cooperation, project__in=projects)
        .filter(Q(done=False) | Q(done_on__gt=end))
        .order_by("project_id", "date", "pk")
    )
    upcoming: dict[int, Milestone] = {}
    for milestone in open_then:
        upcoming.setdefault(milestone.project_id, milestone)
    return [(p, p.stage_then, upcoming.get(p.pk)) for p in projects]
