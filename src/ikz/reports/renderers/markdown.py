"""Markdown: the report as plain text with headings and nested lists."""

from __future__ import annotations

import re

from django.utils.translation import gettext as _

from ikz.reports.content import (
    BodyStatus,
    GoalsBlock,
    MeetingBlock,
    OutlookItem,
    PointItem,
    ProjectChange,
    ProjectStatus,
    Report,
    TextBlock,
)

# Characters with a meaning anywhere in a line (CommonMark and the GFM extensions): emphasis,
# code spans, links and images, raw HTML, entities ("&amp;"), tables and strikethrough.
_SPECIAL = re.compile(r"([\\`*_\[\]<>|~])")
# "&" opens an entity only as "&name;" or "&#123;"; "!" an image only before "[" (escaped above).
_ENTITY = re.compile(r"&(?=#?[A-Za-z0-9]+;)")
# Block markers at a line start: headings (#), list items (- + and "1." "1)"), block quotes
# (> is escaped above), setext underlines and thematic breaks (= -), code fences (` and ~ are
# escaped above). A backslash must come right before the punctuation: "1986\." not "\1986.".
_LINE_START = re.compile(r"^([#+=-])")
_ORDERED = re.compile(r"^([0-9]{1,9})([.)])(?= |$)")  # a marker needs a space or the end


def _cell(text: str) -> str:
    """A table cell: escaped (``escape`` escapes "|" too, so a pipe never splits a cell)."""
    return escape(text)


def escape(text: str) -> str:
    """User text as literal Markdown: no emphasis, links, HTML or block markup from it.

    The text becomes one line (whitespace collapsed), so only its start can open a block.
    """
    text = _SPECIAL.sub(r"\\\1", " ".join(text.split()))
    text = _ENTITY.sub(r"\\&", text)
    text = _LINE_START.sub(r"\\\1", text)
    return _ORDERED.sub(r"\1\\\2", text)


def _points(points: tuple[PointItem, ...], depth: int, lines: list[str]) -> None:
    stack = [(point, depth) for point in reversed(points)]
    while stack:
        point, level = stack.pop()
        marker = f" _({escape(point.marker)})_" if point.marker else ""
        lines.append(f"{'  ' * level}- {escape(point.text)}{marker}")
        stack.extend((child, level + 1) for child in reversed(point.children))


def render(report: Report) -> str:
    title = report.title
    lines = [f"# {escape(title.title)}", ""]
    if title.subtitle and title.subtitle != title.period_label:
        lines += [escape(title.subtitle), ""]
    lines += [f"**{escape(title.process_title)}**", ""]
    lines.append(
        f"{escape(title.cooperation)} · {escape(title.period_label)} · {title.audience_label}  "
    )
    lines.append(_("Stand: %(date)s") % {"date": title.issued_label} + "  ")
    if title.organisation:
        lines.append(escape(title.organisation))
    for section in report.sections:
        lines += ["", f"## {escape(section.heading)}", ""]
        bullets: list[str] = []
        for item in section.items:
            _item(item, lines, bullets)
        if bullets:
            lines += [*bullets, ""]
    text = "\n".join(lines).rstrip() + "\n"
    return re.sub(r"\n{3,}", "\n\n", text)


def _item(item: object, lines: list[str], bullets: list[str]) -> None:
    """One item of a section: blocks go to ``lines``, list entries and table rows to ``bullets``
    (written after the section's blocks)."""
    if isinstance(item, MeetingBlock):
        lines += [f"### {escape(item.title)}", ""]
        block: list[str] = []
        _points(item.points, 0, block)
        lines += [*block, ""]
    elif isinstance(item, TextBlock):
        for paragraph in item.paragraphs:
            lines += [escape(paragraph), ""]
    elif isinstance(item, GoalsBlock):
        lines += [f"**{escape(item.heading)}:**", ""]
        lines += [f"{n}. {escape(goal)}" for n, goal in enumerate(item.goals, 1)]
        if item.link:
            lines += ["", _("weitere Informationen unter: %(link)s") % {"link": f"<{item.link}>"}]
        lines.append("")
    elif isinstance(item, BodyStatus):
        bullets += [f"- {escape(text)}" for text in (item.line, item.note) if text]
    elif isinstance(item, ProjectStatus):
        if not bullets:
            head = (_("Vorhaben"), _("Phase"), _("Federführung"), _("Nächster Meilenstein"))
            bullets += ["| " + " | ".join(head) + " |", "| --- | --- | --- | --- |"]
        cells = (item.project, item.stage, item.lead or "–", item.next_line)
        bullets.append("| " + " | ".join(_cell(cell) for cell in cells) + " |")
    elif isinstance(item, ProjectChange | OutlookItem):
        bullets.append(f"- {escape(item.line)}")
    elif isinstance(item, PointItem):
        _points((item,), 0, bullets)


def render_bytes(report: Report) -> bytes:
    return render(report).encode("utf-8")
