#!/usr/bin/env python3
"""Measure the data-set checker on the labelled column names (tests/data/column-names.csv).

    python3 scripts/measure_checker.py            # figures, overall and per source
    python3 scripts/measure_checker.py --misses   # and every column the checker got wrong

The targets apply to the development set (tests/data/column-names.csv); the held-out set
(column-names-heldout.csv, names the rules were never adjusted to) is reported next to it.

"Is an identifier": a column counts as one when its label names a letter A to R. Recall is the
share of those the checker flags too (a missed SSN is the costly error), precision the share of
flagged columns that are identifiers. An exact verdict is a column whose three verdicts all equal
the label's.
"""

from __future__ import annotations

import argparse
import csv
import sys
from dataclasses import dataclass, field
from pathlib import Path

from termbase.checker.columncheck import ColumnChecker
from termbase.checker.columnrules import KINDS
from termbase.checker.columnrules import compile_column_rules
from termbase.loading.datafiles import DATA_ELEMENTS_FILE, load_data_elements

ROOT = Path(__file__).resolve().parents[1]

LABELS = ROOT / "tests" / "data" / "column-names.csv"
HELD_OUT = ROOT / "tests" / "data" / "column-names-heldout.csv"
TARGETS = {"recall": 0.97, "precision": 0.90, "exact": 0.90}
_LABEL_COLUMNS = {"identified": "identified", "limited_data_set": "limited_data_set", "de_identified": "safe_harbor"}


@dataclass(frozen=True)
class Label:
    column: str
    identifier: str | None
    verdicts: dict[str, str]
    group: str


@dataclass
class Figures:
    columns: int = 0
    identifiers: int = 0
    true_positives: int = 0
    flagged: int = 0
    exact: int = 0
    same_letter: int = 0
    misses: list[str] = field(default_factory=list)

    @property
    def recall(self) -> float:
        return self.true_positives / self.identifiers if self.identifiers else 1.0

    @property
    def precision(self) -> float:
        return self.true_positives / self.flagged if self.flagged else 1.0

    @property
    def exact_share(self) -> float:
        return self.exact / self.columns if self.columns else 1.0


def read_labels(path: Path = LABELS) -> list[Label]:
    lines = [line for line in path.read_text(encoding="utf-8").splitlines() if not line.startswith("#")]
    return [Label(row["column"], row["identifier"] or None,
                  {kind: row[_LABEL_COLUMNS[kind]] for kind in KINDS}, row["group"])
            for row in csv.DictReader(lines)]


def repository_checker(root: Path = ROOT) -> ColumnChecker:
    matrix = load_data_elements(root / DATA_ELEMENTS_FILE, root)
    return ColumnChecker(compile_column_rules(matrix.elements, matrix.column_names))


def measure(labels: list[Label], checker: ColumnChecker) -> Figures:
    figures = Figures()
    for label in labels:
        result = checker.classify(label.column)
        figures.columns += 1
        predicted = result.identifier is not None
        actual = label.identifier is not None
        figures.identifiers += actual
        figures.flagged += predicted
        figures.true_positives += predicted and actual
        figures.same_letter += result.identifier == label.identifier
        got = {kind: result.verdict(kind) for kind in KINDS}
        if got == label.verdicts:
            figures.exact += 1
        if got != label.verdicts or result.identifier != label.identifier:
            figures.misses.append(
                f"{label.group:14} {label.column:38} expected {label.identifier or '-'} "
                f"{'/'.join(label.verdicts[k] for k in KINDS[1:])}, got {result.identifier or '-'} "
                f"{'/'.join(got[k] for k in KINDS[1:])} ({result.reason}: {result.form or '-'}"
                f"{', ' + result.context if result.context else ''})")
    return figures


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--misses", action="store_true", help="list every column the checker got wrong")
    parser.add_argument("--labels", type=Path, default=LABELS, help="labelled CSV (default: %(default)s)")
    args = parser.parse_args(argv)
    labels = read_labels(args.labels)
    checker = repository_checker()
    overall = measure(labels, checker)
    print(f"{overall.columns} labelled columns, {overall.identifiers} of them identifiers "
          f"({len({label.group for label in labels})} sources)")
    print(f"recall of identifiers     {overall.recall:.3f}  (target {TARGETS['recall']})")
    print(f"precision of identifiers  {overall.precision:.3f}  (target {TARGETS['precision']})")
    print(f"exact verdicts            {overall.exact_share:.3f}  (target {TARGETS['exact']})")
    print(f"same identifier letter    {overall.same_letter / overall.columns:.3f}")
    print("\nby source: columns, identifiers, recall, precision, exact verdicts")
    for group in dict.fromkeys(label.group for label in labels):
        part = measure([label for label in labels if label.group == group], checker)
        print(f"  {group:14} {part.columns:4} {part.identifiers:4}  {part.recall:.3f}  {part.precision:.3f}  "
              f"{part.exact_share:.3f}")
    if args.misses:
        print(f"\n{len(overall.misses)} columns differ from their label:")
        print("\n".join("  " + miss for miss in overall.misses))
    if args.labels == LABELS and HELD_OUT.exists():
        held = measure(read_labels(HELD_OUT), checker)
        print(f"\nheld-out set ({held.columns} columns, {held.identifiers} identifiers; no target): recall "
              f"{held.recall:.3f}, precision {held.precision:.3f}, exact verdicts {held.exact_share:.3f}")
    met = (overall.recall >= TARGETS["recall"] and overall.precision >= TARGETS["precision"]
           and overall.exact_share >= TARGETS["exact"])
    return 0 if met else 1


if __name__ == "__main__":
    sys.exit(main())
