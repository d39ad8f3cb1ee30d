"""Comparing rendered markup where the template may break a tag over lines."""

from __future__ import annotations


def squash(html: str) -> str:
    """Every run of whitespace as one space: long template lines are broken between a tag's
    attributes and at spaces in running text (scripts/break_template_lines.py), which the
    browser reads as one space too. Assert visible text spanning template tokens on this."""
    return " ".join(html.split())
