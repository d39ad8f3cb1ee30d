"""Optimistic concurrency: a version token per row, checked in the same transaction as the save.

The token is a short hash of the row's stored values (ordering fields left out), so it needs no
extra column and sees every change, also one made by the importer, the admin or a bulk update.
An edit form carries the token it was shown with (``VERSION_FIELD``); the save locks the row,
computes the token again and refuses a stale save with ``StaleEdit``: a German message that
names who changed what (from the history) while the user's typed input stays in the form.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable, Mapping
from typing import Any

from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext as _

from ikz.tracking.display import field_changes, user_label
from ikz.tracking.records import tracked

VERSION_FIELD = "_version"
# The token of a row that does not exist yet (a participation not entered so far): a save
# based on it is refused when someone else has created the row in the meantime.
ABSENT = "neu"


class StaleEdit(ValidationError):
    """Someone else saved the object since the form was shown."""

    def __init__(self, message: str, *, current_token: str) -> None:
        super().__init__(message, code="stale")
        self.current_token = current_token


def _version_fields(model: type[models.Model]) -> list[models.Field[Any, Any]]:
    options = tracked(model)
    exclude = options.version_exclude if options else frozenset({"position"})
    return [
        field
        for field in model._meta.concrete_fields
        if not field.primary_key and field.name not in exclude
    ]


def token_of_values(model: type[models.Model], row: Any) -> str:
    """The token of ``row``: an instance of ``model`` or one of its historical records."""
    values = [[field.attname, str(getattr(row, field.attname))] for field in _version_fields(model)]
    digest = hashlib.sha256(json.dumps(values, ensure_ascii=False).encode())
    return digest.hexdigest()[:20]


def version_token(instance: models.Model) -> str:
    """The token an edit form carries for ``instance`` (as stored: load it fresh)."""
    if instance.pk is None:
        return ""
    return token_of_values(type(instance), instance)


def version_token_or_absent(instance: models.Model | None) -> str:
    """The token of a row that may not exist yet (``ABSENT`` then)."""
    return version_token(instance) if instance is not None else ABSENT


def check_version_of(queryset: models.QuerySet[Any], token: str | None) -> None:
    """Like ``check_version`` for the one row ``queryset`` selects, which may not exist yet:
    the form was shown with ``ABSENT`` when there was none. Call inside the transaction."""
    if not token:
        return
    current = queryset.select_for_update().first()
    if current is None:
        if token != ABSENT:
            raise ValidationError(_("Dieser Eintrag wurde inzwischen gelöscht."), code="gone")
        return
    current_token = token_of_values(type(current), current)
    if current_token != token:
        raise StaleEdit(conflict_message(current, token), current_token=current_token)


def check_version(instance: models.Model, token: str | None) -> None:
    """Refuse a save of ``instance`` based on a stale ``token``; call inside the transaction
    of the save. No token (an old form, a script): nothing to compare, the save goes on."""
    if not token or instance.pk is None:
        return
    model = type(instance)
    current = model._default_manager.select_for_update().filter(pk=instance.pk).first()
    if current is None:
        raise ValidationError(_("Dieser Eintrag wurde inzwischen gelöscht."), code="gone")
    current_token = token_of_values(model, current)
    if current_token == token:
        return
    raise StaleEdit(conflict_message(current, token), current_token=current_token)


def conflict_message(current: models.Model, token: str) -> str:
    """ "Inzwischen geändert von …: field „old“ → „new“" from the records after the shown one."""
    model = type(current)
    changes: list[str] = []
    who: set[str] = set()
    when = None
    if tracked(model) is not None:
        records = list(
            model.history.filter(**{model._meta.pk.attname: current.pk})  # type: ignore[attr-defined]
            .select_related("history_user")
            .order_by("-history_id")[:50]
        )
        # Walk back to the record the form was shown with; everything after it is new.
        newer: list[Any] = []
        shown = None
        for record in records:
            if token_of_values(model, record) == token:
                shown = record
                break
            newer.append(record)
        if (shown is not None or token == ABSENT) and newer:
            for change in field_changes(model, shown, newer[0]):
                changes.append(
                    _("%(field)s: „%(old)s“ → „%(new)s“")
                    % {"field": change.label, "old": change.old, "new": change.new}
                )
        for record in newer:
            who.add(user_label(record.history_user))
        if newer:
            when = newer[0].history_date
    return _message(who, when, changes)


def _message(who: set[str], when: Any, changes: list[str]) -> str:
    parts = [_("Diesen Eintrag hat inzwischen jemand anderes gespeichert.")]
    if who and when is not None:
        parts = [
            _("Diesen Eintrag hat inzwischen %(who)s gespeichert (%(when)s).")
            % {
                "who": ", ".join(sorted(who)),
                "when": timezone.localtime(when).strftime("%d.%m.%Y, %H:%M Uhr"),
            }
        ]
    if changes:
        parts.append(_("Geändert: %(changes)s.") % {"changes": "; ".join(changes)})
    parts.append(
        _(
            "Ihre Eingaben sind erhalten und noch nicht gespeichert. Prüfen Sie sie und "
            "speichern Sie erneut, um den Eintrag mit Ihren Eingaben zu überschreiben."
        )
    )
    return " ".join(parts)


# --- A set of rows edited in one form (e.g. the attendance of a meeting) ----------------------


def states_token(states: Mapping[int, str]) -> str:
    """The token of a set of rows, one state per key (``"12:present,15:excused"``).

    Readable rather than hashed: the conflict message compares it with the current states
    to name what changed. Someone who edits it only spoils their own conflict check.
    """
    return ",".join(f"{key}:{value}" for key, value in sorted(states.items())) or ABSENT


def _parse_states(token: str) -> dict[int, str] | None:
    if token == ABSENT:
        return {}
    states = {}
    for part in token.split(","):
        key, sep, value = part.partition(":")
        if not sep or not key.isascii() or not key.isdigit() or len(key) > 18:
            return None
        states[int(key)] = value
    return states


def check_states(
    current: Mapping[int, str],
    token: str | None,
    *,
    key_label: Callable[[int], str],
    state_label: Callable[[str], str],
    last_change: Any = None,
) -> None:
    """Refuse a save of a set of rows shown with ``token`` when ``current`` (read under lock
    inside the transaction) differs; the message names each changed row (``key_label``) with
    its old and new state, and who saved last (``last_change``: a history record or None)."""
    if not token:
        return
    current_token = states_token(current)
    if token == current_token:
        return
    shown = _parse_states(token)
    changes = []
    if shown is not None:
        for key in sorted(set(shown) | set(current)):
            if shown.get(key, "") != current.get(key, ""):
                changes.append(
                    _("%(field)s: „%(old)s“ → „%(new)s“")
                    % {
                        "field": key_label(key),
                        "old": state_label(shown.get(key, "")),
                        "new": state_label(current.get(key, "")),
                    }
                )
    who = {user_label(last_change.history_user)} if last_change is not None else set()
    when = last_change.history_date if last_change is not None else None
    raise StaleEdit(_message(who, when, changes), current_token=current_token)
