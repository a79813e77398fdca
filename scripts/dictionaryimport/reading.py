"""Turn sheets into tables of column descriptions, noting every row that could not be read.

A sheet becomes one table named after the sheet, or several when it has a table column
("Table", "File", "resource"). The site's own XLSX download also has a "Data set" sheet (the
package's fields) and a "Tables" sheet (each table's title and path); both are read back, so a
downloaded dictionary imports unchanged.
"""

from __future__ import annotations

import datetime
import re
from dataclasses import dataclass, field
from typing import Any

from termbase.loading.slugs import slugify
from termbase.sitefiles.dictionaryfiles import DATA_SET_SHEET, LIST_SEPARATOR, SUGGESTED_MARK, TABLES_SHEET

from .cells import read_codes, read_format, read_type, read_yes_no
from .headers import HEADER_SEARCH_ROWS, ROLE_NAMES, Header, find_header, normalize_heading
from .tables import Sheet

ID = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")
IDENTIFIER_LETTERS = tuple("ABCDEFGHIJKLMNOPQR")
UNKNOWN_TYPE = "any"
# A sheet of value labels: which column, which stored value, what it means.
CODE_LIST_CODES = ("value", "code", "code value", "stored value", "values", "codes")
CODE_LIST_LABELS = ("label", "value label", "code label", "meaning", "description", "value description",
                    "code description", "decode")
_FLAG_VALUES = {"y", "n", "yes", "no", "true", "false", "x", "0", "1"}
# The fields of a column in the order people write them (dictionary-format.md).
FIELD_ORDER = ("name", "title", "description", "type", "format", "constraints", "term", "element", "identifier",
               "codes", "reviewed", "suggested")


@dataclass(frozen=True)
class Note:
    """Something the importer could not read or chose to leave out, and where."""

    where: str
    message: str

    def __str__(self) -> str:
        return f"{self.where}: {self.message}"


@dataclass
class ImportedTable:
    name: str
    title: str
    sheet: str
    fields: list[dict[str, Any]] = field(default_factory=list)
    rows: dict[str, int] = field(default_factory=dict)  # column name -> row it came from
    provided: frozenset[str] = frozenset()  # the roles the sheet had a column for
    path: str = ""
    description: str = ""
    primary_key: Any = None
    missing_values: list[str] | None = None


@dataclass
class ImportedDictionary:
    source: str
    tables: list[ImportedTable]
    package: dict[str, Any]
    notes: list[Note]
    skipped: list[Note]


class NothingToImport(Exception):
    """No sheet holds a dictionary; the message says why, sheet by sheet."""


@dataclass(frozen=True)
class Vocabulary:
    """The ids a dictionary may refer to; empty sets mean "not known here", so nothing is refused."""

    elements: frozenset[str] = frozenset()
    terms: frozenset[str] = frozenset()


def read_dictionary(sheets: list[Sheet], source: str, vocabulary: Vocabulary = Vocabulary()) -> ImportedDictionary:
    result = ImportedDictionary(source, [], {}, [], [])
    table_info: dict[str, dict[str, str]] = {}
    by_name: dict[str, ImportedTable] = {}
    code_lists: list[tuple[str, dict[str, dict[str, str]]]] = []
    several = len(sheets) > 1
    for sheet in sheets:
        where = f"{source}, sheet '{sheet.name}'" if several else source
        if not any(any(row) for row in sheet.rows):
            result.skipped.append(Note(where, "skipped: it is empty"))
            continue
        if _is_sheet(sheet, DATA_SET_SHEET, ("field", "value")):
            result.package = _package_fields(sheet)
            continue
        if _is_sheet(sheet, TABLES_SHEET, ("resource", "title", "path")):
            table_info = _table_fields(sheet)
            continue
        code_list = read_code_list(sheet)
        if code_list is not None:
            code_lists.append((where, code_list))
            continue
        header = find_header(sheet)
        if header is None:
            result.skipped.append(Note(where, "skipped: no header row with a column name (Field Name, Variable, "
                                              "Column, Element or Name) beside a Description, Type or Valid "
                                              f"Values column in its first rows"))
            continue
        before = len(by_name)
        _read_rows(sheet, header, where, result, by_name, vocabulary)
        if len(by_name) == before and not any(t.sheet == sheet.name for t in by_name.values()):
            result.skipped.append(Note(where, f"skipped: the header is on row {header.row} but no column rows "
                                              "follow it"))
    result.tables = [t for t in by_name.values() if t.fields]
    for where, code_list in code_lists:
        _apply_code_list(where, code_list, result)
    for table in result.tables:
        info = table_info.get(table.name, {})
        table.title = info.get("title") or table.title
        table.path = info.get("path") or ""
        table.description = info.get("description", "")
        if info.get("primaryKey"):
            keys = info["primaryKey"].split(LIST_SEPARATOR)
            table.primary_key = keys[0] if len(keys) == 1 else keys
        if "missingValues" in info and info["missingValues"]:
            table.missing_values = ["" if v == '""' else v for v in info["missingValues"].split(LIST_SEPARATOR)]
    if not result.tables:
        reasons = "; ".join(str(note) for note in result.skipped) or f"{source}: no rows"
        raise NothingToImport(reasons)
    return result


def read_code_list(sheet: Sheet) -> dict[str, dict[str, str]] | None:
    """{column: {code: label}} from a sheet of value labels (variable, value, label, one code a
    row, the variable often written only on its first row), or None when the sheet is not one.

    A sheet is a code list when its column names repeat: a dictionary names each column once.
    """
    for index, row in enumerate(sheet.rows[:HEADER_SEARCH_ROWS]):
        headings = [normalize_heading(cell) for cell in row]
        name = next((i for i, h in enumerate(headings) if h in ROLE_NAMES["name"]), None)
        code = next((i for i, h in enumerate(headings) if h in CODE_LIST_CODES and i != name), None)
        label = next((i for i, h in enumerate(headings) if h in CODE_LIST_LABELS and i not in (name, code)), None)
        if name is None or code is None or label is None:
            continue
        codes: dict[str, dict[str, str]] = {}
        current, rows = "", 0
        for cells in sheet.rows[index + 1:]:
            cell = lambda i: cells[i] if i < len(cells) else ""  # noqa: E731
            current = cell(name) or current
            if current and cell(code):
                codes.setdefault(current, {}).setdefault(cell(code), cell(label))
                rows += 1
        return codes if codes and 2 * rows >= 3 * len(codes) else None  # 1.5 codes a column at least
    return None


def _apply_code_list(where: str, code_list: dict[str, dict[str, str]], result: ImportedDictionary) -> None:
    by_column = {column["name"]: column for table in result.tables for column in table.fields}
    used = [name for name in code_list if name in by_column]
    for name in used:
        by_column[name].setdefault("codes", code_list[name])
    result.notes.append(Note(where, f"read as the code lists of {len(used)} column{'s' if len(used) != 1 else ''}"))
    unmatched = [name for name in code_list if name not in by_column]
    if unmatched:
        result.notes.append(Note(where, f"codes of {_quoted(tuple(unmatched[:10]))} match no column; left out"))


def _is_sheet(sheet: Sheet, title: str, headings: tuple[str, ...]) -> bool:
    first = next((row for row in sheet.rows if any(row)), ())
    return (normalize_heading(sheet.name) == normalize_heading(title)
            and all(h in [normalize_heading(c) for c in first] for h in headings))


def _package_fields(sheet: Sheet) -> dict[str, Any]:
    package: dict[str, Any] = {}
    for row in sheet.rows[1:]:
        if len(row) < 2 or not row[0] or not row[1]:
            continue
        key, value = row[0].strip(), row[1]
        if key.startswith("source."):
            package.setdefault("source", {})[key.split(".", 1)[1]] = value
        elif key == "governed_by":
            package[key] = [item.strip() for item in value.split(";") if item.strip()]
        elif key == "illustration":
            package[key] = bool(read_yes_no(value))
        elif key == "updated":
            try:
                package[key] = datetime.date.fromisoformat(value[:10])
            except ValueError:
                pass
        else:
            package[key] = value
    return package


def _table_fields(sheet: Sheet) -> dict[str, dict[str, str]]:
    rows = [row for row in sheet.rows if any(row)]
    headings = list(rows[0])
    info = {}
    for row in rows[1:]:
        values = dict(zip(headings, row))
        if values.get("resource"):
            info[values["resource"]] = values
    return info


def _read_rows(sheet: Sheet, header: Header, where: str, result: ImportedDictionary,
               by_name: dict[str, ImportedTable], vocabulary: Vocabulary) -> None:
    provided = frozenset(header.roles)
    if header.samples:
        result.notes.append(Note(where, f"column{'s' if len(header.samples) > 1 else ''} "
                                        f"{_quoted(header.samples)} hold{'s' if len(header.samples) == 1 else ''} "
                                        "sample values: not imported (values could be protected information)"))
    if header.ignored:
        result.notes.append(Note(where, f"not imported (no field of a dictionary file holds them): "
                                        f"{_quoted(header.ignored)}"))
    if "type" not in header.roles:
        result.notes.append(Note(where, "no type column: every column's type is written as `any`; set each type"))
    flags = "identifier" in header.roles and _holds_flags(sheet, header)
    if flags:
        result.notes.append(Note(where, "the 'Identifier' column holds yes or no, not HIPAA Safe Harbor letters "
                                        "(A to R or none): not imported; the importer suggests letters instead"))
        provided -= {"identifier"}
    widest = max((sum(1 for c in row if c) for row in sheet.rows[header.row:]), default=0)
    current_resource = ""
    for index, row in enumerate(sheet.rows[header.row:], start=header.row + 1):
        filled = [cell for cell in row if cell]
        if not filled or tuple(row) == header.headings:
            continue  # blank rows, and the header repeated on each printed page
        at = f"{where}, row {index}"
        name = header.cell(row, "name")
        if _section_row(filled, name, widest):
            result.notes.append(Note(at, f"'{filled[0]}' looks like a section heading, not a column; skipped"))
            continue
        if not name:
            result.notes.append(Note(at, "no column name; row skipped"))
            continue
        resource = header.cell(row, "resource") or current_resource if "resource" in header.roles else sheet.name
        current_resource = resource
        table_id = slugify(resource) or "table"
        table = by_name.get(table_id)
        if table is None:
            table = by_name[table_id] = ImportedTable(table_id, resource, sheet.name, provided=provided)
        if name in table.rows:
            result.notes.append(Note(at, f"column '{name}' appears again (first on row {table.rows[name]}); "
                                         "this row is skipped"))
            continue
        table.rows[name] = index
        table.fields.append(_field(row, header, at, result.notes, vocabulary, read_identifier=not flags))


def _field(row: tuple[str, ...], header: Header, at: str, notes: list[Note], vocabulary: Vocabulary,
           read_identifier: bool) -> dict[str, Any]:
    cell = lambda role: header.cell(row, role)  # noqa: E731
    values: dict[str, Any] = {"name": cell("name")}
    if cell("title"):
        values["title"] = cell("title")
    if cell("description"):
        values["description"] = cell("description")
    kind, fmt, length, problem = read_type(cell("type"))
    if problem:
        notes.append(Note(at, problem))
    values["type"] = kind or UNKNOWN_TYPE  # the build needs a type; `any` says nobody knows it yet
    if cell("format") and "format" in header.roles:
        fmt, problem = read_format(cell("format"), kind)
        if problem:
            notes.append(Note(at, problem))
    if fmt and fmt != "default":
        values["format"] = fmt
    constraints: dict[str, Any] = {}
    required = _required(cell("required"), cell("optional"), at, notes)
    if required is not None:
        constraints["required"] = required
    if length:
        constraints["maxLength"] = length
    if constraints:
        values["constraints"] = constraints
    suggested = []
    term = cell("term")
    if term:
        if ID.match(term) and (not vocabulary.terms or term in vocabulary.terms):
            values["term"] = term
        else:
            notes.append(Note(at, f"term '{term}' is not a glossary id (glossary/<id>.yml); left out"))
    element, element_suggested = _marked(cell("element"))
    if element:
        element = element.lower()
        if ID.match(element) and (not vocabulary.elements or element in vocabulary.elements):
            values["element"] = element
            if element_suggested:
                suggested.append("element")
        else:
            notes.append(Note(at, f"element '{element}' is not in data/shared-elements.yml; left out"))
    identifier, identifier_suggested = _marked(cell("identifier") if read_identifier else "")
    if identifier:
        letter = identifier if identifier.lower() == "none" else identifier.upper()
        if letter.lower() == "none" or letter in IDENTIFIER_LETTERS:
            values["identifier"] = letter.lower() if letter.lower() == "none" else letter
            if identifier_suggested:
                suggested.append("identifier")
        else:
            notes.append(Note(at, f"identifier '{identifier}' is not a HIPAA Safe Harbor letter A to R or "
                                  "'none'; left out"))
    codes, unread = read_codes(cell("codes"))
    if codes:
        values["codes"] = codes
    if unread:
        told = "; ".join(unread)
        notes.append(Note(at, f"valid values '{told[:80]}' are not code=label pairs such as 1=Yes; left out"))
    if cell("reviewed"):
        values["reviewed"] = cell("reviewed")
    if suggested:
        values["suggested"] = suggested
    return values


def _required(required: str, optional: str, at: str, notes: list[Note]) -> bool | None:
    if required:
        answer = read_yes_no(required)
        if answer is None:
            notes.append(Note(at, f"required '{required}' is not yes or no; left out"))
        return answer
    if optional:
        answer = read_yes_no(optional)
        if answer is None:
            notes.append(Note(at, f"nullable '{optional}' is not yes or no; left out"))
        return None if answer is None else not answer
    return None


def _marked(text: str) -> tuple[str, bool]:
    if text.endswith(SUGGESTED_MARK):
        return text[:-len(SUGGESTED_MARK)].strip(), True
    return text.strip(), False


def _section_row(filled: list[str], name: str, widest: int) -> bool:
    """A row that only names a group of columns: "DEMOGRAPHICS", merged across the table."""
    if len(filled) > 1:
        return len(set(filled)) == 1
    return bool(name) and filled[0] == name and " " in name and widest > 1


def _holds_flags(sheet: Sheet, header: Header) -> bool:
    values = {header.cell(row, "identifier").strip().lower() for row in sheet.rows[header.row:]} - {""}
    return bool(values) and values <= _FLAG_VALUES


def _quoted(names: tuple[str, ...]) -> str:
    return ", ".join(f"'{n}'" for n in names)

