"""The agreements app's cards on the dashboard, the deadline list and a project's page
(see cooperation.panels)."""

from __future__ import annotations

import datetime as dt

from ikz.accounts.access import Access
from ikz.agreements import selectors
from ikz.agreements.deadlines import deadlines
from ikz.cooperation.panels import Panel
from ikz.projects.models import Project

DASHBOARD_LIMIT = 6


def dashboard_panel(*, access: Access, today: dt.date) -> Panel:
    rows = deadlines(access=access, today=today) if access.is_member else []
    return Panel(
        "agreements/_dashboard_card.html",
        {"agreement_deadlines": rows[:DASHBOARD_LIMIT], "agreement_deadline_count": len(rows)},
    )


def deadline_panel(*, access: Access, today: dt.date) -> Panel:
    rows = deadlines(access=access, today=today) if access.is_member else []
    return Panel("agreements/_deadline_section.html", {"agreement_deadline_rows": rows})


def project_panel(*, access: Access, project: Project, today: dt.date) -> Panel:  # noqa: ARG001 - the panel protocol passes the date to every panel
    agreements = list(
        selectors.visible_agreements(access=access)
        .filter(project=project)
        .select_related("performing_municipality")
        .order_by("title")
    )
    return Panel(
        "agreements/_project_panel.html",
        {"project_agreements": agreements, "agreement_project": project},
    )
