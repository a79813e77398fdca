"""The printable handout of a page in another language (es/residents/handout/): the terms the page
uses, by their names and (plain) definitions in that language, each with the address of its page
in the language. Laid out like the English handout (kb-handout.css): two sides of Letter.
"""

from __future__ import annotations

from typing import Callable, Iterable

from ..linking.text import escape
from ..linking.urls import relative_url
from ..loading.glossary import Glossary
from ..loading.languages import SOURCE_LANGUAGE, in_language, language_of
from ..loading.model import Term
from .snippets import UrlOf, permalink

HANDOUT_WORDS = {
    "en": {"title": "Handout", "link": "Printable handout: every term used on this page"},
    "es": {"title": "Hoja para imprimir", "link": "Hoja para imprimir: todos los términos de esta página",
           "intro": "Definiciones de los {count} términos que se usan en {page}.",
           "addresses": ("Cada término tiene una página en internet: la dirección del sitio "
                         "{site} seguida de la dirección impresa junto al término (por ejemplo, {example})."),
           "also_called": "También llamado", "untranslated": "aún no traducido / not yet translated"},
}


def handout_words(page: str) -> dict[str, str]:
    """The handout's title and the link to it, in the language of `page` (a source path or URL)."""
    return HANDOUT_WORDS.get(language_of(page), HANDOUT_WORDS[SOURCE_LANGUAGE])


def translated_handout(term_ids: Iterable[str], glossary: Glossary, page_url: str, url_of: UrlOf,
                       render_markdown: Callable[[str], str], session_title: str, session_url: str,
                       site_url: str, plain: bool = False) -> str:
    """The handout body in the language of `page_url`, as `handout.handout` makes the English one."""
    language = language_of(page_url)
    words = HANDOUT_WORDS[language]
    terms = sorted((glossary[i] for i in term_ids), key=lambda t: _name(t, language).casefold())
    blocks = [_term_block(term, language, page_url, url_of, render_markdown, plain) for term in terms]
    back = escape(relative_url(session_url, page_url))
    intro = words["intro"].format(count=len(blocks), page=f'<a href="{back}">{escape(session_title)}</a>')
    if blocks:
        example = _address(terms[0], language, url_of)
        intro += " " + words["addresses"].format(site=f'<span class="kb-handout-site">{escape(site_url)}</span>',
                                                 example=escape(site_url + example))
    return (f'<div class="kb-handout"><p class="kb-handout-intro">{intro}</p>'
            f'<div class="kb-handout-terms">{"".join(blocks)}</div></div>')


def _name(term: Term, language: str) -> str:
    translation = term.translation(language)
    return translation.term if translation else term.term


def _address(term: Term, language: str, url_of: UrlOf) -> str:
    """Where the term's page in the language is (its English page while it has none)."""
    return in_language(url_of(term.id), language) if term.translation(language) else url_of(term.id)


def _term_block(term: Term, language: str, page_url: str, url_of: UrlOf, render_markdown: Callable[[str], str],
                plain: bool) -> str:
    words = HANDOUT_WORDS[language]
    translation = term.translation(language)
    address = _address(term, language, url_of)
    href = escape(relative_url(address, page_url))
    if translation:
        name, aliases, lang = translation.term, translation.aliases, ""
        text = translation.plain if plain and translation.plain else translation.definition
    else:
        name, aliases, lang = f"{term.term} ({words['untranslated']})", term.aliases, ' lang="en"'
        text = term.plain if plain and term.plain else term.definition
    also = f'<span class="kb-aliases">{words["also_called"]}: {escape(", ".join(aliases))}</span>' if aliases else ""
    return (f'<article class="kb-handout-term"{lang}><h2 id="{escape(term.id)}">'
            f'<a href="{href}">{escape(name)}</a>{permalink(term.id)}</h2>'
            f'<p class="kb-handout-meta"><span class="kb-handout-short">{escape(address)}</span> {also}</p>'
            f'<div class="kb-definition">{render_markdown(text)}</div></article>')
