"""A page's other languages: the language selector's entries, `hreflang` links, the navigation of
pages in a translation language, and the words templates show around a page in its language.

A page's translation is the page at the same path in the other language's folder
(`glossary/lds.md` and `es/glossary/lds.md`, see loading/languages.py). The selector leads to
it, or to the other language's home page when the page has none.

Material's script takes every `<link rel="alternate">` of a page for the address of a whole copy of
the site in another language: it fetches `sitemap.xml` beside it, and sends every link under that
address to the copy's home page. So `hreflang` links join only a page and its translation, never
a folder's index page (under `es/glossary/` live pages that the English index does not translate),
and a small sitemap beside each page so joined holds the pair, which search engines read as well.
"""

from __future__ import annotations

from dataclasses import dataclass
from html import escape
from typing import Callable, Collection, Iterable, Mapping

from ..linking.urls import relative_url
from ..loading.languages import LANGUAGES, SOURCE_LANGUAGE, in_language, language_of

SITEMAP = "sitemap.xml"

# The words templates show around a page (overrides/partials/kb-*.html), in its language.
UI_TEXT: dict[str, dict[str, str]] = {
    "en": {
        "term_changed": "This term last changed", "term_history": "History of this term",
        "page_changed": "This page last changed", "page_history": "History of this page",
        "share": "Share this page (link and QR code)", "link": "Link", "copy": "Copy link",
        "show_qr": "Show the QR code full screen",
        "qr_hint": "Select the code to show it full screen for a projector.",
        "qr_dialog": "QR code for this page", "qr_close": "Close full-screen QR code",
        "qr_label": "QR code for this page", "qr_term": "QR code for {term}",
        "suggest": "Suggest a change", "suggest_rest": "to this term: a short form on GitHub, no file to edit.",
        "report": "Report a problem with this page",
        "home": "Home",
    },
    "es": {
        "term_changed": "Este término cambió por última vez el", "term_history": "Historial de este término",
        "page_changed": "Esta página cambió por última vez el", "page_history": "Historial de esta página",
        "share": "Compartir esta página (enlace y código QR)", "link": "Enlace", "copy": "Copiar el enlace",
        "show_qr": "Mostrar el código QR en pantalla completa",
        "qr_hint": "Toque el código para mostrarlo en pantalla completa, para un proyector.",
        "qr_dialog": "Código QR de esta página", "qr_close": "Cerrar el código QR en pantalla completa",
        "qr_label": "Código QR de esta página", "qr_term": "Código QR de {term}",
        "suggest": "Sugerir un cambio",
        "suggest_rest": "a este término o a su traducción: un formulario corto en GitHub (en inglés).",
        "report": "Informar de un problema en esta página",
        "home": "Inicio",
    },
}


@dataclass(frozen=True)
class Alternate:
    """One entry of the language selector (and, for a translation, of the page's `hreflang` links)."""

    lang: str
    name: str  # the language's name in itself
    href: str  # relative to the page
    current: bool  # the page's own language
    translation: str | None  # the public address of the page's own version in `lang`, or None


@dataclass(frozen=True)
class NavEntry:
    title: str
    href: str  # relative to the page
    active: bool


def page_alternates(src_uri: str, url: str, pages: Collection[str], url_of: Callable[[str], str],
                    public: Callable[[str], str]) -> list[Alternate]:
    """The page in every language: its translation where there is one, else that language's home.

    `pages` are the source paths of every page, `url_of` gives a page's site-relative URL, and
    `public` turns one into the address `hreflang` links carry."""
    own = language_of(src_uri)
    # hreflang links (the page's own among them) only for a page that has a translation.
    translated = _translates(src_uri) and any(in_language(src_uri, code) in pages for code in LANGUAGES if code != own)
    alternates = []
    for code, language in LANGUAGES.items():
        counterpart = in_language(src_uri, code)
        target = counterpart if counterpart in pages else f"{language.folder}index.md"
        if target not in pages:
            continue
        joined = translated and counterpart in pages
        alternates.append(Alternate(code, language.name, relative_url(url_of(target), url), code == own,
                                    public(url_of(counterpart)) if joined else None))
    return alternates if len(alternates) > 1 else []


def _translates(src_uri: str) -> bool:
    """Whether a page and its counterpart are one text in two languages (not a folder's index page)."""
    return src_uri.rsplit("/", 1)[-1] != "index.md"


def translated_nav(src_uri: str, url: str, pages: Collection[str], url_of: Callable[[str], str],
                   navs: Mapping[str, Iterable[tuple[str, str]]]) -> list[NavEntry]:
    """The navigation of a page in a translation language (`navs`: language -> (title, source path));
    empty for an English page, which has the site's navigation."""
    language = language_of(src_uri)
    if language == SOURCE_LANGUAGE:
        return []
    return [NavEntry(title, relative_url(url_of(target), url), target == src_uri)
            for title, target in navs.get(language, ()) if target in pages]


def alternate_sitemaps(pages: Collection[str], url_of: Callable[[str], str],
                       public: Callable[[str], str]) -> dict[str, str]:
    """A sitemap beside each page joined to its translation, listing the page and its versions.

    Only for addresses that are folders (`glossary/lds/`): the offline copy's `x.html` pages share
    folders, and a browser reading files asks no server."""
    files = {}
    for src_uri in pages:
        url = url_of(src_uri)
        if not url.endswith("/") or not _translates(src_uri):
            continue
        versions = {code: url_of(in_language(src_uri, code)) for code in LANGUAGES
                    if in_language(src_uri, code) in pages}
        if len(versions) < 2:
            continue
        links = "".join(f'<xhtml:link rel="alternate" hreflang="{code}" href="{escape(public(address))}"/>'
                        for code, address in versions.items())
        files[url + SITEMAP] = ('<?xml version="1.0" encoding="UTF-8"?>\n'
                                '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" '
                                'xmlns:xhtml="http://www.w3.org/1999/xhtml">\n'
                                f"<url><loc>{escape(public(url))}</loc>{links}</url>\n</urlset>\n")
    return dict(sorted(files.items()))


def translated_navs(languages: object) -> dict[str, tuple[tuple[str, str], ...]]:
    """`extra.languages` of mkdocs.yml -> language -> its navigation as (title, source path):

        languages:
          es:
            nav:
              - Inicio: es/index.md
    """
    navs = {}
    for code, settings in (languages or {}).items() if isinstance(languages, dict) else ():
        entries = settings.get("nav") if isinstance(settings, dict) else None
        navs[str(code)] = tuple((str(title), str(target)) for entry in entries or () if isinstance(entry, dict)
                                for title, target in entry.items())
    return navs
