"""The PDF of a report whose meetings span several months starts each month on a new page
under its own heading; a month's report keeps its one heading and flows as before.

The page texts are read with pypdf, each page without its running header (from page 2) and
footer. The expected pages are written out by hand: every month of this small report fits on
one page, so each month's page holds exactly that month's meetings.
"""

from __future__ import annotations

import datetime as dt
import io

from ikz.dates import PartialDate
from ikz.reports.content import BodyStatus, MeetingBlock, PointItem, Report, Section, TitleBlock
from ikz.reports.renderers import render
from tests.reports.helpers import pdf_struct_types


def _title(title: str, period: str, issued: dt.date) -> TitleBlock:
    return TitleBlock(
        cooperation="Verbund",
        process_title="Prozess",
        title=title,
        period_label=period,
        issued_on=issued,
        organisation="Büro",
    )


def _meeting(n: int, when: PartialDate) -> MeetingBlock:
    points = tuple(PointItem(f"point:{n}:{i}", f"Ergebnis {i} der Sitzung {n}") for i in range(2))
    return MeetingBlock(f"meeting:{n}", when, f"AG {n}", "Großstadt", points)


def _report(title: TitleBlock, heading: str, meetings: list[MeetingBlock]) -> Report:
    return Report(
        title=title,
        sections=(
            Section("meetings", heading, tuple(meetings)),
            Section("bodies", "Stand der Gremien", (BodyStatus("body:1", "AG 1", "läuft"),)),
        ),
    )


def _pages(data: bytes) -> list[list[str]]:
    """Each page's lines without the running header and the footer."""
    from pypdf import PdfReader

    reader = PdfReader(io.BytesIO(data))
    pages = []
    for number, page in enumerate(reader.pages, start=1):
        lines = page.extract_text().splitlines()
        assert lines[-1].endswith(f"Seite {number} von {len(reader.pages)}"), lines[-1]
        pages.append(lines[1:-1] if number > 1 else lines[:-1])
    return pages


QUARTER = _report(
    _title("Statusbericht I. Quartal 2023", "I. Quartal 2023", dt.date(2023, 3, 31)),
    "Projektstatus im I. Quartal 2023",
    [
        _meeting(1, PartialDate.day(2023, 1, 10)),
        _meeting(2, PartialDate.day(2023, 1, 24)),
        _meeting(3, PartialDate.month(2023, 2)),  # a meeting known to the month only
        _meeting(4, PartialDate.day(2023, 3, 7)),
    ],
)


def test_a_quarter_starts_each_month_on_a_new_page() -> None:
    pages = _pages(render(QUARTER, "pdf"))
    assert pages[1:] == [
        [
            "Projektstatus im I. Quartal 2023: Januar 2023",
            "10.01.2023 — AG 1 in Großstadt",
            "Ergebnis 0 der Sitzung 1",
            "Ergebnis 1 der Sitzung 1",
            "24.01.2023 — AG 2 in Großstadt",
            "Ergebnis 0 der Sitzung 2",
            "Ergebnis 1 der Sitzung 2",
        ],
        [
            "Projektstatus im I. Quartal 2023: Februar 2023",
            "02/2023 — AG 3 in Großstadt",
            "Ergebnis 0 der Sitzung 3",
            "Ergebnis 1 der Sitzung 3",
        ],
        [
            "Projektstatus im I. Quartal 2023: März 2023",
            "07.03.2023 — AG 4 in Großstadt",
            "Ergebnis 0 der Sitzung 4",
            "Ergebnis 1 der Sitzung 4",
            # The sections after the meetings follow the last month on its page.
            "Stand der Gremien",
            "AG 1: läuft",
        ],
    ]


def test_the_month_headings_are_h1_and_the_meetings_h2() -> None:
    # Screen readers and the bookmarks see the months as the report's sections: three month
    # headings and "Stand der Gremien" (H1), the four meetings (H2).
    types = pdf_struct_types(render(QUARTER, "pdf"))
    assert (types.count("/H1"), types.count("/H2")) == (4, 4)


def test_a_month_report_flows_under_its_one_heading() -> None:
    december = _report(
        _title("Statusbericht Dezember", "Dezember 2019", dt.date(2019, 12, 19)),
        "Projektstatus im Monat Dezember 2019",
        [_meeting(n, PartialDate.day(2019, 12, 2 + n)) for n in (1, 2, 3)],
    )
    assert _pages(render(december, "pdf"))[1:] == [
        [
            "Projektstatus im Monat Dezember 2019",
            "03.12.2019 — AG 1 in Großstadt",
            "Ergebnis 0 der Sitzung 1",
            "Ergebnis 1 der Sitzung 1",
            "04.12.2019 — AG 2 in Großstadt",
            "Ergebnis 0 der Sitzung 2",
            "Ergebnis 1 der Sitzung 2",
            "05.12.2019 — AG 3 in Großstadt",
            "Ergebnis 0 der Sitzung 3",
            "Ergebnis 1 der Sitzung 3",
            "Stand der Gremien",
            "AG 1: läuft",
        ]
    ]


def test_a_quarter_with_meetings_in_one_month_only_flows_as_a_month() -> None:
    quarter = _report(
        _title("Statusbericht IV. Quartal 2019", "IV. Quartal 2019", dt.date(2019, 12, 31)),
        "Projektstatus im IV. Quartal 2019",
        [_meeting(n, PartialDate.day(2019, 11, 2 + n)) for n in (1, 2)],
    )
    pages = _pages(render(quarter, "pdf"))
    assert len(pages) == 2
    assert pages[1][0] == "Projektstatus im IV. Quartal 2019"
    assert pages[1][-2:] == ["Stand der Gremien", "AG 1: läuft"]
