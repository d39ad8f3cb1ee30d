"""Numbers printed the German way (1.234,5); shared by templates and code below the page shell."""

from __future__ import annotations

from decimal import Decimal


def de_number(value: int | float | Decimal | None, decimals: int = 0) -> str:
    """1234.5 → "1.234,5" with the given number of decimals."""
    if value is None or value == "":
        return "–"
    text = f"{float(value):,.{int(decimals)}f}"
    return text.replace(",", "\u2009").replace(".", ",").replace("\u2009", ".")
