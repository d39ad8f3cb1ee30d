"""Comparing rendered markup where the template may break a tag over lines."""

from __future__ import annotations

from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext


def squash(html: str) -> str:
    """Every run of whitespace as one space: long template lines are broken between a tag's
    attributes and at spaces in running text (scripts/break_template_lines.py), which the
    browser reads as one space too. Assert visible text spanning template tokens on this."""
    return " ".join(html.split())


def page_weight(client: Client, path: str) -> tuple[int, int, int, int]:
    """What one GET of ``path`` renders: ``<form>`` and ``<option>`` elements, bytes, and the
    SQL queries it took (issue #19: a page must not grow with rows it does not show)."""
    with CaptureQueriesContext(connection) as queries:
        response = client.get(path)
    assert response.status_code == 200, (path, response.status_code)
    html = response.content.decode()
    return html.count("<form"), html.count("<option"), len(response.content), len(queries)
