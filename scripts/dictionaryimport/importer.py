"""The importer's steps in one place, for the command line and the issue form alike:
check the target, read the sheets, suggest elements and identifiers, build the descriptor."""

from __future__ import annotations

import datetime
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from termbase.checker.columncheck import ColumnChecker
from termbase.checker.columnrules import compile_column_rules
from termbase.loading.datafiles import DATA_ELEMENTS_FILE, DataElement, load_data_elements
from termbase.loading.hints import did_you_mean
from termbase.loading.jurisdictions import JURISDICTIONS
from termbase.loading.problems import InvalidContent

from .descriptor import FORMATS, Target, build_descriptor
from .reading import ImportedDictionary, Vocabulary, read_dictionary
from .suggest import Suggester, add_suggestions, mapped_columns, read_elements
from .tables import Sheet

DATA_SET_ID = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")
SHARED_ELEMENTS_FILE = "data/shared-elements.yml"
MAX_ID_LENGTH = 80


@dataclass
class ImportContext:
    """What suggestions and checks need from the repository, read once."""

    root: Path
    suggester: Suggester
    vocabulary: Vocabulary
    checker: ColumnChecker | None
    matrix_rows: dict[str, DataElement]  # the data-element matrix by Safe Harbor letter
    notes: list[str]


def load_context(root: Path) -> ImportContext:
    notes: list[str] = []
    elements = read_elements(root / SHARED_ELEMENTS_FILE)
    if not elements:
        notes.append(f"{SHARED_ELEMENTS_FILE} is missing or has no elements: no element is suggested")
    checker, rows = column_rules(root)
    if checker is None:
        notes.append(f"{DATA_ELEMENTS_FILE} cannot be read: no identifier is suggested")
    terms = frozenset(p.stem for p in (root / "glossary").glob("*.yml"))
    return ImportContext(root, Suggester(elements, checker, mapped_columns(root / "dictionaries")),
                         Vocabulary(frozenset(e.id for e in elements), terms), checker, rows, notes)


def column_rules(root: Path) -> tuple[ColumnChecker | None, dict[str, DataElement]]:
    """The data-set checker with the rules of data/data-elements.yml (as scripts/check_columns.py),
    and the matrix rows by letter; (None, {}) when the file cannot be read."""
    try:
        matrix = load_data_elements(root / DATA_ELEMENTS_FILE, root)
    except (InvalidContent, OSError):
        return None, {}
    checker = ColumnChecker(compile_column_rules(matrix.elements, matrix.column_names))
    return checker, {row.letter: row for row in matrix.elements}


def target_problems(jurisdiction: str, data_set: str) -> list[tuple[str, str]]:
    """(option, message) for an unknown jurisdiction or a data-set id that cannot be a file name."""
    problems = []
    if jurisdiction != FORMATS and jurisdiction not in JURISDICTIONS:
        choices = [*JURISDICTIONS, FORMATS]
        hint = did_you_mean(jurisdiction, choices) or "."
        problems.append(("jurisdiction", f"'{jurisdiction}' is not a site id{hint} Use one of: {', '.join(choices)}"))
    if not DATA_SET_ID.match(data_set) or len(data_set) > MAX_ID_LENGTH:
        problems.append(("data-set", f"'{data_set}' is not a data-set id: lower-case letters, digits and single "
                                     f"hyphens, at most {MAX_ID_LENGTH} characters (e.g. hmis-csv)"))
    return problems


def import_sheets(sheets: list[Sheet], source: str, target: Target, context: ImportContext, today: datetime.date,
                  given: dict[str, Any] | None = None, default_title: str = "") -> tuple[dict, ImportedDictionary]:
    """(descriptor, what was read); raises reading.NothingToImport when no sheet is a dictionary."""
    imported = read_dictionary(sheets, source, context.vocabulary)
    add_suggestions(imported, context.suggester)
    return build_descriptor(imported, target, today, given, default_title), imported


def provided_roles(imported: ImportedDictionary) -> dict[str, frozenset[str]]:
    return {table.name: table.provided for table in imported.tables}


def suggestion_count(descriptor: dict) -> int:
    return sum(len(column.get("suggested") or []) for resource in descriptor["resources"]
               for column in resource["schema"]["fields"])
