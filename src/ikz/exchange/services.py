"""Export a whole cooperation to the exchange format and import it as a new cooperation.

The import runs in one transaction: it checks the file's frame (format marker, version, known
sections) first, then lets each section create and validate its rows; any error ends in an
``ExchangeError`` naming the place in the file, and nothing stays written.
"""

from __future__ import annotations

import datetime as dt
import json
from importlib import import_module
from types import ModuleType
from typing import Any

from django.apps import apps
from django.core.exceptions import ValidationError
from django.db import DataError, IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from ikz.activity.services import record_activity
from ikz.cooperation.exchange import (
    export_cooperation_fields,
    export_cooperation_references,
    import_cooperation_fields,
    import_cooperation_references,
)
from ikz.cooperation.models import Cooperation
from ikz.exchange import events
from ikz.exchange.fields import validation_message
from ikz.exchange.protocol import ExchangeError, ExportIds, ImportRefs, describe
from ikz.exchange.registry import SECTION_MODULES

FORMAT = "ikz-cockpit"
VERSION = 1
HEADER_KEYS = ("format", "version", "exported_at", "cooperation")

# Errors a section may let slip through on malformed data; they become an ExchangeError too.
_SECTION_FAILURES = (
    KeyError,
    TypeError,
    ValueError,
    AttributeError,
    IndexError,
    OverflowError,
    RecursionError,
)


def section_modules() -> list[ModuleType]:
    modules = [import_module(path) for path in SECTION_MODULES]
    for module in modules:
        if module.NAME in HEADER_KEYS:  # pragma: no cover - a programming error
            raise RuntimeError(f"{module.__name__}: NAME {module.NAME!r} ist reserviert.")
    return modules


# --- Export --------------------------------------------------------------------------------------


def export_cooperation(*, cooperation: Cooperation) -> dict[str, Any]:
    ids = ExportIds(cooperation=cooperation)
    data: dict[str, Any] = {
        "format": FORMAT,
        "version": VERSION,
        "exported_at": timezone.localtime().isoformat(timespec="seconds"),
        "cooperation": export_cooperation_fields(cooperation=cooperation),
    }
    for module in section_modules():
        data[module.NAME] = module.export_section(cooperation=cooperation, ids=ids)
    export_cooperation_references(cooperation=cooperation, fields=data["cooperation"], ids=ids)
    return data


def dumps(data: dict[str, Any]) -> str:
    """The file's text: UTF-8 friendly, indented, keys in the order the exporters wrote them."""
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"


def export_filename(*, cooperation: Cooperation, today: dt.date | None = None) -> str:
    return f"{cooperation.slug}-{(today or timezone.localdate()).isoformat()}.json"


# --- Import --------------------------------------------------------------------------------------


def parse(raw: bytes | str) -> dict[str, Any]:
    """The file's content as a JSON object, or an ExchangeError saying why it is none."""
    try:
        text = raw.decode("utf-8-sig") if isinstance(raw, bytes) else raw
    except UnicodeDecodeError:
        raise ExchangeError(_("Die Datei ist nicht UTF-8-kodiert.")) from None
    try:
        data = json.loads(text)
    except json.JSONDecodeError as error:
        raise ExchangeError(
            _("Die Datei ist kein gültiges JSON (Zeile %(lineno)s, Spalte %(colno)s).")
            % {"lineno": error.lineno, "colno": error.colno}
        ) from None
    except (RecursionError, ValueError):
        raise ExchangeError(
            _(
                "Die Datei ist kein verarbeitbares JSON "
                "(zu tief verschachtelt oder zu lange Zahlen)."
            )
        ) from None
    check_frame(data)
    return data


def check_frame(data: Any) -> None:
    """Format marker, version and the top-level keys; the sections check their own content."""
    if not isinstance(data, dict):
        raise ExchangeError(
            _("Die Datei muss ein JSON-Objekt enthalten, nicht %(found)s.")
            % {"found": describe(data)}
        )
    if data.get("format") != FORMAT:
        raise ExchangeError(
            _('Das ist keine Austauschdatei von IKZ-Cockpit (erwartet: "format": "%(format)s").')
            % {"format": FORMAT},
            path="format",
        )
    version = data.get("version")
    if not isinstance(version, int) or isinstance(version, bool):
        raise ExchangeError(
            _("Erwartet wird eine ganze Zahl als Version, nicht %(found)s.")
            % {"found": describe(version)},
            path="version",
        )
    if version > VERSION:
        raise ExchangeError(
            _(
                "Die Datei hat Version %(version)s; diese Installation liest nur Version "
                "%(supported)s. Bitte aktualisieren Sie IKZ-Cockpit."
            )
            % {"version": version, "supported": VERSION},
            path="version",
        )
    if version < 1:
        raise ExchangeError(
            _("Version %(version)s gibt es nicht.") % {"version": version}, path="version"
        )
    known = [*HEADER_KEYS, *(module.NAME for module in section_modules())]
    for key in data:
        if key not in known:
            raise ExchangeError(
                _(
                    "Unbekannter Abschnitt „%(key)s“. Die Datei stammt vielleicht aus einer "
                    "neueren Version von IKZ-Cockpit. Bekannt sind: %(known)s."
                )
                % {"key": key, "known": ", ".join(known)},
                path=str(key),
            )
    exported_at = data.get("exported_at")
    if exported_at is not None and not _is_timestamp(exported_at):
        raise ExchangeError(
            _("Erwartet wird ein Zeitpunkt wie „2019-12-19T10:00:00+01:00“."), path="exported_at"
        )
    if "cooperation" not in data:
        raise ExchangeError(_("Pflichtfeld fehlt."), path="cooperation")


def _is_timestamp(value: Any) -> bool:
    if not isinstance(value, str):
        return False
    try:
        dt.datetime.fromisoformat(value)
    except ValueError:
        return False
    return True


@transaction.atomic
def import_cooperation(*, data: dict[str, Any], slug: str | None = None) -> Cooperation:
    """Create a NEW cooperation from ``data`` (under ``slug`` if given); all or nothing."""
    check_frame(data)
    cooperation = import_cooperation_fields(data=data["cooperation"], slug=slug)
    refs = ImportRefs()
    for module in section_modules():
        if module.NAME in data:
            _import_section(module, cooperation=cooperation, data=data[module.NAME], refs=refs)
    import_cooperation_references(cooperation=cooperation, data=data["cooperation"], refs=refs)
    record_activity(
        cooperation=cooperation,
        actor_id=None,
        event=events.IMPORTED,
    )
    return cooperation


def _import_section(
    module: ModuleType, *, cooperation: Cooperation, data: Any, refs: ImportRefs
) -> None:
    name = module.NAME
    try:
        module.import_section(cooperation=cooperation, data=data, refs=refs)
    except ExchangeError:
        raise
    except ValidationError as error:
        raise validation_message(error, name) from None
    except (IntegrityError, DataError) as error:
        raise ExchangeError(
            _("Ein Eintrag verletzt eine Regel der Datenbank (%(error)s).") % {"error": error},
            path=name,
        ) from None
    except _SECTION_FAILURES as error:
        raise ExchangeError(
            _("Der Abschnitt ist fehlerhaft (%(kind)s: %(error)s).")
            % {"kind": type(error).__name__, "error": error},
            path=name,
        ) from None


def import_summary(*, cooperation: Cooperation) -> list[tuple[str, int]]:
    """How many rows of each kind the cooperation has, for the import's report."""
    excluded = {"accounts.CooperationRole", "activity.ActivityEntry"}
    summary = []
    for model in apps.get_models():
        if model._meta.label in excluded:
            continue
        field = next((f for f in model._meta.concrete_fields if f.name == "cooperation"), None)
        if field is None or field.related_model is not Cooperation:
            continue
        count = model._default_manager.filter(cooperation=cooperation).count()
        if count:
            summary.append((str(model._meta.verbose_name_plural), count))
    return summary
