"""The public audience never sees anything internal, in no format."""

from __future__ import annotations

import datetime as dt

import pytest

from ikz.cooperation.models import Body
from ikz.meetings.services_minutes import point_add, task_create
from ikz.projects import services as project_services
from ikz.reports.assembly import AssemblySettings, assemble_report, audience_access
from ikz.reports.content import Report
from ikz.reports.renderers import FORMATS, render
from tests.conftest import World
from tests.factories import BodyFactory
from tests.reports.helpers import DEC, held_meeting, set_status, texts_of

pytestmark = pytest.mark.django_db

SECRETS = (
    "Geheimer Punkt",
    "Unterpunkt eines geheimen Punkts",
    "Punkt einer internen Sitzung",
    "Interner Stand der AG",
    "Internes Vorhaben",
    "Interne Aufgabe",
)
VISIBLE = ("Öffentlicher Punkt", "Stand der Bürgerwerkstatt")


def _data(world: World) -> None:
    public = held_meeting(world.public_body, is_public=True, points=("Öffentlicher Punkt",))
    secret = point_add(meeting=public, text="Geheimer Punkt", is_internal=True)
    point_add(meeting=public, text="Unterpunkt eines geheimen Punkts", parent=secret)
    held_meeting(world.internal_body, day=10, points=("Punkt einer internen Sitzung",))
    set_status(world.internal_body, "Interner Stand der AG")
    set_status(world.public_body, "Stand der Bürgerwerkstatt")
    project_services.project_create(
        cooperation=world.cooperation,
        fields={"title": "Internes Vorhaben", "is_public": False},
        date=dt.date(2019, 12, 3),
    )
    task_create(
        cooperation=world.cooperation,
        body=world.internal_body,
        title="Interne Aufgabe",
        due=None,
    )


def _report(world: World, audience: str) -> Report:
    start, end = DEC
    return assemble_report(
        access=audience_access(cooperation=world.cooperation, audience=audience),
        period_start=start,
        period_end=end,
        audience=audience,
        settings=AssemblySettings(issued_on=dt.date(2019, 12, 19)),
    )


@pytest.mark.parametrize("fmt", FORMATS)
def test_public_report_has_nothing_internal(world: World, fmt: str) -> None:
    _data(world)
    text = texts_of(fmt, render(_report(world, "public"), fmt))
    for secret in SECRETS:
        assert secret not in text
    for visible in VISIBLE:
        assert visible in text


def test_internal_report_has_everything(world: World) -> None:
    _data(world)
    text = texts_of("md", render(_report(world, "internal"), "md"))
    for expected in (*SECRETS, *VISIBLE):
        assert expected in text
    assert "Internes Vorhaben: neues Vorhaben" in text


def test_other_cooperation_never_shows(world: World, other: World) -> None:
    _data(world)
    held_meeting(other.public_body, is_public=True, points=("Punkt der anderen Kooperation",))
    set_status(other.member_body, "Stand der anderen Kooperation")
    text = texts_of("md", render(_report(world, "internal"), "md"))
    assert "anderen Kooperation" not in text


def _merge(body: Body, into: Body) -> None:
    body.active_until = dt.date(2019, 12, 1)
    body.active_until_precision = "month"
    body.merged_into = into
    body.save()


def test_public_report_never_names_an_internal_merge_target(world: World) -> None:
    """A public body merged into an internal one: the public report says nothing of the
    target (not even in the transition note); the internal report names it."""
    _merge(world.public_body, into=world.internal_body)
    internal_name = world.internal_body.label
    note = f"ab 01/2020: Übergang {world.public_body.label} in {internal_name}"
    internal = texts_of("md", render(_report(world, "internal"), "md"))
    assert note in internal
    for fmt in ("md", "html"):
        public = texts_of(fmt, render(_report(world, "public"), fmt))
        assert internal_name not in public, fmt
        assert "Übergang" not in public, fmt


def test_public_report_names_a_public_merge_target(world: World) -> None:
    # The counter-check: the note itself is public when its target is.
    target = BodyFactory(cooperation=world.cooperation, name="Lenkungsgruppe", is_public=True)
    _merge(world.public_body, into=target)
    public = texts_of("md", render(_report(world, "public"), "md"))
    assert f"ab 01/2020: Übergang {world.public_body.label} in Lenkungsgruppe" in public
