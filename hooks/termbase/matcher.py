"""Find mentions of term names in text with one compiled, trie-shaped pattern.

The pattern is a prefix tree of every name and plural, so matching costs grow with the length
of the text, not with the number of terms. Longest match wins because each branch tries the
longer continuation before ending ("limited data set" over "data set").
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Iterable, Iterator

# Characters that glue a name into a larger word, path or code name: no match next to them.
_BEFORE = r"(?<![\w\-/@.])"
_AFTER = r"(?![\w\-/@]|\.\w)"


def name_forms(name: str) -> list[str]:
    """The name and its simple English plurals (the last word changes)."""
    forms = [name]
    if name[-1:].isalpha() and not name.isupper():
        lower = name.lower()
        if lower.endswith(("s", "x", "z", "ch", "sh")):
            forms.append(name + "es")
        elif lower.endswith("y") and lower[-2:-1] not in "aeiou":
            forms.append(name[:-1] + "ies")
        else:
            forms.append(name + "s")
    elif name.isupper() and name.isalpha():
        forms.append(name + "s")  # IRBs, MOUs
    return forms


def is_acronym(name: str) -> bool:
    """All-capital abbreviations (LDS, IRB) match in capitals only, so 'ids' in prose is not 'IDS'."""
    letters = [c for c in name if c.isalpha()]
    return bool(letters) and all(c.isupper() for c in letters) and len(name) <= 8


@dataclass(frozen=True)
class Mention:
    start: int
    end: int
    text: str
    term_id: str


class Matcher:
    """Maps every form of every name to its term id and finds them in text."""

    def __init__(self, names: Iterable[tuple[str, str]]):
        """`names` are (name, term_id) pairs."""
        self._exact: dict[str, str] = {}
        self._folded: dict[str, str] = {}
        for name, term_id in names:
            name = " ".join(name.split())
            table = self._exact if is_acronym(name) else self._folded
            for form in name_forms(name):
                key = form if table is self._exact else form.casefold()
                table.setdefault(key, term_id)
        parts = []
        if self._folded:
            parts.append("(?i:" + _trie_pattern(self._folded) + ")")
        if self._exact:
            parts.append(_trie_pattern(self._exact))
        self.pattern = re.compile(_BEFORE + "(?:" + "|".join(parts) + ")" + _AFTER) if parts else None

    def term_for(self, text: str) -> str | None:
        key = " ".join(text.split())
        return self._exact.get(key) or self._folded.get(key.casefold())

    def find(self, text: str) -> Iterator[Mention]:
        if self.pattern is None:
            return
        for match in self.pattern.finditer(text):
            term_id = self.term_for(match.group(0))
            if term_id:
                yield Mention(match.start(), match.end(), match.group(0), term_id)


def _trie_pattern(words: Iterable[str]) -> str:
    trie: dict = {}
    for word in words:
        node = trie
        for char in word:
            node = node.setdefault(char, {})
        node[""] = True
    return _node_pattern(trie)


def _node_pattern(node: dict) -> str:
    ends_here = "" in node
    branches = []
    for char in sorted(k for k in node if k):
        atom = r"\s+" if char == " " else re.escape(char)
        branches.append(atom + _node_pattern(node[char]))
    if not branches:
        return ""
    body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
    if ends_here:  # Greedy optional: try the longer name first, fall back to ending here.
        return "(?:" + body + ")?"
    return body
