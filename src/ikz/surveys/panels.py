"""The surveys app's cards: on the dashboard, on a project's page and on a meeting's agenda
(see cooperation.panels)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from ikz.accounts.access import Access
from ikz.cooperation.panels import Panel
from ikz.meetings.models import AgendaItem, Meeting
from ikz.projects.models import Project
from ikz.surveys.selectors import evaluation_links, open_surveys, project_surveys


def dashboard_panel(*, access: Access, today: dt.date) -> Panel:  # noqa: ARG001 - the panel protocol passes the date to every panel
    return Panel("surveys/_dashboard_card.html", {"open_surveys": open_surveys(access=access)})


def project_panel(*, access: Access, project: Project, today: dt.date) -> Panel:  # noqa: ARG001 - the panel protocol passes the date to every panel
    """The section "Umfragen" of a project's page (members only)."""
    return Panel(
        "surveys/_project_panel.html",
        {"project_surveys": project_surveys(access=access, project_id=project.pk)},
    )


def agenda_item_panel(*, access: Access, meeting: Meeting, items: Sequence[AgendaItem]) -> Panel:  # noqa: ARG001 - the panel protocol passes the meeting to every panel
    """The link "Auswertung ansehen" beside an agenda item that carries a survey's evaluation."""
    return Panel(
        "surveys/_agenda_item_links.html",
        {"evaluation_links": evaluation_links(access=access, items=items)},
    )
