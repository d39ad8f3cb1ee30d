"""The deck of a long report summarises the meetings per month, so its size is bounded by
the months, not by the meetings (a year of 360 meetings made 400 slides).

Expected counts are worked out by hand from the layout rules of ``pptx_layout``: a body
holds 15 one-row lines of level 1 (16 pt: 0.35 in each with the space before, 5.35 in of
usable height), a meeting's compact line ("05.01.2023 — AG 3 in Großstadt  [20 Ergebnisse,
davon 5 Beschlüsse]") takes one row.
"""

from __future__ import annotations

import datetime as dt
import io

from pptx import Presentation

from ikz.dates import PartialDate
from ikz.reports.content import MeetingBlock, PointItem, Report, Section, TitleBlock
from ikz.reports.renderers import render

TITLE = TitleBlock(
    cooperation="Verbund",
    process_title="Prozess",
    title="Jahresbericht 2023",
    period_label="2023",
    issued_on=dt.date(2023, 12, 31),
    organisation="Büro",
)


def _meeting(n: int, when: PartialDate, points: int = 20) -> MeetingBlock:
    return MeetingBlock(
        key=f"meeting:{n}",
        date=when,
        heading=f"AG {n % 6}",
        place="Großstadt",
        points=tuple(
            PointItem(
                key=f"point:{n}:{i}",
                text=f"Ergebnis {i} der Sitzung {n}",
                kind="decision" if i % 4 == 0 else "information",
            )
            for i in range(points)
        ),
    )


def _report(meetings: list[MeetingBlock]) -> Report:
    return Report(title=TITLE, sections=(Section("meetings", "Projektstatus", tuple(meetings)),))


def _slides(report: Report) -> list[list[str]]:
    """Each slide's texts, its title first."""
    deck = Presentation(io.BytesIO(render(report, "pptx")))
    return [
        [
            shape.text_frame.text
            for shape in slide.shapes
            if shape.has_text_frame and shape.text_frame.text
        ]
        for slide in deck.slides
    ]


def _year(per_month: int) -> list[MeetingBlock]:
    return [
        _meeting(month * 100 + i, PartialDate.day(2023, month, 1 + i % 28))
        for month in range(1, 13)
        for i in range(per_month)
    ]


def test_a_year_of_360_meetings_makes_two_slides_a_month() -> None:
    meetings = _year(30)
    slides = _slides(_report(meetings))
    # Title, one agenda slide (the section and its 12 months), 2 slides per month (30 lines
    # of which 15 fit a slide).
    assert len(slides) == 1 + 1 + 12 * 2
    titles = [texts[0] for texts in slides[2:]]
    assert titles[:4] == [
        "Projektstatus: Januar 2023",
        "Projektstatus: Januar 2023 (Fortsetzung)",
        "Projektstatus: Februar 2023",
        "Projektstatus: Februar 2023 (Fortsetzung)",
    ]
    assert titles[-1] == "Projektstatus: Dezember 2023 (Fortsetzung)"
    agenda = slides[1][1]
    assert "Januar 2023: 30 Sitzungen" in agenda
    assert "Dezember 2023: 30 Sitzungen" in agenda
    text = "\n".join("\n".join(texts) for texts in slides)
    # Every meeting is on the deck with what it decided, in numbers.
    for meeting in meetings:
        assert f"{meeting.title}  [20 Ergebnisse, davon 5 Beschlüsse]" in text


def test_a_crowded_month_stays_within_three_slides_and_says_how_many_more() -> None:
    crowded = [_meeting(i, PartialDate.day(2023, 1, 1 + i % 28)) for i in range(60)]
    others = [_meeting(100 + m, PartialDate.day(2023, m, 2)) for m in (2, 3, 4)]
    slides = _slides(_report(crowded + others))
    january = [texts for texts in slides if texts[0].startswith("Projektstatus: Januar")]
    assert len(january) == 3
    # 3 × 15 lines: 44 meetings and the line that names the other 16.
    lines = "\n".join(texts[1] for texts in january).split("\n")
    assert len(lines) == 45
    assert lines[-1] == ("… und 16 weitere Sitzungen: alle Ergebnisse im Bericht (PDF, Word, HTML)")
    # February to April: one meeting each, shown with its decisions.
    april = next(texts for texts in slides if texts[0] == "Projektstatus: April 2023")
    body = april[1].split("\n")
    assert body[0] == "02.04.2023 — AG 2 in Großstadt  [20 Ergebnisse, davon 5 Beschlüsse]"
    assert body[1:] == [f"Ergebnis {i} der Sitzung 104  [Beschluss]" for i in (0, 4, 8, 12, 16)]
    assert len(slides) == 1 + 1 + 3 + 3


def test_a_quarter_keeps_a_slide_per_meeting() -> None:
    meetings = [
        _meeting(m * 10 + i, PartialDate.day(2023, m, 3 + i), points=5)
        for m in (1, 2, 3)
        for i in (0, 1)
    ]
    slides = _slides(_report(meetings))
    # Title, agenda, one slide per meeting (its title and five points fit).
    assert len(slides) == 1 + 1 + 6
    assert [texts[0] for texts in slides[2:]] == ["Projektstatus"] * 6
    assert slides[2][1].split("\n")[0] == "03.01.2023 — AG 4 in Großstadt"
