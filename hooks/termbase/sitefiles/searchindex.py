"""Teach the site's search index the names of each term, so typing a name finds its page first.

Material's search (lunr) scores words without regard to how long a title is, so "FERPA" ties
between "FERPA" and "FERPA studies exception", and an alias is only one more word of the page
text. The engine therefore adds, to the index entry of each term page, the words of the term's
names (name, aliases, `search_terms`) in a heavily boosted `names` field, each word repeated
more the shorter the shortest name holding it: the page whose name is exactly what was typed
outranks the longer names that contain it. Plurals, hyphenless forms ("deidentified") and dotted
abbreviations ("m.o.u.") go into a lighter `spellings` field, with words that only lengthen
another name's word ("dataset" after "data"). The entry's text becomes the
definition's first sentence, so the result shows it; the rest stays searchable, unseen.

A term's page in another language (`es/glossary/lds/`) gets the same fields from its names in
that language, with that language's plurals, and each word also without its accents: readers on a
phone or an English keyboard type "informacion medica" for "información médica", and lunr compares
words letter for letter.

The index is Material's documented `search_index.json` format ({"config", "docs"}); nothing
here imports MkDocs.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass
from typing import Callable, Iterable, Mapping

from ..linking.matcher import is_acronym
from ..loading.languages import FOLDING, NAME_FORMS, TRANSLATION_LANGUAGES, in_language
from ..loading.model import Term
from ..loading.plaintext import plain_text
from ..loading.slugs import name_forms

NAMES_FIELD = "names"
SPELLINGS_FIELD = "spellings"
# Far above the title field (Material: 1,000), so a term's names beat any page title.
NAME_BOOST = 100_000
# Derived spellings weigh little: a typed word also matches every longer word it starts, so
# "outcome" must not favour the page that also holds "outcomesoriented".
SPELLING_BOOST = 5_000
# Lunr has no per-word weight but counts repeats (with diminishing returns), so each word of a
# name of n words is written FULL_WEIGHT // n times: a word of a one-word name 12 times, of a
# two-word name 6 times, and so on.
FULL_WEIGHT = 12
MIN_STEM = 4
# Material's search adds a wildcard to every word typed, and almost every Spanish name holds "de",
# so "de*" is in most Spanish queries and matches every word that starts with "de": in a term's
# names such a word would lift its page above the one typed ("conjunto limitado de datos" found
# "datos desidentificados" first). Those words weigh as spellings.
TYPED_PREFIXES = {"es": ("de",)}
DEFINITION_REST_FIELD = "definition_rest"  # searchable like the text, never shown
DEFAULT_SEPARATOR = r"[\s\-]+"  # Material's, for English
_HYPHEN_INSIDE_WORD = re.compile(r"(?<=\w)-(?=\w)")
# The end of a sentence: a full stop after a word or "HIPAA", not after "e.g." or "U.S.", then
# a capital.
_SENTENCE_END = re.compile(r"(?:(?<=[a-z0-9)\]\"”’][.!?])|(?<=[A-Z]{2}[.!?]))(?<!\be\.g\.)(?<!\bi\.e\.)(?<!\betc\.)"
                           r"\s+(?=[A-Z0-9(\"“])")


def field_boosts() -> dict[str, dict[str, float]]:
    """The index configuration of the fields the engine adds."""
    return {NAMES_FIELD: {"boost": NAME_BOOST}, SPELLINGS_FIELD: {"boost": SPELLING_BOOST},
            DEFINITION_REST_FIELD: {"boost": 1}}


def first_sentence(text: str) -> tuple[str, str]:
    """A definition's first sentence (what a search result shows) and the rest."""
    parts = _SENTENCE_END.split(text, 1)
    return parts[0], parts[1] if len(parts) > 1 else ""


def derived_forms(name: str) -> list[str]:
    """Spellings readers type for a name that it does not hold: without hyphens, with dots."""
    forms = []
    joined = _HYPHEN_INSIDE_WORD.sub("", name)
    if joined != name:
        forms.append(joined)
    dotted = " ".join(_dotted(word) for word in name.split())
    if dotted != name:
        forms.append(dotted)
    return forms


def _dotted(word: str) -> str:
    """'MOU' -> 'm.o.u.': all-capital abbreviations as some readers type them."""
    return ".".join(word.lower()) + "." if word.isalpha() and is_acronym(word) and len(word) > 1 else word


@dataclass(frozen=True)
class Tokenizer:
    """Splits text into words the way the search does in the browser (its `separator`)."""

    separator: str

    @classmethod
    def for_separator(cls, separator: str | None) -> "Tokenizer":
        """The site's separator, or Material's default if it is JavaScript-only syntax (names
        hold only words, spaces and hyphens, so the default splits them the same way)."""
        try:
            re.compile(separator or DEFAULT_SEPARATOR)
        except re.error:
            return cls(DEFAULT_SEPARATOR)
        return cls(separator or DEFAULT_SEPARATOR)

    def words(self, text: str) -> list[str]:
        return [w for w in re.split(self.separator, text) if w]


def _shortest_names(names: Iterable[str], tokenizer: Tokenizer) -> dict[str, int]:
    """Each word of the names (a term's names and search terms) -> the length of the shortest name
    holding it."""
    shortest: dict[str, int] = {}
    for name in names:
        words = [w.lower() for w in tokenizer.words(name)]
        for word in words:
            shortest[word] = min(shortest.get(word, len(words)), len(words))
    return shortest


def name_vocabulary(terms: Iterable[Term], tokenizer: Tokenizer) -> frozenset[str]:
    """Every word of every term's names."""
    return frozenset(word for term in terms for word in _shortest_names((*term.names, *term.search_terms), tokenizer))


def _lengthens(word: str, vocabulary: frozenset[str]) -> bool:
    """'dataset' lengthens 'data': a typed 'data' matches it too, and lunr scores a rare word far
    above a common one, so in `names` it would lift its page above every page named with 'data'.
    Stems of four letters or more: 're' (of 're-identification') must not claim 'record'."""
    return any(word[:end] in vocabulary for end in range(MIN_STEM, len(word)))


def name_words(term: Term, tokenizer: Tokenizer, vocabulary: frozenset[str] = frozenset()) -> dict[str, list[str]]:
    """Field name -> words: each word of a name, repeated more the shorter the shortest name
    holding it; then, lighter, the plurals and derived spellings the names do not hold and the
    words that lengthen another name's word (`vocabulary`)."""
    return _name_fields((*term.names, *term.search_terms), tokenizer, vocabulary, name_forms)


def translated_name_words(names: Iterable[str], language: str, tokenizer: Tokenizer,
                          vocabulary: frozenset[str] = frozenset()) -> dict[str, list[str]]:
    """`name_words` for a term's names in another language: its plurals, and every word of them
    also without accents (in `spellings`) where the language folds them."""
    return _name_fields(tuple(names), tokenizer, vocabulary, NAME_FORMS[language], FOLDING.get(language),
                        TYPED_PREFIXES.get(language, ()))


def _name_fields(names: tuple[str, ...], tokenizer: Tokenizer, vocabulary: frozenset[str],
                 forms: Callable[[str], list[str]], fold: Callable[[str], str] | None = None,
                 prefixes: tuple[str, ...] = ()) -> dict[str, list[str]]:
    shortest = _shortest_names(names, tokenizer)
    derived: set[str] = set()
    for name in names:
        for word in tokenizer.words(name) + [w for form in derived_forms(name) for w in tokenizer.words(form)]:
            # Every word gets its plural, not only a name's last: a query "data" also reaches
            # "datas", and pages tie fairly only if all that hold "data" carry it. Dotted
            # abbreviations ("m.o.u.") are typed as they are.
            derived.update(form.lower() for form in ([word] if "." in word else forms(word)))
    if fold is not None:
        derived.update(fold(word) for word in [*derived, *shortest])
    longer = {word for word in shortest if _lengthens(word, vocabulary)
              or (prefixes and word.startswith(prefixes) and word not in prefixes)}
    repeats = {word: max(1, FULL_WEIGHT // length) for word, length in shortest.items() if word not in longer}
    fields = {NAMES_FIELD: [word for word, times in repeats.items() for _ in range(times)]}
    spellings = sorted((derived | longer) - repeats.keys())
    if spellings:
        fields[SPELLINGS_FIELD] = spellings
    return fields


def add_terms(index: dict, terms: Iterable[tuple[Term, str]], definitions: Mapping[str, str]) -> dict:
    """Return the index with name fields on each term page's entry and its definition as text.

    The text Material took from the page (status banner, "Also called") gives way to the first
    sentence of the definition, the one line a reader needs to recognise the term.

    `terms` pairs each published term with the location of its page in the index (the page URL,
    e.g. "glossary/limited-data-set/"); `definitions` are plain-text definitions by term id.
    """
    config = dict(index["config"])
    config["fields"] = {**config.get("fields", {}), **field_boosts()}
    tokenizer = Tokenizer.for_separator(config.get("separator"))
    terms = list(terms)
    vocabulary = name_vocabulary((term for term, _ in terms), tokenizer)
    docs = list(index["docs"])
    position = {entry["location"]: i for i, entry in enumerate(docs)}

    def fill(location: str, definition: str, fields: dict[str, list[str]]) -> None:
        if location not in position:  # e.g. excluded from search in its front matter
            return
        shown, rest = first_sentence(definition)
        entry = {**docs[position[location]], "text": f"<p>{html.escape(shown, quote=False)}</p>"}
        if rest:
            entry[DEFINITION_REST_FIELD] = html.escape(rest, quote=False)
        for name, words in fields.items():
            entry[name] = html.escape(" ".join(words), quote=False)
        docs[position[location]] = entry

    for term, location in terms:
        if location in position:
            fill(location, definitions[term.id], name_words(term, tokenizer, vocabulary))
    for language in TRANSLATION_LANGUAGES:
        translated = [(term.translation(language), location) for term, location in terms
                      if term.translation(language)]
        words = frozenset(w for translation, _ in translated for w in _shortest_names(translation.names, tokenizer))
        for translation, location in translated:
            fill(in_language(location, language), plain_text(translation.definition),
                 translated_name_words(translation.names, language, tokenizer, words))
    return {**index, "config": config, "docs": docs}
