"""What a data dictionary's columns hold, and whether the data set may hold them as it is shared.

The identifier a file declares for a column decides; the column-name rules only suggest one
when the file is silent, because names alone misfire (a column `ACADEMIC_YEAR_CODE` is not a
card number). When the file and the rules disagree, both are kept so the page can show them.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import lru_cache
from typing import Callable

from ..buildcache import BuildCache, content_key
from ..loading.datafiles import DataElement, DataElementMatrix
from ..loading.datasetkinds import KIND_BY_KEY
from ..loading.dictionaries import Column, DataSet
from ..loading.problems import Problem
from .columncheck import ALLOWED, IDENTIFIER, NOT_ALLOWED, PARTLY, REVIEW, ColumnChecker, ColumnResult, Verdict
from .columnrules import KINDS

_RULE_VERDICT = {"yes": ALLOWED, "no": NOT_ALLOWED, "partly": PARTLY}


@dataclass(frozen=True)
class ColumnVerdict:
    column: Column
    identifier: str | None  # the letter the column holds (None: no identifier)
    declared: bool  # the file says so (otherwise the rules suggest it)
    rules_identifier: str | None  # what the column-name rules say
    form: str  # the rules' form of the identifier ("three-digit ZIP code"), when they agree
    verdicts: dict[str, Verdict]  # kind -> verdict

    @property
    def disagrees(self) -> bool:
        """The file declares an identifier and the name rules see another (or none)."""
        return self.declared and self.rules_identifier != self.identifier

    def verdict(self, kind: str) -> Verdict:
        return self.verdicts[kind]

    def blocks(self, kind: str) -> bool:
        """Not allowed under `kind`, and no person has written why it may stay."""
        return self.verdicts[kind].verdict == NOT_ALLOWED and not self.column.reviewed


@dataclass(frozen=True)
class DataSetVerdict:
    data_set: DataSet
    columns: tuple[ColumnVerdict, ...]

    @property
    def identifiers(self) -> list[str]:
        return sorted({c.identifier for c in self.columns if c.identifier})

    def blocking(self, kind: str) -> list[ColumnVerdict]:
        return [c for c in self.columns if c.blocks(kind)]

    def conditional(self, kind: str) -> list[ColumnVerdict]:
        """Columns allowed only in a reduced form, to review, or kept by a reviewer's note."""
        return [c for c in self.columns if c.verdicts[kind].verdict in (PARTLY, REVIEW)
                or (c.verdicts[kind].verdict == NOT_ALLOWED and c.column.reviewed)]

    def can_be(self, kind: str) -> bool:
        return not self.blocking(kind)


NameRules = Callable[[str], "ColumnResult | None"]  # a column name -> what the name rules say


def classify_data_set(data_set: DataSet, name_rules: NameRules, matrix: DataElementMatrix) -> DataSetVerdict:
    rows = {row.letter: row for row in matrix.elements}
    return DataSetVerdict(data_set, tuple(_classify(c, name_rules, rows) for c in data_set.columns))


def cached_name_rules(checker: ColumnChecker | None, cache: BuildCache | None) -> NameRules:
    """`checker.classify`, with what it said of each name in earlier builds (keyed by the rules
    too): the rules take about a quarter of a millisecond a name, and a site holds thousands."""
    if checker is None:
        return lambda name: None
    if cache is None:
        return checker.classify
    rules_key = content_key(json.dumps(checker.rules, sort_keys=True))

    def classify(name: str) -> ColumnResult:
        stored = cache.get("column-names", f"{rules_key}:{name}", lambda: _stored(checker.classify(name)), _fits)
        return ColumnResult(column=name, words=(), reason=stored[0], identifier=stored[1], form=stored[2],
                            verdicts={kind: _shared_verdict(*stored[3][kind]) for kind in KINDS})
    return classify


@lru_cache(maxsize=1024)
def _shared_verdict(verdict: str, condition: str = "", citation: str = "") -> Verdict:
    """One Verdict object for each distinct verdict (they are immutable): a site's 20,000 columns
    then hold a few dozen of them instead of 60,000, which Python's garbage collector would
    otherwise walk through again and again while the build runs."""
    return Verdict(verdict, condition, citation)


def _stored(result: ColumnResult) -> list:
    return [result.reason, result.identifier, result.form,
            {kind: [v.verdict, v.condition, v.citation] for kind, v in result.verdicts.items()}]


def _fits(value: object) -> bool:
    return (isinstance(value, list) and len(value) == 4 and isinstance(value[3], dict)
            and all(isinstance(value[3].get(kind), list) and len(value[3][kind]) == 3
                    and all(isinstance(part, str) for part in value[3][kind]) for kind in KINDS))


def _classify(column: Column, name_rules: NameRules, rows: dict[str, DataElement]) -> ColumnVerdict:
    result: ColumnResult | None = name_rules(column.name)
    rules_letter = result.identifier if result is not None and result.reason == IDENTIFIER else None
    if column.identifier:
        letter = None if column.identifier == "none" else column.identifier
        declared = "identifier" not in column.suggested
    else:
        letter, declared = rules_letter, False
    if letter is None:
        verdicts = {kind: _shared_verdict(ALLOWED) for kind in KINDS}
        form = ""
    elif result is not None and rules_letter == letter:
        verdicts, form = dict(result.verdicts), result.form  # the rules know this form (a year, a ZIP3...)
    elif letter in rows:
        row = rows[letter]
        verdicts = {kind: _verdict(getattr(row, kind)) for kind in KINDS}
        form = ""
    else:  # a letter the site's matrix does not list: nothing to compare against
        verdicts = {kind: _shared_verdict(REVIEW, f"Identifier {letter} is not in the data-element matrix.")
                    for kind in KINDS}
        form = ""
    return ColumnVerdict(column, letter, declared, rules_letter, form, verdicts)


def _verdict(rule) -> Verdict:
    return _shared_verdict(_RULE_VERDICT[rule.allowed], rule.condition, rule.citation)


def shared_as_problems(verdict: DataSetVerdict, element_names: dict[str, str]) -> list[Problem]:
    """A limited data set or de-identified data set that holds a column its rules do not allow."""
    data_set = verdict.data_set
    if data_set.kind == "identified":
        return []
    problems = []
    for column in verdict.blocking(data_set.kind):
        rule = column.verdict(data_set.kind)
        letter = column.identifier
        how = "declared in the file" if column.declared else "suggested by the column-name rules"
        citation = f" ({rule.citation})" if rule.citation else ""
        problems.append(Problem(
            data_set.path, data_set.line_of(column.column.where), data_set.column_label(column.column),
            f"holds identifier {letter} ({element_names.get(letter, letter)}, {how}), which is not allowed in "
            f"{KIND_BY_KEY[data_set.kind].in_sentence}{citation}; remove the column, share the data set as identified, "
            f"set identifier to what it holds, or add reviewed: \"<why it may stay>\""))
    return problems
