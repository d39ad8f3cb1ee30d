"""HTML: a self-contained, printable document (the download); the page reuses its partial."""

from __future__ import annotations

from pathlib import Path

from django.template.loader import render_to_string

from ikz.reports.content import Report

_CSS = Path(__file__).resolve().parent.parent / "static" / "reports" / "report.css"


def render(report: Report) -> str:
    return render_to_string(
        "reports/document.html",
        {"report": report, "css": _CSS.read_text(encoding="utf-8"), "editable": False},
    )


def render_bytes(report: Report) -> bytes:
    return render(report).encode("utf-8")
