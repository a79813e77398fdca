"""Classify column names against the compiled rules (see columnrules.py).

Only names are read, never values. Each name becomes a list of words (split at underscores,
spaces, dots, capitals and digits, abbreviations spelled out, run-together words split into
known words); the rules' phrases are found in those words; the rightmost match names what the
column holds ("address_start_date" is a date); then the words around it may change the verdict:
"email_opt_in" describes an email without holding one, "provider_phone" belongs to a provider.

docs/assets/javascripts/data-set-checker.js does the same, step for step, in the browser; the
browser tests run both on the labelled column names and compare the results.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from functools import lru_cache

from .columnrules import KINDS, expand_abbreviations

ALLOWED = "allowed"
NOT_ALLOWED = "not allowed"
PARTLY = "partly"
REVIEW = "review"

# Why a column got its verdicts.
IDENTIFIER = "identifier"  # it holds one of the 18 identifiers (maybe in a reduced form)
DESCRIBES = "describes"  # it is about an identifier (a flag, a type, a consent) without holding it
ORGANISATION = "organisation"  # the identifier belongs to a provider or an agency, not to the person
COUNT = "count"  # a number of things ("number_of_children")
UNNAMED = "unnamed"  # the column has no name at all
TO_REVIEW = "review"  # free text, files, bare codes: the name cannot tell
NOTHING = "none"  # no identifier word


@dataclass(frozen=True)
class Verdict:
    verdict: str  # allowed | not allowed | partly | review
    condition: str = ""
    citation: str = ""


@dataclass(frozen=True)
class ColumnResult:
    column: str
    words: tuple[str, ...]
    reason: str
    identifier: str | None = None  # letter A..R
    form: str = ""  # e.g. "three-digit ZIP code"
    form_id: str = ""
    matched: str = ""  # the words that matched, e.g. "zip 3"
    context: str = ""  # the word that changed the verdict ("provider", "flag")
    verdicts: dict[str, Verdict] = field(default_factory=dict)
    hints: tuple[str, ...] = ()

    def verdict(self, kind: str) -> str:
        return self.verdicts[kind].verdict


@dataclass(frozen=True)
class _Match:
    start: int
    end: int
    form: dict
    slots: int
    order: int


class ColumnChecker:
    """Checks column names with one set of compiled rules."""

    def __init__(self, rules: dict):
        self.rules = rules
        self.vocabulary = frozenset(rules["vocabulary"])
        self.abbreviations = [(key.split(), value.split()) for key, value in rules["abbreviations"]]
        self.lists = {name: [entry.split() for entry in entries] for name, entries in rules["lists"].items()}
        self.list_words = {name: frozenset(e[0] for e in entries if len(e) == 1)
                           for name, entries in self.lists.items()}
        self.forms = [dict(form, phrases=[p.split() for p in form["phrases"]],
                           not_after=[p.split() for p in form["not_after"]],
                           not_before=[p.split() for p in form["not_before"]],
                           not_with=[p.split() for p in form["not_with"]],
                           keep_after=self._words_of(form["keep_after"]))
                      for form in rules["forms"]]
        self.derived_form = next((f for f in self.forms if f["derived"]), None)
        self.hints = [dict(hint, phrases=[p.split() for p in hint["phrases"]]) for hint in rules["hints"]]
        self.classify = lru_cache(maxsize=4096)(self._classify)
        # Indexes built once, so a name costs look-ups of its own words rather than a pass over
        # every rule (a site's dictionaries hold tens of thousands of distinct names).
        self._abbreviations_at = _by_first_word(self.abbreviations)
        self._phrases_at = self._phrase_index()
        self._limits = {id(form): (self._entries(form["not_after"]), self._entries(form["not_before"]),
                                   self._entries(form["not_with"])) for form in self.forms}
        self._quiet = self.list_words["person"] | self.list_words["neutral"]
        self._verdicts = {id(form): {kind: Verdict(**form["verdicts"][kind]) for kind in KINDS}
                          for form in self.forms}
        self._split = lru_cache(maxsize=65536)(self._split_word)
        self._hint_phrases_at: dict[str, list[tuple[int, list[str]]]] = {}
        for index, hint in enumerate(self.hints):
            for phrase in hint["phrases"]:
                if phrase:
                    self._hint_phrases_at.setdefault(phrase[0], []).append((index, phrase))
        self._hints_always = {index for index, hint in enumerate(self.hints) if [] in hint["phrases"]}

    def _phrase_index(self) -> dict[str, list[tuple[int, dict, list[str], int]]]:
        """First word -> (order, form, phrase, "@list" slots) of every phrase that can start
        with it, in rule order; a phrase starting with "@list" is listed under each of its words.
        (The rules' schema gives every phrase at least one word.)"""
        index: dict[str, list[tuple[int, dict, list[str], int]]] = {}
        for order, form in enumerate(self.forms):
            if form["derived"]:
                continue
            for phrase in form["phrases"]:
                if not phrase:
                    continue
                slots = sum(w.startswith("@") for w in phrase)
                first = phrase[0]
                for word in (self.list_words[first[1:]] if first.startswith("@") else (first,)):
                    index.setdefault(word, []).append((order, form, phrase, slots))
        return index

    def _words_of(self, entries: list[str]) -> frozenset[str]:
        """Single words of a list of entries, "@list" entries spelled out."""
        words: set[str] = set()
        for entry in entries:
            words |= self.list_words[entry[1:]] if entry.startswith("@") else {entry}
        return frozenset(words)

    # -- words ----------------------------------------------------------------------------------
    def words(self, name: str) -> list[str]:
        """The words of a column name, as the rules spell them."""
        text = unicodedata.normalize("NFKC", name)
        text = _LOWER_UPPER.sub(r"\1 \2", text)
        text = _CAPITALS_WORD.sub(r"\1 \2", text)
        text = _LETTER_DIGIT.sub(r"\1 \2", text)
        text = _DIGIT_LETTER.sub(r"\1 \2", text)
        words = self._expand(_WORD.findall(text.lower()))
        return self._expand([piece for word in words for piece in self._split(word)])

    def _expand(self, words: list[str]) -> list[str]:
        """expand_abbreviations, trying only the keys that start with the word at hand."""
        return expand_abbreviations(words, lambda word: self._abbreviations_at.get(word, ()))

    def split_word(self, word: str) -> list[str]:
        """A word the rules do not know: a plural, a run-together name, or left as it is."""
        return list(self._split(word))

    def _split_word(self, word: str) -> tuple[str, ...]:
        # Remembered per word (self._split): names share most of their words.
        if word in self.vocabulary or _DIGITS.fullmatch(word):
            return (word,)
        singular = _singular(word, self.vocabulary)
        if singular:
            return (singular,)
        # "latremdt", "currentillnessdate": a date whose first part is an agency's own code.
        for suffix in ("dt", "date"):
            if word.endswith(suffix) and len(word) - len(suffix) >= 3:
                return (*self._split(word[:-len(suffix)]), suffix)
        pieces = _segment(word, self.vocabulary)
        if pieces:
            return tuple(pieces)
        # "ageatlatrem": known words up to "at", "of" or "in", then an agency's own code.
        for joint in _JOINTS:
            cut = word.find(joint, 3)
            while cut > 0:
                head = word[:cut]
                known = [head] if head in self.vocabulary else _segment(head, self.vocabulary)
                if known and len(word) - cut - len(joint) >= 3:
                    return (*known, joint, word[cut + len(joint):])
                cut = word.find(joint, cut + 1)
        return (word,)

    # -- classification -------------------------------------------------------------------------
    def _classify(self, name: str) -> ColumnResult:
        words = self.words(name)
        hints = self._hints(words)
        if not words:
            return self._review_unnamed(name)
        if words[0] in self.list_words["count_words"] and len(words) > 1:
            return self._plain(name, words, COUNT, context=words[0], hints=hints)
        matches = self._matches(words)
        strong = [m for m in matches if not m.form["weak"]]
        pool = strong or matches
        if not pool:
            return self._plain(name, words, NOTHING, hints=hints)
        head = max(pool, key=lambda m: (m.end, m.start))
        matched = " ".join(words[head.start:head.end])
        form = head.form
        describing = self._describes(words, head)
        if describing:
            return self._plain(name, words, DESCRIBES, form=form, matched=matched, context=describing, hints=hints)
        if form["letter"] is not None:
            owner = self._organisation(words, head)
            if owner:
                return self._plain(name, words, ORGANISATION, form=form, matched=matched, context=owner,
                                   hints=hints)
            derived = next((w for w in words if w in self.list_words["derived"]), "")
            if derived and self.derived_form is not None:
                form, reason_context = self.derived_form, derived
            else:
                reason_context = ""
            return self._result(name, words, IDENTIFIER, form, matched, reason_context, hints)
        return self._result(name, words, TO_REVIEW, form, matched, "", hints)

    def _matches(self, words: list[str]) -> list[_Match]:
        """Every phrase found and allowed where it stands, then the best that do not overlap."""
        found: list[_Match] = []
        for start, word in enumerate(words):
            for order, form, phrase, slots in self._phrases_at.get(word, ()):
                end = start + len(phrase)
                if end <= len(words) and self._phrase_at(words, start, phrase):
                    match = _Match(start, end, form, slots, order)
                    if self._allowed_here(words, match):
                        found.append(match)
        # Strong before weak, longer before shorter, exact words before "@list" words, leftmost first.
        # (Found in another order than rule by rule, but two matches the key cannot tell apart are
        # of the same form, place and slots: equal, so the sort gives the same list.)
        found.sort(key=lambda m: (m.form["weak"], -(m.end - m.start), m.slots, m.start, m.order))
        chosen: list[_Match] = []
        for match in found:
            if all(match.end <= c.start or match.start >= c.end for c in chosen):
                chosen.append(match)
        return chosen

    def _phrase_at(self, words: list[str], start: int, phrase: list[str]) -> bool:
        for offset, expected in enumerate(phrase):
            word = words[start + offset]
            if expected.startswith("@"):
                if word not in self.list_words[expected[1:]]:
                    return False
            elif word != expected:
                return False
        return True

    def _entries(self, entries: list[list[str]]) -> list[list[str]]:
        """Spell out "@list" entries into their words."""
        out: list[list[str]] = []
        for entry in entries:
            if len(entry) == 1 and entry[0].startswith("@"):
                out.extend(self.lists[entry[0][1:]])
            else:
                out.append(entry)
        return out

    def _allowed_here(self, words: list[str], match: _Match) -> bool:
        form = match.form
        before = self._before(words, match)
        after = words[match.end:]
        if form["alone"]:
            outside = words[:match.start] + after
            if any(w not in self._quiet and not _DIGITS.fullmatch(w) for w in outside):
                return False
        not_after, not_before, not_with = self._limits[id(form)]
        if any(before[len(before) - len(e):] == e for e in not_after if len(before) >= len(e)):
            return False
        if any(after[:len(e)] == e for e in not_before):
            return False
        if any(_contains(words, e) for e in not_with):
            return False
        return True

    @staticmethod
    def _before(words: list[str], match: _Match) -> list[str]:
        """Words that qualify the match, nearest last: "name of school" reads as "school name"."""
        before = words[:match.start]
        if words[match.end:match.end + 1] == ["of"]:
            before = before + words[match.end + 1:]
        return before

    def _describes(self, words: list[str], head: _Match) -> str:
        after = words[head.end:]
        for entry in self.lists["describes"]:
            if _contains(after, entry):
                return " ".join(entry)
        before = words[:head.start]
        for entry in self.lists["describes_before"]:
            if _contains(before, entry):
                return " ".join(entry)
        return ""

    def _organisation(self, words: list[str], head: _Match) -> str:
        """The provider or agency word nearest before the match, unless a person word is nearer."""
        for word in reversed(self._before(words, head)):
            if word in self.list_words["person"]:
                return ""
            if word in self.list_words["organisation"] and word not in head.form["keep_after"]:
                return word
        return ""

    def _hints(self, words: list[str]) -> tuple[str, ...]:
        found = set(self._hints_always)
        for start, word in enumerate(words):
            for index, phrase in self._hint_phrases_at.get(word, ()):
                if index not in found and words[start:start + len(phrase)] == phrase:
                    found.add(index)
        return tuple(h["id"] for index, h in enumerate(self.hints) if index in found)

    # -- results --------------------------------------------------------------------------------
    def _result(self, name, words, reason, form, matched, context, hints) -> ColumnResult:
        verdicts = dict(self._verdicts[id(form)])
        return ColumnResult(column=name, words=tuple(words), reason=reason, identifier=form["letter"],
                            form=form["label"], form_id=form["id"], matched=matched, context=context,
                            verdicts=verdicts, hints=hints)

    def _plain(self, name, words, reason, form=None, matched="", context="", hints=()) -> ColumnResult:
        verdicts = {kind: Verdict(ALLOWED) for kind in KINDS}
        return ColumnResult(column=name, words=tuple(words), reason=reason, identifier=None,
                            form=form["label"] if form else "", form_id=form["id"] if form else "",
                            matched=matched, context=context, verdicts=verdicts, hints=hints)

    def _review_unnamed(self, name: str) -> ColumnResult:
        condition = "The column has no name: look at its values before deciding."
        verdicts = {"identified": Verdict(ALLOWED), "limited_data_set": Verdict(REVIEW, condition),
                    "de_identified": Verdict(REVIEW, condition)}
        return ColumnResult(column=name, words=(), reason=UNNAMED, verdicts=verdicts)


_JOINTS = ("at", "of")
_DIGITS = re.compile(r"[0-9]+")  # ASCII only, as in the browser
# Where a name splits into words: "clientId", "SSNNumber", "zip5", "5digit"; then its words.
_LOWER_UPPER = re.compile(r"([a-z])([A-Z])")
_CAPITALS_WORD = re.compile(r"([A-Z]+)([A-Z][a-z])")
_LETTER_DIGIT = re.compile(r"([A-Za-z])([0-9])")
_DIGIT_LETTER = re.compile(r"([0-9])([A-Za-z])")
_WORD = re.compile(r"[^\W_]+")


def _by_first_word(table: list[tuple[list[str], list[str]]]) -> dict[str, list[tuple[list[str], list[str]]]]:
    """An abbreviation table grouped by the first word of each key, in the table's order."""
    index: dict[str, list[tuple[list[str], list[str]]]] = {}
    for key, value in table:
        if key:
            index.setdefault(key[0], []).append((key, value))
    return index


def _contains(words: list[str], phrase: list[str]) -> bool:
    n = len(phrase)
    return any(words[i:i + n] == phrase for i in range(len(words) - n + 1))


def _singular(word: str, vocabulary: frozenset[str]) -> str:
    if word.endswith("ies") and word[:-3] + "y" in vocabulary:
        return word[:-3] + "y"
    if word.endswith("s") and word[:-1] in vocabulary:
        return word[:-1]
    if word.endswith("es") and word[:-2] in vocabulary:
        return word[:-2]
    return ""


def _segment(word: str, vocabulary: frozenset[str]) -> list[str]:
    """Split a run-together word into the fewest known words of two letters or more, or []."""
    n = len(word)
    best: list[list[str] | None] = [None] * (n + 1)
    best[0] = []
    for end in range(2, n + 1):
        for start in range(0, end - 1):
            previous = best[start]
            piece = word[start:end]
            if previous is None or piece not in vocabulary:
                continue
            if best[end] is None or len(previous) + 1 < len(best[end]):
                best[end] = previous + [piece]
    result = best[n]
    return result if result and len(result) > 1 else []
