"""Context for pages of other apps: the body page and the cooperation dashboard."""

from __future__ import annotations

import datetime as dt
from typing import Any

from ikz.accounts.access import Access
from ikz.cooperation.models import Body
from ikz.meetings.selectors.lists import body_meetings, next_meetings
from ikz.meetings.selectors.tasks import body_open_tasks, overdue_tasks


def body_page_context(*, access: Access, body: Body, today: dt.date) -> dict[str, Any]:
    """What the body page shows of meetings and tasks (meetings/_body_meetings.html)."""
    upcoming, past = body_meetings(access=access, body=body, today=today)
    return {
        "body_meetings_upcoming": upcoming,
        "body_meetings_past": past,
        "body_tasks": body_open_tasks(access=access, body=body, today=today),
    }


def dashboard_context(*, access: Access, today: dt.date) -> dict[str, Any]:
    """What the dashboard shows of meetings and tasks (meetings/_dashboard_meetings.html)."""
    overdue, overdue_count = overdue_tasks(access=access, today=today)
    return {
        "dashboard_next_meetings": next_meetings(access=access, today=today),
        "dashboard_overdue_tasks": overdue,
        "dashboard_overdue_count": overdue_count,
    }
