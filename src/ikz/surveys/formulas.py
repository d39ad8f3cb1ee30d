"""Derived indicators: small arithmetic formulas over the keys of number questions.

A formula is parsed with Python's ``ast`` module and only an allow-list of nodes is accepted:
numbers, names (question keys and the municipality figures ``einwohner`` and ``flaeche``),
``+ - * /``, unary minus, parentheses and the functions ``min``, ``max`` and ``abs``. Nothing
is ever passed to ``eval``. A missing answer or a division by zero gives no value (None).

Evaluation works on numpy arrays (one value per municipality), so that a formula over
10,000 municipalities costs a handful of vector operations.
"""

from __future__ import annotations

import ast
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from typing import Any

import numpy as np
from django.utils.translation import gettext as _

MAX_LENGTH = 500
MAX_NODES = 200
MUNICIPALITY_NAMES = {"einwohner": "Einwohnerzahl", "flaeche": "Fläche in km²"}
FUNCTIONS: dict[str, Callable[..., np.ndarray]] = {
    "min": lambda *args: np.minimum.reduce(np.broadcast_arrays(*args)),
    "max": lambda *args: np.maximum.reduce(np.broadcast_arrays(*args)),
    "abs": np.abs,
}
_OPERATORS: dict[type[ast.operator], Callable[[np.ndarray, np.ndarray], np.ndarray]] = {
    ast.Add: np.add,
    ast.Sub: np.subtract,
    ast.Mult: np.multiply,
    ast.Div: np.divide,
}


class FormulaError(ValueError):
    """Raised with a German message that can be shown to the user as it is."""


@dataclass(frozen=True)
class Formula:
    text: str
    tree: ast.expr
    names: frozenset[str]

    def evaluate_arrays(self, values: Mapping[str, np.ndarray], size: int) -> np.ndarray:
        """One result per municipality; NaN where an answer is missing or a divisor is zero."""
        with np.errstate(divide="ignore", invalid="ignore", over="ignore"):
            result = np.asarray(_evaluate(self.tree, values, size), dtype=float)
            result = np.broadcast_to(result, (size,)).copy()
        result[~np.isfinite(result)] = np.nan
        return result

    def evaluate(self, values: Mapping[str, float | int | None]) -> float | None:
        """The value for one municipality, or None (missing answer, division by zero)."""
        arrays = {
            name: np.array([np.nan if value is None else value], dtype=float)
            for name, value in values.items()
        }
        result = float(self.evaluate_arrays(arrays, 1)[0])
        return None if np.isnan(result) else result


def _evaluate(node: ast.expr, values: Mapping[str, np.ndarray], size: int) -> Any:
    if isinstance(node, ast.Constant):
        return float(node.value)  # type: ignore[arg-type]  # _check allows numbers only
    if isinstance(node, ast.Name):
        found = values.get(node.id)
        return np.full(size, np.nan) if found is None else found
    if isinstance(node, ast.UnaryOp):
        operand = _evaluate(node.operand, values, size)
        return -operand if isinstance(node.op, ast.USub) else operand
    if isinstance(node, ast.BinOp):
        left = _evaluate(node.left, values, size)
        right = _evaluate(node.right, values, size)
        return _OPERATORS[type(node.op)](left, right)
    if isinstance(node, ast.Call) and isinstance(node.func, ast.Name):
        args = [_evaluate(arg, values, size) for arg in node.args]
        return FUNCTIONS[node.func.id](*args)
    raise FormulaError(_("Unerwarteter Ausdruck."))  # pragma: no cover - excluded by _check


def _check(node: ast.AST, known: frozenset[str], names: set[str]) -> None:
    if isinstance(node, ast.Constant):
        if isinstance(node.value, bool) or not isinstance(node.value, int | float):
            raise FormulaError(_("In Formeln sind nur Zahlen, Kürzel und Rechenzeichen erlaubt."))
        return
    if isinstance(node, ast.Name):
        if node.id not in known:
            raise FormulaError(
                _("„%(name)s“ ist kein Kürzel einer Zahlenfrage dieser Umfrage.")
                % {"name": node.id}
            )
        names.add(node.id)
        return
    if isinstance(node, ast.UnaryOp) and isinstance(node.op, ast.USub | ast.UAdd):
        _check(node.operand, known, names)
        return
    if isinstance(node, ast.BinOp) and type(node.op) in _OPERATORS:
        _check(node.left, known, names)
        _check(node.right, known, names)
        return
    if isinstance(node, ast.Call):
        if not isinstance(node.func, ast.Name) or node.func.id not in FUNCTIONS:
            raise FormulaError(_("Erlaubte Funktionen sind nur min, max und abs."))
        if node.keywords or not node.args or any(isinstance(a, ast.Starred) for a in node.args):
            raise FormulaError(
                _("%(function)s(…) braucht Werte, durch Komma getrennt.")
                % {"function": node.func.id}
            )
        if node.func.id == "abs" and len(node.args) != 1:
            raise FormulaError(_("abs(…) nimmt genau einen Wert."))
        for arg in node.args:
            _check(arg, known, names)
        return
    if isinstance(node, ast.BinOp):
        raise FormulaError(_("Erlaubte Rechenzeichen sind + - * / und Klammern."))
    raise FormulaError(_("In Formeln sind nur Zahlen, Kürzel, + - * /, Klammern erlaubt."))


def parse_formula(text: str, known_names: Iterable[str]) -> Formula:
    """Check ``text`` against the allow-list; raises FormulaError with a German message."""
    cleaned = (text or "").strip()
    if not cleaned:
        raise FormulaError(_("Bitte eine Formel eingeben."))
    if len(cleaned) > MAX_LENGTH:
        raise FormulaError(
            _("Die Formel ist zu lang (höchstens %(limit)s Zeichen).") % {"limit": MAX_LENGTH}
        )
    try:
        tree = ast.parse(cleaned, mode="eval")
    except (SyntaxError, ValueError, RecursionError, MemoryError) as error:
        raise FormulaError(
            _(
                "Die Formel ist unvollständig oder enthält unerlaubte Zeichen. "
                "Dezimalzahlen bitte mit Punkt schreiben, z. B. 0.5."
            )
        ) from error
    if sum(1 for _ in ast.walk(tree)) > MAX_NODES:
        raise FormulaError(_("Die Formel ist zu umfangreich."))
    known = frozenset(known_names) | frozenset(MUNICIPALITY_NAMES)
    names: set[str] = set()
    _check(tree.body, known, names)
    return Formula(text=cleaned, tree=tree.body, names=frozenset(names))
