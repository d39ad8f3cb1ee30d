"""The attachments card on a body's page (``body_panel`` on the AppConfig)."""

from __future__ import annotations

import datetime as dt

from ikz.accounts.access import Access
from ikz.attachments import selectors
from ikz.attachments.parents import PARENTS
from ikz.cooperation.models import Body
from ikz.cooperation.panels import Panel


def body_panel(*, access: Access, body: Body, today: dt.date) -> Panel:  # noqa: ARG001 - the panel protocol passes the date to every panel
    return Panel(
        "attachments/_body_panel.html",
        {
            "attachments": selectors.attachments_of(access=access, kind="body", obj=body),
            "attachment_param": PARENTS["body"].param,
            "attachment_parent": body,
        },
    )
