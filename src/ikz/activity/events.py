"""Structured activity events: a stable type and its data, turned into text when shown.

An app declares its events in its own ``events.py`` (found by ``ActivityConfig.ready``):

    MUNICIPALITY_DELETED = event("cooperation.municipality_deleted",
                                 _("Kommune „%(name)s“ gelöscht"))

and a service records ``record_activity(..., event=MUNICIPALITY_DELETED, data={"name": …})``.
The entry stores the type and the data, never the finished sentence, so the feed is written
in the reader's language (``gettext`` at display time) and a reworded message applies to old
entries too. Choice values (a state) are stored as their code and shown with the current label;
dates as ISO strings, shown the German way.
"""

from __future__ import annotations

import contextlib
import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from django.db import models
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from ikz.dates import PartialDate, format_partial_date


@dataclass(frozen=True)
class Event:
    kind: str
    message: Any  # a lazy translation (gettext_lazy), or the singular of ``plural``
    plural: Any = None  # with ``plural``: ``data["count"]`` picks the form
    choices: Mapping[str, type[models.Choices]] = field(default_factory=dict)
    dates: frozenset[str] = frozenset()
    partial_dates: frozenset[str] = frozenset()

    def render(self, data: Mapping[str, Any]) -> str:
        values: dict[str, Any] = dict(data)
        for key, choices in self.choices.items():
            if key in values:
                with contextlib.suppress(ValueError):
                    values[key] = str(choices(values[key]).label)
        for key in self.dates:
            if values.get(key):
                values[key] = dt.date.fromisoformat(values[key]).strftime("%d.%m.%Y")
        for key in self.partial_dates:
            if values.get(key):
                values[key] = format_partial_date(PartialDate.from_iso(values[key]))
        try:
            if self.plural is not None:
                text = ngettext(str(self.message), str(self.plural), int(values["count"]))
            else:
                text = str(self.message)
            return text % values
        except (KeyError, TypeError, ValueError):
            return str(self.message)


EVENTS: dict[str, Event] = {}


def event(
    kind: str,
    message: Any,
    *,
    plural: Any = None,
    choices: Mapping[str, type[models.Choices]] | None = None,
    dates: tuple[str, ...] = (),
    partial_dates: tuple[str, ...] = (),
) -> Event:
    """Declare an event type once (module level of the app's ``events.py``)."""
    declared = Event(
        kind=kind,
        message=message,
        plural=plural,
        choices=dict(choices or {}),
        dates=frozenset(dates),
        partial_dates=frozenset(partial_dates),
    )
    if kind in EVENTS and EVENTS[kind] != declared:
        raise ValueError(f"activity event {kind!r} declared twice")
    EVENTS[kind] = declared
    return declared


def render(kind: str, data: Mapping[str, Any], fallback: str) -> str:
    """The text of an entry in the current language; an unknown type shows its stored text."""
    declared = EVENTS.get(kind)
    if declared is None:
        return fallback or _("Unbekannte Aktivität")
    return declared.render(data)
