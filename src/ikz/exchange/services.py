"""Export a whole cooperation to the exchange format and import it as a new cooperation.

The import runs in one transaction: it checks the file's frame (format marker, version, known
sections) first, then lets each section create and validate its rows; any error ends in an
``ExchangeError`` naming the place in the file, and nothing stays written. The bulk of a large
file, the minute points, is validated row by row and inserted in batches with its history
records (``fields.create_all``); the search index of the new cooperation is built once.
"""

from __future__ import annotations

import datetime as dt
import json
from importlib import import_module
from types import ModuleType
from typing import IO, Any, cast

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
from ikz.exchange.bundle import BundleFiles, is_bundle, open_bundle, write_bundle
from ikz.exchange.fields import validation_message
from ikz.exchange.protocol import ExchangeError, ExportIds, ImportRefs, describe
from ikz.exchange.registry import SECTION_MODULES
from ikz.search.indexing import rebuild as rebuild_search_index

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
    """The plain exchange file: everything but the attachments (see ``export_bundle``)."""
    return _export(cooperation=cooperation, ids=ExportIds(cooperation=cooperation))


def export_bundle(*, cooperation: Cooperation, target: IO[bytes]) -> None:
    """The ZIP bundle into ``target``: the exchange file with the attachments, and their files."""
    ids = ExportIds(cooperation=cooperation, with_files=True)
    text = dumps(_export(cooperation=cooperation, ids=ids))
    files = ((name, opener()) for name, opener in sorted(ids.files.items()))
    write_bundle(text=text, files=files, target=target)


def _export(*, cooperation: Cooperation, ids: ExportIds) -> dict[str, Any]:
    data: dict[str, Any] = {
        "format": FORMAT,
        "version": VERSION,
        "exported_at": timezone.localtime().isoformat(timespec="seconds"),
        "cooperation": export_cooperation_fields(cooperation=cooperation),
    }
    for module in section_modules():
        section = module.export_section(cooperation=cooperation, ids=ids)
        if section is not None:
            data[module.NAME] = section
    export_cooperation_references(cooperation=cooperation, fields=data["cooperation"], ids=ids)
    return data


def dumps(data: dict[str, Any]) -> str:
    """The file's text: UTF-8 friendly, indented, keys in the order the exporters wrote them."""
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"


def export_filename(
    *, cooperation: Cooperation, today: dt.date | None = None, suffix: str = "json"
) -> str:
    return f"{cooperation.slug}-{(today or timezone.localdate()).isoformat()}.{suffix}"


# --- Import --------------------------------------------------------------------------------------


def read_upload(raw: bytes) -> tuple[dict[str, Any], BundleFiles | None]:
    """A plain exchange file or a ZIP bundle: its content and, for a bundle, its files."""
    if is_bundle(raw):
        text, files = open_bundle(raw)
        return parse(text), files
    return parse(raw), None


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
    return cast(dict[str, Any], data)  # check_frame refused anything but an object


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


def import_cooperation(
    *, data: dict[str, Any], slug: str | None = None, files: BundleFiles | None = None
) -> Cooperation:
    """Create a NEW cooperation from ``data`` (under ``slug`` if given); all or nothing.

    ``files`` are the attachments' bytes of a bundle. On any failure the transaction rolls
    back and the files already put into storage are removed again.
    """
    refs = ImportRefs(files=files)
    try:
        return _import(data=data, slug=slug, refs=refs)
    except BaseException:
        refs.clean_up()
        raise


@transaction.atomic
def _import(*, data: dict[str, Any], slug: str | None, refs: ImportRefs) -> Cooperation:
    check_frame(data)
    cooperation = import_cooperation_fields(data=data["cooperation"], slug=slug)
    for module in section_modules():
        if module.NAME in data:
            _import_section(module, cooperation=cooperation, data=data[module.NAME], refs=refs)
    import_cooperation_references(cooperation=cooperation, data=data["cooperation"], refs=refs)
    # Rows inserted in batches (minute points) sent no post_save: index the cooperation once.
    rebuild_search_index(cooperation_ids=[cooperation.pk])
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
