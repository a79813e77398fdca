"""The one JSON Schema for term files, where every schema of the project lives, and
plain-language messages for their errors.

The schemas are files of the repository the engine runs from, in its `schemas/` folder, not data
inside the package: editors check term and dictionary files against them by a path relative to
each file (`# yaml-language-server: $schema=../schemas/term.schema.json`), so they stay where
contributors and editors look. The engine is only ever run from a checkout of that repository
(`pip install -e .`; pyproject.toml maps the package `termbase` to `hooks/termbase`), so the
folder is found from the package's own: `<repository>/hooks/termbase` -> `<repository>/schemas`.
A schema found missing there is an engine install problem, reported as such.
"""

from __future__ import annotations

import json
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any, Iterator

from .fastschema import SchemaValidator
from .hints import did_you_mean

if TYPE_CHECKING:
    from jsonschema.exceptions import ValidationError

PACKAGE_DIR = Path(__file__).resolve().parent.parent  # <repository>/hooks/termbase
SCHEMAS_DIR = PACKAGE_DIR.parent.parent / "schemas"  # <repository>/schemas
SCHEMA_PATH = SCHEMAS_DIR / "term.schema.json"

_TYPE_NAMES = {"string": "text", "array": "a list", "object": "a mapping (field: value)",
               "boolean": "true or false", "integer": "a whole number"}


def read_schema(path: Path) -> dict:
    """One of the project's JSON Schemas; a clear error if the engine runs without its repository."""
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise FileNotFoundError(f"{path} is missing: the engine reads its JSON Schemas from the schemas/ "
                                f"folder of the repository it is installed from ({SCHEMAS_DIR.parent}); "
                                "install it from a full checkout with `pip install -e .`") from None


@lru_cache(maxsize=None)
def term_schema() -> dict:
    return read_schema(SCHEMA_PATH)


@lru_cache(maxsize=None)
def _validator() -> SchemaValidator:
    return SchemaValidator(term_schema())


def known_fields() -> list[str]:
    return list(term_schema()["properties"])


def schema_errors(data: Any) -> Iterator[tuple[list[str | int], str, str]]:
    """Yield (path to the value, field label, message) for every schema violation."""
    for error in sorted(_validator().iter_errors(data), key=lambda e: list(map(str, e.absolute_path))):
        yield from explain_error(error)


def field_label(path: list[str | int]) -> str:
    label = ""
    for step in path:
        label += f"[{step}]" if isinstance(step, int) else (f".{step}" if label else str(step))
    return label or "file"


def explain_error(error: ValidationError) -> Iterator[tuple[list[str | int], str, str]]:
    """(path to the value, field label, plain message) for one error: every schema of the project
    words its messages here."""
    path = list(error.absolute_path)
    label = field_label(path)
    kind, value = error.validator, error.instance
    if kind == "required":
        for name in error.validator_value:
            if not isinstance(value, dict) or name not in value:
                yield path, field_label(path + [name]), "is required but missing"
    elif kind == "additionalProperties":
        allowed = list(error.schema.get("properties", {}))
        for name in sorted(set(value) - set(allowed), key=str):
            suggestion = did_you_mean(str(name), allowed) or f"; allowed fields: {', '.join(allowed)}"
            yield path + [name], field_label(path + [name]), f"unknown field{suggestion}"
    elif kind == "type":
        expected = _TYPE_NAMES.get(error.validator_value, error.validator_value)
        yield path, label, f"must be {expected}, not {_describe(value)}"
    elif kind == "enum":
        options = [str(o) for o in error.validator_value]
        hint = did_you_mean(str(value), options) if isinstance(value, str) else ""
        if path and path[0] == "tags":
            yield path, label, f"'{value}' is not a known tag; known tags: {', '.join(options)}{hint}"
        else:
            yield path, label, f"'{value}' is not allowed; use one of: {', '.join(options)}{hint}"
    elif kind in ("minLength", "pattern") and isinstance(value, str) and not value.strip():
        yield path, label, "must not be empty"
    elif kind == "minLength":
        yield path, label, "must not be empty"
    elif kind == "maxLength":
        yield path, label, f"is {len(value)} characters; at most {error.validator_value} allowed"
    elif kind == "pattern" and "patternErrorMessage" in error.schema:
        yield path, label, f"'{value}' {error.schema['patternErrorMessage']}"
    elif kind == "anyOf" and all(list(option) == ["required"] for option in error.validator_value):
        names = " or ".join(f"'{option['required'][0]}'" for option in error.validator_value)
        yield path, label, f"needs {names}"
    elif kind == "pattern" and path and path[-1] == "url":
        yield path, label, f"'{value}' is not an http:// or https:// URL"
    elif kind == "pattern":
        yield path, label, f"'{value}' must be lower-case kebab-case, e.g. 'limited-data-set'"
    elif kind == "uniqueItems":
        yield path, label, "lists the same item twice"
    else:
        yield path, label, error.message


def _describe(value: Any) -> str:
    if value is None:
        return "empty"
    if isinstance(value, bool):
        return "true/false"
    if isinstance(value, str):
        return "text"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "a mapping"
    return type(value).__name__
