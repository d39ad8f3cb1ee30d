"""A milestone is "überfällig" once open and its whole date lies before today (issue #12: the
rule lives in ``Milestone.is_overdue``, not in the project page's template)."""

from __future__ import annotations

import datetime as dt

import pytest

from ikz.dates import PartialDate, Precision
from ikz.projects import services
from ikz.projects.models import Milestone
from tests.conftest import World, client_for
from tests.projects.helpers import project

D, M = Precision.DAY, Precision.MONTH
# (date, precision, done, today, overdue): picked by hand around the edges.
TABLE = [
    (dt.date(2024, 3, 15), D, False, dt.date(2024, 3, 14), False),  # before the day
    (dt.date(2024, 3, 15), D, False, dt.date(2024, 3, 15), False),  # due today: not yet
    (dt.date(2024, 3, 15), D, False, dt.date(2024, 3, 16), True),  # the day after
    (dt.date(2024, 3, 15), D, True, dt.date(2025, 1, 1), False),  # done never is
    (dt.date(2024, 2, 1), M, False, dt.date(2024, 2, 29), False),  # leap February's last day
    (dt.date(2024, 2, 1), M, False, dt.date(2024, 3, 1), True),
    (dt.date(2023, 2, 1), M, False, dt.date(2023, 2, 28), False),
    (dt.date(2023, 2, 1), M, False, dt.date(2023, 3, 1), True),
    (dt.date(2024, 12, 1), M, False, dt.date(2024, 12, 31), False),  # the year's end
    (dt.date(2024, 12, 1), M, False, dt.date(2025, 1, 1), True),
    (dt.date(2024, 12, 1), M, True, dt.date(2025, 6, 1), False),
]


@pytest.mark.parametrize(("date", "precision", "done", "today", "overdue"), TABLE)
def test_milestone_is_overdue(
    date: dt.date, precision: str, done: bool, today: dt.date, overdue: bool
) -> None:
    milestone = Milestone(title="M", date=date, date_precision=precision, done=done)
    assert milestone.is_overdue(today) is overdue


BADGE = 'class="kern-label">überfällig</span>'


def test_project_page_marks_only_the_overdue_milestones(
    world: World, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("ikz.projects.views.today", lambda: dt.date(2020, 3, 20))
    shown = project(cooperation=world.cooperation, title="Dreck-Weg-App", is_public=True)
    for title, when, done in [
        ("Gestern fällig", PartialDate.day(2020, 3, 19), False),
        ("Heute fällig", PartialDate.day(2020, 3, 20), False),
        ("Diesen Monat", PartialDate.month(2020, 3), False),
        ("Letzter Monat erledigt", PartialDate.month(2020, 2), True),
    ]:
        services.milestone_save(project=shown, title=title, when=when, done=done)
    page = client_for(world.member).get(f"/{world.cooperation.slug}/vorhaben/{shown.pk}/")
    assert page.status_code == 200
    html = page.content.decode()
    assert html.count(BADGE) == 1
    marked = html.index(BADGE)
    assert html.rfind("Gestern fällig", 0, marked) > html.rfind("</li>", 0, marked)
