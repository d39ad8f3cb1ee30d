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
    Report,
    TextBlock,
)

_SPECIAL = re.compile(r"([\\`*_\[\]<>|])")
_LINE_START = re.compile(r"^(\s*)([#+\-=]|\d+[.)])(?=\s|$)")


def escape(text: str) -> str:
    """User text as literal Markdown: no emphasis, links, HTML or block markup from it."""
    text = _SPECIAL.sub(r"\\\1", " ".join(text.split()))
    return _LINE_START.sub(lambda m: m.group(1) + "\\" + m.group(2), text)


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
                    lines += [
                        "",
                        _("weitere Informationen unter: %(link)s") % {"link": f"<{item.link}>"},
                    ]
                lines.append("")
            elif isinstance(item, BodyStatus):
                if item.line:
                    bullets.append(f"- {escape(item.line)}")
                if item.note:
                    bullets.append(f"- {escape(item.note)}")
            elif isinstance(item, ProjectChange | OutlookItem):
                bullets.append(f"- {escape(item.line)}")
            elif isinstance(item, PointItem):
                _points((item,), 0, bullets)
        if bullets:
            lines += [*bullets, ""]
    text = "\n".join(lines).rstrip() + "\n"
    return re.sub(r"\n{3,}", "\n\n", text)


def render_bytes(report: Report) -> bytes:
    return render(report).encode("utf-8")
