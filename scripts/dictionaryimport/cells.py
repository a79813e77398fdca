"""Read one cell of a dictionary row: a type, a date format, a code list, a yes or no.

Each reader returns its value, or None and a reason the importer prints with the row number.
"""

from __future__ import annotations

import re

TYPE_WORDS: dict[str, tuple[str, ...]] = {
    "string": ("string", "str", "text", "char", "character", "varchar", "varchar2", "nvarchar", "nchar", "alpha",
               "alphanumeric", "memo", "chr", "ch", "alphanum", "longtext", "clob", "uuid", "guid"),
    "integer": ("integer", "int", "smallint", "bigint", "tinyint", "long", "int32", "int64", "whole number"),
    "number": ("number", "numeric", "num", "decimal", "float", "double", "real", "money", "currency", "dec"),
    "boolean": ("boolean", "bool", "bit", "logical", "yes no", "y n", "flag"),
    "date": ("date",),
    "datetime": ("datetime", "timestamp", "date time", "datetime2", "smalldatetime", "datetimeoffset"),
    "time": ("time",),
    "year": ("year", "yyyy"),
    "any": ("any",),
}
TABLE_SCHEMA_TYPES = ("string", "number", "integer", "boolean", "object", "array", "date", "time", "datetime",
                      "year", "yearmonth", "duration", "geopoint", "geojson", "any")
STRING_FORMATS = ("default", "email", "uri", "uuid", "binary")
_WORD_TYPES = {word: kind for kind, words in TYPE_WORDS.items() for word in words}
_DATE_PATTERN = re.compile(r"^[YMDHhmSs/\-.: T]+$")
_DATE_TOKENS = (("YYYY", "%Y"), ("YY", "%y"), ("MM", "%m"), ("DD", "%d"), ("HH", "%H"), ("SS", "%S"))
_CODE_ITEM = re.compile(r"^(?P<code>[^=:\s][^=:]{0,79}?)\s*(?:=|:|\s[-–]\s)\s*(?P<label>.*\S)$")
YES = ("yes", "y", "true", "t", "1", "x", "required", "mandatory", "r", "m", "req")
NO = ("no", "n", "false", "f", "0", "optional", "o", "opt")


def read_type(text: str) -> tuple[str | None, str | None, int | None, str]:
    """(Table Schema type, format, maxLength, problem) from "VARCHAR(50)", "Date (MM/DD/YYYY)", "Num"."""
    if not text:
        return None, None, None, ""
    words = " ".join(re.sub(r"[^a-z0-9]+", " ", text.lower().split("(")[0]).split())
    inside = text[text.index("(") + 1:].rstrip(")").strip() if "(" in text else ""
    if text.strip().upper() == "YYYY":
        return "year", None, None, ""
    if _DATE_PATTERN.match(text.strip()) and any(t in text.upper() for t in ("YY", "MM", "DD")):
        fmt = date_format(text)
        return ("datetime" if "H" in text.upper() else "date"), fmt, None, ""
    kind = _WORD_TYPES.get(words) or _WORD_TYPES.get(words.split(" ")[0] if words else "")
    if kind is None:
        return None, None, None, f"type '{text}' is not one we know; written as `any` (Table Schema types: " \
                                 "string, integer, number, boolean, date, datetime, time, year)"
    fmt, length = None, None
    if inside and kind in ("date", "datetime", "time"):
        fmt = date_format(inside)
    elif inside.isdigit() and kind == "string":
        length = int(inside)
    return kind, fmt, length, ""


def date_format(text: str) -> str | None:
    """ "MM/DD/YYYY" -> "%m/%d/%Y"; a format already in strftime form is kept as it is."""
    text = text.strip()
    if "%" in text or text in ("default", "any"):
        return text
    if not _DATE_PATTERN.match(text):
        return None
    upper = text.upper()
    # Minutes are "mm" or "MM" after an hour: keep them apart from months.
    upper = re.sub(r"(HH?[:.]?)MM", r"\1§", upper)
    for token, code in _DATE_TOKENS:
        upper = upper.replace(token, code)
    return upper.replace("§", "%M")


def read_format(text: str, kind: str | None) -> tuple[str | None, str]:
    """The `format` of a field of type `kind`, or None and why it was left out."""
    if not text or text == "default":
        return None, ""
    if kind in ("date", "datetime", "time"):
        fmt = date_format(text)
        return (fmt, "") if fmt else (None, f"date format '{text}' is not a pattern like MM/DD/YYYY; left out")
    if kind in (None, "string") and text.lower() in STRING_FORMATS:
        return text.lower(), ""
    return None, f"format '{text}' is not a Table Schema format for {kind or 'string'} fields; left out"


def read_codes(text: str) -> tuple[dict[str, str], list[str]]:
    """`1=Yes; 2=No`, `1 = Yes, 2 = No` or one code a line -> ({"1": "Yes", "2": "No"}, unread parts)."""
    if not text:
        return {}, []
    items = [line for line in text.split("\n") if line.strip()]
    if len(items) == 1:
        items = [part for part in items[0].split(";") if part.strip()]
    if len(items) == 1 and "," in items[0]:
        parts = [p for p in items[0].split(",") if p.strip()]
        if len(parts) > 1 and all(_CODE_ITEM.match(p.strip()) for p in parts):
            items = parts
    codes: dict[str, str] = {}
    unread: list[str] = []
    for item in items:
        match = _CODE_ITEM.match(item.strip())
        if match is None:
            unread.append(item.strip())
            continue
        codes.setdefault(match.group("code").strip(), match.group("label").strip())
    return codes, unread


def read_yes_no(text: str) -> bool | None:
    word = text.strip().lower().rstrip(".")
    if word in YES or word.startswith("yes"):
        return True
    if word in NO or word.startswith("no"):
        return False
    return None
