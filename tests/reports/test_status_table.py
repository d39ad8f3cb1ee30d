"""The report's project overview ("Vorhaben im Überblick"): stage on the period's last day
from the stage history, the lead, the next milestone open on that day, in every format, and
as a table slide in the deck."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from ikz.dates import PartialDate
from ikz.projects import services as project_services
from ikz.projects.models import Project, Stage
from ikz.reports.assembly import AssemblySettings, assemble_report, audience_access
from ikz.reports.content import ProjectStatus, Report, SectionKind
from ikz.reports.renderers import render
from ikz.reports.snapshot import report_from_json, report_to_json
from tests.conftest import World
from tests.projects.helpers import project
from tests.reports.helpers import DEC, texts_of

pytestmark = pytest.mark.django_db


def _move(item: Project, *stages_and_days: tuple[str, dt.date]) -> None:
    for stage, day in stages_and_days:
        project_services.project_change_stage(
            project=item, to_stage=stage, date=day, actor_id=None, reason="Beschluss"
        )


def _world_with_projects(world: World) -> None:
    library = project(cooperation=world.cooperation, title="Gemeinsame Bibliothek")
    library.lead_municipality = world.municipality
    library.save()
    # In December it went to "Konzept"; in January on to "Beschluss" (after the period).
    _move(
        library,
        (Stage.ASSESSMENT, dt.date(2019, 11, 20)),
        (Stage.CONCEPT, dt.date(2019, 12, 10)),
        (Stage.DECIDED, dt.date(2020, 1, 15)),
    )
    project_services.milestone_save(
        project=library,
        title="Bedarf erhoben",
        when=PartialDate.day(2019, 12, 5),
        done=True,
        done_on=dt.date(2019, 12, 5),
    )
    project_services.milestone_save(
        project=library,
        title="Ratsbeschlüsse",
        when=PartialDate.month(2020, 2),
        done=True,
        done_on=dt.date(2020, 2, 20),  # done, but only after the period: still open then
    )
    project_services.milestone_save(
        project=library, title="Eröffnung", when=PartialDate.day(2020, 9, 1)
    )
    dropped = project(cooperation=world.cooperation, title="Gemeinsames Freibad")
    _move(dropped, (Stage.NOT_PURSUED, dt.date(2019, 12, 3)))
    later = project(cooperation=world.cooperation, title="Winterdienst")
    later.stage_changes.update(date=dt.date(2020, 1, 8))  # it came up only in January
    public = project(cooperation=world.cooperation, title="Bauhofkooperation", is_public=True)
    public.lead_body = world.public_body
    public.save()


def _report(world: World, audience: str = "internal") -> Report:
    return assemble_report(
        access=audience_access(cooperation=world.cooperation, audience=audience),
        period_start=DEC[0],
        period_end=DEC[1],
        audience=audience,
        settings=AssemblySettings(issued_on=dt.date(2019, 12, 19)),
    )


def _rows(report: Report) -> list[tuple[str, str, str, str]]:
    section = report.section(SectionKind.STATUS)
    assert section is not None
    assert section.heading == "Vorhaben im Überblick"
    return [
        (item.project, item.stage, item.lead, item.next_line)
        for item in section.items
        if isinstance(item, ProjectStatus)
    ]


def test_the_table_shows_each_project_as_it_stood_at_the_end_of_the_period(
    world: World,
) -> None:
    _world_with_projects(world)
    assert _rows(_report(world)) == [
        ("Bauhofkooperation", "Idee", world.public_body.name, "–"),
        ("Gemeinsame Bibliothek", "Konzept", world.municipality.name, "Ratsbeschlüsse (02/2020)"),
    ]


def test_the_public_table_holds_only_public_projects(world: World) -> None:
    _world_with_projects(world)
    assert [row[0] for row in _rows(_report(world, "public"))] == ["Bauhofkooperation"]


def test_the_table_reads_a_constant_number_of_queries(world: World) -> None:
    _world_with_projects(world)
    with CaptureQueriesContext(connection) as few:
        _report(world)
    for index in range(6):
        extra = project(cooperation=world.cooperation, title=f"Vorhaben {index}")
        project_services.milestone_save(
            project=extra, title="Start", when=PartialDate.month(2020, 3)
        )
    with CaptureQueriesContext(connection) as many:
        _report(world)
    assert len(many.captured_queries) == len(few.captured_queries)


def test_the_table_survives_the_frozen_snapshot(world: World) -> None:
    _world_with_projects(world)
    report = _report(world)
    assert report_from_json(report_to_json(report)) == report


EXPECTED_ROW = ("Gemeinsame Bibliothek", "Konzept", "Ratsbeschlüsse (02/2020)")


@pytest.mark.parametrize("fmt", ["md", "html", "pdf", "docx", "pptx"])
def test_every_format_prints_the_table(world: World, fmt: str) -> None:
    _world_with_projects(world)
    data = render(_report(world), fmt)
    if fmt == "md":
        assert (
            f"| Gemeinsame Bibliothek | Konzept | {world.municipality.name} | "
            "Ratsbeschlüsse (02/2020) |"
        ) in data.decode()
        assert "| Vorhaben | Phase | Federführung | Nächster Meilenstein |" in data.decode()
    elif fmt == "docx":
        import docx

        tables = docx.Document(io.BytesIO(data)).tables
        cells = [[cell.text for cell in row.cells] for row in tables[0].rows]
        assert cells[0] == ["Vorhaben", "Phase", "Federführung", "Nächster Meilenstein"]
        assert [EXPECTED_ROW[0], EXPECTED_ROW[1], world.municipality.name, EXPECTED_ROW[2]] in cells
    elif fmt == "pptx":
        from pptx import Presentation

        slides = Presentation(io.BytesIO(data)).slides
        tables = [shape.table for slide in slides for shape in slide.shapes if shape.has_table]
        assert len(tables) == 1
        rows = [[cell.text for cell in row.cells] for row in tables[0].rows]
        assert rows[0] == ["Vorhaben", "Phase", "Federführung", "Nächster Meilenstein"]
        assert rows[2] == [
            EXPECTED_ROW[0],
            EXPECTED_ROW[1],
            world.municipality.name,
            EXPECTED_ROW[2],
        ]
    else:
        text = " ".join(texts_of(fmt, data).split())
        assert "Vorhaben im Überblick" in text
        for cell in EXPECTED_ROW:
            assert cell in text


def test_a_long_table_continues_on_the_next_slide_and_never_overflows(world: World) -> None:
    from pptx import Presentation
    from pptx.util import Inches

    for index in range(20):  # 20 rows: 9 + 9 + 2
        project(cooperation=world.cooperation, title=f"Vorhaben {index:02d} " + "lang " * 30)
    data = render(_report(world), "pptx")
    slides = list(Presentation(io.BytesIO(data)).slides)
    with_tables = [s for s in slides if any(shape.has_table for shape in s.shapes)]
    assert [len(next(sh for sh in s.shapes if sh.has_table).table.rows) for s in with_tables] == [
        10,
        10,
        3,
    ]
    assert with_tables[1].shapes[0].text_frame.text == "Vorhaben im Überblick (Fortsetzung)"
    for slide in with_tables:
        table = next(shape for shape in slide.shapes if shape.has_table)
        assert table.top + table.height <= Inches(7.0)  # above the footer line
        for row in table.table.rows:
            for cell in row.cells:
                assert len(cell.text) <= 2 * 46  # two rows of the widest column at 12 pt


@pytest.mark.parametrize(("accent", "text"), [("ffd700", "000000"), ("1f4e79", "FFFFFF")])
def test_the_table_head_is_readable_on_any_accent(accent: str, text: str) -> None:
    from pptx import Presentation

    from ikz.reports.content import Section, TitleBlock

    report = Report(
        title=TitleBlock(
            cooperation="K",
            process_title="P",
            title="Statusbericht",
            period_label="Dezember 2019",
            issued_on=dt.date(2019, 12, 19),
            accent=accent,
        ),
        sections=(Section(SectionKind.STATUS, "Vorhaben im Überblick", (_row(),)),),
    )
    slides = Presentation(io.BytesIO(render(report, "pptx"))).slides
    table = next(shape.table for s in slides for shape in s.shapes if shape.has_table)
    run = table.cell(0, 0).text_frame.paragraphs[0].runs[0]
    assert str(run.font.color.rgb) == text  # WCAG: black on gold, white on dark blue


def _row() -> ProjectStatus:
    return ProjectStatus(key="status:1", project="Bibliothek", stage="Konzept")
