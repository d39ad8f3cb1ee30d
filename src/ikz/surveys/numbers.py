"""Numbers as people in German offices type them: "1.234,5", "1234,5", "1 234", "-3".

The rule for the dot: with a decimal comma, dots separate thousands ("1.234.567,8"). Without
a comma, a dot followed by exactly three digits is a thousands separator ("1.234" is 1234,
"12.500.000" is 12500000), any other single dot is a decimal point ("1234.5", "3.14"). So
"1.234" never means one point two three four: write "1,234" for that.
"""

from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation

from django.utils.translation import gettext as _

MAX_DIGITS = 18

_SPACES = re.compile(r"[\s\u00a0\u202f\u2009']")
_GROUPED = re.compile(r"[1-9][0-9]{0,2}(?:\.[0-9]{3})+")
_PLAIN = re.compile(r"[0-9]+")


class NumberError(ValueError):
    """Raised with a German message that can be shown to the user as it is."""


def _integer_part(text: str, original: str) -> str:
    if _PLAIN.fullmatch(text):
        return text
    if _GROUPED.fullmatch(text):
        return text.replace(".", "")
    raise NumberError(
        _("„%(text)s“ ist keine Zahl. Beispiele: 1234 oder 1.234,5") % {"text": original}
    )


def parse_german_number(text: str) -> Decimal:
    """The value of ``text`` as a Decimal, or NumberError with a message for the user."""
    original = str(text).strip()
    if not original:
        raise NumberError(_("Bitte eine Zahl eingeben."))
    cleaned = _SPACES.sub("", original).replace("\u2212", "-")
    if not cleaned:  # only separators, e.g. "'"
        raise NumberError(_("„%(text)s“ ist keine Zahl.") % {"text": original})
    sign = ""
    if cleaned[:1] in "+-":
        sign, cleaned = ("-" if cleaned[0] == "-" else ""), cleaned[1:]
    if cleaned.count(",") > 1:
        raise NumberError(_("„%(text)s“ hat mehr als ein Dezimalkomma.") % {"text": original})
    if "," in cleaned:
        whole, fraction = cleaned.split(",")
        whole = _integer_part(whole or "0", original)
    elif cleaned.count(".") == 1 and not _GROUPED.fullmatch(cleaned):
        whole, fraction = cleaned.split(".")
        whole = _integer_part(whole or "0", original)
    else:
        whole, fraction = _integer_part(cleaned, original), ""
    if fraction and not _PLAIN.fullmatch(fraction):
        raise NumberError(
            _("„%(text)s“ ist keine Zahl. Beispiele: 1234 oder 1.234,5") % {"text": original}
        )
    if len(whole.lstrip("0")) + len(fraction) > MAX_DIGITS:
        raise NumberError(
            _("„%(text)s“ hat zu viele Stellen (höchstens %(digits)s).")
            % {"text": original, "digits": MAX_DIGITS}
        )
    try:
        return Decimal(f"{sign}{whole}.{fraction or '0'}")
    except InvalidOperation as error:  # pragma: no cover - the patterns above exclude it
        raise NumberError(_("„%(text)s“ ist keine Zahl.") % {"text": original}) from error


def to_json_number(value: Decimal) -> int | float:
    """How a number is stored in a response: an int when whole, else a float."""
    if value == value.to_integral_value():
        return int(value)
    return float(value)


def format_german_number(value: float | int | Decimal | None, decimals: int | None = None) -> str:
    """1234.5 → "1.234,5"; ``decimals`` fixes the places, else up to 6 without trailing zeros."""
    if value is None:
        return ""
    if isinstance(value, float) and value != value:  # NaN
        return ""
    if decimals is None:
        text = f"{Decimal(str(value)):,.6f}".rstrip("0").rstrip(".")
    else:
        text = f"{Decimal(str(value)):,.{decimals}f}"
    if text.startswith("-") and not text.strip("-0.,"):
        text = text[1:]
    return text.replace(",", "\u2009").replace(".", ",").replace("\u2009", ".")
