"""A page whose only change is a term's definition gets its tooltips rewritten in its HTML
instead of being read and rendered again.

A definition shows on a page that mentions the term in two places: the tooltip (`title`) of the
page's one link to the term, and the term's item in "Terms on this page" (its tooltip and the
start of its definition). Everything else on the page (text, search entries, navigation) stays
the same. Each old piece is made by the code that wrote it (Python-Markdown's serializer, and the
sanitizer for pages made from YAML; `terms_on_page` for the list) and must occur in the page's
HTML exactly as often as the page links and lists the term, or the page is rebuilt instead.
"""

from __future__ import annotations

import xml.etree.ElementTree as etree
from dataclasses import dataclass
from typing import Callable

from markdown.serializers import to_xhtml_string

from termbase.linking.urls import relative_url
from termbase.pages.snippets import terms_on_page

from .memory import GlossaryVersion

_TEXT = "\ue000kb-preview-link-text\ue001"  # stands for a link's text, which the page keeps


@dataclass(frozen=True)
class PageShape:
    """How a page shows the terms it mentions."""

    url: str  # the page's site-relative URL
    linked: frozenset[str]  # terms whose first mention the linker made a link
    has_term_list: bool  # "Terms on this page" closes it
    sanitize: Callable[[str], str] | None  # the sanitizer its HTML went through, if any


def rewritten(html: str, page: PageShape, term_ids: list[str], before: GlossaryVersion, now: GlossaryVersion,
              term_urls: dict[str, str], url_of: Callable[[str], str]) -> str | None:
    """The page's HTML with the new definitions of `term_ids`; None if it must be rebuilt (a
    name or the links changed, or a piece is not where the page should have it)."""
    for term_id in term_ids:
        old, new = before.glossary.terms.get(term_id), now.glossary.terms.get(term_id)
        if old is None or new is None or old.term != new.term or old.autolink != new.autolink:
            return None
        if term_id in page.linked and new.autolink:
            href = relative_url(term_urls[term_id], page.url)
            html = _replaced_once(html, _link_start(href, before.tooltips[term_id], old.term, page.sanitize),
                                  _link_start(href, now.tooltips[term_id], new.term, page.sanitize))
        if html is not None and page.has_term_list:
            html = _replaced_once(html, _list_item(term_id, before, page.url, url_of),
                                  _list_item(term_id, now, page.url, url_of))
        if html is None:
            return None
    return html


def _replaced_once(html: str, old: str, new: str) -> str | None:
    if html.count(old) != 1:
        return None
    return html.replace(old, new, 1)


def _link_start(href: str, tooltip: str, name: str, sanitize: Callable[[str], str] | None) -> str:
    """A link's start tag as the linker's element is written (and sanitized, where it was)."""
    link = etree.Element("a", {"href": href, "class": "kb-term", "title": tooltip, "data-term": name})
    link.text = _TEXT
    html = to_xhtml_string(link)
    if sanitize is not None:
        html = sanitize(html)
    return html[:html.index(_TEXT)]


def _list_item(term_id: str, version: GlossaryVersion, page_url: str, url_of: Callable[[str], str]) -> str:
    section = terms_on_page([term_id], version.glossary, page_url, url_of, version.tooltips)
    return section[section.index("<li>"):section.rindex("</li>") + len("</li>")]
