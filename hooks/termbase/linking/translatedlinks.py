"""Linking on pages in another language: their readers see the terms' names in that language.

A page under `es/` links the Spanish names of the terms translated into Spanish (term and aliases
of `translations.es`, their plurals, with or without accents) to the Spanish term pages, with the
Spanish definition as the tooltip. English names are not linked there, nor Spanish ones on English
pages: each language has its own matcher.
"""

from __future__ import annotations

from typing import Iterable, Mapping

from ..loading.languages import FOLDING, NAME_FORMS, TRANSLATION_LANGUAGES, english_address, in_language
from ..loading.model import Term
from ..loading.plaintext import plain_text
from .linker import MentionLinker, PageContext
from .matcher import FoldingMatcher, Matcher
from .urls import relative_url


class TranslatedLinker(MentionLinker):
    """The linker of pages in one language. A term's page in it is the English page's address in
    the language's folder (`es/glossary/lds/`), worked out from the English linker's addresses, so
    it follows them whatever the engine or the URL style."""

    def __init__(self, language: str, matcher, tooltips: Mapping[str, str], linkable: frozenset[str],
                 names: Mapping[str, str], source: MentionLinker):
        super().__init__(matcher, tooltips, {}, linkable, names)
        self.language = language
        self.source = source
        self._pages: tuple[int, dict[str, str]] = (0, {})  # id of the source's URL table -> URL -> term id

    def with_tooltips(self, tooltips: Mapping[str, str], source: MentionLinker) -> TranslatedLinker:
        """The same linker with other tooltips (the generation step's tokens), for another source."""
        return TranslatedLinker(self.language, self.matcher, tooltips, self.linkable, self.names, source)

    def href(self, term_id: str, page_url: str) -> str:
        return relative_url(in_language(self.source.term_urls[term_id], self.language), page_url)

    def self_term(self, context: PageContext) -> str | None:
        """The term whose page in this language is being linked (never linked to itself)."""
        urls = self.source.term_urls
        if self._pages[0] != id(urls):
            self._pages = (id(urls), {url: term_id for term_id, url in urls.items()})
        return self._pages[1].get(english_address(context.page_url))


def translated_linkers(terms: Iterable[Term], source: MentionLinker) -> dict[str, TranslatedLinker]:
    """Language code -> the linker of its pages, for each language some published term is
    translated into. `source` is the English linker (whose addresses and autolink choices count)."""
    terms = list(terms)
    linkers = {}
    for language in TRANSLATION_LANGUAGES:
        translated = [(term, term.translation(language)) for term in terms if term.translation(language)]
        if not translated:
            continue
        names = [(name, term.id) for term, translation in translated for name in translation.names]
        forms = NAME_FORMS[language]
        matcher = (FoldingMatcher(names, forms, FOLDING[language]) if language in FOLDING
                   else Matcher(names, forms))
        linkers[language] = TranslatedLinker(
            language, matcher,
            tooltips={term.id: plain_text(translation.definition) for term, translation in translated},
            linkable=frozenset(term.id for term, _ in translated if term.id in source.linkable),
            names={term.id: translation.term for term, translation in translated},
            source=source)
    return linkers
