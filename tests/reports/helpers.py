"""Builders for report tests: data in one cooperation, through the services."""

from __future__ import annotations

import datetime as dt
import io
from typing import Any

from ikz.cooperation.models import Body
from ikz.cooperation.services import body_set_status
from ikz.dates import PartialDate
from ikz.meetings import services as meeting_services
from ikz.meetings.models import Meeting
from ikz.reports.content import (
    BodyStatus,
    OutlookItem,
    ProjectChange,
    ProjectStatus,
    Report,
    Section,
)

DEC = (dt.date(2019, 12, 1), dt.date(2019, 12, 31))


def held_meeting(
    body: Body, *, day: int = 5, is_public: bool = False, points: tuple[str, ...] = ()
) -> Meeting:
    meeting = meeting_services.meeting_create(
        cooperation=body.cooperation,
        body=body,
        when=PartialDate.day(2019, 12, day),
        is_public=is_public,
    )
    meeting_services.meeting_set_state(meeting=meeting, state=Meeting.State.HELD)
    meeting_services.meeting_set_state(meeting=meeting, state=Meeting.State.MINUTES_PUBLISHED)
    from ikz.meetings.services_minutes import point_add

    for text in points:
        point_add(meeting=meeting, text=text)
    return meeting


def section_of(report: Report, kind: str) -> Section:
    """The report's section of ``kind``, which the test expects to be there."""
    section = report.section(kind)
    assert section is not None, kind
    return section


def lines_of(report: Report, kind: str) -> list[str]:
    """The one-line items (``.line``) of the section of ``kind``."""
    lines = []
    for item in section_of(report, kind).items:
        assert isinstance(item, BodyStatus | ProjectChange | OutlookItem | ProjectStatus), item
        lines.append(item.line)
    return lines


def set_status(body: Body, text: str) -> None:
    body_set_status(body=body, text=text)


def texts_of(fmt: str, data: bytes) -> str:
    """The readable text of a rendered report, whatever its format."""
    if fmt in ("md", "html"):
        return data.decode()
    if fmt == "pdf":
        from pypdf import PdfReader

        return " ".join(page.extract_text() for page in PdfReader(io.BytesIO(data)).pages)
    if fmt == "docx":
        import docx

        document = docx.Document(io.BytesIO(data))
        return "\n".join(p.text for p in document.paragraphs)
    from pptx import Presentation

    prs = Presentation(io.BytesIO(data))
    return "\n".join(
        shape.text_frame.text
        for slide in prs.slides
        for shape in slide.shapes
        if shape.has_text_frame
    )


def pdf_fonts(data: bytes) -> set[str]:
    """The base names of the fonts a PDF embeds, without the subset prefix ("ABCDEF+")."""
    from pypdf import PdfReader

    names = set()
    for page in PdfReader(io.BytesIO(data)).pages:
        fonts = page.get("/Resources", {}).get("/Font", {})
        for font in fonts.values():
            names.add(str(font.get_object()["/BaseFont"]).lstrip("/").split("+")[-1])
    return names


def pdf_struct_types(data: bytes) -> list[str]:
    """The structure types of a tagged PDF's structure tree ("/H1", "/L", "/LI" …), in order."""
    from pypdf import PdfReader

    found: list[str] = []

    def walk(node: object) -> None:
        node = getattr(node, "get_object", lambda: node)()
        if isinstance(node, list):
            for child in node:
                walk(child)
        elif isinstance(node, dict):
            if "/S" in node:
                found.append(str(node["/S"]))
            if "/K" in node:
                walk(node["/K"])

    root: Any = PdfReader(io.BytesIO(data)).trailer["/Root"]  # pypdf types it as PdfObject
    walk(root["/StructTreeRoot"])
    return found
