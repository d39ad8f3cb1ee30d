"""Reads of the portal. Every function takes the *public* access of the cooperation
(``public_access``), whoever is logged in: the portal never shows anything internal, and it
reads only through the apps' own selectors, which apply the public audience rules."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db.models import QuerySet
from django.http import Http404

from ikz.accounts.access import Access, Level
from ikz.attachments import selectors as attachment_selectors
from ikz.attachments.models import Attachment
from ikz.cooperation import selectors as cooperation_selectors
from ikz.cooperation.models import Body, Cooperation, Municipality
from ikz.meetings import selectors as meeting_selectors
from ikz.meetings.models import Meeting
from ikz.projects import selectors as project_selectors
from ikz.projects.models import Project
from ikz.reports import selectors as report_selectors
from ikz.reports.models import ReportVersion, StatusReport

ARCHIVE_LIMIT = 500
FEED_LIMIT = 30


def public_access(cooperation: Cooperation) -> Access:
    return Access(cooperation=cooperation, level=Level.PUBLIC)


@dataclass
class Landing:
    municipalities: list[Municipality]
    bodies: list[Body]
    events: list[Meeting]
    reports: list[ReportVersion]
    goal_count: int
    project_count: int

    @property
    def population(self) -> int:
        return sum(m.population or 0 for m in self.municipalities)


def landing(*, access: Access, today: dt.date) -> Landing:
    return Landing(
        municipalities=[
            m
            for m in cooperation_selectors.municipality_list(access=access)
            if m.left_on is None or m.left_on >= today
        ],
        bodies=list(public_bodies(access=access)),
        events=meeting_selectors.next_meetings(access=access, today=today, limit=3),
        reports=report_selectors.public_versions(access=access, limit=3),
        goal_count=len(project_selectors.goals_ranked(access=access)),
        project_count=project_selectors.visible_projects(access=access).count(),
    )


def public_bodies(*, access: Access) -> QuerySet[Body]:
    return (
        cooperation_selectors.visible_bodies(access=access).filter(is_public=True).order_by("name")
    )


def report_archive(*, access: Access) -> list[ReportVersion]:
    return report_selectors.public_versions(access=access, limit=ARCHIVE_LIMIT)


def public_report(*, access: Access, pk: int) -> tuple[StatusReport, ReportVersion]:
    """A public report and its latest version; 404 for drafts and internal reports."""
    report = report_selectors.report_get(access=access, pk=pk)
    versions = [
        v
        for v in report_selectors.versions_of(report=report)
        if v.audience == StatusReport.Audience.PUBLIC
    ]
    if not versions:
        raise Http404
    return report, versions[0]


def upcoming_events(*, access: Access, today: dt.date) -> list[meeting_selectors.MonthGroup]:
    return meeting_selectors.meetings_by_month(access=access, today=today, period="upcoming")


def body_page(
    *, access: Access, pk: int, today: dt.date
) -> tuple[Body, list[Meeting], list[Meeting]]:
    """A public body with its upcoming meetings and its meetings with published minutes."""
    body = cooperation_selectors.body_get(access=access, pk=pk)
    if not body.is_public:
        raise Http404
    upcoming, past = meeting_selectors.body_meetings(
        access=access, body=body, today=today, past_limit=200
    )
    minutes = [m for m in past if m.state == Meeting.State.MINUTES_PUBLISHED]
    return body, upcoming, minutes


def recent_minutes(*, access: Access, limit: int = FEED_LIMIT) -> list[Meeting]:
    return list(
        meeting_selectors.visible_meetings(access=access)
        .filter(state=Meeting.State.MINUTES_PUBLISHED)
        .select_related("body", "location")
        .order_by("-updated_at", "-pk")[:limit]
    )


def public_projects(*, access: Access) -> list[Project]:
    return list(
        project_selectors.visible_projects(access=access)
        .select_related("field", "lead_body", "lead_municipality")
        .order_by("title")
    )


def meeting_files(*, access: Access, meeting: Meeting) -> list[Attachment]:
    """The public attachments of a public meeting and its agenda items (with their versions);
    never one "nur für die Koordination" (``access`` is the public's)."""
    return attachment_selectors.meeting_attachments(access=access, meeting=meeting)
