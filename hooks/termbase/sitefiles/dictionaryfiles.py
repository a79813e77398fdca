"""A data dictionary's downloads: CSV and XLSX with one row per column, and Frictionless JSON.

Pure functions over the parsed descriptor (the YAML file loaded as a plain dict), so the build,
the importer's round-trip test and anyone's script get the same bytes from the same file. The
XLSX file is reproducible: its dates come from the descriptor's `updated`, never from the clock.
"""

from __future__ import annotations

import csv
import datetime
import io
import json
import zipfile
from typing import Any, Iterable, Mapping

from openpyxl import Workbook
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter
from openpyxl.writer.excel import ExcelWriter

# One row per column of the data set; the importer reads these headings back.
COLUMNS = ("resource", "name", "title", "description", "type", "format", "required", "codes", "element",
           "identifier", "term", "reviewed")
DATA_SET_FIELDS = ("name", "title", "description", "jurisdiction", "agency", "publisher", "system", "domain",
                   "shared_as", "governed_by", "source.title", "source.url", "source.version", "updated",
                   "illustration")
TABLE_COLUMNS = ("resource", "title", "path", "description", "primaryKey", "missingValues")
DATA_SET_SHEET, TABLES_SHEET, COLUMNS_SHEET = "Data set", "Tables", "Columns"
SUGGESTED_MARK = " (suggested)"  # an importer's suggestion a person has not approved yet
LIST_SEPARATOR = "; "
# A cell starting with one of these is run as a formula by spreadsheet programs.
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
_DEFAULT_DATE = datetime.datetime(2000, 1, 1)
_WIDTHS = {"description": 60, "codes": 40, "reviewed": 40, "title": 30, "value": 80}


def dictionary_rows(descriptor: Mapping[str, Any]) -> list[dict[str, str]]:
    """One row per column of every resource, each cell as text (empty when the file is silent)."""
    rows = []
    for resource in _list(descriptor.get("resources")):
        schema = resource.get("schema") if isinstance(resource.get("schema"), Mapping) else {}
        for field in _list(schema.get("fields")):
            suggested = set(_list(field.get("suggested")))
            constraints = field.get("constraints") if isinstance(field.get("constraints"), Mapping) else {}
            rows.append({
                "resource": _text(resource.get("name")),
                "name": _text(field.get("name")),
                "title": _text(field.get("title")),
                "description": _text(field.get("description")).strip(),
                "type": _text(field.get("type")),
                "format": _text(field.get("format")),
                "required": _yes_no(constraints.get("required")),
                "codes": format_codes(field.get("codes")),
                "element": _marked(field.get("element"), "element" in suggested),
                "identifier": _marked(field.get("identifier"), "identifier" in suggested),
                "term": _text(field.get("term")),
                "reviewed": _text(field.get("reviewed")).strip(),
            })
    return rows


def format_codes(codes: Any) -> str:
    """`1=Yes; 2=No`, or one code a line when a label holds the separator."""
    if not isinstance(codes, Mapping) or not codes:
        return ""
    pairs = [f"{_text(key)}={_text(label)}" for key, label in codes.items()]
    if any(";" in pair or "\n" in pair for pair in pairs):
        return "\n".join(pair.replace("\n", " ") for pair in pairs)
    return LIST_SEPARATOR.join(pairs)


def dictionary_csv(descriptor: Mapping[str, Any]) -> str:
    """The columns as CSV. Written with a BOM so Excel reads it as UTF-8."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(COLUMNS)
    for row in dictionary_rows(descriptor):
        writer.writerow([_csv_cell(row[column]) for column in COLUMNS])
    return "\ufeff" + buffer.getvalue()


def dictionary_xlsx(descriptor: Mapping[str, Any]) -> bytes:
    """A workbook a data steward can filter and edit: "Data set" (the package's fields, one a
    row), "Tables" (one row per file) and "Columns" (one row per column, the CSV's columns).

    One "Columns" sheet rather than a sheet per table: a steward filters and sorts all columns
    at once, and table names longer than Excel's 31-character sheet names still fit.
    """
    workbook = Workbook()
    data_set = workbook.active
    data_set.title = DATA_SET_SHEET
    _fill(data_set, ("field", "value"), data_set_rows(descriptor))
    _fill(workbook.create_sheet(TABLES_SHEET), TABLE_COLUMNS, _table_rows(descriptor))
    columns = workbook.create_sheet(COLUMNS_SHEET)
    _fill(columns, COLUMNS, [[row[c] for c in COLUMNS] for row in dictionary_rows(descriptor)])
    columns.auto_filter.ref = columns.dimensions
    # Reproducible builds: the workbook's dates are the dictionary's, not the time of the build.
    stamp = _stamp(descriptor.get("updated"))
    workbook.properties.created = workbook.properties.modified = stamp
    workbook.properties.creator = "ids-knowledge-base"
    workbook.properties.title = _text(descriptor.get("title")) or None
    buffer = io.BytesIO()
    with _FixedTimeZip(buffer, "w", zipfile.ZIP_DEFLATED, date_time=stamp.timetuple()[:6]) as archive:
        ExcelWriter(workbook, archive).save()  # not workbook.save(): it stamps the current time
    return buffer.getvalue()


def data_set_rows(descriptor: Mapping[str, Any]) -> list[list[str]]:
    """(field, value) rows of the package-level fields the descriptor has."""
    rows = []
    for key in DATA_SET_FIELDS:
        head, _, sub = key.partition(".")
        value = descriptor.get(head)
        if sub:
            value = value.get(sub) if isinstance(value, Mapping) else None
        if value is None or value == [] or value == "":
            continue
        rows.append([key, _text(value).strip()])
    return rows


def frictionless_json(descriptor: Mapping[str, Any]) -> str:
    """The Data Package descriptor as JSON, the project's own properties kept (frictionless keeps
    unknown properties as custom ones). Dates become ISO strings, as JSON has no date type."""
    return json.dumps(_jsonable(descriptor), indent=2, ensure_ascii=False) + "\n"


# -- helpers -------------------------------------------------------------------------------------

def _table_rows(descriptor: Mapping[str, Any]) -> list[list[str]]:
    rows = []
    for resource in _list(descriptor.get("resources")):
        schema = resource.get("schema") if isinstance(resource.get("schema"), Mapping) else {}
        rows.append([_text(resource.get("name")), _text(resource.get("title")), _text(resource.get("path")),
                     _text(resource.get("description")).strip(), _text(schema.get("primaryKey")),
                     _text(schema.get("missingValues"), quote_empty=True)])
    return rows


def _fill(sheet, headings: Iterable[str], rows: Iterable[list[str]]) -> None:
    """Header bold and frozen; every value written as text, so `=1+1` stays text, not a formula."""
    headings = list(headings)
    sheet.append(headings)
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    # Cells are found by their row number, counted here: `sheet[sheet.max_row]` looks at every
    # cell of the sheet to find the last row, which made a 200-column workbook cost 40 ms.
    for row_number, row in enumerate(rows, start=2):
        values = [ILLEGAL_CHARACTERS_RE.sub("", value) or None for value in row]
        sheet.append(values)
        for column_number, value in enumerate(values, start=1):
            if value is not None:
                cell = sheet.cell(row=row_number, column=column_number)
                cell.data_type = "s"
                if "\n" in value:
                    cell.alignment = Alignment(wrap_text=True, vertical="top")
    sheet.freeze_panes = "A2"
    for index, heading in enumerate(headings, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = _WIDTHS.get(heading, max(12, len(heading) + 2))


class _FixedTimeZip(zipfile.ZipFile):
    """A zip whose members all carry one date, so the same workbook gives the same bytes."""

    def __init__(self, *args, date_time: tuple, **kwargs):
        super().__init__(*args, **kwargs)
        self._date_time = date_time

    def writestr(self, name, data, compress_type=None, compresslevel=None):
        if not isinstance(name, zipfile.ZipInfo):
            name = zipfile.ZipInfo(name, date_time=self._date_time)
            name.compress_type = zipfile.ZIP_DEFLATED
        super().writestr(name, data, compress_type, compresslevel)

    def write(self, filename, arcname=None, compress_type=None, compresslevel=None):
        # openpyxl writes each worksheet from a temporary file, which would carry that file's time.
        with open(filename, "rb") as source:
            self.writestr(arcname or str(filename), source.read(), compress_type, compresslevel)


def _stamp(updated: Any) -> datetime.datetime:
    if isinstance(updated, datetime.datetime):
        return updated.replace(tzinfo=None, microsecond=0)
    if isinstance(updated, datetime.date):
        return datetime.datetime(updated.year, updated.month, updated.day)
    try:
        return datetime.datetime.fromisoformat(str(updated))
    except ValueError:
        return _DEFAULT_DATE


def _jsonable(value: Any) -> Any:
    if isinstance(value, (datetime.date, datetime.datetime)):
        return value.isoformat()
    if isinstance(value, Mapping):
        return {str(k): _jsonable(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_jsonable(v) for v in value]
    return value


def _list(value: Any) -> list:
    return list(value) if isinstance(value, (list, tuple)) else []


def _text(value: Any, quote_empty: bool = False) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (datetime.date, datetime.datetime)):
        return value.isoformat()
    if isinstance(value, (list, tuple)):
        return LIST_SEPARATOR.join('""' if quote_empty and item == "" else _text(item) for item in value)
    return str(value)


def _yes_no(value: Any) -> str:
    return "" if value is None else ("yes" if value else "no")


def _marked(value: Any, suggested: bool) -> str:
    text = _text(value)
    return text + SUGGESTED_MARK if text and suggested else text


def _csv_cell(text: str) -> str:
    # A leading quote makes spreadsheets show the text as text; the importer removes it again.
    return "'" + text if text.startswith(_FORMULA_START) else text
