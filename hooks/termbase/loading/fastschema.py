"""A fast first pass of JSON Schema validation, for the common case: a valid file.

`jsonschema` (pure Python) spends about 0.25 ms on a term file; `jsonschema-rs` (compiled)
about 2 µs. Only the Python library explains errors the way the checks report them (path,
kind of problem, the value), so the compiled validator answers one question, "certainly
valid?", and every file it does not accept goes to `jsonschema`, whose verdict stands.

For that to be safe the compiled validator must never accept what `jsonschema` rejects. Its
regular expressions follow ECMAScript, whose `\\s` leaves out characters Python counts as
white space (U+001C to U+001F, U+0085) and adds U+FEFF: in the copy of the schema it compiles,
every `\\s`/`\\S` is rewritten so that it never matches more than in Python. Elsewhere it is
as strict or stricter (`$` does not match before a final line break; `.`, `\\d`, `\\w` match
less), and data it cannot convert (a mapping key that is not text) raises, which also sends
the file to `jsonschema`.
"""

from __future__ import annotations

from typing import Any, Iterable

try:
    import jsonschema_rs
except ImportError:  # pragma: no cover - a pinned dependency; without it every file takes the slow path
    jsonschema_rs = None

# Every character Python's `\s` matches, as escapes both engines read (a test recomputes it:
# working it out here would cost 60 ms at every start).
PYTHON_SPACE = (r"\u0009\u000a\u000b\u000c\u000d\u001c\u001d\u001e\u001f\u0020\u0085\u00a0\u1680"
                r"\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u2028\u2029"
                r"\u202f\u205f\u3000")


def for_ecmascript(pattern: str) -> str:
    """`pattern` for an ECMAScript engine, never matching more than Python's `re` would.

    Where a pattern asks for white space (`\\s`, or `\\s` in a class) it gets exactly Python's
    characters; where it excludes white space (`\\S`, `\\s` in a negated class) it excludes both
    engines' (ECMAScript's also holds U+FEFF).
    """
    out: list[str] = []
    in_class = negated = False
    i = 0
    while i < len(pattern):
        char = pattern[i]
        if char == "\\" and i + 1 < len(pattern):
            escape = pattern[i:i + 2]
            if escape == "\\s" and in_class:
                out.append(f"\\s{PYTHON_SPACE}" if negated else PYTHON_SPACE)
            elif escape == "\\s":
                out.append(f"[{PYTHON_SPACE}]")
            elif escape == "\\S" and in_class:
                raise ValueError(f"cannot translate \\S inside a character class: {pattern}")
            elif escape == "\\S":
                out.append(f"[^\\s{PYTHON_SPACE}]")
            else:
                out.append(escape)
            i += 2
            continue
        out.append(char)
        if char == "[" and not in_class:
            in_class, negated = True, pattern[i + 1:i + 2] == "^"
            if negated:
                out.append("^")
                i += 1
            if pattern[i + 1:i + 2] == "]":  # a "]" first in a class is a literal
                out.append("\\]")
                i += 1
        elif char == "]" and in_class:
            in_class = False
        i += 1
    return "".join(out)


def _ecmascript_schema(schema: Any) -> Any:
    """A copy of the schema with every regular expression rewritten ("pattern", "patternProperties")."""
    if isinstance(schema, dict):
        copy = {}
        for key, value in schema.items():
            if key == "pattern" and isinstance(value, str):
                copy[key] = for_ecmascript(value)
            elif key == "patternProperties" and isinstance(value, dict):
                copy[key] = {for_ecmascript(name): _ecmascript_schema(sub) for name, sub in value.items()}
            else:
                copy[key] = _ecmascript_schema(value)
        return copy
    if isinstance(schema, list):
        return [_ecmascript_schema(item) for item in schema]
    return schema


class FastCheck:
    """`certainly_valid(data)`: True only when the compiled validator accepts the data."""

    def __init__(self, schema: dict):
        self._validator = None
        if jsonschema_rs is None:
            return
        try:
            self._validator = jsonschema_rs.Draft202012Validator(_ecmascript_schema(schema), validate_formats=False)
        except (ValueError, jsonschema_rs.ValidationError):
            # A pattern it cannot take (translated or compiled): every file goes to jsonschema,
            # slower but as correct (a test says so when the repository's files lose the fast path).
            self._validator = None

    def certainly_valid(self, data: Any) -> bool:
        if self._validator is None:
            return False
        try:
            return self._validator.is_valid(data)
        except (ValueError, TypeError, OverflowError):  # not JSON-shaped: let jsonschema say why
            return False


class SchemaValidator:
    """`iter_errors(data)` as jsonschema gives them, asked only of data the fast check does not
    accept: valid files cost about 2 µs, and jsonschema (0.1 s to import) is imported only when a
    file needs it."""

    def __init__(self, schema: dict):
        self._schema = schema
        self._fast = FastCheck(schema)
        self._full = None

    def iter_errors(self, data: Any) -> Iterable:
        if self._fast.certainly_valid(data):
            return ()
        if self._full is None:
            from jsonschema import Draft202012Validator

            self._full = Draft202012Validator(self._schema)
        return self._full.iter_errors(data)
