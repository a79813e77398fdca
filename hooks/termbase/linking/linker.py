"""Turn the first mention of each term on a page into a link, on the Markdown element tree.

Working on the tree (after inline parsing) means code, headings and existing links are
elements we skip, not text we have to guess about. Attributes are never touched.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as etree
from dataclasses import dataclass, field
from typing import Mapping

from markdown import Markdown
from markdown.extensions import Extension
from markdown.treeprocessors import Treeprocessor

from ..loading.languages import SOURCE_LANGUAGE, language_of
from .matcher import Matcher
from .urls import relative_url

SKIP_TAGS = frozenset({"a", "code", "pre", "kbd", "samp", "script", "style", "textarea", "button",
                       "h1", "h2", "h3", "h4", "h5", "h6", "abbr", "svg", "math", "img", "title"})
SKIP_CLASSES = frozenset({"kb-nolink", "headerlink", "md-annotation"})


@dataclass
class PageContext:
    """What the linker needs to know about one page's conversion, and what it found there."""

    page_url: str = ""  # site-relative URL of the page, e.g. "playbooks/ethics/"
    enabled: bool = True
    self_term: str | None = None  # never link a term page to itself
    mentioned: list[str] = field(default_factory=list)  # term ids in order of first mention


class MentionLinker:
    """Links mentions in an element tree; one instance per build and URL registry, reused for
    every page, unchanged by any: each conversion is handed its page's `PageContext`."""

    def __init__(self, matcher: Matcher, tooltips: Mapping[str, str], term_urls: Mapping[str, str],
                 linkable: frozenset[str], names: Mapping[str, str] | None = None):
        self.matcher = matcher
        self.tooltips = tooltips
        self.names = names or {}  # term id -> its name, for the tap panel's title (kb-term-panel.js)
        self.term_urls = term_urls  # term id -> site-relative URL of its page
        self.linkable = linkable  # ids whose mentions become links (autolink not switched off)
        # Language code -> the linker of pages in that language (translatedlinks.py): a page in
        # Spanish links the Spanish names of terms, never the English ones.
        self.translations: dict[str, MentionLinker] = {}

    def with_tooltips(self, tooltips: Mapping[str, str],
                      translated: Mapping[str, Mapping[str, str]]) -> MentionLinker:
        """The same linker with other tooltips, and its translations' with theirs (by language)."""
        linker = MentionLinker(self.matcher, tooltips, self.term_urls, self.linkable, self.names)
        linker.translations = {code: other.with_tooltips(translated[code], linker)
                               for code, other in self.translations.items()}
        return linker

    def href(self, term_id: str, page_url: str) -> str:
        return relative_url(self.term_urls[term_id], page_url)

    def run(self, root: etree.Element, context: PageContext) -> None:
        if not context.enabled:
            return
        language = language_of(context.page_url)
        if language != SOURCE_LANGUAGE:
            translated = self.translations.get(language)
            if translated is not None:  # no term is translated into it: nothing on the page to link
                translated.link(root, context, translated.self_term(context))
            return
        self.link(root, context, context.self_term)

    def link(self, root: etree.Element, context: PageContext, self_term: str | None) -> None:
        # Terms already linked, and terms already listed as mentioned (a set beside the list).
        linked: set[str] = set()
        seen = set(context.mentioned)
        if self_term:
            linked.add(self_term)
            seen.add(self_term)
        self._walk(root, context.page_url, linked, context.mentioned, seen)

    def _walk(self, element: etree.Element, page_url: str, linked: set[str], mentioned: list[str],
              seen: set[str]) -> None:
        children = list(element)  # before linking: the new links' tails are text already read
        if element.text:
            self._link_text(element, None, page_url, linked, mentioned, seen)
        for child in children:
            if not _skipped(child):
                self._walk(child, page_url, linked, mentioned, seen)
            if child.tail:
                self._link_text(element, child, page_url, linked, mentioned, seen)

    def _link_text(self, parent: etree.Element, before: etree.Element | None, page_url: str,
                   linked: set[str], mentioned: list[str], seen: set[str]) -> None:
        """Split the text (parent.text, or before.tail) around the mentions that become links."""
        text = parent.text if before is None else before.tail
        pieces: list[str | etree.Element] = []
        cursor = 0
        for start, end, found, term_id in self.matcher.find(text):
            if term_id not in seen:
                seen.add(term_id)
                mentioned.append(term_id)
            if term_id in linked or term_id not in self.linkable:
                continue
            linked.add(term_id)
            attributes = {"href": self.href(term_id, page_url), "class": "kb-term", "title": self.tooltips[term_id]}
            if term_id in self.names:
                attributes["data-term"] = self.names[term_id]
            link = etree.Element("a", attributes)
            link.text = found
            pieces += [text[cursor:start], link]
            cursor = end
        if not pieces:
            return
        pieces.append(text[cursor:])
        _replace_text(parent, before, pieces)


def _skipped(element: etree.Element) -> bool:
    if not isinstance(element.tag, str) or element.tag in SKIP_TAGS:
        return True
    classes = element.get("class")
    return bool(classes) and not SKIP_CLASSES.isdisjoint(classes.split())


def _replace_text(parent: etree.Element, before: etree.Element | None, pieces: list) -> None:
    """`pieces` alternate text, link, text, ..., text; links go in place, text becomes tails."""
    texts, links = pieces[0::2], pieces[1::2]
    if before is None:
        parent.text = texts[0]
        index = 0
    else:
        before.tail = texts[0]
        index = list(parent).index(before) + 1
    for link, tail in zip(links, texts[1:]):
        link.tail = tail
        parent.insert(index, link)
        index += 1


class _LinkTreeprocessor(Treeprocessor):
    def __init__(self, md: Markdown, extension: GlossaryLinkExtension):
        super().__init__(md)
        self.extension = extension

    def run(self, root: etree.Element) -> None:
        handed = self.extension.take()
        if handed is not None:
            linker, context = handed
            linker.run(root, context)


class GlossaryLinkExtension(Extension):
    """Registers the linker after every other tree step, MkDocs' link rewriting (0) included.

    Its links already carry final relative URLs, so nothing after it needs to resolve them. The
    engine hands it each page just before converting it (`link_next_conversion`); the next
    conversion takes it, so no page's context outlives its conversion, and a conversion nobody
    handed a page (a snippet rendered elsewhere) links nothing.
    """

    def __init__(self):
        super().__init__()
        self._next: tuple[MentionLinker, PageContext] | None = None

    def link_next_conversion(self, linker: MentionLinker, context: PageContext) -> None:
        self._next = (linker, context)

    def take(self) -> tuple[MentionLinker, PageContext] | None:
        handed, self._next = self._next, None
        return handed

    def extendMarkdown(self, md: Markdown) -> None:
        md.treeprocessors.register(_LinkTreeprocessor(md, self), "glossary_links", -10)
