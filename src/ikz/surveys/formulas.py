"""Derived indicators: small arithmetic formulas over the keys of number questions.

A formula is parsed with Python's ``ast`` module and only an allow-list of nodes is accepted:
numbers, names (question keys and the municipality figures ``einwohner`` and ``flaeche``),
``+ - * /``, unary minus, parentheses and the functions ``min``, ``max`` and ``abs``. Nothing
is ever passed to ``eval``. A missing answer or a division by zero gives no value (None).

Evaluation works on whole columns (one float per municipality, ``math.nan`` for no value):
each operator runs once over the column in a list comprehension, not once per municipality
through the tree, so a formula over 10,000 municipalities stays a handful of passes.
"""

from __future__ import annotations

import ast
import math
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass

from django.utils.translation import gettext as _

from ikz.surveys.stats import divide

MAX_LENGTH = 500
MAX_NODES = 200
MUNICIPALITY_NAMES = {"einwohner": "Einwohnerzahl", "flaeche": "Fläche in km²"}

Column = list[float]
Operand = float | Column  # a constant, or one value per municipality


def _nan_min(*args: float) -> float:
    # Python's min() with a NaN depends on the order of the arguments: no value is no value.
    return math.nan if any(math.isnan(a) for a in args) else min(args)


def _nan_max(*args: float) -> float:
    return math.nan if any(math.isnan(a) for a in args) else max(args)


FUNCTIONS: dict[str, Callable[..., float]] = {"min": _nan_min, "max": _nan_max, "abs": abs}
_OPERATORS: dict[type[ast.operator], Callable[[float, float], float]] = {
    ast.Add: lambda left, right: left + right,
    ast.Sub: lambda left, right: left - right,
    ast.Mult: lambda left, right: left * right,
    ast.Div: divide,  # a zero divisor gives NaN rather than ZeroDivisionError
}


def _columns(args: list[Operand], size: int) -> list[Column]:
    return [arg if isinstance(arg, list) else [arg] * size for arg in args]


def _apply(function: Callable[..., float], args: list[Operand], size: int) -> Operand:
    if not any(isinstance(arg, list) for arg in args):
        return function(*args)
    return [function(*row) for row in zip(*_columns(args, size), strict=True)]


class FormulaError(ValueError):
    """Raised with a German message that can be shown to the user as it is."""


@dataclass(frozen=True)
class Formula:
    text: str
    tree: ast.expr
    names: frozenset[str]

    def evaluate_arrays(self, values: Mapping[str, Column], size: int) -> Column:
        """One result per municipality; NaN where an answer is missing or a divisor is zero."""
        result = _evaluate(self.tree, values, size)
        column = result if isinstance(result, list) else [result] * size
        return [value if math.isfinite(value) else math.nan for value in column]

    def evaluate(self, values: Mapping[str, float | int | None]) -> float | None:
        """The value for one municipality, or None (missing answer, division by zero)."""
        columns = {
            name: [math.nan if value is None else float(value)] for name, value in values.items()
        }
        result = self.evaluate_arrays(columns, 1)[0]
        return None if math.isnan(result) else result


def _evaluate(node: ast.expr, values: Mapping[str, Column], size: int) -> Operand:
    if isinstance(node, ast.Constant):
        return float(node.value)  # type: ignore[arg-type]  # _check allows numbers only
    if isinstance(node, ast.Name):
        found = values.get(node.id)
        return [math.nan] * size if found is None else found
    if isinstance(node, ast.UnaryOp):
        operand = _evaluate(node.operand, values, size)
        if not isinstance(node.op, ast.USub):
            return operand
        return [-value for value in operand] if isinstance(operand, list) else -operand
    if isinstance(node, ast.BinOp):
        left = _evaluate(node.left, values, size)
        right = _evaluate(node.right, values, size)
        return _apply(_OPERATORS[type(node.op)], [left, right], size)
    if isinstance(node, ast.Call) and isinstance(node.func, ast.Name):
        args = [_evaluate(arg, values, size) for arg in node.args]
        return _apply(FUNCTIONS[node.func.id], args, size)
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
