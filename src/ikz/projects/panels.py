"""The projects app's deadline card on the dashboard and the project links of each minutes
point on a meeting's page (see cooperation.panels)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Collection

from ikz.accounts.access import Access
from ikz.cooperation.panels import Panel
from ikz.meetings.models import Meeting
from ikz.projects.selectors import dashboard_context, point_projects


def dashboard_panel(*, access: Access, today: dt.date) -> Panel:
    return Panel(
        "projects/_dashboard_deadlines.html", dashboard_context(access=access, today=today)
    )


def point_panel(*, access: Access, meeting: Meeting, point_ids: Collection[int] | None) -> Panel:
    """The projects a point is linked to, and for the coordinator the link to link one."""
    return Panel(
        "projects/_point_links.html",
        {"point_projects": point_projects(access=access, meeting=meeting, point_ids=point_ids)},
    )
