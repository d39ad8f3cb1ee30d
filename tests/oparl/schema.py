"""The OParl 1.1 schema files of ../shared/oparl/schema as a JSON Schema validator.

The files are not plain JSON Schema (see shared/oparl/README.md): an embedded object is named
with ``"schema": "X.json"``, the format ``url`` is non-standard, and the spec text adds that
``created`` and ``modified`` are required on every object. ``validator_for`` translates them.
"""

from __future__ import annotations

import json
import re
from functools import cache
from pathlib import Path
from typing import Any

from jsonschema import Draft202012Validator, FormatChecker
from referencing import Registry, Resource
from referencing.jsonschema import DRAFT202012

BASE = "https://schema.test/"
URL = re.compile(r"^https?://[^\s/]+(/[^\s]*)?$")
DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
DATE_TIME = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}[+-]\d{2}:\d{2}$")


def schema_dir() -> Path:
    """``shared/oparl/schema`` beside the repository (or beside one of its parents)."""
    here = Path(__file__).resolve()
    for parent in here.parents:
        candidate = parent / "shared" / "oparl" / "schema"
        if (candidate / "System.json").is_file():
            return candidate
    raise FileNotFoundError("shared/oparl/schema not found beside the repository")


def _translate(node: Any) -> Any:
    if isinstance(node, dict):
        out = {key: _translate(value) for key, value in node.items()}
        target = node.get("schema")
        if isinstance(target, str) and target.endswith(".json"):
            out["$ref"] = target
        return out
    if isinstance(node, list):
        return [_translate(value) for value in node]
    return node


LIST_SCHEMA = {
    "type": "object",
    "required": ["data", "pagination", "links"],
    "properties": {
        "data": {"type": "array", "items": {"type": "object"}},
        "pagination": {
            "type": "object",
            "required": ["totalElements", "elementsPerPage", "currentPage", "totalPages"],
            "properties": {
                key: {"type": "integer", "minimum": 0}
                for key in ("totalElements", "elementsPerPage", "currentPage", "totalPages")
            },
        },
        "links": {
            "type": "object",
            "required": ["first", "self", "last"],
            "additionalProperties": {"type": "string", "format": "url"},
        },
    },
}


@cache
def _registry() -> Registry:
    resources = []
    for path in sorted(schema_dir().glob("*.json")):
        schema = _translate(json.loads(path.read_text(encoding="utf-8")))
        schema["$id"] = BASE + path.name
        # The spec text: created and modified on every object.
        schema["required"] = sorted({*schema.get("required", []), "created", "modified"})
        resources.append((BASE + path.name, Resource.from_contents(schema, DRAFT202012)))
    return Registry().with_resources(resources)


def _checker() -> FormatChecker:
    checker = FormatChecker()
    checker.checks("url")(lambda value: not isinstance(value, str) or bool(URL.match(value)))
    checker.checks("date", raises=())(
        lambda value: not isinstance(value, str) or bool(DATE.match(value))
    )
    checker.checks("date-time", raises=())(
        lambda value: not isinstance(value, str) or bool(DATE_TIME.match(value))
    )
    return checker


@cache
def validator(type_name: str) -> Draft202012Validator:
    schema: dict[str, Any] = {"$ref": BASE + f"{type_name}.json"}
    if type_name == "List":
        schema = LIST_SCHEMA
    return Draft202012Validator(schema, registry=_registry(), format_checker=_checker())


def errors(type_name: str, obj: Any) -> list[str]:
    return [
        f"{'/'.join(map(str, error.absolute_path))}: {error.message}"
        for error in validator(type_name).iter_errors(obj)
    ]
