"""The projects app's deadline card on the dashboard (see cooperation.panels)."""

from __future__ import annotations

import datetime as dt

from ikz.accounts.access import Access
from ikz.cooperation.panels import Panel
from ikz.projects.selectors import dashboard_context


def dashboard_panel(*, access: Access, today: dt.date) -> Panel:
    return Panel(
        "projects/_dashboard_deadlines.html", dashboard_context(access=access, today=today)
    )
