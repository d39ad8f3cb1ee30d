"""XLSX/CSV export of answers, and the import: a round trip, and a broken sheet refused whole."""

from __future__ import annotations

import datetime as dt
import io
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from openpyxl import Workbook, load_workbook

from ikz.surveys import services, spreadsheet_import, spreadsheets
from ikz.surveys.models import Response, Survey
from tests.conftest import World, client_for

from .helpers import answers, bauhof, complete_values, question, submit_answer


def _sheet_bytes(workbook: Workbook) -> bytes:
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def _full_values(survey: Survey) -> dict[str, Any]:
    return complete_values(
        bedarf_maschinen=["Kehrmaschine", "Hubsteiger"],
        anmerkungen="Winterdienst; teilweise mit Landwirten",
        auszubildende=2,
        maschinen={"0": {"anzahl": 2, "baujahr": 2009, "stunden": 1250.5}, "3": {"anzahl": 1}},
    )


@pytest.fixture
def survey(world: World) -> Survey:
    survey = bauhof(world)
    submit_answer(survey, world.municipality, **_full_values(survey))
    services.response_save(
        survey=survey,
        municipality=world.other_municipality,
        data=answers(survey, beschaeftigte=3, strassen_km=12.75),
        version=None,
    )
    return survey


def row_of(sheet: Any, name: str) -> int:
    for row in range(3, sheet.max_row + 1):
        if sheet.cell(row, 2).value == name:
            return row
    raise AssertionError(name)


def _import(world: World, survey: Survey, content: bytes, submit: bool = False) -> Any:
    upload = SimpleUploadedFile("antworten.xlsx", content, content_type=spreadsheets.XLSX_TYPE)
    url = reverse("surveys:import", args=[world.cooperation.slug, survey.pk])
    data = {"file": upload} | ({"submit": "on"} if submit else {})
    return client_for(world.coordinator).post(url, data)


def test_export_layout(world: World, survey: Survey) -> None:
    response = client_for(world.coordinator).get(
        reverse("surveys:answers_export", args=[world.cooperation.slug, survey.pk, "xlsx"])
    )
    assert response.status_code == 200
    assert response["Content-Type"] == spreadsheets.XLSX_TYPE
    sheet = load_workbook(io.BytesIO(response.content))["Antworten"]
    rows = list(sheet.iter_rows(values_only=True))
    keys = list(rows[0])
    assert keys[:4] == ["ags", "kommune", "status", "beschaeftigte"]
    assert "maschinen.z1.anzahl" in keys
    assert rows[1][3] == "Anzahl Beschäftigte Bauhof (Personen)"
    by_name = {row[1]: dict(zip(keys, row, strict=True)) for row in rows[2:]}
    stadt = by_name[world.municipality.name]
    assert stadt["status"] == "abgegeben"
    assert stadt["beschaeftigte"] == 12
    assert stadt["maschinen.z1.stunden"] == 1250.5
    assert stadt["bedarf_maschinen"] == "Kehrmaschine; Hubsteiger"
    assert stadt["maschinen_teilen"] == "ja"
    assert by_name[world.other_municipality.name]["status"] == "Entwurf"


def test_csv_export_is_german(world: World, survey: Survey) -> None:
    response = client_for(world.coordinator).get(
        reverse("surveys:answers_export", args=[world.cooperation.slug, survey.pk, "csv"])
    )
    text = response.content.decode("utf-8")
    assert text.startswith("\ufeffags;kommune;status;")
    assert ";12,75;" in text  # decimal comma


def test_xlsx_round_trip(world: World, survey: Survey) -> None:
    before = {r.municipality_id: r.data for r in Response.objects.filter(survey=survey)}
    content = spreadsheets.answers_xlsx(survey)
    # The same sheet imported again changes nothing, not even the submitted answer.
    plan = spreadsheet_import.plan_import(survey=survey, content=content, submit=False)
    assert plan.errors == []
    assert plan.answers == before
    # Into a fresh copy of the survey: every value arrives as it was.
    copy = services.survey_open(
        survey=services.survey_copy(survey=survey, fields={"deadline": dt.date(2020, 2, 1)})
    )
    sheet = load_workbook(io.BytesIO(content))
    response = _import(world, copy, _sheet_bytes(sheet))
    assert response.status_code == 302, response.content.decode()[:2000]
    by_key_before = {
        m: {
            question(survey, q.key).key: v
            for q in survey.questions.all()
            if (v := data.get(str(q.pk))) is not None
        }
        for m, data in before.items()
    }
    for imported in Response.objects.filter(survey=copy):
        as_keys = {
            q.key: imported.data.get(str(q.pk))
            for q in copy.questions.all()
            if str(q.pk) in imported.data
        }
        assert as_keys == by_key_before[imported.municipality_id]
        assert imported.status == Response.Status.DRAFT


def test_import_can_submit_complete_answers(world: World, survey: Survey) -> None:
    copy = services.survey_open(
        survey=services.survey_copy(survey=survey, fields={"deadline": dt.date(2020, 2, 1)})
    )
    sheet = load_workbook(io.BytesIO(spreadsheets.answers_xlsx(survey)))
    response = _import(world, copy, _sheet_bytes(sheet), submit=True)
    # The other municipality's draft lacks required answers: refused with the cells named.
    assert response.status_code == 400
    page = response.content.decode()
    draft_row = row_of(sheet["Antworten"], world.other_municipality.name)
    assert f"Zeile {draft_row}" in page
    assert "Pflichtfrage ohne Antwort" in page
    assert not Response.objects.filter(survey=copy).exists()
    sheet["Antworten"].delete_rows(draft_row)
    assert _import(world, copy, _sheet_bytes(sheet), submit=True).status_code == 302
    assert Response.objects.get(survey=copy).status == Response.Status.SUBMITTED


def test_broken_sheet_reports_every_bad_cell_and_imports_nothing(
    world: World, survey: Survey
) -> None:
    before = {r.pk: (r.data, r.version, r.status) for r in Response.objects.filter(survey=survey)}
    workbook = load_workbook(io.BytesIO(spreadsheets.answers_xlsx(survey)))
    sheet = workbook["Antworten"]
    keys = [c.value for c in sheet[1]]

    def column(key: str) -> int:
        return keys.index(key) + 1

    draft = row_of(sheet, world.other_municipality.name)
    sheet.cell(1, sheet.max_column + 1, "gibt_es_nicht")
    sheet.cell(draft, column("beschaeftigte"), "drei,5,5")
    sheet.cell(draft, column("strassen_km"), 99999)  # beyond 2,000 km
    sheet.cell(draft, column("maschinen_teilen"), "vielleicht")
    sheet.cell(draft, column("winterdienst_art"), "mit dem Besen")
    # A spreadsheet's date cells carry no time zone.
    sheet.cell(draft, column("maschinen.z2.anzahl"), dt.datetime(2020, 1, 1))  # noqa: DTZ001
    sheet.append(["99999999", "Nirgendwo", "", 1])
    sheet.append([world.other_municipality.ags, "doppelt", "", 1])
    response = _import(world, survey, _sheet_bytes(workbook))
    assert response.status_code == 400
    page = response.content.decode()
    letter = sheet.cell(1, column("beschaeftigte")).column_letter
    assert f"Zeile {draft}, Spalte {letter}: beschaeftigte: „drei,5,5“" in page
    assert "strassen_km: Der Wert darf höchstens 2.000 sein." in page
    assert "maschinen_teilen: „vielleicht“: bitte „ja“ oder „nein“ angeben." in page
    assert "„mit dem Besen“ ist keine Auswahlmöglichkeit" in page
    assert "Hier steht ein Datum" in page
    assert "Zeile 1, Spalte" in page
    assert "„gibt_es_nicht“ ist kein Kürzel" in page
    assert "Zeile 5, Spalte A: AGS „99999999“ ist keine Kommune der Kooperation." in page
    name = world.other_municipality.name
    assert f"Zeile 6, Spalte A: {name} steht schon in Zeile {draft}." in page
    assert "nichts wurde importiert" in page
    after = {r.pk: (r.data, r.version, r.status) for r in Response.objects.filter(survey=survey)}
    assert after == before


def test_changing_a_submitted_answer_by_import_is_refused(world: World, survey: Survey) -> None:
    workbook = load_workbook(io.BytesIO(spreadsheets.answers_xlsx(survey)))
    sheet = workbook["Antworten"]
    keys = [c.value for c in sheet[1]]
    sheet.cell(row_of(sheet, world.municipality.name), keys.index("beschaeftigte") + 1, 99)
    response = _import(world, survey, _sheet_bytes(workbook))
    assert response.status_code == 400
    assert "bereits abgegeben; bitte zuerst wieder öffnen" in response.content.decode()


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"this is no spreadsheet", "keine lesbare XLSX-Tabelle"),
        (b"PK\x03\x04broken zip", "keine lesbare XLSX-Tabelle"),
    ],
)
def test_not_a_spreadsheet(world: World, survey: Survey, content: bytes, message: str) -> None:
    response = _import(world, survey, content)
    assert response.status_code == 400
    assert message in response.content.decode()


def test_sheet_without_keys(world: World, survey: Survey) -> None:
    workbook = Workbook()
    workbook.active.append(["Kommune", "Wert"])
    response = _import(world, survey, _sheet_bytes(workbook))
    assert response.status_code == 400
    assert "beginnend mit „ags“" in response.content.decode()


@settings(
    max_examples=15, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    employees=st.integers(min_value=0, max_value=500),
    km=st.decimals(min_value=0, max_value=2000, places=2, allow_nan=False),
    as_text=st.booleans(),
)
def test_numbers_survive_the_sheet_as_numbers_or_german_text(
    world: World, employees: int, km: Any, as_text: bool
) -> None:
    from ikz.surveys.numbers import format_german_number

    survey = Survey.objects.filter(cooperation=world.cooperation, status="open").first() or bauhof(
        world
    )
    workbook = load_workbook(io.BytesIO(spreadsheets.answers_xlsx(survey)))
    sheet = workbook["Antworten"]
    keys = [c.value for c in sheet[1]]
    value_e: Any = format_german_number(employees) if as_text else employees
    value_k: Any = format_german_number(km) if as_text else float(km)
    row = row_of(sheet, world.municipality.name)
    sheet.cell(row, keys.index("beschaeftigte") + 1, value_e)
    sheet.cell(row, keys.index("strassen_km") + 1, value_k)
    content = _sheet_bytes(workbook)
    plan = spreadsheet_import.plan_import(survey=survey, content=content, submit=False)
    assert plan.errors == []
    data = plan.answers[world.municipality.pk]
    assert data[str(question(survey, "beschaeftigte").pk)] == employees
    assert data[str(question(survey, "strassen_km").pk)] == pytest.approx(float(km))


def test_text_that_looks_like_a_formula_stays_text(world: World) -> None:
    survey = bauhof(world)
    evil = '=HYPERLINK("http://example.org/x","Klick")'
    submit_answer(survey, world.municipality, **complete_values(anmerkungen=evil))
    sheet = load_workbook(io.BytesIO(spreadsheets.answers_xlsx(survey)))["Antworten"]
    row = row_of(sheet, world.municipality.name)
    column = [c.value for c in sheet[1]].index("anmerkungen") + 1
    cell = sheet.cell(row, column)
    assert cell.value == evil
    assert cell.data_type == "s"
    text = spreadsheets.answers_csv(survey).decode("utf-8")
    assert "'=HYPERLINK" in text
    assert spreadsheets._csv_safe("-3,5") == "-3,5"  # a negative number stays a number
    assert spreadsheets._csv_safe("-Kommentar") == "'-Kommentar"
    assert spreadsheets._csv_safe("@SUMME(A1)") == "'@SUMME(A1)"
    # The sheet still reads back as the same text.
    plan = spreadsheet_import.plan_import(
        survey=survey, content=spreadsheets.answers_xlsx(survey), submit=False
    )
    assert plan.errors == []
    assert plan.answers[world.municipality.pk][str(question(survey, "anmerkungen").pk)] == evil
