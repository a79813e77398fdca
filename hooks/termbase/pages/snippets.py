"""HTML pieces added after pages are rendered, when every mention on every page is known."""

from __future__ import annotations

from functools import lru_cache
from typing import Callable, Iterable

from ..linking.text import escape, summary
from ..linking.urls import relative_url
from ..loading.glossary import Glossary
from ..loading.languages import SOURCE_LANGUAGE, in_language, language_of
from ..loading.model import LocalUsage, Term
from ..loading.plaintext import plain_text

UrlOf = Callable[[str], str]  # term id -> site-relative URL of its page


def terms_on_page(term_ids: Iterable[str], glossary: Glossary, page_url: str, url_of: UrlOf,
                  tooltips: dict[str, str], exclude_from_search: bool = False) -> str:
    """The closing "Terms on this page" section of a hand-written page.

    `exclude_from_search` marks it for a search index that reads it (not needed when the section
    is added after the index has read the page). A page in another language lists the terms by their
    names and definitions in it, linking their pages in it (`es/glossary/...`).
    """
    language = language_of(page_url)
    if language != SOURCE_LANGUAGE:
        return _translated_terms_on_page(term_ids, glossary, page_url, url_of, language, exclude_from_search)
    items = []
    for term_id in sorted(term_ids, key=lambda i: glossary[i].term.casefold()):
        term = glossary[term_id]
        href = escape(relative_url(url_of(term_id), page_url))
        title, rest = _item_parts(term.term, tooltips[term_id], term.definition)
        items.append(f'<li><a class="kb-term" href="{href}" title="{title}">{rest}</li>')
    return _terms_section(items, TERMS_HEADING[SOURCE_LANGUAGE], exclude_from_search)


TERMS_HEADING = {"en": "Terms on this page", "es": "Términos en esta página"}


def _translated_terms_on_page(term_ids: Iterable[str], glossary: Glossary, page_url: str, url_of: UrlOf,
                              language: str, exclude_from_search: bool) -> str:
    translated = [(glossary[i], glossary[i].translation(language)) for i in term_ids
                  if glossary[i].translation(language)]
    items = []
    for term, translation in sorted(translated, key=lambda pair: pair[1].term.casefold()):
        href = escape(relative_url(in_language(url_of(term.id), language), page_url))
        title, rest = _item_parts(translation.term, plain_text(translation.definition), translation.definition)
        items.append(f'<li><a class="kb-term" href="{href}" title="{title}">{rest}</li>')
    return _terms_section(items, TERMS_HEADING[language], exclude_from_search)


def _terms_section(items: list[str], heading: str, exclude_from_search: bool) -> str:
    if not items:
        return ""
    exclude = ' data-search-exclude="true"' if exclude_from_search else ""
    return (f'<section class="kb-terms-on-page" aria-labelledby="terms-on-this-page"{exclude}>'
            f'<h2 id="terms-on-this-page">{heading}{permalink("terms-on-this-page")}</h2>'
            f'<ul>{"".join(items)}</ul></section>')


@lru_cache(maxsize=16384)
def _item_parts(name: str, tooltip: str, definition: str) -> tuple[str, str]:
    """The escaped pieces of a term's list item that do not depend on the page (made once a build)."""
    return escape(tooltip), f"{escape(name)}</a>: {escape(summary(definition, 140))}"


def permalink(anchor: str) -> str:
    """The same copyable section link MkDocs' toc extension gives Markdown headings."""
    return f'<a class="headerlink" href="#{escape(anchor)}" title="Link to this section">¶</a>'


def used_in(pages: list[tuple[str, str]], term_url: str) -> str:
    """The "Used in" list of a term page: (title, url) of every page that mentions it, in the
    page's language (a page in Spanish is listed on the term's page in Spanish)."""
    language = language_of(term_url)
    pages = [(title, url) for title, url in pages if language_of(url) == language]
    if not pages:
        return '<p class="kb-used-in">Not mentioned on any other page yet.</p>'
    items = "".join(f'<li><a href="{escape(relative_url(url, term_url))}">{escape(title)}</a></li>'
                    for title, url in sorted(pages, key=lambda p: p[0].casefold()))
    return f'<ul class="kb-used-in">{items}</ul>'


def local_usage_table(usages: Iterable[tuple[Term, LocalUsage]], page_url: str, url_of: UrlOf,
                      render_inline: Callable[[str], str]) -> str:
    """The table of a jurisdiction page: each term it uses, its local name and how it is used.

    Built here rather than in the page's Markdown, because that page is hand-written and so not
    sanitized as a whole: every value from YAML is escaped, the note rendered and sanitized.
    No class on the table: Material styles and wraps `table:not([class])` only.
    """
    rows = []
    for term, usage in usages:
        href = escape(relative_url(url_of(term.id), page_url))
        rows.append(f'<tr><th scope="row"><a href="{href}">{escape(term.term)}</a></th>'
                    f"<td>{escape(usage.local_name) or '—'}</td><td>{render_inline(usage.note)}</td></tr>")
    head = "".join(f'<th scope="col">{label}</th>' for label in ("Term", "Local name", "How it is used"))
    return f'<table><thead><tr>{head}</tr></thead><tbody>{"".join(rows)}</tbody></table>'
