"""The printable handout of a session: every term the session page uses, with its definition.

Facilitators print one per participant, so it is laid out for two sides of paper
(kb-handout.css): terms in two columns, each with its short link (`glossary/lds/`) instead of
a full address, the site address once at the top, and the page's one QR code.
"""

from __future__ import annotations

from typing import Callable, Iterable

from ..linking.text import escape
from ..linking.urls import relative_url
from ..loading.glossary import Glossary
from ..loading.languages import SOURCE_LANGUAGE, language_of
from ..loading.model import Term, short_link
from .snippets import UrlOf, permalink
from .translatedhandout import translated_handout


def short_links_by_term(glossary: Glossary) -> dict[str, str]:
    """Term id -> the shortest path that reaches its page (`glossary/lds/` for limited-data-set)."""
    slugs: dict[str, list[str]] = {term.id: [term.id] for term in glossary}
    for slug, term in glossary.short_links().items():
        slugs[term.id].append(slug)
    return {term_id: short_link(min(options, key=lambda s: (len(s), s))) for term_id, options in slugs.items()}


def handout(term_ids: Iterable[str], glossary: Glossary, page_url: str, url_of: UrlOf,
            render_markdown: Callable[[str], str], session_title: str, session_url: str,
            site_url: str, plain: bool = False) -> str:
    """The handout body: an introduction, then one block per term, sorted by name.

    `plain`: each term's plain-language definition where it has one (a handout for residents).
    A page in another language gets its handout in that language (translatedhandout.py).
    """
    if language_of(page_url) != SOURCE_LANGUAGE:
        return translated_handout(term_ids, glossary, page_url, url_of, render_markdown, session_title,
                                  session_url, site_url, plain)
    short = short_links_by_term(glossary)
    terms = sorted((glossary[i] for i in term_ids), key=lambda t: t.term.casefold())
    blocks = [_term_block(term, relative_url(url_of(term.id), page_url), short[term.id], render_markdown, plain)
              for term in terms]
    back = escape(relative_url(session_url, page_url))
    intro = (f'<p class="kb-handout-intro">Definitions of the {len(blocks)} terms used in '
             f'<a href="{back}">{escape(session_title)}</a>.')
    if blocks:
        example = short[terms[0].id]
        intro += (" Each term has a page online: the site address "
                  f'<span class="kb-handout-site">{escape(site_url)}</span> followed by the short link '
                  f"printed beside the term (for example, {escape(site_url + example)}).")
    intro += "</p>"
    return f'<div class="kb-handout">{intro}<div class="kb-handout-terms">{"".join(blocks)}</div></div>'


def _term_block(term: Term, href: str, short_link: str, render_markdown: Callable[[str], str],
                plain: bool = False) -> str:
    aliases = (f'<span class="kb-aliases">Also called: {escape(", ".join(term.aliases))}</span>'
               if term.aliases else "")
    return (f'<article class="kb-handout-term"><h2 id="{escape(term.id)}">'
            f'<a href="{escape(href)}">{escape(term.term)}</a>{permalink(term.id)}</h2>'
            f'<p class="kb-handout-meta"><span class="kb-handout-short">{escape(short_link)}</span> {aliases}</p>'
            f'<div class="kb-definition">{render_markdown(term.plain if plain and term.plain else term.definition)}'
            "</div></article>")
