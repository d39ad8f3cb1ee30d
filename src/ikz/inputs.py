"""Untrusted input, checked in one place: text, numbers, keys and redirect targets.

Every form of the site (through ``ikz.ui.forms.KernFormMixin``), every list filter and the
importer go through these functions, so that a pasted Word line break, a superscript digit or
a forged id never reaches a query, a document or a spreadsheet unchecked.
"""

from __future__ import annotations

import re

from django.http import HttpRequest
from django.utils.http import url_has_allowed_host_and_scheme

# C0 control characters except tab and newline, DEL, and the two non-characters that XML (and
# so XLSX, DOCX and PPTX) refuses. A vertical tab or form feed (Word's line and page break)
# becomes a newline; every other one is removed.
_CONTROL = re.compile("[\x00-\x08\x0e-\x1f\x7f\ufffe\uffff]")
_BREAKS = re.compile("\r\n|[\r\x0b\x0c]")
# The largest key a database column of type bigint holds.
MAX_KEY = 2**63 - 1
_ASCII_INT = re.compile(r"[0-9]{1,19}")
_ASCII_SIGNED_INT = re.compile(r"[+-]?[0-9]{1,19}")


def normalise_text(value: str) -> str:
    """Line breaks as ``\\n``; control characters other than tab and newline removed."""
    if not value:
        return value
    return _CONTROL.sub("", _BREAKS.sub("\n", value))


def parse_key(value: object) -> int | None:
    """A database key from user input: ASCII digits only, 1 … 2⁶³−1, else None."""
    text = str(value).strip() if value is not None else ""
    if not _ASCII_INT.fullmatch(text):
        return None
    number = int(text)
    return number if 0 < number <= MAX_KEY else None


def parse_int(value: object, *, low: int = -MAX_KEY, high: int = MAX_KEY) -> int | None:
    """A whole number from user input (ASCII digits, optional sign) within bounds, else None."""
    text = str(value).strip() if value is not None else ""
    if not _ASCII_SIGNED_INT.fullmatch(text):
        return None
    number = int(text)
    return number if low <= number <= high else None


def has_foreign_digits(text: str) -> bool:
    """True if ``text`` holds a digit other than 0–9 (², ٣, ５ …), which must not count."""
    return any(char.isdigit() and not ("0" <= char <= "9") for char in text)


def safe_local_url(request: HttpRequest, target: str | None) -> str | None:
    """``target`` if it is a path on this site ("/…", not "//host" or "/\\host"), else None."""
    if not target or not target.startswith("/") or target.startswith(("//", "/\\")):
        return None
    if normalise_text(target) != target or any(char.isspace() for char in target):
        return None
    if not url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return None
    return target
