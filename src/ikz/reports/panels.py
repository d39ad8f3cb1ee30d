"""The reports app's card on the dashboard (see cooperation.panels)."""

from __future__ import annotations

import datetime as dt

from ikz.accounts.access import Access
from ikz.cooperation.panels import Panel
from ikz.reports.selectors import dashboard_context


def dashboard_panel(*, access: Access, today: dt.date) -> Panel:  # noqa: ARG001 - the panel protocol passes the date to every panel
    return Panel("reports/_dashboard_card.html", dashboard_context(access=access))
