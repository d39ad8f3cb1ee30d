"""Open milestones and funding deadlines: the deadline list and the dashboard card."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.db.models import F, Q, Value
from django.db.models.functions import Concat
from django.utils.translation import gettext as _

from ikz.accounts.access import Access
from ikz.dates import PartialDate, Precision
from ikz.projects.models import FundingApplication, Milestone, Project
from ikz.projects.selectors.visibility import visible_projects

DUE_SOON_DAYS = 14


@dataclass
class Deadline:
    kind: str  # "milestone" or "funding"
    title: str
    project: Project
    when: PartialDate
    is_deadline: bool
    done: bool
    overdue: bool = False
    due_soon: bool = False

    @property
    def kind_label(self) -> str:
        return _("Förderantrag") if self.kind == "funding" else _("Meilenstein")


def _overlaps(start: dt.date, end: dt.date, prefix: str) -> Q:
    """Day dates in [start, end], month dates whose month overlaps it."""
    return Q(**{f"{prefix}__gte": start, f"{prefix}__lte": end}) | Q(
        **{
            f"{prefix}_precision": Precision.MONTH,
            f"{prefix}__gte": start.replace(day=1),
            f"{prefix}__lte": end,
        }
    )


OPEN_APPLICATION_STATES = [
    FundingApplication.State.PLANNED,
]


def _deadline_rows(
    access: Access, *, milestone_q: Q, funding_q: Q, only_deadlines: bool
) -> list[Deadline]:
    """Open milestones and open funding deadlines of visible projects, in one UNION query
    (the dashboard has a fixed query budget)."""
    projects = visible_projects(access=access)
    columns = ("project_id", "project__title", "label", "day", "precision", "kind", "flag")
    milestones = (
        Milestone.objects.filter(
            milestone_q, cooperation=access.cooperation, project__in=projects, done=False
        )
        .annotate(
            label=F("title"),
            day=F("date"),
            precision=F("date_precision"),
            kind=Value("milestone"),
            flag=F("is_deadline"),
        )
        .values_list(*columns)
    )
    if only_deadlines:
        milestones = milestones.filter(is_deadline=True)
    applications = (
        FundingApplication.objects.filter(
            funding_q,
            cooperation=access.cooperation,
            project__in=projects,
            state__in=OPEN_APPLICATION_STATES,
            deadline__isnull=False,
        )
        .annotate(
            label=Concat(Value(_("Förderantrag") + " "), F("programme__name")),
            day=F("deadline"),
            precision=F("deadline_precision"),
            kind=Value("funding"),
            flag=Value(True),
        )
        .values_list(*columns)
    )
    rows = [
        Deadline(
            kind=kind,
            title=label,
            project=Project(pk=project_id, title=title, cooperation=access.cooperation),
            when=PartialDate(day, precision),
            is_deadline=bool(flag),
            done=False,
        )
        for project_id, title, label, day, precision, kind, flag in milestones.order_by().union(
            applications.order_by(), all=True
        )
    ]
    rows.sort(key=lambda row: (row.when.value, row.kind, row.title))
    return rows


def deadline_list(*, access: Access, today: dt.date, limit: int | None = None) -> list[Deadline]:
    """Open deadlines, overdue ones first (then by date), flagged against ``today``.

    Overdue: the whole day or month lies before ``today``. Due soon: not overdue and the day
    (or the month's last day) within ``DUE_SOON_DAYS`` days from ``today``.
    """
    rows = _deadline_rows(access, milestone_q=Q(), funding_q=Q(), only_deadlines=True)
    soon = today + dt.timedelta(days=DUE_SOON_DAYS)
    for row in rows:
        row.overdue = row.when.is_past(today)
        row.due_soon = not row.overdue and row.when.first_day <= soon
    return rows[:limit] if limit is not None else rows


def dashboard_context(*, access: Access, today: dt.date) -> dict[str, Any]:
    """What the dashboard's "Fristen" card shows (projects/_dashboard_deadlines.html)."""
    rows = deadline_list(access=access, today=today)
    return {
        "project_deadlines": rows[:8],
        "project_deadline_count": len(rows),
    }
