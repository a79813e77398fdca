"""Find a dictionary's header row and what each of its columns means.

Dictionaries name their columns in many ways ("Field Name", "Variable", "Column"; "Valid
Values", "Codes"). Each role has its names, best first; a role takes the best-named column still
free, in ROLE_ORDER, so a sheet with both "Name" and "Element" reads "Name" as the column name and
"Element" as the shared element, while a sheet with "Element" alone reads it as the column name.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from .tables import Sheet

ROLE_NAMES: dict[str, tuple[str, ...]] = {
    "resource": ("resource", "table", "table name", "file", "file name", "source table", "segment"),
    "name": ("name", "field name", "column name", "variable name", "variable", "field", "column", "element name",
             "data element name", "data element", "element", "attribute name", "attribute", "field id",
             "variable id"),
    "description": ("description", "definition", "field description", "variable description",
                    "column description", "element description", "data element description", "label",
                    "variable label", "field label", "meaning"),
    "title": ("title", "label", "display name", "long name", "field title", "business name"),
    "type": ("type", "data type", "datatype", "field type", "variable type", "column type", "sql type", "format"),
    "format": ("format", "date format", "field format", "display format"),
    "codes": ("codes", "valid values", "allowed values", "values", "value labels", "code list", "code values",
              "permitted values", "permissible values", "response options", "answer options", "value set",
              "domain values", "lookup values", "categories", "code", "valid codes", "allowable values"),
    "required": ("required", "mandatory", "is required", "required field", "req", "requirement"),
    "optional": ("nullable", "allow nulls", "allow null", "null allowed", "nulls allowed", "optional",
                 "is nullable"),
    "element": ("element", "shared element", "shared element id"),
    "identifier": ("identifier", "hipaa identifier", "safe harbor identifier", "hipaa letter"),
    "term": ("term", "glossary term"),
    "reviewed": ("reviewed", "review note", "reviewer note"),
}
ROLE_ORDER = ("resource", "name", "description", "title", "type", "format", "codes", "required", "optional",
              "element", "identifier", "term", "reviewed")
# Columns of values, never imported: they could hold protected information.
SAMPLE_NAMES = ("example", "examples", "example value", "example values", "sample", "samples", "sample value",
                "sample values", "sample data", "example data", "test values")
DESCRIBING_ROLES = ("description", "title", "type", "format", "codes", "required", "optional")
HEADER_SEARCH_ROWS = 30


@dataclass(frozen=True)
class Header:
    row: int  # 1-based row number of the header
    roles: dict[str, int]  # role -> 0-based column index
    headings: tuple[str, ...]
    samples: tuple[str, ...] = ()  # sample-value columns left out
    ignored: tuple[str, ...] = field(default=())  # other columns left out

    def cell(self, row: tuple[str, ...], role: str) -> str:
        index = self.roles.get(role)
        return row[index] if index is not None and index < len(row) else ""


def normalize_heading(text: str) -> str:
    text = text.lower().replace("(s)", "s").replace("_", " ")
    return " ".join(re.sub(r"[^a-z0-9]+", " ", text).split())


def read_header(headings: tuple[str, ...], row: int) -> Header:
    """Which column plays which role."""
    normalized = [normalize_heading(h) for h in headings]
    roles: dict[str, int] = {}
    taken: set[int] = set()
    for role in ROLE_ORDER:
        best: tuple[int, int] | None = None
        for index, heading in enumerate(normalized):
            if index in taken or heading not in ROLE_NAMES[role]:
                continue
            rank = ROLE_NAMES[role].index(heading)
            if best is None or rank < best[0]:
                best = (rank, index)
        if best is not None:
            roles[role] = best[1]
            taken.add(best[1])
    samples = tuple(h for i, (h, n) in enumerate(zip(headings, normalized)) if i not in taken and n in SAMPLE_NAMES)
    ignored = tuple(h for i, (h, n) in enumerate(zip(headings, normalized))
                    if i not in taken and h and n not in SAMPLE_NAMES)
    return Header(row, roles, headings, samples, ignored)


def find_header(sheet: Sheet) -> Header | None:
    """The row among the first rows that names a column-name role and the most other roles.

    Title rows, merged banners and blank rows above it are passed over.
    """
    best: Header | None = None
    for index, row in enumerate(sheet.rows[:HEADER_SEARCH_ROWS]):
        if not any(row):
            continue
        header = read_header(row, index + 1)
        if "name" not in header.roles or not any(r in header.roles for r in DESCRIBING_ROLES):
            continue
        if best is None or len(header.roles) > len(best.roles):
            best = header
    return best
