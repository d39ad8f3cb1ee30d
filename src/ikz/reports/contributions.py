"""Report sections and outlook entries contributed by apps the report does not know.

An app names a function on its AppConfig (``report_contribution``, a dotted path), like the
dashboard panels (``ikz.cooperation.panels``). The function is called with keyword arguments
``access`` (the audience's reader), ``start`` and ``end`` (the period) and ``horizon`` (the end
of the outlook) and returns plain data, so that the app need not import the report's types::

    {"sections": [{"kind": "agreements", "heading": "...",
                   "items": [{"key": "...", "date": PartialDate | None,
                              "title": "...", "text": "..."}]}],
     "outlook": [{"key": "...", "when": PartialDate | None, "text": "..."}]}

Section items become ``ProjectChange`` rows (every renderer prints them as dated lines); a
section's kind must be one of ``SectionKind.DEFAULT_ORDER`` so that the editor can move and
hide it. Outlook entries join the report's outlook, sorted with the others.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from functools import cache
from typing import Any

from django.apps import apps
from django.utils.module_loading import import_string

from ikz.accounts.access import Access
from ikz.reports.content import OutlookItem, ProjectChange, Section

HOOK = "report_contribution"


@cache
def _providers() -> tuple[Callable[..., dict[str, Any]], ...]:
    return tuple(
        import_string(getattr(config, HOOK))
        for config in apps.get_app_configs()
        if getattr(config, HOOK, None)
    )


def _collect(
    access: Access, start: dt.date, end: dt.date, horizon: dt.date
) -> list[dict[str, Any]]:
    return [
        provider(access=access, start=start, end=end, horizon=horizon) for provider in _providers()
    ]


def sections(*, access: Access, start: dt.date, end: dt.date, horizon: dt.date) -> list[Section]:
    result = []
    for contribution in _collect(access, start, end, horizon):
        for section in contribution.get("sections", []):
            items = tuple(
                ProjectChange(
                    key=item["key"], date=item["date"], project=item["title"], text=item["text"]
                )
                for item in section["items"]
            )
            result.append(Section(section["kind"], section["heading"], items))
    return result


def outlook(*, access: Access, start: dt.date, end: dt.date, horizon: dt.date) -> list[OutlookItem]:
    return [
        OutlookItem(key=item["key"], when=item["when"], text=item["text"])
        for contribution in _collect(access, start, end, horizon)
        for item in contribution.get("outlook", [])
    ]
