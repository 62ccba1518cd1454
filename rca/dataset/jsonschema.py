"""The data file rules of `rca.dataset.schema`, written out as JSON Schema (draft 2020-12).

Editors with a YAML language server use it to check and complete entries as they are typed.
It is derived from the same field list the validator enforces, so the two cannot drift; the
validator still checks what JSON Schema cannot say (references between files, real dates,
vote counts against totals).
"""

from __future__ import annotations

from typing import Any

from rca.dataset.schema import Field, Kind
from rca.model import REGION

DIALECT = "https://json-schema.org/draft/2020-12/schema"

#: the JSON Schema for each field type that is a text with a pattern
PATTERNS = {
    "id": r"^[a-z0-9]+(-[a-z0-9]+)*$",
    "iso3": r"^[A-Z]{3}$",
    "iso2": r"^[A-Z]{2}$",
    "symbol": r"^(A/RES/(ES-\d+/\d+|\d+/\d+)|(ES-\d+|\d+), \d{4}-\d{2}-\d{2})$",
    "claim": r"^C\d{2}$",
    "url": r"^https?://\S+$",
    "date": r"^\d{4}(-\d{2}(-\d{2})?)?$",
}


def field_schema(spec: Field) -> dict[str, Any]:
    kind = spec.type
    out: dict[str, Any]
    if kind in ("str", *PATTERNS):
        out = {"type": "string", "minLength": 1}
        if kind in PATTERNS:
            out["pattern"] = PATTERNS[kind]
        if kind == "date":  # a bare year may be written unquoted
            out = {"anyOf": [out, {"type": "integer", "minimum": 1000, "maximum": 9999}]}
        if spec.choices:
            out["enum"] = list(spec.choices)
    elif kind == "int":
        out = {"type": "integer", "minimum": 0}
    elif kind == "number":
        out = {"type": "number"}
    elif kind == "bool":
        out = {"type": "boolean"}
    elif kind == "strs":
        out = {"type": "array", "minItems": 1, "uniqueItems": True,
               "items": {"type": "string", "minLength": 1}}
    elif kind == "states":
        out = {"anyOf": [
            {"type": "array", "minItems": 1, "uniqueItems": True,
             "items": {"type": "string", "pattern": PATTERNS["iso3"]}},
            {"const": REGION},
        ]}
    elif kind == "map":
        out = object_schema(spec.fields)
    elif kind == "maps":
        out = {"type": "array", "minItems": 1, "items": object_schema(spec.fields)}
    else:
        raise AssertionError(f"unknown field type {kind}")
    if spec.help:
        out["description"] = spec.help
    return out


def object_schema(fields: dict[str, Field]) -> dict[str, Any]:
    return {
        "type": "object",
        "properties": {name: field_schema(spec) for name, spec in fields.items()},
        "required": [name for name, spec in fields.items() if spec.required],
        "additionalProperties": False,
    }


def file_schema(kind: Kind) -> dict[str, Any]:
    """The schema of one data file: a list of records of ``kind``."""
    return {
        "$schema": DIALECT,
        "$id": f"https://rca.invalid/schema/{kind.file.removesuffix('.yaml')}.json",
        "title": f"rca {kind.file}",
        "description": f"{kind.file}: a list of records, each {kind.help}.",
        "type": "array",
        "items": object_schema(kind.fields),
    }


def schema_of(kind: str | None) -> dict[str, Any] | None:
    """Every data file's schema by file name, or the schema of one kind (by name or file);
    None for a kind that does not exist."""
    from rca.dataset.schema import KINDS_OF_RECORD

    if kind is None:
        return {k.file: file_schema(k) for k in KINDS_OF_RECORD.values()}
    chosen = KINDS_OF_RECORD.get(kind) or next(
        (k for k in KINDS_OF_RECORD.values() if kind in (k.file, k.file[:-5])), None)
    return None if chosen is None else file_schema(chosen)
