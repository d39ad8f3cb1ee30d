"""The input findings of the reliability test (issue 10), one test each, on the real pages."""

from __future__ import annotations

import io

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.test import RequestFactory
from hypothesis import given, settings
from hypothesis import strategies as st
from markdown_it import MarkdownIt
from openpyxl import load_workbook

from ikz.cooperation.models import Cooperation, Municipality
from ikz.inputs import normalise_text, parse_int, parse_key, safe_local_url
from ikz.meetings.models import Meeting
from ikz.projects.models import Goal
from ikz.reports.models import StatusReport
from ikz.reports.renderers import markdown
from tests.conftest import World, client_for
from tests.hardening.scene import build, snapshot
from tests.surveys.helpers import bauhof

# --- Unit: the one place ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("raw", "clean"),
    [
        ("Zeile 1\x0bZeile 2", "Zeile 1\nZeile 2"),  # Word's line break
        ("Seite\x0cneu", "Seite\nneu"),
        ("a\r\nb\rc", "a\nb\nc"),
        ("Null\x00Byte", "NullByte"),
        ("\x1b[31mrot\x7f", "[31mrot"),
        ("Tab\tbleibt\nund Zeile", "Tab\tbleibt\nund Zeile"),
        ("Umlaute äöü – „Anführung“", "Umlaute äöü – „Anführung“"),
        ("nicht\ufffeerlaubt\uffff", "nichterlaubt"),
    ],
)
def test_normalise_text(raw: str, clean: str) -> None:
    assert normalise_text(raw) == clean


@pytest.mark.parametrize(
    ("raw", "key"),
    [
        ("1", 1),
        ("42", 42),
        (" 7 ", 7),
        ("9223372036854775807", 2**63 - 1),
        ("²", None),
        ("٣", None),
        ("１２", None),
        ("0", None),
        ("-1", None),
        ("9223372036854775808", None),
        ("9" * 25, None),
        ("1e3", None),
        ("", None),
        (None, None),
    ],
)
def test_parse_key(raw: object, key: int | None) -> None:
    assert parse_key(raw) == key


def test_parse_int_bounds() -> None:
    assert parse_int("-3", low=-5, high=5) == -3
    assert parse_int("6", low=-5, high=5) is None
    assert parse_int("³") is None


@pytest.mark.parametrize(
    ("target", "safe"),
    [
        ("/koop-a/aufgaben/?status=alle", True),
        ("zzz", False),
        ("//evil.example/", False),
        ("/\\evil.example", False),
        ("https://evil.example/", False),
        ("", False),
        ("/a\x0bb", False),
        ("javascript:alert(1)", False),
    ],
)
def test_safe_local_url(rf: RequestFactory, target: str, safe: bool) -> None:
    request = rf.get("/")
    assert (safe_local_url(request, target) == target) is safe


# --- Pages: each finding ------------------------------------------------------------------------


@pytest.mark.parametrize(
    "path",
    [
        "sitzungen/?gremium=%C2%B2",
        "sitzungen/kalender/?gremium=%C2%B2",
        "aufgaben/?gremium=%C2%B2",
        "vorhaben/?feld=%C2%B2&gremium=%D9%A3",
        "vorhaben/liste/?kommune=%C2%B2",
        "sitzungen/?gremium=99999999999999999999999",
    ],
)
def test_unicode_digits_in_filters_are_ignored(world: World, path: str) -> None:
    client = client_for(world.coordinator if "aufgaben" in path else None)
    response = client.get(f"/{world.cooperation.slug}/{path}")
    assert response.status_code == 200


def test_minutes_editor_parameters_with_unicode_digits(world: World) -> None:
    scene = build(world)
    url = f"/{scene.slug}/sitzungen/{scene.meeting.pk}/protokoll/"
    client = client_for(world.coordinator)
    assert client.get(url, {"draft": "1", "parent": "²", "position": "²"}).status_code in (200, 404)
    response = client.post(
        url + "neu/", {"text": "Neu", "kind": "information", "parent": "²", "position": "³"}
    )
    assert response.status_code in (400, 404, 422)


def test_next_zzz_on_the_task_status_form_goes_back_to_the_list(world: World) -> None:
    scene = build(world)
    client = client_for(world.coordinator)
    for target in ("zzz", "//evil.example/", "https://evil.example/"):
        response = client.post(
            f"/{scene.slug}/aufgaben/{scene.task.pk}/status/", {"state": "done", "next": target}
        )
        assert response.status_code == 302
        assert response["Location"] == f"/{scene.slug}/aufgaben/"
    response = client.post(
        f"/{scene.slug}/aufgaben/{scene.task.pk}/status/",
        {"state": "open", "next": f"/{scene.slug}/aufgaben/meine/"},
    )
    assert response["Location"] == f"/{scene.slug}/aufgaben/meine/"


@pytest.mark.parametrize("key", ["99999999999999999999", "9223372036854775808", "²", "-1"])
def test_huge_id_in_a_multiple_choice_is_a_form_error(world: World, key: str) -> None:
    scene = build(world)
    before = snapshot()
    response = client_for(world.coordinator).post(
        f"/{scene.slug}/vorhaben/ziele/neu/",
        {"title": "Neues Ziel", "projects": [str(scene.project.pk), key], "parent": key},
    )
    assert response.status_code == 400
    html = response.content.decode()
    assert "kern-error" in html
    assert "gültige Auswahl" in html or "Wert" in html
    assert snapshot() == before
    assert not Goal.objects.filter(title="Neues Ziel").exists()


@pytest.mark.parametrize("when", ["31.12.9999", "12/9999", "01.01.1899", "2101-01-01"])
def test_meeting_dates_outside_1900_to_2100_are_refused(world: World, when: str) -> None:
    before = Meeting.objects.count()
    response = client_for(world.coordinator).post(
        f"/{world.cooperation.slug}/sitzungen/neu/",
        {"body": str(world.member_body.pk), "when": when, "title": "Sitzung"},
    )
    assert response.status_code == 400
    assert "außerhalb des erlaubten Bereichs 1900 bis 2100" in response.content.decode()
    assert Meeting.objects.count() == before


@pytest.mark.parametrize(
    "data",
    [
        {"period": "9999-12"},
        {"period_start": "01.12.9999", "period_end": "31.12.9999"},
        {"period": "1899-12"},
    ],
)
def test_report_periods_outside_1900_to_2100_are_refused(
    world: World, data: dict[str, str]
) -> None:
    response = client_for(world.coordinator).post(
        f"/{world.cooperation.slug}/berichte/neu/", {"audience": "internal", **data}
    )
    assert response.status_code == 400
    assert "außerhalb des erlaubten Bereichs 1900 bis 2100" in response.content.decode()
    assert not StatusReport.objects.exists()


def test_a_vertical_tab_is_a_line_break_and_the_xlsx_export_works(world: World) -> None:
    survey = bauhof(world)
    client = client_for(world.coordinator)
    municipality = world.municipality
    response = client.post(
        f"/{world.cooperation.slug}/kommunen/{municipality.pk}/bearbeiten/",
        {"name": "Nord\x0bdorf\x01", "kind": "gemeinde", "ags": municipality.ags},
    )
    assert response.status_code == 302
    municipality.refresh_from_db()
    assert municipality.name == "Nord\ndorf"
    export = client.get(f"/{world.cooperation.slug}/umfragen/{survey.pk}/antworten.xlsx")
    assert export.status_code == 200
    sheet = load_workbook(io.BytesIO(export.content)).active
    assert "Nord\ndorf" in [cell.value for row in sheet.iter_rows() for cell in row]


# --- Slugs --------------------------------------------------------------------------------------


@pytest.mark.django_db
def test_slugs_are_lower_case_and_unique_regardless_of_case() -> None:
    first = Cooperation(name="Partheland", slug="Partheland")
    first.full_clean()
    first.save()
    assert first.slug == "partheland"
    twin = Cooperation(name="Partheland 2", slug="PARTHELAND")
    with pytest.raises(ValidationError, match=r"existiert bereits|Groß- und Kleinschreibung"):
        twin.full_clean()
    # The database itself refuses, also where no form or service runs (admin, shell, import).
    with pytest.raises(IntegrityError), transaction.atomic():
        Cooperation.objects.create(name="Partheland 3", slug="PartheLand")


def test_a_look_alike_slug_does_not_resolve(world: World) -> None:
    assert client_for(None).get(f"/{world.cooperation.slug.upper()}/").status_code == 404


# --- Markdown -----------------------------------------------------------------------------------

COMMONMARK = MarkdownIt("commonmark").enable("strikethrough").enable("table")


def plain_text(source: str) -> str:
    """The text a CommonMark reader shows, and whether anything but one paragraph came out."""
    tokens = COMMONMARK.parse(source)
    kinds = [token.type for token in tokens]
    assert kinds == ["paragraph_open", "inline", "paragraph_close"], (source, kinds)
    children = tokens[1].children or []
    assert {child.type for child in children} <= {"text", "softbreak"}, (source, children)
    return "".join(child.content for child in children)


@pytest.mark.parametrize(
    "text",
    [
        "~~~ danach alles Code",
        "``` auch",
        "1986. war ein gutes Jahr",
        "3) drei",
        "***",
        "___",
        "- - -",
        "===",
        "# keine Überschrift",
        "> kein Zitat",
        "+ kein Punkt",
        "&amp; bleibt",
        "&copy; 2019",
        "~~durch~~",
        "a | b",
        "![Bild](x.png)",
        "<b>fett</b>",
        "\\*",
        "1986.",
        "Text\n===",
        "Text\n---",
    ],
)
def test_markdown_shows_user_text_literally(text: str) -> None:
    assert plain_text(markdown.escape(text)) == " ".join(text.split())


@given(st.text(alphabet=st.characters(blacklist_categories=("Cs", "Cc")), max_size=40))
@settings(max_examples=300, deadline=None)
def test_markdown_escape_holds_for_any_text(text: str) -> None:
    collapsed = " ".join(text.split())
    if not collapsed:
        return
    assert plain_text(markdown.escape(text)) == collapsed


def test_municipality_names_keep_their_letters(world: World) -> None:
    """The normaliser removes control characters only: nothing a person means is lost."""
    response = client_for(world.coordinator).post(
        f"/{world.cooperation.slug}/kommunen/neu/",
        {"name": "Groß-Börßen an der Parthe", "kind": "gemeinde", "ags": "14729555"},
    )
    assert response.status_code == 302
    assert Municipality.objects.filter(name="Groß-Börßen an der Parthe").exists()
