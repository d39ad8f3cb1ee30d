"""The meetings app's cards on the dashboard and on a body's page (see cooperation.panels)."""

from __future__ import annotations

import datetime as dt

from ikz.accounts.access import Access
from ikz.cooperation.models import Body
from ikz.cooperation.panels import Panel
from ikz.meetings.selectors import body_page_context, dashboard_context


def dashboard_panel(*, access: Access, today: dt.date) -> Panel:
    return Panel("meetings/_dashboard_meetings.html", dashboard_context(access=access, today=today))


def body_panel(*, access: Access, body: Body, today: dt.date) -> Panel:
    return Panel(
        "meetings/_body_meetings.html", body_page_context(access=access, body=body, today=today)
    )
