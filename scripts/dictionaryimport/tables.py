"""Read a spreadsheet (XLSX, CSV or text pasted from Excel) into sheets of text cells.

Every cell becomes stripped text: numbers as Excel shows them (1, not 1.0), dates as ISO dates,
merged cells filled with their top-left value (a table name merged down its rows applies to each
row). Nothing here knows what a dictionary is; headers.py finds the header row.
"""

from __future__ import annotations

import codecs
import csv
import datetime
import io
import zipfile
from dataclasses import dataclass
from pathlib import Path

XLSX_MAGIC = b"PK\x03\x04"
OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # Excel 97-2003 (.xls) and other Office files
DELIMITERS = ",;|"
MAX_BYTES = 50 * 1024 * 1024
# A quote the CSV download puts before a cell that starts like a formula.
_FORMULA_GUARD = ("'=", "'+", "'-", "'@")


class SpreadsheetError(Exception):
    """Input that cannot be read as a spreadsheet; the message names the file and says why."""


@dataclass(frozen=True)
class Sheet:
    name: str  # the sheet's name; the file's name for CSV
    rows: tuple[tuple[str, ...], ...]  # rows[i] is row i + 1 of the sheet
    hidden: bool = False


def read_spreadsheet(path: Path) -> list[Sheet]:
    """The sheets of an XLSX workbook, or the one sheet of a CSV file."""
    if not path.exists():
        raise SpreadsheetError(f"{path}: no such file")
    if path.is_dir():
        raise SpreadsheetError(f"{path}: is a folder, not a spreadsheet")
    try:
        data = path.read_bytes()
    except OSError as error:
        raise SpreadsheetError(f"{path}: cannot be read ({error.strerror})") from None
    if not data.strip():
        raise SpreadsheetError(f"{path}: the file is empty")
    if len(data) > MAX_BYTES:
        raise SpreadsheetError(f"{path}: {len(data) // 1024 // 1024} MiB is too large for a data dictionary")
    if data.startswith(OLE_MAGIC):
        raise SpreadsheetError(f"{path}: an Excel 97-2003 workbook (.xls); open it in Excel or LibreOffice "
                               "and save it as .xlsx or .csv")
    if data.startswith(XLSX_MAGIC):
        return _read_xlsx(data, path)
    if path.suffix.lower() in (".xlsx", ".xlsm", ".xls", ".ods"):
        raise SpreadsheetError(f"{path}: not an Excel workbook, although its name ends in {path.suffix}")
    return [read_text_table(decode_text(data, str(path)), path.stem, str(path))]


def decode_text(data: bytes, source: str) -> str:
    """UTF-8 (with or without a byte-order mark), UTF-16 with a mark, else Windows-1252.

    Tried in that order rather than guessed: a short file of mostly ASCII fools detectors, and
    files that are not UTF-8 are nearly always from Excel on Windows.
    """
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return data.decode("utf-16")
    if b"\x00" in data[:4096]:
        raise SpreadsheetError(f"{source}: this is binary data, not a spreadsheet; give a .xlsx or .csv file")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return data.decode("cp1252", errors="replace")


def read_text_table(text: str, name: str, source: str) -> Sheet:
    """Rows of CSV or tab-separated text (what Excel puts on the clipboard)."""
    text = text.lstrip("\ufeff").replace("\r\n", "\n").replace("\r", "\n")
    lines = [line for line in text.split("\n") if line.strip()]
    if not lines:
        raise SpreadsheetError(f"{source}: no rows")
    delimiter = _delimiter(lines[:30])
    try:
        rows = [tuple(clean_cell(cell) for cell in row) for row in csv.reader(io.StringIO(text), delimiter=delimiter)]
    except csv.Error as error:
        raise SpreadsheetError(f"{source}: cannot be read as CSV ({error})") from None
    return Sheet(name, tuple(rows))


def clean_cell(value: object) -> str:
    """A cell as text: no padding, no non-breaking spaces, no formula guard; numbers as shown."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if isinstance(value, datetime.datetime):
        value = value.date() if value.time() == datetime.time() else value
    if isinstance(value, (datetime.date, datetime.datetime)):
        value = value.isoformat()
    text = str(value).replace("\u00a0", " ").replace("\r\n", "\n").replace("\r", "\n")
    text = "\n".join(line.strip() for line in text.split("\n")).strip()
    if text.startswith(_FORMULA_GUARD):
        text = text[1:]
    return text


def _delimiter(lines: list[str]) -> str:
    if sum("\t" in line for line in lines) * 2 >= len(lines):
        return "\t"  # copied from Excel
    try:
        return csv.Sniffer().sniff("\n".join(lines), delimiters=DELIMITERS).delimiter
    except csv.Error:
        counts = {d: sum(line.count(d) for line in lines) for d in DELIMITERS}
        best = max(counts, key=lambda d: counts[d])
        return best if counts[best] else ","


def _read_xlsx(data: bytes, path: Path) -> list[Sheet]:
    from openpyxl import load_workbook  # only for workbooks: CSV needs no openpyxl
    from openpyxl.utils.exceptions import InvalidFileException

    try:
        workbook = load_workbook(io.BytesIO(data), data_only=True)
    except (zipfile.BadZipFile, InvalidFileException, KeyError, ValueError, OSError) as error:
        raise SpreadsheetError(f"{path}: not a readable Excel workbook ({error.__class__.__name__}: {error})") from None
    sheets = []
    for worksheet in workbook.worksheets:
        grid = [[clean_cell(cell) for cell in row] for row in worksheet.iter_rows(values_only=True)]
        for merged in worksheet.merged_cells.ranges:
            value = grid[merged.min_row - 1][merged.min_col - 1] if merged.min_row <= len(grid) else ""
            for r in range(merged.min_row - 1, min(merged.max_row, len(grid))):
                for c in range(merged.min_col - 1, min(merged.max_col, len(grid[r]))):
                    grid[r][c] = value
        sheets.append(Sheet(worksheet.title, tuple(tuple(row) for row in grid),
                            hidden=worksheet.sheet_state != "visible"))
    return sheets
