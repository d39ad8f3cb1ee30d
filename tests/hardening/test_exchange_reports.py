"""Status reports travel in the exchange file: drafts and every published version, frozen."""

from __future__ import annotations

import copy
import datetime as dt
from typing import Any

import pytest

from ikz.cooperation.models import Cooperation
from ikz.exchange.protocol import ExchangeError
from ikz.exchange.services import dumps, export_cooperation, import_cooperation, parse
from ikz.meetings.models import Point
from ikz.reports import services
from ikz.reports.models import ReportVersion, StatusReport
from ikz.reports.renderers import FORMATS
from tests.conftest import World
from tests.reports.helpers import DEC, held_meeting


def published_report(world: World, *, twice: bool = True) -> tuple[StatusReport, Point]:
    meeting = held_meeting(world.member_body, points=("Bauhof-Abfrage beschlossen", "Intern"))
    hidden = Point.objects.get(meeting=meeting, text="Intern")
    report = services.report_create(
        cooperation=world.cooperation, period_start=DEC[0], period_end=DEC[1]
    )
    services.report_update_texts(
        report=report, title="Statusbericht Dezember", introduction="Einleitung", remarks=""
    )
    report = services.report_set_item_hidden(report=report, key=f"point:{hidden.pk}", hidden=True)
    services.report_publish(report=report, issued_on=dt.date(2020, 1, 6))
    if not twice:
        return StatusReport.objects.get(pk=report.pk), hidden
    services.report_update_texts(
        report=StatusReport.objects.get(pk=report.pk),
        title="Statusbericht Dezember",
        introduction="Einleitung, nach der Veröffentlichung geändert",
        remarks="",
    )
    services.report_publish(
        report=StatusReport.objects.get(pk=report.pk), issued_on=dt.date(2020, 1, 7)
    )
    services.report_create(
        cooperation=world.cooperation,
        period_start=dt.date(2020, 1, 1),
        period_end=dt.date(2020, 1, 31),
    )
    return StatusReport.objects.get(pk=report.pk), hidden


def test_reports_and_every_version_round_trip(world: World) -> None:
    report, hidden = published_report(world)
    data = export_cooperation(cooperation=world.cooperation)
    assert [r["state"] for r in data["status_reports"]] == ["published", "draft"]
    assert [v["number"] for v in data["status_reports"][0]["versions"]] == [1, 2]

    imported = import_cooperation(data=parse(dumps(data)), slug="kopie")
    copies = list(StatusReport.objects.filter(cooperation=imported).order_by("period_start"))
    assert [(c.state, c.period_start) for c in copies] == [
        ("published", DEC[0]),
        ("draft", dt.date(2020, 1, 1)),
    ]
    original_versions = list(report.versions.order_by("number"))
    copied_versions = list(ReportVersion.objects.filter(report=copies[0]).order_by("number"))
    assert len(copied_versions) == 2
    for original, copied in zip(original_versions, copied_versions, strict=True):
        assert copied.cooperation_id == imported.pk
        assert copied.published_at == original.published_at
        assert copied.content == original.content
        for fmt in FORMATS:
            assert copied.data(fmt) == original.data(fmt), fmt  # frozen bytes, not re-rendered
    # The hidden point is hidden in the copy too: its key names the copied point.
    copied_point = Point.objects.get(cooperation=imported, text="Intern")
    assert copies[0].hidden_keys == [f"point:{copied_point.pk}"]
    assert copied_point.pk != hidden.pk
    again = export_cooperation(cooperation=imported)
    assert again["status_reports"] == data["status_reports"]


def _export(world: World, *, twice: bool) -> dict[str, Any]:
    published_report(world, twice=twice)
    return export_cooperation(cooperation=world.cooperation)


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (lambda r: r.update(period_start="9999-12-01", period_end="9999-12-31"), "1900 bis 2100"),
        (lambda r: r.update(period_end="2018-01-01"), "vor seinem Beginn"),
        (lambda r: r["versions"][0]["files"].update(pdf="QUJD"), "Prüfsumme"),
        (lambda r: r["versions"][0]["files"].update(md="kein base64!"), "Base64"),
        (lambda r: r.update(versions=[]), "mindestens eine Version"),
        (lambda r: r.update(hidden_keys=["point:999"]), "nicht enthalten"),
        (lambda r: r["versions"][1].update(number=1), "Version"),
    ],
)
def test_broken_reports_are_refused_and_nothing_is_written(
    world: World, change: Any, message: str
) -> None:
    # Only the duplicate-number case needs a second version (publishing renders every format).
    data = copy.deepcopy(_export(world, twice=message == "Version"))
    change(data["status_reports"][0])
    before = StatusReport.objects.count(), Cooperation.objects.count()
    with pytest.raises(ExchangeError, match=message):
        import_cooperation(data=parse(dumps(data)), slug="kaputt")
    assert (StatusReport.objects.count(), Cooperation.objects.count()) == before


def test_the_importer_applies_the_person_rule_of_the_form(world: World) -> None:
    """A person belongs to a municipality or to an organisation, not both: a database
    constraint now, so the importer (and the admin) cannot bypass it."""
    data = export_cooperation(cooperation=world.cooperation)
    person = next(p for p in data["structure"]["people"] if p.get("municipality"))
    person["organisation"] = "Landratsamt"
    with pytest.raises(ExchangeError, match="nicht beides"):
        import_cooperation(data=parse(dumps(data)), slug="zwei-rollen")
    assert not Cooperation.objects.filter(slug="zwei-rollen").exists()


def test_the_database_refuses_a_person_with_both(world: World) -> None:
    from django.db import IntegrityError, transaction

    from ikz.cooperation.models import Person

    with pytest.raises(IntegrityError), transaction.atomic():
        Person.objects.create(
            cooperation=world.cooperation,
            given_name="Doppelt",
            family_name="Zugeordnet",
            municipality=world.municipality,
            organisation="Landratsamt",
        )
