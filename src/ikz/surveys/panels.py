"""The surveys app's card on the dashboard (see cooperation.panels)."""

from __future__ import annotations

import datetime as dt

from ikz.accounts.access import Access
from ikz.cooperation.panels import Panel
from ikz.surveys.selectors import open_surveys


def dashboard_panel(*, access: Access, today: dt.date) -> Panel:  # noqa: ARG001 - the panel protocol passes the date to every panel
    return Panel("surveys/_dashboard_card.html", {"open_surveys": open_surveys(access=access)})
