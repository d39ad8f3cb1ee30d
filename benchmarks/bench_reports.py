"""The status report of a large month: assembly and every format, and WeasyPrint for comparison.

A month with 30 held meetings of 20 points each (nested, some internal), 50 projects created or
moved in the month and 40 outlook items (planned meetings and open tasks). Timed: assembling the
content from the database, then rendering it as Markdown, HTML, PDF (Typst), DOCX and PPTX;
and the HTML rendered to PDF with WeasyPrint, the usual alternative. The data is built with
``bulk_create`` outside the timed part.
"""

from __future__ import annotations

import datetime as dt
import itertools
import logging
from dataclasses import replace

from django.db import connection
from django.test.utils import CaptureQueriesContext

from ikz.cooperation.models import Body, Cooperation, Location, Municipality
from ikz.meetings.models import Meeting, Point, Task
from ikz.projects.models import Project, Stage, StageChange
from ikz.reports.assembly import AssemblySettings, assemble_report, audience_access
from ikz.reports.content import Report, SectionKind
from ikz.reports.renderers import FORMATS, render

from . import Result, best_of

MEETINGS = 30
POINTS_PER_MEETING = 20
PROJECTS = 50
OUTLOOK = 40
START, END = dt.date(2024, 3, 1), dt.date(2024, 3, 31)


def _setup() -> Cooperation:
    cooperation = Cooperation.objects.create(
        name="Benchmark Berichte",
        slug="benchmark-berichte",
        process_title="Steuerung und Begleitung eines großen Kooperationsprozesses",
        coordinating_organisation="Beratung GmbH",
    )
    town = Municipality.objects.create(cooperation=cooperation, name="Großstadt", ags="14729999")
    place = Location.objects.create(cooperation=cooperation, name="Rathaus", municipality=town)
    bodies = Body.objects.bulk_create(
        Body(
            cooperation=cooperation, name=f"AG {i}", short_name=f"AG {i}", status_text=f"Stand {i}"
        )
        for i in range(6)
    )
    meetings = Meeting.objects.bulk_create(
        Meeting(
            cooperation=cooperation,
            body=bodies[i % len(bodies)],
            number=i + 1,
            date=START + dt.timedelta(days=i),
            location=place,
            state=Meeting.State.MINUTES_PUBLISHED,
        )
        for i in range(MEETINGS)
    )
    for meeting in meetings:
        parents = Point.objects.bulk_create(
            Point(
                cooperation=cooperation,
                meeting=meeting,
                position=i,
                text=f"Ergebnis {i}: Abstimmung zu gemeinsamen Vorhaben der Kommunen im Verbund",
                kind=Point.Kind.DECISION if i % 3 == 0 else Point.Kind.INFORMATION,
                is_internal=i == 9,
            )
            for i in range(10)
        )
        Point.objects.bulk_create(
            Point(
                cooperation=cooperation,
                meeting=meeting,
                parent=parents[i],
                position=0,
                text=f"Unterpunkt {i}: nächste Schritte und Zuständigkeiten",
            )
            for i in range(10)
        )
    projects = Project.objects.bulk_create(
        Project(cooperation=cooperation, title=f"Vorhaben {i}", stage=Stage.CONCEPT, is_public=True)
        for i in range(PROJECTS)
    )
    StageChange.objects.bulk_create(
        StageChange(
            cooperation=cooperation,
            project=project,
            from_stage=Stage.IDEA,
            to_stage=Stage.CONCEPT,
            date=START + dt.timedelta(days=i % 28),
            reason="Konzept beauftragt",
        )
        for i, project in enumerate(projects)
    )
    Meeting.objects.bulk_create(
        Meeting(
            cooperation=cooperation,
            body=bodies[i % len(bodies)],
            number=100 + i,
            date=END + dt.timedelta(days=1 + i),
            location=place,
        )
        for i in range(OUTLOOK // 2)
    )
    Task.objects.bulk_create(
        Task(
            cooperation=cooperation,
            body=bodies[i % len(bodies)],
            title=f"Aufgabe {i}: Abfrage in den Kommunen vorbereiten",
            due=END + dt.timedelta(days=5 + i),
        )
        for i in range(OUTLOOK // 2)
    )
    return cooperation


def run() -> list[Result]:
    cooperation = _setup()
    access = audience_access(cooperation=cooperation, audience="internal")

    def assemble() -> Report:
        return assemble_report(
            access=access,
            period_start=START,
            period_end=END,
            audience="internal",
            settings=AssemblySettings(issued_on=END),
        )

    with CaptureQueriesContext(connection) as queries:
        report = assemble()
    meetings = report.section(SectionKind.MEETINGS)
    outlook = report.section(SectionKind.OUTLOOK)
    assert meetings is not None
    assert len(meetings.items) == MEETINGS
    assert outlook is not None
    assert len(outlook.items) == OUTLOOK
    results: list[Result] = [
        ("report: assemble", best_of(assemble, repeat=3), f"{len(queries)} SQL queries"),
    ]
    # Each timed run renders a report that differs (issue date): Typst memoises compilations,
    # and an unchanged input would measure its cache, not the work.
    variants = (
        replace(report, title=replace(report.title, issued_on=END + dt.timedelta(days=n)))
        for n in itertools.count(1)
    )
    for fmt in FORMATS:
        size = len(render(next(variants), fmt))  # warm-up: imports, fonts, templates
        seconds = best_of(lambda fmt=fmt: render(next(variants), fmt), repeat=3)  # type: ignore[misc]
        results.append((f"report: render {fmt}", seconds, f"{size:,} bytes"))
    try:
        import weasyprint
    except (ImportError, OSError) as error:  # WeasyPrint needs Debian's pango
        results.append(("report: WeasyPrint HTML→PDF", 0.0, f"not available: {error}"))
        return results
    logging.getLogger("weasyprint").setLevel(logging.WARNING)
    logging.getLogger("fontTools").setLevel(logging.WARNING)
    html = render(report, "html").decode()
    weasy = best_of(lambda: weasyprint.HTML(string=html).write_pdf(), repeat=2)
    typst_seconds = next(result[1] for result in results if result[0] == "report: render pdf")
    # Reported, not asserted (timings depend on the machine's load): the aim is at least 10×.
    results.append(
        (
            "report: WeasyPrint HTML→PDF",
            weasy,
            f"{weasy / typst_seconds:.0f}× the Typst PDF time (aim: at least 10×)",
        )
    )
    return results
