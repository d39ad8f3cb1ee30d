"""The contract between the exchange services and the section modules of the apps.

A section module (listed in ``ikz.exchange.registry.SECTION_MODULES``) exposes::

    NAME: str                                   # its top-level key in the file
    def export_section(*, cooperation: Cooperation, ids: ExportIds) -> list[dict] | dict | None
    def import_section(*, cooperation: Cooperation, data: Any, refs: ImportRefs) -> None

Objects refer to each other in the file by file-local numbers, never by database keys: the
exporter asks ``ids.of(obj)`` and the importer resolves with ``refs.get(label, number, path=...)``.
Labels are Django model labels ("cooperation.Body"); a model class is accepted as well.

A section that needs file contents (the attachments) exports only into a bundle
(``ids.with_files``), registering each file with ``ids.add_file``, and returns None otherwise:
the section is then left out of the file. On import it reads them from ``refs.files`` (None
for a plain JSON file) and registers with ``refs.on_failure`` how to remove what it stored.

This module imports no models at import time, so that ``ikz.exchange`` can re-export it.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import IO, TYPE_CHECKING, Any

from django.apps import apps
from django.utils.translation import gettext as _

if TYPE_CHECKING:
    from django.db.models import Model

    from ikz.cooperation.models import Cooperation
    from ikz.exchange.bundle import BundleFiles


class ExchangeError(Exception):
    """An import or export refused with a German message that names the place in the file."""

    def __init__(self, message: str, *, path: str = "") -> None:
        self.path = path
        self.detail = message
        super().__init__(f"{path}: {message}" if path else message)

    @property
    def message(self) -> str:
        return str(self)


def _label(model_or_label: str | type[Model]) -> str:
    if isinstance(model_or_label, str):
        return model_or_label
    return model_or_label._meta.label


def _noun(label: str, *, plural: bool = False) -> str:
    try:
        meta = apps.get_model(label)._meta
    except (LookupError, ValueError):
        return label
    return str(meta.verbose_name_plural if plural else meta.verbose_name)


class ExportIds:
    """Deterministic file-local numbers: 1, 2, 3 … per model label, in the order first asked.

    Exporters iterate in a stable order, so export → import → export yields the same numbers.
    The cooperation guard turns an accidental reference into another cooperation into a loud
    programming error instead of a leak.
    """

    def __init__(self, *, cooperation: Cooperation, with_files: bool = False) -> None:
        self._cooperation_id = cooperation.pk
        self._numbers: dict[str, dict[Any, int]] = {}
        self.with_files = with_files
        self.files: dict[str, Callable[[], IO[bytes]]] = {}

    def add_file(self, name: str, opener: Callable[[], IO[bytes]]) -> None:
        """A file for the bundle, opened only when the bundle is written."""
        self.files.setdefault(name, opener)

    def of(self, obj: Model) -> int:
        owner = getattr(obj, "cooperation_id", self._cooperation_id)
        if owner != self._cooperation_id:
            raise RuntimeError(f"{obj._meta.label} {obj.pk} gehört zu einer anderen Kooperation.")
        numbers = self._numbers.setdefault(obj._meta.label, {})
        if obj.pk not in numbers:
            numbers[obj.pk] = len(numbers) + 1
        return numbers[obj.pk]

    def maybe(self, obj: Model | None) -> int | None:
        """``of`` for an optional reference: None stays None (written as JSON null)."""
        return None if obj is None else self.of(obj)


class ImportRefs:
    """The objects created so far, by label and file-local number, for later references."""

    def __init__(self, *, files: BundleFiles | None = None) -> None:
        self._objects: dict[str, dict[int, Any]] = {}
        self.files = files
        self._cleanups: list[Callable[[], None]] = []

    def on_failure(self, cleanup: Callable[[], None]) -> None:
        """Run ``cleanup`` if the import fails: the database rolls back, storage does not."""
        self._cleanups.append(cleanup)

    def clean_up(self) -> None:
        for cleanup in reversed(self._cleanups):
            cleanup()
        self._cleanups.clear()

    def put(self, label: str | type[Model], file_id: int, obj: Any, *, path: str = "") -> None:
        key = _label(label)
        objects = self._objects.setdefault(key, {})
        if file_id in objects:
            raise ExchangeError(
                _("Die Nummer %(number)s kommt bei den %(nouns)s doppelt vor.")
                % {"number": file_id, "nouns": _noun(key, plural=True)},
                path=path,
            )
        objects[file_id] = obj

    def get(self, label: str | type[Model], file_id: Any, *, path: str) -> Any:
        key = _label(label)
        if not isinstance(file_id, int) or isinstance(file_id, bool):
            raise ExchangeError(
                _("Verweis auf %(noun)s muss eine Nummer sein, nicht %(found)s.")
                % {"noun": _noun(key), "found": describe(file_id)},
                path=path,
            )
        try:
            return self._objects.get(key, {})[file_id]
        except KeyError:
            raise ExchangeError(
                _("%(noun)s %(number)s ist in der Datei nicht enthalten.")
                % {"noun": _noun(key), "number": file_id},
                path=path,
            ) from None

    def all(self, label: str | type[Model]) -> dict[int, Any]:
        """Every object of ``label`` created so far, by file-local number (a copy)."""
        return dict(self._objects.get(_label(label), {}))


def describe(value: Any) -> str:
    """A German name for a JSON value's type, for error messages."""
    if value is None:
        return _("leer (null)")
    if isinstance(value, bool):
        return _("ein Wahrheitswert")
    if isinstance(value, int):
        return _("eine ganze Zahl")
    if isinstance(value, float):
        return _("eine Kommazahl")
    if isinstance(value, str):
        return _("ein Text")
    if isinstance(value, list):
        return _("eine Liste")
    if isinstance(value, dict):
        return _("ein Objekt")
    return type(value).__name__
