#!/usr/bin/env python3
"""Check an extract's column names: identified data, a limited data set, or de-identified?

    python3 scripts/check_columns.py extract.csv                      # table and summary
    python3 scripts/check_columns.py extract.csv --as limited-data-set  # exit 1 if a column must go
    python3 scripts/check_columns.py names.txt --json                 # one JSON object per column
    head -1 extract.csv | python3 scripts/check_columns.py -          # standard input

PATH is a CSV file (only its header row is read; any common encoding and delimiter) or a text
file with one column name a line; "-" reads standard input. Each column gets its HIPAA Safe
Harbor identifier (A to R, or none) and a verdict under each kind of data set: allowed, not
allowed, partly (allowed in a reduced form) or review (the name cannot tell). The rules are those
of the data-element matrix (data/data-elements.yml), the same the site's data-set checker runs.

It reads column names only and cannot see the values; it is not legal advice.

Exit status: 0; with --as KIND, 1 when any column is "not allowed" under that kind; 2 when the
input cannot be read (missing or unreadable file, no header, binary data).
"""

from __future__ import annotations

import argparse
import json
import sys
import textwrap
from pathlib import Path

from termbase.checker.columncheck import NOT_ALLOWED, ColumnChecker
from termbase.checker.columnfile import CSV_SUFFIXES, ColumnInputError, read_column_names
from termbase.checker.columnreport import NAMES_ONLY, explain, json_rows, summarize
from termbase.checker.columnrules import KINDS, compile_column_rules
from termbase.loading.datafiles import DATA_ELEMENTS_FILE, load_data_elements
from termbase.loading.datasetkinds import DATA_SET_KINDS, KIND_BY_KEY
from termbase.loading.problems import InvalidContent

ROOT = Path(__file__).resolve().parents[1]

AS_KINDS = {kind.shared_as: kind.key for kind in DATA_SET_KINDS}  # --as takes a dictionary's `shared_as` words
TABLE_HEADINGS = ("Column", "Identifier", *(kind.column for kind in DATA_SET_KINDS))


class _Parser(argparse.ArgumentParser):
    def error(self, message: str):  # argparse exits 2 too; keep its message short and ours
        self.print_usage(sys.stderr)
        self.exit(2, f"{self.prog}: {message}\n")


def main(argv: list[str] | None = None) -> int:
    parser = _Parser(prog="check_columns.py", description=__doc__.splitlines()[0],
                     epilog=NAMES_ONLY, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("path", metavar="PATH", help="CSV file or text file of column names; - for standard input")
    parser.add_argument("--as", dest="kind", choices=list(AS_KINDS),
                        help="the kind of data set you mean to share: exit 1 if any column is not allowed in it")
    parser.add_argument("--json", action="store_true", help="print a JSON list, one object per column")
    args = parser.parse_args(argv)

    try:
        names = _read(args.path)
    except ColumnInputError as error:
        print(f"check_columns.py: {error}", file=sys.stderr)
        return 2
    try:
        matrix = load_data_elements(ROOT / DATA_ELEMENTS_FILE, ROOT)
    except InvalidContent as error:
        print("The data-element file has problems:\n" + error.report(), file=sys.stderr)
        return 2
    rules = compile_column_rules(matrix.elements, matrix.column_names)
    checker = ColumnChecker(rules)
    results = [checker.classify(name) for name in names]

    if args.json:
        print(json.dumps(json_rows(results, rules), indent=2, ensure_ascii=False))
    else:
        print(_report(results, rules, AS_KINDS.get(args.kind)))
    if args.kind and any(r.verdict(AS_KINDS[args.kind]) == NOT_ALLOWED for r in results):
        return 1
    return 0


def _read(path: str) -> tuple[str, ...]:
    if path == "-":
        return read_column_names(sys.stdin.buffer, "standard input").names
    file = Path(path)
    if not file.exists():
        raise ColumnInputError(f"{path}: no such file")
    if file.is_dir():
        raise ColumnInputError(f"{path}: is a folder, not a file")
    try:
        with file.open("rb") as stream:
            return read_column_names(stream, path, csv_file=file.suffix.lower() in CSV_SUFFIXES).names
    except PermissionError:
        raise ColumnInputError(f"{path}: permission denied") from None
    except OSError as error:
        raise ColumnInputError(f"{path}: cannot be read ({error.strerror})") from None


def _report(results, rules: dict, focus: str | None) -> str:
    rows = [(r.column or "(no name)", _identifier(r), *(r.verdict(k) for k in KINDS)) for r in results]
    widths = [max(len(str(row[i])) for row in [TABLE_HEADINGS, *rows]) for i in range(len(TABLE_HEADINGS))]
    widths[0] = min(widths[0], 40)
    widths[1] = min(widths[1], 44)

    def line(cells) -> str:
        return "  ".join(str(c)[:w].ljust(w) for c, w in zip(cells, widths)).rstrip()

    out = [line(TABLE_HEADINGS), line("-" * w for w in widths), *(line(row) for row in rows), ""]
    notes = [(r.column or "(no name)", explain(r, rules)) for r in results
             if r.identifier or r.hints or any(r.verdict(k) != "allowed" for k in KINDS)]
    if notes:
        out.append("Why:")
        for column, why in notes:
            out.append(textwrap.fill(f"{column}: {why}", width=100, initial_indent="- ", subsequent_indent="  "))
        out.append("")
    summaries = summarize(results)
    kinds = [focus] if focus else list(KINDS)
    for kind in kinds:
        out.append(textwrap.fill(f"{KIND_BY_KEY[kind].label}: {summaries[kind].sentence}", width=100))
        out.append("")
    out.append(textwrap.fill(NAMES_ONLY, width=100))
    return "\n".join(out)


def _identifier(result) -> str:
    if result.identifier:
        return f"{result.identifier} {result.form}"
    return "review" if result.reason in ("review", "unnamed") else "-"


if __name__ == "__main__":
    try:
        sys.exit(main())
    except KeyboardInterrupt:
        sys.exit(130)
    except BrokenPipeError:  # e.g. piped into `head`
        sys.exit(0)
