"""Which HIPAA identifiers a dictionary's columns hold, and whether they fit how it is shared.

A column's `identifier` (declared, or suggested by the importer) decides its letter; the verdict
for the kind of data set comes from the data-element matrix row of that letter, or from the
checker's finer rule when the checker reads the same letter from the name (a three-digit ZIP code
may stay in a Safe Harbor data set, a five-digit one may not).
"""

from __future__ import annotations

from dataclasses import dataclass

from termbase.checker.columncheck import ALLOWED, IDENTIFIER, NOT_ALLOWED, ColumnChecker
from termbase.checker.columnrules import VERDICT_WORDS
from termbase.loading.datafiles import DataElement
from termbase.loading.datasetkinds import KIND_BY_SHARED_AS

# A dictionary's `shared_as` ("limited-data-set") -> the checker's kind ("limited_data_set").
SHARED_AS_KIND = {shared_as: kind.key for shared_as, kind in KIND_BY_SHARED_AS.items()}


@dataclass(frozen=True)
class ColumnVerdict:
    table: str
    column: str
    letter: str | None  # the Safe Harbor identifier it holds; None when it holds none
    element_name: str  # the matrix row's name ("Names"), or the checker's form
    suggested: bool  # the letter is a suggestion nobody approved yet
    verdict: str  # allowed | not allowed | partly | review, under the data set's kind
    condition: str
    reviewed: str  # a reviewer's note that lets a column not allowed stay


def column_verdicts(descriptor: dict, checker: ColumnChecker | None,
                    rows: dict[str, DataElement]) -> list[ColumnVerdict]:
    kind = SHARED_AS_KIND.get(str(descriptor.get("shared_as")), "identified")
    verdicts = []
    for resource in descriptor.get("resources") or []:
        for column in (resource.get("schema") or {}).get("fields") or []:
            verdicts.append(_verdict(resource.get("name", ""), column, kind, checker, rows))
    return verdicts


def _verdict(table: str, column: dict, kind: str, checker: ColumnChecker | None,
             rows: dict[str, DataElement]) -> ColumnVerdict:
    name = str(column.get("name", ""))
    declared = column.get("identifier")
    suggested = "identifier" in (column.get("suggested") or [])
    reviewed = str(column.get("reviewed") or "")
    result = checker.classify(name) if checker else None
    if declared == "none" or (declared is None and (result is None or result.reason != IDENTIFIER)):
        verdict = result.verdicts[kind] if result is not None and declared is None else None
        return ColumnVerdict(table, name, None, "", suggested,
                             verdict.verdict if verdict else ALLOWED, verdict.condition if verdict else "", reviewed)
    letter = declared or result.identifier
    if result is not None and result.reason == IDENTIFIER and result.identifier == letter:
        verdict = result.verdicts[kind]
        return ColumnVerdict(table, name, letter, result.form, suggested or declared is None, verdict.verdict,
                             verdict.condition, reviewed)
    row = rows.get(letter)
    if row is None:
        return ColumnVerdict(table, name, letter, "", suggested, ALLOWED, "", reviewed)
    rule = getattr(row, kind)
    return ColumnVerdict(table, name, letter, row.element, suggested, VERDICT_WORDS[rule.allowed], rule.condition,
                         reviewed)


def blocking(verdicts: list[ColumnVerdict]) -> list[ColumnVerdict]:
    """Columns not allowed under the data set's kind, with no reviewer's note to keep them."""
    return [v for v in verdicts if v.verdict == NOT_ALLOWED and not v.reviewed]
