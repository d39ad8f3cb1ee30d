"""Money the German way: typed as "84.000", "84.000,00", "84.000 €" or "84000", printed "84.000 €".

One parser and one formatter for every amount in the product (funding applications, report
lines, survey answers in euros), so that an amount is accepted or refused with the same German
message wherever it is typed.

Rules: an optional "€" or "EUR" before or after the number; spaces anywhere; dots only as
thousands separators in groups of three ("84.000", "1.250.000"); a comma before at most two
cent digits. A dot before one or two digits ("84000.50") is refused with a hint to use the
comma, because "84.000" already means eighty-four thousand.
"""

from __future__ import annotations

import re
from decimal import Decimal

from django.utils.translation import gettext as _

MAX_DIGITS = 12  # the database columns: max_digits=12, decimal_places=2
MAX_WHOLE_DIGITS = MAX_DIGITS - 2

_CURRENCY = re.compile(r"^(?:€|EUR)|(?:€|EUR)$", re.IGNORECASE)
_SPACES = re.compile(r"[\s\u00a0\u202f\u2009]")
_AMOUNT = re.compile(r"(?P<whole>[0-9]{1,3}(?:\.[0-9]{3})+|[0-9]+)(?:,(?P<cents>[0-9]{1,2}))?")
_ENGLISH = re.compile(r"[0-9]+\.[0-9]{1,2}")


class MoneyError(ValueError):
    """An amount that cannot be read; the message is German and meant for the user."""


def parse_money(text: str) -> Decimal:
    """The amount in ``text`` as a Decimal with two places, or MoneyError (German message)."""
    original = str(text if text is not None else "").strip()
    if not original:
        raise MoneyError(_("Bitte einen Betrag eingeben."))
    cleaned = _SPACES.sub("", original)
    cleaned = _CURRENCY.sub("", cleaned, count=2)
    if cleaned.startswith(("-", "\u2212")):
        raise MoneyError(_("Ein Betrag kann nicht negativ sein."))
    match = _AMOUNT.fullmatch(cleaned)
    if match is None:
        if _ENGLISH.fullmatch(cleaned):
            raise MoneyError(
                _("„%(text)s“: Cent bitte mit Komma angeben, z. B. 84.000,50 €.")
                % {"text": original}
            )
        raise MoneyError(
            _("„%(text)s“ ist kein Betrag. Beispiele: 84.000 oder 84.000,00 €") % {"text": original}
        )
    whole = match.group("whole").replace(".", "").lstrip("0") or "0"
    if len(whole) > MAX_WHOLE_DIGITS:
        raise MoneyError(
            _("„%(text)s“ ist zu groß (höchstens %(digits)s Stellen vor dem Komma).")
            % {"text": original, "digits": MAX_WHOLE_DIGITS}
        )
    cents = (match.group("cents") or "").ljust(2, "0")
    return Decimal(f"{whole}.{cents}")


def format_money(value: Decimal | int | float | None, *, cents: bool | None = None) -> str:
    """84000 → "84.000 €", 84000.5 → "84.000,50 €"; ``cents`` forces or suppresses the cents.

    Without ``cents`` the cents are printed only when the amount has some. None gives "".
    """
    if value is None or value == "":
        return ""
    amount = Decimal(str(value)).quantize(Decimal("0.01"))
    show_cents = cents if cents is not None else amount != amount.to_integral_value()
    text = f"{amount:,.2f}" if show_cents else f"{amount:,.0f}"
    german = text.replace(",", "\u2009").replace(".", ",").replace("\u2009", ".")
    return f"{german}\u00a0€"


def money_input(value: Decimal | None) -> str:
    """How an amount is shown in an input field: "84.000" or "84.000,50" (no sign)."""
    return format_money(value).removesuffix("\u00a0€") if value is not None else ""
