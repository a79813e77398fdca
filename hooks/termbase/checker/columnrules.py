"""The data-set checker's rules, compiled from data/data-elements.yml.

One compiled form serves both checkers: `columncheck.ColumnChecker` in Python (the command line
and the tests) and the browser's data-set-checker.js, which reads the same rules as JSON. So the
page and the command can never disagree about a column.
"""

from __future__ import annotations

from typing import Any, Callable, Iterable

from ..loading.columnpatterns import KINDS, LIST_NAMES

VERDICT_WORDS = {"yes": "allowed", "no": "not allowed", "partly": "partly", "review": "review"}


def element_anchor(letter: str) -> str:
    """Id of a row of the data-element matrix page, the target of every verdict's link."""
    return f"element-{letter.lower()}"


def compile_column_rules(elements: Iterable[Any], column_names: dict) -> dict:
    """Rules as plain JSON-ready data: words already split and spelled out, verdicts resolved.

    `elements` are the matrix rows (DataElement), `column_names` the file's shared vocabulary.
    """
    abbreviations = _abbreviations(column_names["abbreviations"])
    expand = _Expander(abbreviations)
    # Longer entries first, so "opt in" is the word a reason quotes, not "opt".
    lists = {name: sorted({expand.phrase(entry) for entry in column_names["lists"][name]},
                          key=lambda entry: (-len(entry.split()), entry))
             for name in LIST_NAMES}
    forms: list[dict] = []
    elements_out: dict[str, dict] = {}
    for element in elements:
        elements_out[element.letter] = {"name": element.element, "anchor": element_anchor(element.letter)}
        for index, pattern in enumerate(element.column_patterns):
            forms.append(_form(f"{element.letter}{index + 1}", element.letter, pattern, element, expand))
    for index, pattern in enumerate(column_names["review"]):
        forms.append(_form(f"review{index + 1}", None, pattern, None, expand))
    hints = [{"id": hint["term"], "term": hint["term"], "label": hint["label"], "note": hint["note"],
              "phrases": sorted({expand.phrase(w) for w in hint["words"]})}
             for hint in column_names["hints"]]
    rules = {
        "abbreviations": [[key, value] for key, value in abbreviations],
        "lists": lists,
        "forms": forms,
        "elements": elements_out,
        "hints": hints,
        "terms": {kind: list(column_names["terms"][kind]) for kind in KINDS},
    }
    rules["vocabulary"] = sorted(_vocabulary(rules))
    return rules


def _abbreviations(mapping: dict) -> list[tuple[str, str]]:
    # Longest first, so "e mail" is spelled out before a one-word key could take its first word.
    return sorted(mapping.items(), key=lambda item: (-len(item[0].split()), item[0]))


class _Expander:
    """Spells out abbreviations inside pattern phrases, exactly as the checker does in names."""

    def __init__(self, abbreviations: list[tuple[str, str]]):
        self.table = [(key.split(), value.split()) for key, value in abbreviations]

    def phrase(self, text: str) -> str:
        return " ".join(expand_abbreviations(text.split(), lambda _word: self.table))


def expand_abbreviations(words: list[str], keys_at: Callable[[str], Iterable[tuple[list[str], list[str]]]]) -> list[str]:
    """Replace each abbreviation (longest key first at each position) by its full words.

    `keys_at(word)` gives the (key, words) pairs to try where `word` starts: every pair, or only
    those whose key starts with it (the checker indexes them so, for speed)."""
    out: list[str] = []
    i = 0
    while i < len(words):
        for key, value in keys_at(words[i]):
            if words[i:i + len(key)] == key:
                out.extend(value)
                i += len(key)
                break
        else:
            out.append(words[i])
            i += 1
    return out


def _form(form_id: str, letter: str | None, pattern: dict, element, expand: _Expander) -> dict:
    verdicts = {}
    for kind in KINDS:
        row_rule = getattr(element, kind) if element is not None else None
        own = pattern.get(kind)
        if own is not None:
            citation = own.get("citation") or (row_rule.citation if row_rule else "")
            verdicts[kind] = {"verdict": VERDICT_WORDS[own["allowed"]], "condition": own["condition"],
                              "citation": citation}
        else:
            verdicts[kind] = {"verdict": VERDICT_WORDS[row_rule.allowed], "condition": row_rule.condition,
                              "citation": row_rule.citation}
    return {
        "id": form_id,
        "letter": letter,
        "label": pattern["form"],
        "phrases": [expand.phrase(w) for w in pattern["words"]],
        "alone": bool(pattern.get("alone")),
        "weak": bool(pattern.get("weak")),
        "derived": bool(pattern.get("derived")),
        "not_after": [expand.phrase(w) for w in pattern.get("not_after", [])],
        "not_before": [expand.phrase(w) for w in pattern.get("not_before", [])],
        "not_with": [expand.phrase(w) for w in pattern.get("not_with", [])],
        "keep_after": [expand.phrase(w) for w in pattern.get("keep_after", [])],
        "verdicts": verdicts,
    }


def _vocabulary(rules: dict) -> set[str]:
    """Every word the rules know: run-together names are split into these words only."""
    texts: list[str] = [t for key, value in rules["abbreviations"] for t in (key, value)]
    texts += [entry for entries in rules["lists"].values() for entry in entries]
    for form in rules["forms"]:
        for field in ("phrases", "not_after", "not_before", "not_with", "keep_after"):
            texts += form[field]
    texts += [phrase for hint in rules["hints"] for phrase in hint["phrases"]]
    return {word for text in texts for word in text.split()
            if len(word) > 1 and not word.startswith("@") and not word.isdigit()}
