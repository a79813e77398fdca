"""Read column names from a CSV header or a list, never the data rows.

A CSV file gives its first record only (the header); a text file gives one name a line. The
encoding is found from a byte-order mark, else UTF-8, else Windows-1252; the delimiter by
csv.Sniffer among comma, semicolon, tab and bar. Binary files and empty files are refused with a
message that says what is wrong.
"""

from __future__ import annotations

import codecs
import csv
from dataclasses import dataclass
from typing import BinaryIO

DELIMITERS = ",;\t|"
CSV_SUFFIXES = (".csv", ".tsv", ".tab", ".psv")
CHUNK = 64 * 1024
MAX_HEADER_BYTES = 1024 * 1024  # a header longer than this is not a header
MAX_LIST_BYTES = 1024 * 1024  # a list of names longer than this is not a list of names
MAX_NAMES = 5000


class ColumnInputError(Exception):
    """Input the checker cannot read; the message names the source and says why."""


@dataclass(frozen=True)
class ColumnNames:
    names: tuple[str, ...]
    layout: str  # "csv header" | "list"
    encoding: str
    delimiter: str = ""


def read_column_names(stream: BinaryIO, source: str, csv_file: bool = False) -> ColumnNames:
    """Column names from `stream`: a CSV header (first record only) or one name a line.

    `csv_file` says the file is a CSV by its name (.csv, .tsv): then its first line is the header
    even when it holds a single name.
    """
    head = stream.read(CHUNK)
    if not head.strip():
        raise ColumnInputError(f"{source}: the file is empty, so it has no header")
    encoding = detect_encoding(head, source)
    decoder = codecs.getincrementaldecoder(encoding)(errors="replace")
    text = decoder.decode(head)
    record_end = _first_record_end(text)
    total = len(head)
    while record_end is None and total < MAX_HEADER_BYTES:
        more = stream.read(CHUNK)
        if not more:
            text += decoder.decode(b"", final=True)
            record_end = len(text)
            break
        total += len(more)
        text += decoder.decode(more)
        record_end = _first_record_end(text)
    if record_end is None:
        raise ColumnInputError(f"{source}: no line break in the first {MAX_HEADER_BYTES // 1024} KiB; "
                               "this does not look like a CSV header or a list of column names")
    first = text[:record_end].lstrip("\ufeff")
    delimiter = sniff_delimiter(first)
    if delimiter or csv_file:
        names = next(csv.reader([first.replace("\r", "").replace("\n", " ")], delimiter=delimiter or ","), [])
        return ColumnNames(_clean(names, source), "csv header", encoding, delimiter or ",")
    rest = stream.read(MAX_LIST_BYTES - total + 1)
    if total + len(rest) > MAX_LIST_BYTES:
        raise ColumnInputError(f"{source}: over {MAX_LIST_BYTES // 1024} KiB with one name a line; "
                               "give a CSV file (only its header is read) or a shorter list")
    if b"\x00" in rest and not encoding.startswith("utf-16"):
        raise ColumnInputError(f"{source}: this looks like binary data, not text")
    text += decoder.decode(rest, final=True)
    lines = [line.strip() for line in text.lstrip("\ufeff").splitlines()]
    return ColumnNames(_clean([line for line in lines if line], source), "list", encoding)


def detect_encoding(head: bytes, source: str) -> str:
    """The text encoding of the first bytes; refuses binary data."""
    if head.startswith(codecs.BOM_UTF8):
        return "utf-8-sig"
    if head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return "utf-16"
    sample = head[:4096]
    # UTF-16 without a byte-order mark: every other byte of ASCII text is zero.
    if len(sample) >= 4 and sample.count(b"\x00") * 2 >= len(sample) - 1:
        if all(b == 0 for b in sample[1::2]):
            return "utf-16-le"
        if all(b == 0 for b in sample[0::2]):
            return "utf-16-be"
    if b"\x00" in sample or _control_share(sample) > 0.05:
        raise ColumnInputError(f"{source}: this looks like binary data (a spreadsheet or a zip?), not text; "
                               "save it as CSV first")
    try:
        sample.decode("utf-8")
        return "utf-8"
    except UnicodeDecodeError as error:
        if error.start >= len(sample) - 3:  # a character cut at the end of the sample
            return "utf-8"
        return "cp1252"


def sniff_delimiter(line: str) -> str:
    """The delimiter of a header line, or "" when the line holds a single name."""
    stripped = line.strip()
    if not any(d in stripped for d in DELIMITERS):
        return ""
    try:
        return csv.Sniffer().sniff(stripped, delimiters=DELIMITERS).delimiter
    except csv.Error:
        counts = {d: _count_outside_quotes(stripped, d) for d in DELIMITERS}
        best = max(counts, key=lambda d: counts[d])
        return best if counts[best] else ""


def _first_record_end(text: str) -> int | None:
    """Index just past the first line break outside double quotes, or None."""
    quoted = False
    for index, char in enumerate(text):
        if char == '"':
            quoted = not quoted
        elif char in "\r\n" and not quoted:
            return index
    return None


def _count_outside_quotes(text: str, delimiter: str) -> int:
    count, quoted = 0, False
    for char in text:
        if char == '"':
            quoted = not quoted
        elif char == delimiter and not quoted:
            count += 1
    return count


def _control_share(sample: bytes) -> float:
    controls = sum(1 for b in sample if b < 32 and b not in (9, 10, 13))
    return controls / max(len(sample), 1)


def _clean(names: list[str], source: str) -> tuple[str, ...]:
    cleaned = tuple(name.strip().strip('"').strip() for name in names)
    if not cleaned:
        raise ColumnInputError(f"{source}: no column names found")
    if len(cleaned) > MAX_NAMES:
        raise ColumnInputError(f"{source}: {len(cleaned):,} column names; the checker takes at most {MAX_NAMES:,}")
    return cleaned
