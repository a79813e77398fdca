"""The data-set checker's words in data/data-elements.yml: the mistakes its schema cannot see.

Part of loading the data file (unknown word lists, missing verdicts, unknown terms), so a
mistake stops the build with its file and line before anything is compiled; the checker
(`checker/columnrules.py`) compiles the same words into its rules.
"""

from __future__ import annotations

import re

from .datasetkinds import KINDS
from .problems import Problem

LIST_NAMES = ("person", "organisation", "thing", "record", "event", "neutral", "describes",
              "describes_before", "count_words", "derived")
_SLOT = re.compile(r"^@([a-z_]+)$")


def column_rule_problems(data: dict, line_of, path: str, glossary=None) -> list[Problem]:
    """Mistakes the schema cannot see: unknown word lists, missing verdicts, unknown terms."""
    problems: list[Problem] = []

    def check_pattern(pattern: dict, where: list, has_row: bool) -> None:
        for field in ("words", "not_after", "not_before", "not_with", "keep_after"):
            for i, words in enumerate(pattern.get(field, [])):
                for word in words.split():
                    match = _SLOT.match(word)
                    if match and match.group(1) not in LIST_NAMES:
                        problems.append(Problem(path, line_of(where + [field, i]), _label(where + [field, i]),
                                                f"unknown word list '{word}'; use one of: "
                                                + ", ".join("@" + n for n in LIST_NAMES)))
        if not pattern["words"] and not pattern.get("derived"):
            problems.append(Problem(path, line_of(where + ["words"]), _label(where + ["words"]),
                                    "needs at least one word"))
        if not has_row:
            for kind in KINDS:
                if kind not in pattern:
                    problems.append(Problem(path, line_of(where), _label(where + [kind]),
                                            "is required: a column to review has no matrix row to take it from"))

    for e_index, row in enumerate(data.get("elements", [])):
        for p_index, pattern in enumerate(row.get("column_patterns", [])):
            check_pattern(pattern, ["elements", e_index, "column_patterns", p_index], has_row=True)
    names = data.get("column_names")
    has_patterns = any(row.get("column_patterns") for row in data.get("elements", []))
    if names is None:
        if has_patterns:
            problems.append(Problem(path, 1, "column_names", "is required when elements have column_patterns"))
        return problems
    for p_index, pattern in enumerate(names["review"]):
        check_pattern(pattern, ["column_names", "review", p_index], has_row=False)
    if glossary is not None:
        for h_index, hint in enumerate(names["hints"]):
            if hint["term"] not in glossary:
                where = ["column_names", "hints", h_index, "term"]
                problems.append(Problem(path, line_of(where), _label(where),
                                        f"unknown or unpublished term '{hint['term']}'"))
        for kind in KINDS:
            for t_index, term in enumerate(names["terms"][kind]):
                if term not in glossary:
                    where = ["column_names", "terms", kind, t_index]
                    problems.append(Problem(path, line_of(where), _label(where),
                                            f"unknown or unpublished term '{term}'"))
    derived = [p for row in data.get("elements", []) for p in row.get("column_patterns", []) if p.get("derived")]
    if has_patterns and len(derived) != 1:
        problems.append(Problem(path, line_of(["column_names"]), "column_patterns",
                                f"exactly one pattern must say 'derived: true' (found {len(derived)})"))
    return problems


def _label(path: list) -> str:
    label = ""
    for step in path:
        label += f"[{step}]" if isinstance(step, int) else (f".{step}" if label else str(step))
    return label
