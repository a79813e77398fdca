#!/usr/bin/env python3
"""Import a data dictionary spreadsheet (one row per column) as dictionaries/<ID>/<data-set>.yml.

    python3 scripts/import_dictionary.py client-dictionary.xlsx --jurisdiction iowa --data-set hmis-csv
    python3 scripts/import_dictionary.py new.csv --jurisdiction iowa --data-set hmis-csv --update
    python3 scripts/import_dictionary.py new.csv --jurisdiction iowa --data-set hmis-csv --update --yes

PATH is an .xlsx workbook or a .csv file (any of UTF-8, UTF-8 with a byte-order mark, or
Windows-1252; comma, semicolon, tab or bar). Title rows, blank rows, merged cells and sheets that
are not dictionaries are passed over; each sheet that is one becomes a table named after it.
Columns of sample values are never imported. Each column's shared element and HIPAA identifier
are suggested (listed in `suggested:` until a person approves them). Use `--jurisdiction formats`
for a published format that is not one site's own.

An existing file is never overwritten: --update prints what would change, column by column,
and writes only with --yes (or when you answer yes at the prompt). Hand-written fields of the
file (descriptions, terms, code labels, review notes, approved elements and identifiers) are kept.

Exit status: 0 when the file was written or nothing needed writing; 1 when the input or the
options are wrong, or the file exists and --update was not given.
"""

from __future__ import annotations

import argparse
import datetime
import os
import sys
from pathlib import Path

import yaml

from dictionaryimport.descriptor import DOMAINS, SHARED_AS, Target, title_from_file_name
from dictionaryimport.importer import (ImportContext, import_sheets, load_context, provided_roles,
                                       suggestion_count, target_problems)
from dictionaryimport.reading import NothingToImport
from dictionaryimport.tables import SpreadsheetError, read_spreadsheet
from dictionaryimport.verdict import blocking, column_verdicts
from dictionaryimport.yamlfile import MergeError, merge_dictionary, new_dictionary_text

ROOT = Path(__file__).resolve().parents[1]

PROG = "import_dictionary.py"


class _Parser(argparse.ArgumentParser):
    def error(self, message: str):
        self.print_usage(sys.stderr)
        self.exit(1, f"{self.prog}: {message}\n")


class Failure(Exception):
    """A user mistake: printed as one message, exit 1."""


def main(argv: list[str] | None = None) -> int:
    parser = _Parser(prog=PROG, description=__doc__.splitlines()[0],
                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("path", metavar="PATH", type=Path, help="the spreadsheet: .xlsx or .csv")
    parser.add_argument("--jurisdiction", required=True, help="site id (e.g. iowa), or formats")
    parser.add_argument("--data-set", required=True, help="the data set's id, the file's name (e.g. hmis-csv)")
    parser.add_argument("--shared-as", choices=SHARED_AS, help="how the data set is shared (default: identified)")
    parser.add_argument("--domain", choices=DOMAINS, help="the field of service the data set belongs to")
    parser.add_argument("--title", help="the data set's title (default: from the file's name)")
    parser.add_argument("--description", help="one to four sentences about the data set")
    parser.add_argument("--update", action="store_true", help="merge into an existing file: show the differences")
    parser.add_argument("--yes", action="store_true", help="with --update: write the merged file")
    parser.add_argument("--root", type=Path, default=ROOT, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    try:
        return run(args)
    except Failure as failure:
        print(f"{PROG}: {failure}", file=sys.stderr)
        return 1


def run(args: argparse.Namespace) -> int:
    problems = target_problems(args.jurisdiction, args.data_set)
    if problems:
        raise Failure("\n".join(f"--{option}: {message}" for option, message in problems))
    target = Target(args.jurisdiction, args.data_set)
    file = args.root / target.path
    if file.exists() and not args.update:
        raise Failure(f"{target.path} already exists; it is never overwritten. Run again with --update to see "
                      "the differences and merge (hand-written fields are kept)")
    if args.update and not file.is_file():
        raise Failure(f"{target.path} does not exist yet, so there is nothing to update; run without --update")
    try:
        sheets = read_spreadsheet(args.path)
    except SpreadsheetError as error:
        raise Failure(str(error)) from None
    context = load_context(args.root)
    today = datetime.date.today()
    given = {"shared_as": args.shared_as, "title": args.title, "description": args.description,
             "domain": args.domain}
    try:
        descriptor, imported = import_sheets(sheets, str(args.path), target, context, today, given,
                                             title_from_file_name(args.path.stem))
    except NothingToImport as nothing:
        raise Failure(f"no data dictionary found. {nothing}") from None
    for note in context.notes:
        print(f"note: {note}")
    for skipped in imported.skipped:
        print(f"{skipped}")
    if imported.notes:
        print("Not imported or left out:")
        for note in imported.notes:
            print(f"  {note}")
    if args.update:
        return update(file, target, descriptor, imported, given, today, args.yes, context)
    file.parent.mkdir(parents=True, exist_ok=True)
    _write(file, new_dictionary_text(descriptor))
    guessed = [t.name for t in imported.tables if not t.path]
    if guessed:
        print(f"Each table's `path` is guessed from its name ({', '.join(g + '.csv' for g in guessed)}): "
              "correct it to the file's name in the extract.")
    columns = sum(len(r["schema"]["fields"]) for r in descriptor["resources"])
    print(f"Wrote {target.path}: {len(descriptor['resources'])} table(s), {columns} column(s), "
          f"{suggestion_count(descriptor)} suggestion(s) to review (`suggested:`).")
    _tell_blocking(descriptor, context)
    missing = [f"`{key}`" for key in ("description", "domain") if not descriptor.get(key)]
    if missing:
        print(f"Write the data set's {' and '.join(missing)} in the file before you commit it "
              "(`description`: one to four sentences; `domain`: one of " + ", ".join(DOMAINS) + ").")
    print("Then review the `suggested:` fields and run python3 scripts/check.py.")
    return 0


def update(file: Path, target: Target, descriptor: dict, imported, given: dict, today: datetime.date,
           yes: bool, context: ImportContext) -> int:
    existing = file.read_text(encoding="utf-8")
    overrides = {key: value for key, value in given.items() if value}
    try:
        merge = merge_dictionary(existing, descriptor, provided_roles(imported), overrides, today)
    except MergeError as error:
        raise Failure(f"{target.path} {error}") from None
    if merge.kept:
        print("Kept from the file (written by hand):")
        for line in merge.kept:
            print(f"  {line}")
    if not merge.changed:
        print(f"No differences: {target.path} is unchanged.")
        return 0
    print(f"Differences for {target.path}:")
    for line in merge.changes:
        print(f"  {line}")
    if not yes and not _confirmed(target.path):
        print("Dry run: nothing written. Run again with --yes to write these changes.")
        return 0
    _write(file, merge.text)
    print(f"Wrote {target.path}.")
    _tell_blocking(yaml.safe_load(merge.text), context)
    return 0


def _tell_blocking(descriptor: dict, context: ImportContext) -> None:
    """Columns the build will refuse under the data set's `shared_as`, before the build does."""
    stopping = blocking(column_verdicts(descriptor, context.checker, context.matrix_rows))
    if stopping:
        names = ", ".join(f"{v.column} ({v.letter})" for v in stopping)
        print(f"Not allowed when shared as {descriptor.get('shared_as')}: {names}. Remove each, share the data set "
              "as identified, or write in its `reviewed` why it may stay.")


def _confirmed(path: str) -> bool:
    if not sys.stdin.isatty():
        return False
    try:
        return input(f"Write these changes to {path}? [y/N] ").strip().lower() in ("y", "yes")
    except EOFError:
        return False


def _write(file: Path, text: str) -> None:
    """Replace the file in one step, so a reader never sees half a file."""
    temporary = file.with_name(f".{file.name}.tmp")
    temporary.write_text(text, encoding="utf-8")
    os.replace(temporary, file)


if __name__ == "__main__":
    try:
        sys.exit(main())
    except KeyboardInterrupt:
        sys.exit(130)
