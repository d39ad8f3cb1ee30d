"""A quarter of an unrelated cooperation: every fact survives into every format.

The facts (written here, not taken from the code): a task point with its owner and due date
("Kleinroda, bis 15.08.2024"), the "Stand" set in the draft, the granted funding amount
(84.000 €), the kind "gutes Beispiel", the title of the quarter and the subtitle; a task
overdue at the quarter's end in "offen und überfällig" and not in the outlook.
"""

from __future__ import annotations

import datetime as dt
import io
import re
from decimal import Decimal
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from ikz.cooperation.models import Cooperation
from ikz.dates import PartialDate
from ikz.meetings import services as meeting_services
from ikz.meetings.models import Meeting, Point
from ikz.meetings.services_minutes import point_add, task_create
from ikz.projects import services as project_services
from ikz.projects.models import FundingApplication
from ikz.reports import services
from ikz.reports.content import MeetingBlock, SectionKind
from ikz.reports.models import StatusReport
from ikz.reports.renderers import FORMATS, render
from ikz.reports.selectors import report_content
from tests.conftest import World
from tests.factories import BodyFactory, CooperationFactory, MunicipalityFactory
from tests.projects.helpers import project
from tests.reports.helpers import lines_of, section_of, texts_of

pytestmark = pytest.mark.django_db

FACTS = [
    "Statusbericht III. Quartal 2024",
    "Bericht an den Kreistag",  # the subtitle
    "02.10.2024",  # the Stand
    "Kleinroda legt den Ratsbeschluss zum Bauhof vor",
    "Kleinroda, bis 15.08.2024",
    "Winterdienst-Tourenplan aus Wendelstein übernehmen",
    "gutes Beispiel",
    "84.000 €",
    "Projektstatus im III. Quartal 2024",
    "offen und überfällig",
]


def _normal(text: str) -> str:
    return re.sub(r"\s+", " ", text.replace("\u00a0", " ")).strip()


@pytest.fixture
def quarter(db: None) -> Cooperation:
    cooperation = CooperationFactory(name="Zweckverband Muldenaue", slug="muldenaue")
    kleinroda = MunicipalityFactory(cooperation=cooperation, name="Kleinroda")
    body = BodyFactory(cooperation=cooperation, name="Lenkungsgruppe", is_public=True)
    meeting = meeting_services.meeting_create(
        cooperation=cooperation, body=body, when=PartialDate.day(2024, 7, 10)
    )
    meeting_services.meeting_set_state(meeting=meeting, state=Meeting.State.HELD)
    point_add(
        meeting=meeting,
        text="Kleinroda legt den Ratsbeschluss zum Bauhof vor",
        kind=Point.Kind.TASK,
        owner=kleinroda,
        due=PartialDate.day(2024, 8, 15),
    )
    point_add(
        meeting=meeting,
        text="Winterdienst-Tourenplan aus Wendelstein übernehmen",
        kind=Point.Kind.GOOD_PRACTICE,
    )
    task_create(
        cooperation=cooperation,
        body=body,
        title="Entwurf der Zweckvereinbarung abstimmen",
        owner=kleinroda,
        due=PartialDate.day(2024, 11, 20),
    )
    task_create(
        cooperation=cooperation,
        body=body,
        title="Weit hinter dem Ausblick",
        due=PartialDate.day(2025, 6, 1),
    )
    meeting_services.meeting_create(
        cooperation=cooperation, body=body, when=PartialDate.day(2024, 10, 8)
    )
    bauhof = project(cooperation=cooperation, title="Gemeinsamer Bauhof", is_public=True)
    programme = project_services.funding_programme_save(cooperation=cooperation, name="LEADER")
    project_services.funding_application_save(
        project=bauhof,
        programme=programme,
        state=FundingApplication.State.GRANTED,
        amount_applied=Decimal("90000"),
        amount_granted=Decimal("84000"),
        submitted_on=dt.date(2024, 3, 1),
    )
    return cooperation


def _draft(cooperation: Cooperation) -> StatusReport:
    report = services.report_create(
        cooperation=cooperation,
        period_start=dt.date(2024, 7, 1),
        period_end=dt.date(2024, 9, 30),
    )
    return services.report_update_texts(
        report=report,
        title="",
        subtitle="Bericht an den Kreistag",
        issued_on=dt.date(2024, 10, 2),
        introduction="",
        remarks="",
    )


def test_the_content_holds_owner_due_date_funding_and_overdue(quarter: Cooperation) -> None:
    content = report_content(report=_draft(quarter))
    assert content.title.title == "Statusbericht III. Quartal 2024"
    assert content.title.issued_on == dt.date(2024, 10, 2)
    (block,) = section_of(content, SectionKind.MEETINGS).items
    assert isinstance(block, MeetingBlock)
    task = block.points[0]
    assert (task.owner, task.due) == ("Kleinroda", PartialDate.day(2024, 8, 15))
    assert task.marker == "Aufgabe – Kleinroda, bis 15.08.2024"
    assert block.points[1].marker == "gutes Beispiel"
    outlook = lines_of(content, SectionKind.OUTLOOK)
    assert outlook == [
        "08.10.2024: 2. Lenkungsgruppe",
        "20.11.2024: Entwurf der Zweckvereinbarung abstimmen – Kleinroda",
    ]
    overdue = lines_of(content, SectionKind.OVERDUE)
    assert overdue == ["15.08.2024: Kleinroda legt den Ratsbeschluss zum Bauhof vor – Kleinroda"]
    projects = lines_of(content, SectionKind.PROJECTS)
    assert projects == [
        "Gemeinsamer Bauhof: Fördermittel „LEADER“: bewilligt 84.000\u00a0€ "
        "(beantragt 90.000\u00a0€, eingereicht am 01.03.2024)"
    ]


def test_a_task_done_before_the_end_is_neither_overdue_nor_in_the_outlook(
    quarter: Cooperation,
) -> None:
    task = Point.objects.get(cooperation=quarter, kind=Point.Kind.TASK).task
    from ikz.meetings.services_minutes import task_set_state

    task_set_state(task=task, state="done", today=dt.date(2024, 9, 1))
    content = report_content(report=_draft(quarter))
    assert content.section(SectionKind.OVERDUE) is None
    # Completed only after the quarter: it was still open and overdue at its end.
    task_set_state(task=task, state="open")
    task_set_state(task=task, state="done", today=dt.date(2024, 10, 1))
    content = report_content(report=_draft(quarter))
    assert len(section_of(content, SectionKind.OVERDUE).items) == 1


@pytest.mark.parametrize("fmt", FORMATS)
def test_every_fact_survives_into_every_format(quarter: Cooperation, fmt: str) -> None:
    text = _normal(texts_of(fmt, render(report_content(report=_draft(quarter)), fmt)))
    if fmt == "pdf":
        text = _normal(re.sub(r"-\n", "-", text))
    for fact in FACTS:
        assert _normal(fact) in text, (fmt, fact)
    assert "Weit hinter dem Ausblick" not in text


def _cli(*args: str) -> str:
    out = io.StringIO()
    call_command("report", *args, stdout=out, stderr=io.StringIO())
    return out.getvalue()


@pytest.mark.parametrize(
    ("period", "title", "heading"),
    [
        ("2024-Q3", "# Statusbericht III. Quartal 2024", "## Projektstatus im III. Quartal 2024"),
        ("2024-H2", "# Statusbericht 2. Halbjahr 2024", "## Projektstatus im 2. Halbjahr 2024"),
        ("2024", "# Jahresbericht 2024", "## Projektstatus im Jahr 2024"),
        (
            "2023-11-01..2024-10-31",
            "# Jahresbericht 11/2023 – 10/2024",
            "## Projektstatus 11/2023 – 10/2024",
        ),
        ("2024-07", "# Statusbericht Juli", "## Projektstatus im Monat Juli 2024"),
    ],
)
def test_cli_periods(quarter: Cooperation, period: str, title: str, heading: str) -> None:
    md = _cli("muldenaue", period)
    assert md.startswith(title + "\n")
    assert heading in md
    assert "Kleinroda, bis 15.08.2024" in md


def test_cli_writes_the_reports_own_file_name_into_a_directory(
    quarter: Cooperation, tmp_path: Path
) -> None:
    call_command(
        "report", "muldenaue", "2024", "--format", "pdf", "-o", str(tmp_path), stderr=io.StringIO()
    )
    assert (tmp_path / "jahresbericht-2024.pdf").read_bytes()[:4] == b"%PDF"


def test_cli_outlook_window_and_default_stand(quarter: Cooperation) -> None:
    # Without --issued the Stand of a past quarter is its last day.
    md = _cli("muldenaue", "2024-Q3", "--outlook-months", "1")
    assert "Stand: 30.09.2024" in md
    assert "08.10.2024: 2. Lenkungsgruppe" in md
    assert "Entwurf der Zweckvereinbarung" not in md  # 20.11. lies beyond one month
    with pytest.raises(CommandError, match="0 bis 24 Monate"):
        _cli("muldenaue", "2024-Q3", "--outlook-months", "30")


@pytest.mark.parametrize(
    ("period", "message"),
    [
        ("2024-Q0", "Q1 bis Q4"),
        ("2024-H3", "H1 oder H2"),
        ("III/2024", "kein Berichtszeitraum"),
        ("2024-01-01..2025-06-30", "höchstens ein Jahr"),
    ],
)
def test_cli_bad_periods(quarter: Cooperation, period: str, message: str) -> None:
    with pytest.raises(CommandError, match=message):
        _cli("muldenaue", period)


def test_the_editor_sets_stand_subtitle_and_outlook(quarter: Cooperation, world: World) -> None:
    from tests.conftest import client_for

    report = services.report_create(
        cooperation=world.cooperation,
        period_start=dt.date(2024, 7, 1),
        period_end=dt.date(2024, 9, 30),
    )
    client = client_for(world.coordinator)
    page = client.get(f"/{world.cooperation.slug}/berichte/{report.pk}/").content.decode()
    assert "Leer lassen für „Statusbericht III. Quartal 2024“" in page
    assert "Leer lassen für „30.09.2024“" in page
    response = client.post(
        f"/{world.cooperation.slug}/berichte/{report.pk}/texte/",
        {
            "title": "Quartalsbericht",
            "subtitle": "an den Kreistag",
            "issued_on": "02.10.2024",
            "outlook_months": "6",
            "introduction": "",
            "remarks": "",
        },
    )
    assert response.status_code == 302
    report.refresh_from_db()
    assert (report.title, report.subtitle, report.issued_on, report.outlook_months) == (
        "Quartalsbericht",
        "an den Kreistag",
        dt.date(2024, 10, 2),
        6,
    )
    bad = client.post(
        f"/{world.cooperation.slug}/berichte/{report.pk}/texte/",
        {"title": "", "issued_on": "2.10.", "outlook_months": "99"},
    )
    assert bad.status_code == 400
    assert "TT.MM.JJJJ" in bad.content.decode()
    assert "0 bis 24 Monate" in bad.content.decode()
    report.refresh_from_db()
    assert report.title == "Quartalsbericht"


def test_the_create_page_offers_presets_and_takes_a_quarter(world: World) -> None:
    from tests.conftest import client_for

    client = client_for(world.coordinator)
    page = client.get(f"/{world.cooperation.slug}/berichte/neu/").content.decode()
    assert "Quartal" in page
    assert "Jahresbericht" in page
    response = client.post(
        f"/{world.cooperation.slug}/berichte/neu/",
        {"preset": "", "period": "2024-Q3", "audience": "internal"},
    )
    assert response.status_code == 302
    bad = client.post(
        f"/{world.cooperation.slug}/berichte/neu/",
        {"preset": "", "period": "2024-Q7", "audience": "internal"},
    )
    assert bad.status_code == 400
    assert "Q1 bis Q4" in bad.content.decode()
