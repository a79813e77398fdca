"""What the checker says about a list of columns: a reason per column and a summary per kind.

The command line prints these; the browser says the same in data-set-checker.js.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..loading.datafiles import MATRIX_PAGE
from ..loading.datasetkinds import KIND_BY_KEY
from .columncheck import (ALLOWED, COUNT, DESCRIBES, IDENTIFIER, NOT_ALLOWED, ORGANISATION, PARTLY, REVIEW,
                          TO_REVIEW, UNNAMED, ColumnResult)
from .columnrules import KINDS, element_anchor

JSON_KEYS = {"identified": "identified", "limited_data_set": "limited_data_set", "de_identified": "safe_harbor"}
# The matrix page's address on the site, as a reader of the command's report types it.
MATRIX_ADDRESS = MATRIX_PAGE.removesuffix(".md") + "/"
NAMES_ONLY = ("This checker reads column names only: it cannot see the values, so a column named "
              "'notes' may hold a name and a column named 'code' may hold a Social Security number. "
              "It is not legal advice; ask your privacy officer or counsel before sharing data.")


@dataclass(frozen=True)
class KindSummary:
    kind: str
    not_allowed: tuple[str, ...]
    partly: tuple[str, ...]
    review: tuple[str, ...]
    columns: int

    @property
    def sentence(self) -> str:
        return summary_sentence(self)


def summarize(results: list[ColumnResult]) -> dict[str, KindSummary]:
    def names(kind: str, verdict: str) -> tuple[str, ...]:
        return tuple(r.column or "(no name)" for r in results if r.verdict(kind) == verdict)

    return {kind: KindSummary(kind, names(kind, NOT_ALLOWED), names(kind, PARTLY), names(kind, REVIEW), len(results))
            for kind in KINDS}


def summary_sentence(s: KindSummary) -> str:
    """One plain sentence per kind of data set, naming the columns that stand in the way."""
    def columns(names: tuple[str, ...]) -> str:
        return f"{len(names)} column{'s' if len(names) != 1 else ''} ({', '.join(names)})"

    todo = " and ".join(([f"reduce {columns(s.partly)}"] if s.partly else [])
                        + ([f"review {columns(s.review)}"] if s.review else []))
    if s.kind == "identified":
        return (f"All {s.columns} column{'s' if s.columns != 1 else ''} may be kept; use and disclosure follow "
                "the Privacy Rule, including the minimum necessary standard.")
    removed = (f"{len(s.not_allowed)} column{'s' if len(s.not_allowed) != 1 else ''} must be removed: "
               f"{', '.join(s.not_allowed)}.")
    if s.kind == "limited_data_set":
        if s.not_allowed:
            return f"This extract is not a limited data set: {removed}" + (f" Also {todo}." if todo else "")
        if todo:
            return f"This extract can be a limited data set once you {todo}."
        return ("No column is excluded from a limited data set; share it only under a data use agreement, for "
                "research, public health or health care operations.")
    if s.not_allowed:
        return f"This extract is not de-identified under Safe Harbor: {removed}" + (f" Also {todo}." if todo else "")
    if todo:
        return (f"This extract can be de-identified under Safe Harbor once you {todo}, if no one has actual "
                "knowledge that the rest could identify a person.")
    return ("No column names one of the 18 identifiers: the extract can be de-identified under Safe Harbor if no "
            "one has actual knowledge that what remains could identify a person.")


def explain(result: ColumnResult, rules: dict) -> str:
    """Why the column got its verdicts, with the matrix row and glossary terms behind them."""
    words = f"'{result.matched}'" if result.matched else ""
    if result.reason == IDENTIFIER:
        letter = result.identifier
        element = rules["elements"][letter]["name"]
        text = f"{_capital(result.form)} (identifier {letter}: {element}), from the words {words}."
        if result.context:
            text += f" The name says it is derived from the person's information ('{result.context}')."
        text += _conditions(result)
        terms = sorted({t for kind in KINDS if result.verdict(kind) != ALLOWED for t in rules["terms"][kind]})
        text += (f" See row {letter} of the data-element matrix ({MATRIX_ADDRESS}#{element_anchor(letter)})"
                 + (f"; glossary: {', '.join(terms)}" if terms else "") + ".")
    elif result.reason == DESCRIBES:
        text = (f"Describes the {result.form} ('{result.context}') without holding it, so it is not an "
                "identifier.")
    elif result.reason == ORGANISATION:
        text = (f"The {result.form} of a provider or organisation ('{result.context}'), not of the person or "
                "their relatives, employers or household members, so it is not one of the identifiers.")
    elif result.reason == COUNT:
        text = f"A count ('{result.context}'), not an identifier."
    elif result.reason == TO_REVIEW:
        text = f"{_capital(result.form)}: the name cannot tell what it holds." + _conditions(result)
    elif result.reason == UNNAMED:
        text = "The column has no name: look at its values before deciding."
    else:
        text = "No word of the name points to one of the 18 identifiers."
    for hint_id in result.hints:
        hint = next(h for h in rules["hints"] if h["id"] == hint_id)
        text += f" {hint['note']} (glossary: {hint['term']})"
    return text


def _conditions(result: ColumnResult) -> str:
    parts = []
    for kind in KINDS[1:]:
        verdict = result.verdicts[kind]
        if verdict.verdict != ALLOWED and verdict.condition:
            parts.append(f" {KIND_BY_KEY[kind].label}: {verdict.verdict}. {verdict.condition}")
    return "".join(parts)


def _capital(text: str) -> str:
    return text[:1].upper() + text[1:]


def json_rows(results: list[ColumnResult], rules: dict) -> list[dict]:
    """The command's --json output: one object per column, in the order the columns came."""
    return [{"column": r.column, "identifier": r.identifier,
             **{JSON_KEYS[kind]: r.verdict(kind) for kind in KINDS}, "why": explain(r, rules)}
            for r in results]

