"""Meeting documents and the yearly report (issue #11).

* The invitation and the minutes of one meeting with 200 points (nested, every fifth a task
  with owner and due date), 20 agenda items, 20 attendees: built from the database and
  rendered as PDF (Typst) and DOCX. Target: each document of one meeting under 150 ms.
* The report for a year: 12 months × 30 meetings × 20 points (7,200 points), assembled and
  rendered in every format. Target: under 1 s in every format.
"""

from __future__ import annotations

import datetime as dt
import itertools
from collections.abc import Iterator
from dataclasses import replace

from ikz.accounts.access import Access, Level
from ikz.cooperation.models import Body, Cooperation, Location, Membership, Municipality, Person
from ikz.meetings.documents import content
from ikz.meetings.documents.render import render as render_document
from ikz.meetings.models import AgendaItem, Attendance, Meeting, Point, Task
from ikz.reports.assembly import AssemblySettings, assemble_report, audience_access
from ikz.reports.content import Report, SectionKind
from ikz.reports.renderers import FORMATS, render

from . import Result, best_of_cpu

POINTS = 200
YEAR_MEETINGS = 12 * 30
YEAR_POINTS = 20
YEAR = (dt.date(2023, 1, 1), dt.date(2023, 12, 31))


def _cooperation(slug: str) -> tuple[Cooperation, Body, Location, Municipality]:
    cooperation = Cooperation.objects.create(
        name=f"Benchmark {slug}", slug=slug, coordinating_organisation="Beratung GmbH"
    )
    town = Municipality.objects.create(cooperation=cooperation, name="Großstadt", ags="14729998")
    place = Location.objects.create(
        cooperation=cooperation, name="Rathaus", address="Markt 1", municipality=town
    )
    body = Body.objects.create(cooperation=cooperation, name="Lenkungsgruppe")
    return cooperation, body, place, town


def _big_meeting() -> tuple[Cooperation, Meeting]:
    cooperation, body, place, town = _cooperation("benchmark-dokumente")
    meeting = Meeting.objects.create(
        cooperation=cooperation,
        body=body,
        number=1,
        date=dt.date(2024, 5, 14),
        start_time=dt.time(10),
        end_time=dt.time(12),
        location=place,
        state=Meeting.State.MINUTES_PUBLISHED,
    )
    items = AgendaItem.objects.bulk_create(
        AgendaItem(cooperation=cooperation, meeting=meeting, position=i, title=f"TOP {i}")
        for i in range(20)
    )
    people = Person.objects.bulk_create(
        Person(cooperation=cooperation, given_name=f"P{i}", family_name="Muster", municipality=town)
        for i in range(20)
    )
    Membership.objects.bulk_create(
        Membership(cooperation=cooperation, body=body, person=p) for p in people
    )
    Attendance.objects.bulk_create(
        Attendance(cooperation=cooperation, meeting=meeting, person=p) for p in people
    )
    parents: list[Point] = []
    for i in range(POINTS):
        kind = Point.Kind.TASK if i % 5 == 4 else Point.Kind.INFORMATION
        point = Point.objects.create(
            cooperation=cooperation,
            meeting=meeting,
            agenda_item=items[i % 20] if i % 3 != 2 or not parents else None,
            parent=parents[-1] if i % 3 == 2 and parents else None,
            position=i,
            text=f"Punkt {i}: Abstimmung zu gemeinsamen Vorhaben der Kommunen im Verbund",
            kind=kind,
        )
        if point.parent_id:
            point.agenda_item_id = None
            point.save(update_fields=["agenda_item"])
        else:
            parents.append(point)
        if kind == Point.Kind.TASK:
            Task.objects.create(
                cooperation=cooperation,
                body=body,
                point=point,
                title=point.text,
                owner_municipality=town,
                due=dt.date(2024, 6, 30),
            )
    return cooperation, meeting


def _year() -> Cooperation:
    cooperation, body, place, _town = _cooperation("benchmark-jahr")
    bodies = [
        body,
        *Body.objects.bulk_create(
            Body(cooperation=cooperation, name=f"AG {i}", status_text=f"Stand {i}")
            for i in range(5)
        ),
    ]
    meetings = Meeting.objects.bulk_create(
        Meeting(
            cooperation=cooperation,
            body=bodies[i % len(bodies)],
            number=i + 1,
            date=YEAR[0] + dt.timedelta(days=i % 365),
            location=place,
            state=Meeting.State.MINUTES_PUBLISHED,
        )
        for i in range(YEAR_MEETINGS)
    )
    Point.objects.bulk_create(
        Point(
            cooperation=cooperation,
            meeting=meeting,
            position=i,
            text=f"Ergebnis {i}: Abstimmung zu gemeinsamen Vorhaben der Kommunen im Verbund",
            kind=Point.Kind.DECISION if i % 4 == 0 else Point.Kind.INFORMATION,
        )
        for meeting in meetings
        for i in range(YEAR_POINTS)
    )
    return cooperation


def run() -> list[Result]:
    cooperation, meeting = _big_meeting()
    access = Access(cooperation=cooperation, level=Level.COORDINATOR)
    results: list[Result] = []
    for kind in content.KINDS:
        built = content.build(access=access, meeting_pk=meeting.pk, kind=kind)
        wall, cpu = best_of_cpu(
            lambda kind=kind: content.build(access=access, meeting_pk=meeting.pk, kind=kind)  # type: ignore[misc]
        )
        results.append((f"{kind}: build from the database", wall, f"{POINTS} points", cpu))
        counter = itertools.count(1)
        for fmt in content.FORMATS:
            # A different document each run: Typst memoises unchanged input.
            def once(
                fmt: str = fmt,
                built: content.MeetingDocument = built,
                counter: Iterator[int] = counter,
            ) -> bytes:
                time = f"10:{next(counter) % 60:02d} Uhr"
                return render_document(replace(built, time=time), fmt)

            size = len(once())
            wall, cpu = best_of_cpu(once)
            results.append((f"{kind}: render {fmt}", wall, f"{size:,} bytes", cpu))

    year = _year()
    reader = audience_access(cooperation=year, audience="internal")

    def assemble() -> Report:
        return assemble_report(
            access=reader,
            period_start=YEAR[0],
            period_end=YEAR[1],
            audience="internal",
            settings=AssemblySettings(issued_on=YEAR[1]),
        )

    report = assemble()
    section = report.section(SectionKind.MEETINGS)
    assert section is not None
    assert len(section.items) == YEAR_MEETINGS
    wall, cpu = best_of_cpu(assemble, repeat=2)
    results.append(("year report: assemble", wall, "360 meetings", cpu))
    variants = (
        replace(report, title=replace(report.title, issued_on=YEAR[1] + dt.timedelta(days=n)))
        for n in itertools.count(1)
    )
    for fmt in FORMATS:
        size = len(render(next(variants), fmt))
        wall, cpu = best_of_cpu(lambda fmt=fmt: render(next(variants), fmt), repeat=2)  # type: ignore[misc]
        results.append((f"year report: render {fmt}", wall, f"{size:,} bytes", cpu))
    return results
