"""Reading and writing the values of an exchange file, with German messages naming the path.

Section modules read every record through ``Record`` (types, unknown keys, references) and save
through ``create`` (``full_clean`` first, database errors turned into ``ExchangeError``), so that
a broken file is refused with one clear message and never half-written.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable
from decimal import Decimal, InvalidOperation
from typing import Any, TypeVar

from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.db import DataError, IntegrityError, models, transaction
from django.utils.translation import gettext as _

from ikz.dates import PartialDate, year_range_error
from ikz.exchange.protocol import ExchangeError, ImportRefs, describe
from ikz.inputs import normalise_text

ModelT = TypeVar("ModelT", bound=models.Model)

INT_MIN, INT_MAX = -(2**31), 2**31 - 1
_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")
_PARTIAL_DATE = re.compile(r"[0-9]{4}-[0-9]{2}(-[0-9]{2})?")
_DECIMAL = re.compile(r"-?[0-9]{1,15}(\.[0-9]{1,10})?")

# --- Writing -----------------------------------------------------------------------------------


def iso_date(value: dt.date | None) -> str | None:
    return None if value is None else value.isoformat()


def iso_partial_date(value: PartialDate | None) -> str | None:
    return None if value is None else value.iso()


def decimal_text(value: Decimal | None, *, places: int = 2) -> str | None:
    """Decimals as text with a fixed number of places ("15.64", "22.80"): exact and stable."""
    return None if value is None else f"{value:.{places}f}"


# --- Reading -----------------------------------------------------------------------------------


def join(path: str, key: str | int) -> str:
    if isinstance(key, int):
        return f"{path}[{key}]"
    return f"{path}.{key}" if path else key


def records(data: Any, path: str, *, keys: Iterable[str]) -> list[Record]:
    """A list of JSON objects, each checked for unknown keys."""
    if not isinstance(data, list):
        raise ExchangeError(
            _("Erwartet wird eine Liste, nicht %(found)s.") % {"found": describe(data)},
            path=path,
        )
    allowed = frozenset(keys)
    return [Record(item, join(path, index), keys=allowed) for index, item in enumerate(data)]


class Record:
    """One JSON object of the file. Missing optional keys read as empty, never as an error."""

    def __init__(self, data: Any, path: str, *, keys: Iterable[str]) -> None:
        if not isinstance(data, dict):
            raise ExchangeError(
                _("Erwartet wird ein Objekt, nicht %(found)s.") % {"found": describe(data)},
                path=path,
            )
        self.data = data
        self.path = path
        allowed = frozenset(keys)
        for key in data:
            if key not in allowed:
                raise ExchangeError(
                    _("Unbekanntes Feld „%(key)s“. Erlaubt sind: %(allowed)s.")
                    % {"key": key, "allowed": ", ".join(sorted(allowed))},
                    path=path,
                )

    def at(self, key: str) -> str:
        return join(self.path, key)

    def _fail(self, key: str, message: str) -> ExchangeError:
        return ExchangeError(message, path=self.at(key))

    def _get(self, key: str, *, required: bool) -> Any:
        if key not in self.data:
            if required:
                raise self._fail(key, _("Pflichtfeld fehlt."))
            return None
        return self.data[key]

    def number(self, key: str = "id") -> int:
        """The record's own file-local number: a positive whole number."""
        value = self._get(key, required=True)
        if not isinstance(value, int) or isinstance(value, bool) or value < 1:
            raise self._fail(
                key,
                _("Erwartet wird eine positive ganze Zahl, nicht %(found)s.")
                % {"found": describe(value)},
            )
        return value

    def text(self, key: str, *, required: bool = False) -> str:
        value = self._get(key, required=required)
        if value is None and key not in self.data:
            return ""
        if not isinstance(value, str):
            raise self._fail(
                key,
                _("Erwartet wird ein Text, nicht %(found)s.") % {"found": describe(value)},
            )
        if "\x00" in value:
            raise self._fail(key, _("Der Text enthält ein unzulässiges Nullzeichen."))
        try:
            value.encode("utf-8")
        except UnicodeEncodeError:
            raise self._fail(key, _("Der Text enthält ungültige Unicode-Zeichen.")) from None
        return normalise_text(value)

    def choice(self, key: str, choices: type[models.Choices], *, default: str) -> str:
        value = self.text(key) if key in self.data else default
        allowed = [str(option) for option in choices.values]
        if value not in allowed:
            raise self._fail(
                key,
                _("„%(value)s“ ist nicht erlaubt. Erlaubt sind: %(allowed)s.")
                % {"value": value, "allowed": ", ".join(allowed)},
            )
        return value

    def boolean(self, key: str, *, default: bool = False) -> bool:
        value = self._get(key, required=False)
        if key not in self.data:
            return default
        if not isinstance(value, bool):
            raise self._fail(
                key,
                _("Erwartet wird true oder false, nicht %(found)s.") % {"found": describe(value)},
            )
        return value

    def integer(self, key: str, *, minimum: int = INT_MIN, maximum: int = INT_MAX) -> int | None:
        value = self._get(key, required=False)
        if value is None:
            return None
        if not isinstance(value, int) or isinstance(value, bool):
            raise self._fail(
                key,
                _("Erwartet wird eine ganze Zahl, nicht %(found)s.") % {"found": describe(value)},
            )
        if not minimum <= value <= maximum:
            raise self._fail(
                key,
                _("Die Zahl muss zwischen %(minimum)s und %(maximum)s liegen.")
                % {"minimum": minimum, "maximum": maximum},
            )
        return value

    def decimal(self, key: str) -> Decimal | None:
        value = self._get(key, required=False)
        if value is None:
            return None
        if not isinstance(value, str) or not _DECIMAL.fullmatch(value):
            raise self._fail(
                key,
                _("Erwartet wird eine Dezimalzahl als Text wie „15.64“, nicht %(found)s.")
                % {"found": describe(value)},
            )
        try:
            return Decimal(value)
        except InvalidOperation:  # pragma: no cover - the pattern admits only valid numbers
            raise self._fail(
                key, _("„%(value)s“ ist keine Dezimalzahl.") % {"value": value}
            ) from None

    def date(self, key: str) -> dt.date | None:
        value = self._get(key, required=False)
        if value is None:
            return None
        if isinstance(value, str) and _DATE.fullmatch(value):
            try:
                day = dt.date.fromisoformat(value)
            except ValueError:
                pass
            else:
                if error := year_range_error(day.year):
                    raise self._fail(key, error)
                return day
        raise self._fail(
            key,
            _("Erwartet wird ein Datum wie „2019-12-05“, nicht %(found)s.")
            % {"found": _show(value)},
        )

    def partial_date(self, key: str) -> PartialDate | None:
        value = self._get(key, required=False)
        if value is None:
            return None
        if isinstance(value, str) and _PARTIAL_DATE.fullmatch(value):
            try:
                partial = PartialDate.from_iso(value)
            except ValueError:
                pass
            else:
                if error := year_range_error(partial.value.year):
                    raise self._fail(key, error)
                return partial
        raise self._fail(
            key,
            _(
                "Erwartet wird ein Tag wie „2019-12-05“ oder ein Monat wie „2020-01“, "
                "nicht %(found)s."
            )
            % {"found": _show(value)},
        )

    def datetime(self, key: str, *, required: bool = False) -> dt.datetime | None:
        """A time stamp with zone, ISO 8601 ("2019-12-05T10:00:00+00:00")."""
        text = self.text(key, required=required) if self.raw(key) is not None or required else ""
        if not text:
            return None
        try:
            value = dt.datetime.fromisoformat(text)
        except ValueError:
            value = None
        if value is None or value.tzinfo is None:
            raise self._fail(
                key,
                _(
                    "Erwartet wird ein Zeitpunkt mit Zeitzone wie „2019-12-05T10:00:00+00:00“, "
                    "nicht „%(text)s“."
                )
                % {"text": text},
            )
        return value

    def ref(
        self, key: str, label: str | type[models.Model], refs: ImportRefs, *, required: bool = False
    ) -> Any:
        """The object a reference points to; null or a missing key read as None if optional."""
        value = self._get(key, required=required)
        if value is None:
            if required:
                raise self._fail(key, _("Der Verweis darf nicht leer sein."))
            return None
        return refs.get(label, value, path=self.at(key))

    def raw(self, key: str, *, required: bool = False) -> Any:
        return self._get(key, required=required)


def _show(value: Any) -> str:
    return f"„{value}“" if isinstance(value, str) else describe(value)


# --- Saving ------------------------------------------------------------------------------------


def validation_message(error: ValidationError, path: str) -> ExchangeError:
    """One ExchangeError for a ValidationError, the field messages under their JSON paths."""
    if not hasattr(error, "error_dict"):
        return ExchangeError(" ".join(error.messages), path=path)
    parts = []
    for field, errors in error.error_dict.items():
        where = path if field == NON_FIELD_ERRORS else join(path, field)
        texts = " ".join(message for item in errors for message in item.messages)
        parts.append(f"{where}: {texts}")
    return ExchangeError("; ".join(parts))


def validate(instance: models.Model, *, path: str, exclude: Iterable[str] | None = None) -> None:
    """``full_clean``; a failure becomes an ExchangeError naming ``path``."""
    try:
        instance.full_clean(exclude=list(exclude) if exclude else None)
    except ValidationError as error:
        raise validation_message(error, path) from None


def create_all(
    model: type[ModelT], instances: list[ModelT], *, path: str, batch_size: int = 500
) -> None:
    """Insert rows already checked with ``validate`` in batches (``bulk_create``, with their
    history records); each instance gets its primary key. A database error names ``path``.

    No ``post_save`` signals: the importer rebuilds the search index of the new cooperation
    once at the end. Only for models whose saves do nothing else (see docs/exchange.md).
    """
    from ikz.tracking import records as history

    if not instances:
        return
    try:
        with transaction.atomic():
            history.bulk_create(model, instances, batch_size=batch_size)
    except (IntegrityError, DataError) as error:
        raise ExchangeError(
            _("Ein Eintrag verletzt eine Regel der Datenbank (%(error)s).") % {"error": error},
            path=path,
        ) from None


def create(instance: ModelT, *, path: str, exclude: Iterable[str] | None = None) -> ModelT:
    """Validate completely, then save; every failure becomes an ExchangeError naming ``path``."""
    validate(instance, path=path, exclude=exclude)
    try:
        # A savepoint keeps the surrounding transaction usable on PostgreSQL for the message.
        with transaction.atomic():
            instance.save()
    except (IntegrityError, DataError) as error:
        raise ExchangeError(
            _("Der Eintrag verletzt eine Regel der Datenbank (%(error)s).") % {"error": error},
            path=path,
        ) from None
    return instance
