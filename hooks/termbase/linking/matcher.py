"""Find mentions of term names in text with one compiled, trie-shaped pattern.

The pattern is a prefix tree of every name and plural, so matching costs grow with the length
of the text, not with the number of terms. Longest match wins because each branch tries the
longer continuation before ending ("limited data set" over "data set"). An Aho-Corasick
automaton first finds the places where a name occurs at all, so the pattern runs only there.
"""

from __future__ import annotations

import re
from typing import Callable, Iterable, Iterator, NamedTuple

import ahocorasick

from ..loading.slugs import name_forms

# Characters that glue a name into a larger word, path or code name: no match next to them.
_BEFORE = r"(?<![\w\-/@.])"
_AFTER = r"(?![\w\-/@]|\.\w)"


def is_acronym(name: str) -> bool:
    """All-capital abbreviations (LDS, IRB) match in capitals only, so 'ids' in prose is not 'IDS'."""
    letters = [c for c in name if c.isalpha()]
    return bool(letters) and all(c.isupper() for c in letters) and len(name) <= 8


class Mention(NamedTuple):  # a tuple: made for every mention on every page, 3x cheaper than a dataclass
    start: int
    end: int
    text: str
    term_id: str


class Matcher:
    """Maps every form of every name to its term id and finds them in text."""

    def __init__(self, names: Iterable[tuple[str, str]], forms: Callable[[str], list[str]] = name_forms):
        """`names` are (name, term_id) pairs; `forms` gives the forms of a name a mention may use
        (English plurals unless told otherwise)."""
        self._exact: dict[str, str] = {}
        self._folded: dict[str, str] = {}
        for name, term_id in names:
            name = " ".join(name.split())
            table = self._exact if is_acronym(name) else self._folded
            for form in forms(name):
                key = form if table is self._exact else form.casefold()
                table.setdefault(key, term_id)
        # Where names occur: one pass of an Aho-Corasick automaton (C) over the lower-cased text
        # reports every occurrence of every name, so the rules below run only there, not at every
        # character. Acronyms are found the same way, then checked against the text's own case.
        self._index = _automaton([key.lower() for key in self._folded], [key.lower() for key in self._exact])
        self._patterns: tuple[re.Pattern | None, re.Pattern | None, re.Pattern | None] | None = None

    def term_for(self, text: str) -> str | None:
        key = " ".join(text.split())
        return self._exact.get(key) or self._folded.get(key.casefold())

    def find(self, text: str) -> Iterator[Mention]:
        """Non-overlapping mentions from left to right, the longest name at each place.

        Where a name that ignores case and an acronym start at the same place, the name wins.
        """
        for start, end in self._spans(text):
            found = text[start:end]
            term_id = self.term_for(found)
            if term_id:
                yield Mention(start, end, found, term_id)

    def _spans(self, text: str) -> Iterator[tuple[int, int]]:
        lowered = text.lower()
        if len(lowered) != len(text):
            # A lower case of another length ("İ"): search with the patterns instead.
            yield from self._scan(text, lowered)
            return
        spaced = lowered.translate(_ONE_SPACE)
        if "  " not in spaced:
            yield from self._found(text, spaced)
            return
        # A name matches across any run of white space (an indented line break, in lists and
        # admonitions) and the automaton knows one space: search a copy with each run cut to its
        # first character, then map the places back. The rules only look at whether the
        # characters around a name are white space, which the copy keeps.
        keep: list[int] = []  # position in `text` of each character of the copy
        position = 0
        for run in _SPACE_RUN.finditer(spaced):
            keep.extend(range(position, run.start() + 1))
            position = run.end()
        keep.extend(range(position, len(text)))
        short_text = "".join(map(text.__getitem__, keep))
        for start, end in self._found(short_text, short_text.lower().translate(_ONE_SPACE)):
            yield keep[start], keep[end - 1] + 1

    def _found(self, text: str, spaced: str) -> Iterator[tuple[int, int]]:
        """Spans in a text whose white space, in `spaced` (its lower case), is single spaces."""
        position = 0
        for start, (folded, exact) in sorted(_occurrences(self._index, spaced).items()):
            if start < position:
                continue
            if start and (text[start - 1].isalnum() or text[start - 1] in _GLUE_BEFORE):  # _BEFORE
                continue
            if exact:  # acronyms keep their case: only those written as in the glossary
                exact = [n for n in exact if " ".join(text[start:start + n].split()) in self._exact]
            end = _longest_ending_word(text, start, folded) or _longest_ending_word(text, start, exact)
            if end:
                yield start, end
                position = end

    def _scan(self, text: str, lowered: str) -> Iterator[tuple[int, int]]:
        """The same spans, found with trie-shaped patterns: the rules written as regular expressions."""
        lower, exact, ignorecase = self._compiled()
        folded, folded_text = (lower, lowered) if len(lowered) == len(text) else (ignorecase, text)
        left = folded.search(folded_text) if folded else None
        right = exact.search(text) if exact else None
        while left or right:
            match = left if left and (not right or left.start() <= right.start()) else right
            yield match.start(), match.end()
            position = match.end()
            if left and left.start() < position:
                left = folded.search(folded_text, position)
            if right and right.start() < position:
                right = exact.search(text, position)

    def _compiled(self) -> tuple[re.Pattern | None, re.Pattern | None, re.Pattern | None]:
        """Lower-case names (case-sensitive pattern: Python's regular expressions skip a branch of
        literals at once, not a case-insensitive one), acronyms, and names ignoring case."""
        if self._patterns is None:
            lower = _compile({key.lower() for key in self._folded})
            exact = _compile(self._exact)
            ignorecase = (re.compile(_BEFORE + "(?i:" + _trie_pattern(self._folded) + ")" + _AFTER)
                          if self._folded else None)
            self._patterns = (lower, exact, ignorecase)
        return self._patterns


class FoldingMatcher:
    """A Matcher that does not tell accented letters from plain ones, for a language whose readers
    often leave accents out (Spanish: "informacion medica"). Names and text are compared folded
    letter for letter (`fold` keeps the length), so a place found in the folded text is the same
    place in the text, and the mention keeps the text as written."""

    def __init__(self, names: Iterable[tuple[str, str]], forms: Callable[[str], list[str]],
                 fold: Callable[[str], str]):
        self._fold = fold
        self._matcher = Matcher(((fold(name), term_id) for name, term_id in names), forms)

    def term_for(self, text: str) -> str | None:
        return self._matcher.term_for(self._fold(text))

    def find(self, text: str) -> Iterator[Mention]:
        for start, end, _, term_id in self._matcher.find(self._fold(text)):
            yield Mention(start, end, text[start:end], term_id)


def _occurrences(automaton: ahocorasick.Automaton | None, text: str) -> dict[int, tuple[list[int], list[int]]]:
    """Start of each occurrence of a name -> lengths of (names ignoring case, acronyms) found there."""
    starts: dict[int, tuple[list[int], list[int]]] = {}
    if automaton is not None:
        for end, (length, folded, exact) in automaton.iter(text):
            found = starts.setdefault(end + 1 - length, ([], []))
            if folded:
                found[0].append(length)
            if exact:
                found[1].append(length)
    return starts


# What _BEFORE and _AFTER exclude next to a name besides word characters (\w in a str pattern:
# str.isalnum() or "_"); tested inline, as these run for every name found in every text.
_GLUE_BEFORE = "_-/@."
_GLUE_AFTER = "_-/@"


def _longest_ending_word(text: str, start: int, lengths: list[int] | None) -> int:
    """End of the longest name at `start` that _AFTER accepts (0 if none): the pattern's greedy
    choice, since every name found at one place is a prefix of the longest one."""
    for length in sorted(lengths or (), reverse=True):
        end = start + length
        if end == len(text):
            return end
        char = text[end]
        if char.isalnum() or char in _GLUE_AFTER:
            continue
        if char == "." and end + 1 < len(text) and (text[end + 1].isalnum() or text[end + 1] == "_"):
            continue
        return end
    return 0


# Every character the patterns' \s matches, as one plain space (the string keeps its length).
_ONE_SPACE = {code: " " for code in range(0x3000 + 1) if chr(code).isspace() and code != 0x20}
_SPACE_RUN = re.compile(r"  +")


def _compile(words: Iterable[str]) -> re.Pattern | None:
    words = list(words)
    return re.compile(_BEFORE + "(?:" + _trie_pattern(words) + ")" + _AFTER) if words else None


def _automaton(folded: Iterable[str], exact: Iterable[str]) -> ahocorasick.Automaton | None:
    """An automaton that reports (end index, (length, ignores case, is an acronym)) for every
    occurrence of every (lower-cased) name."""
    kinds: dict[str, tuple[bool, bool]] = {}
    for words, is_exact in ((folded, False), (exact, True)):
        for word in words:
            word = " ".join(word.split())
            was_folded, was_exact = kinds.get(word, (False, False))
            kinds[word] = (was_folded or not is_exact, was_exact or is_exact)
    if not kinds:
        return None
    automaton = ahocorasick.Automaton()
    for word, (is_folded, is_exact) in kinds.items():
        automaton.add_word(word, (len(word), is_folded, is_exact))
    automaton.make_automaton()
    return automaton


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
