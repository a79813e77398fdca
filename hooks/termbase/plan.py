"""The second stage of a build: the pages the engine makes, decided from the content and the
hand-written pages before any page is converted.

`plan_site` is a plain function of those two; the plan it returns is immutable. What's new and
its feed read the plan's news, so no page or file can be made from news not yet worked out.
"""

from __future__ import annotations

import posixpath
from dataclasses import dataclass, field
from functools import cached_property
from types import MappingProxyType
from typing import Callable, Mapping

from .content import Content
from .checker.linkage import all_linkages
from .linking.sanitize import render_inline_safe
from .linking.text import md_escape
from .loading.datafiles import MATRIX_PAGE
from .loading.frontmatter import page_title, read_front_matter, title_from_file_name
from .loading.model import Term, term_of_page
from .pages.checkerpage import CHECKER_PAGE
from .pages.datasetpages import (crosswalk_page, data_set_page, data_sets_index, elements_page, linkage_page,
                                 term_columns_section)
from .pages.historypages import HISTORY_PAGES, history_pages, term_history_sections
from .pages.reference import data_element_page
from .pages.termpages import comparison_page, front_matter, glossary_index, term_page
from .pages.translatedhandout import handout_words
from .pages.translationpages import translation_pages
from .pages.whatsnew import NewsItem, site_news

GLOSSARY_INDEX = "glossary/index.md"
COMPARE_PAGE = "glossary/compare.md"
HANDOUT_PLACEHOLDER = '<div id="kb-handout"></div>'
HandoutFill = Callable[[Callable[..., str]], str]


@dataclass(frozen=True)
class GeneratedPage:
    src_uri: str
    markdown: str
    in_nav: bool  # term pages, handouts and data-set pages are reached from other pages
    # Terms the page links itself, not through the linker (its "Used in" lists the page).
    links_terms: frozenset[str] = frozenset()
    # Placeholder in the Markdown -> the maker of its HTML, given the page's link maker.
    fills: Mapping[str, Callable] = field(default_factory=dict)


@dataclass(frozen=True)
class Handout:
    src_uri: str  # <session>/handout.md
    session: str  # the session page's src_uri
    plain: bool  # for residents: each term's plain definition where it has one


@dataclass(frozen=True)
class SitePlan:
    pages: tuple[GeneratedPage, ...]
    handouts: Mapping[str, Handout]  # handout src_uri -> its handout
    news: tuple[NewsItem, ...]  # What's new, newest first
    titles: "PageTitles"

    def page(self, src_uri: str) -> GeneratedPage | None:
        return self._by_source.get(src_uri)

    @cached_property  # works on a frozen dataclass: it writes the instance's __dict__ directly
    def _by_source(self) -> dict[str, GeneratedPage]:
        return {page.src_uri: page for page in self.pages}

    def links_terms(self, src_uri: str) -> frozenset[str]:
        page = self.page(src_uri)
        return page.links_terms if page else frozenset()

    def is_generated_from_yaml(self, src_uri: str) -> bool:
        """Pages made from YAML, whose rendered HTML goes through the allow-list, the matrix aside
        (made from the data file, it keeps its term list)."""
        return (term_of_page(src_uri) is not None or src_uri in self.handouts
                or (src_uri in self._by_source and src_uri != MATRIX_PAGE))

    def is_cleaned(self, src_uri: str) -> bool:
        """Pages whose rendered HTML goes through the allow-list: every page made from YAML."""
        return self.is_generated_from_yaml(src_uri) or src_uri == MATRIX_PAGE


class PageTitles:
    """The title of each hand-written page, from its text (`page_title`), worked out when first
    asked for: most pages' titles are never needed."""

    def __init__(self, sources: Mapping[str, str]):
        self._sources = sources
        self._titles: dict[str, str] = {}

    def __call__(self, src_uri: str) -> str:
        if src_uri not in self._titles:
            text = self._sources.get(src_uri)
            if text is None:
                return src_uri
            self._titles[src_uri] = page_title(text, title_from_file_name(src_uri))
        return self._titles[src_uri]


def plan_site(content: Content, hand_written: Mapping[str, str]) -> SitePlan:
    """Every page the engine makes. `hand_written` maps each page under docs/ to its text: generated
    pages link only to pages that exist, and a session page asks for its handout in its front matter."""
    existing = set(hand_written)
    titles = PageTitles(hand_written)
    checker = "../" + CHECKER_PAGE if CHECKER_PAGE in existing and content.column_rules else None
    pages = [*_glossary_pages(content, existing, titles),
             GeneratedPage(MATRIX_PAGE, data_element_page(content.matrix, content.glossary, checker), True),
             *_data_set_pages(content, existing)]
    news = tuple(site_news(content.glossary, content.history, sorted(existing)))
    pages += [GeneratedPage(src, markdown, in_nav) for src, markdown, in_nav
              in history_pages(content.glossary, content.history, list(news), titles, existing)]
    handouts = {}
    for src_uri, text in hand_written.items():
        made = _handout(src_uri, text)
        if made:
            handout, page = made
            handouts[handout.src_uri] = handout
            pages.append(page)
    return SitePlan(tuple(pages), MappingProxyType(handouts), news, titles)


def _glossary_pages(content: Content, existing: set[str], titles: PageTitles) -> list[GeneratedPage]:
    """Term pages (out of the navigation), the index, the comparison, and the pages in other
    languages."""
    glossary = content.glossary
    pages = [GeneratedPage(t.src_uri, term_page(t, glossary, existing,
                                                 term_history_sections(t, content.history, titles),
                                                 _term_columns(content, t)), False)
             for t in glossary]
    pages.append(GeneratedPage(GLOSSARY_INDEX, glossary_index(glossary), True))
    pages.append(GeneratedPage(COMPARE_PAGE, comparison_page(glossary), True))
    # es/glossary/..., the status page: sanitised; the terms they list count as mentioned
    pages += [GeneratedPage(page.src_uri, page.markdown, page.in_nav, frozenset(page.links_terms))
              for page in translation_pages(glossary, content.history.repo)]
    return pages


def _term_columns(content: Content, term: Term) -> str:
    return term_columns_section(content.dictionaries.columns_for_term(term.id)) if content.dictionaries else ""


def _data_set_pages(content: Content, existing: set[str]) -> list[GeneratedPage]:
    """The data dictionaries' pages; the overview pages are in the navigation, each data set is
    reached from them."""
    d, glossary = content.dictionaries, content.glossary
    if not d or not (len(d) or d.elements.elements):
        return []  # a site without dictionaries or shared elements has no such pages
    made = [(data_sets_index(d, content.verdicts, glossary, existing), True),
            (elements_page(d, glossary, existing), True),
            (crosswalk_page(d, glossary, existing), True),
            (linkage_page(all_linkages(d), d, glossary, existing), True)]
    made += [(data_set_page(data_set, content.verdicts[data_set.src_uri], d, glossary, content.matrix,
                            existing, render_inline_safe), False) for data_set in d]
    return [GeneratedPage(page.src_uri, page.markdown, in_nav, frozenset(page.links_terms),
                          MappingProxyType(dict(page.fills))) for page, in_nav in made]


def _handout(session_src: str, session_markdown: str) -> tuple[Handout, GeneratedPage] | None:
    """A handout page for a session note whose front matter says `handout: true` (or `plain`)."""
    meta = read_front_matter(session_markdown)
    if meta.get("handout") not in (True, "plain"):
        return None
    src_uri = posixpath.splitext(session_src)[0] + "/handout.md"
    title = page_title(session_markdown, "Session")
    label = handout_words(session_src)["title"]  # "Handout", in the page's language
    markdown = (front_matter(title=f"{label}: {title}", autolink=False, search={"exclude": True})
                + f"# {label}: {md_escape(title)}\n\n{HANDOUT_PLACEHOLDER}\n")
    return (Handout(src_uri, session_src, plain=meta.get("handout") == "plain"),
            GeneratedPage(src_uri, markdown, False))
