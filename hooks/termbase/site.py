"""What every page carries besides its content (share link, QR code, edit and history links,
structured data) and the files published next to the site (machine-readable glossary)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Mapping
from urllib.parse import urljoin

from .build import Site
from .linking.urls import page_url, relative_url
from .loading.languages import SOURCE_LANGUAGE, english_address, language_of
from .loading.datafiles import DATA_ELEMENTS_FILE, MATRIX_PAGE
from .pages.historypages import FEED_FILE, WHATS_NEW_PAGE
from .plan import GLOSSARY_INDEX
from .sitefiles.alternates import UI_TEXT, Alternate, NavEntry, alternate_sitemaps, page_alternates, translated_nav
from .sitefiles.export import defined_term_jsonld, export_files
from .sitefiles.feedback import report_problem_url, suggest_change_url
from .sitefiles.newsfeed import news_feed
from .sitefiles.share import qr_svg


@dataclass(frozen=True)
class SiteSettings:
    site_url: str  # absolute, ends with "/"
    repository: str = ""  # "owner/name" on GitHub, for edit and history links
    branch: str = "main"
    # False in the offline copy (pages are "x.html"); shared links still point at the online site.
    directory_urls: bool = True
    site_name: str = "Knowledge base"
    # Language -> its navigation, (title, source path) in order: `extra.languages` in mkdocs.yml.
    translated_navs: Mapping[str, tuple[tuple[str, str], ...]] = field(default_factory=dict)

    def absolute(self, url: str) -> str:
        if "://" not in url and not url.startswith(("/", ".")):
            return self.site_url + url  # a page URL as MkDocs gives it: no need to parse (5x faster)
        return urljoin(self.site_url, url)

    def public(self, url: str) -> str:
        """The online address of a page, also when this build is the offline copy."""
        if not self.directory_urls and url.endswith(".html") and url != "404.html":
            url = url[: -len("index.html")] if url.endswith("index.html") else url[: -len(".html")] + "/"
        return self.absolute(url)


@dataclass(frozen=True)
class SourceLabels:
    """How the footer names the file behind a page: a term, the page itself, or a data file."""

    changed: str  # followed by a date
    history: str  # text of the link to the file's commit history


TERM_SOURCE = SourceLabels("This term last changed", "History of this term")
PAGE_SOURCE = SourceLabels("This page last changed", "History of this page")
DATA_SOURCE = SourceLabels("The data file behind this page last changed", "History of the data file")


@dataclass(frozen=True)
class PageExtras:
    share_url: str
    qr_svg: str
    edit_url: str | None = None
    history_url: str | None = None
    last_changed: str | None = None
    jsonld: str | None = None
    suggest_url: str | None = None  # term pages: the "Change this term" form, prefilled
    report_url: str | None = None  # hand-written pages: the "Report an error" form, prefilled
    feed_url: str | None = None  # What's new as Atom, linked from every page's <head>
    labels: SourceLabels | None = None  # set when one file in the repository backs the page
    lang: str = SOURCE_LANGUAGE  # the page's language: <html lang>, the words around the page
    alternates: tuple[Alternate, ...] = ()  # the language selector; translations also as hreflang links
    nav: tuple[NavEntry, ...] = ()  # a page in a translation language: its language's navigation
    text: Mapping[str, str] = field(default_factory=lambda: UI_TEXT[SOURCE_LANGUAGE])  # words of the templates


def page_extras(site: Site, settings: SiteSettings, src_uri: str, url: str,
                hand_written: bool = False) -> PageExtras:
    """Share link and QR code for every page; edit, history and last change where a file backs it.

    Generated pages that no single file backs (the index, comparisons, handouts) get none of
    these; the footer shows the last change (and history) only for a file git has a date for.
    """
    share_url = settings.public(url)
    if src_uri in site.plan.handouts:
        # A printed handout's code opens the page it was printed from, where the reader goes next.
        share_url = settings.public(_page_of_handout(url))
    term = site.term_for_page(src_uri)
    lang = language_of(src_uri)
    text = UI_TEXT.get(lang, UI_TEXT[SOURCE_LANGUAGE])
    # A term's page in another language is made from the same file as its English page.
    translated = site.term_for_page(english_address(src_uri)) if lang != SOURCE_LANGUAGE else None
    translated = translated if translated is not None and translated.translation(lang) else None
    label = text["qr_term"].format(term=term.term) if term is not None else text["qr_label"]
    if term is not None:
        source, labels = term.path, TERM_SOURCE
    elif translated is not None:
        source, labels = translated.path, SourceLabels(text["term_changed"], text["term_history"])
        label = text["qr_term"].format(term=translated.translation(lang).term)
    elif hand_written:
        source, labels = f"docs/{src_uri}", (PAGE_SOURCE if lang == SOURCE_LANGUAGE
                                             else SourceLabels(text["page_changed"], text["page_history"]))
    elif src_uri == MATRIX_PAGE:
        source, labels = DATA_ELEMENTS_FILE, DATA_SOURCE
    else:
        source, labels = None, None
    repo = f"https://github.com/{settings.repository}" if settings.repository else ""
    jsonld = None
    if term is not None:
        url_of, index_url = _public_term_urls(site, settings)
        jsonld = defined_term_jsonld(term, site.glossary, url_of, index_url)
    return PageExtras(
        share_url=share_url,
        qr_svg=qr_svg(share_url, label, site.qr_path),
        edit_url=f"{repo}/edit/{settings.branch}/{source}" if repo and source else None,
        history_url=f"{repo}/commits/{settings.branch}/{source}" if repo and source else None,
        last_changed=site.content.changed.get(source) if source else None,
        jsonld=jsonld,
        suggest_url=(suggest_change_url(settings.repository, term or translated)
                     if settings.repository and (term or translated) else None),
        report_url=report_problem_url(settings.repository, share_url) if settings.repository and hand_written
        else None,
        feed_url=relative_url(FEED_FILE, url),
        labels=labels,
        **_language_extras(site, settings, src_uri, url, lang, text),
    )


def _language_extras(site: Site, settings: SiteSettings, src_uri: str, url: str, lang: str,
                     text: Mapping[str, str]) -> dict:
    """The page's language, its language selector and, in a translation language, its navigation."""
    url_of = _url_of(settings)
    public = settings.public if settings.directory_urls else (lambda address: relative_url(address, url))
    return {"lang": lang, "text": text,
            "alternates": tuple(page_alternates(src_uri, url, site.urls, url_of, public)),
            "nav": tuple(translated_nav(src_uri, url, site.urls, url_of, settings.translated_navs))}


def _url_of(settings: SiteSettings):
    """A page's URL from its source path, as both engines give it (the build's own table holds source
    paths while the generation step converts pages)."""
    return lambda src_uri: page_url(src_uri, settings.directory_urls)


def _page_of_handout(url: str) -> str:
    """The address of the page a handout belongs to, from the handout's own (`<page>/handout/`, or
    `<page>/handout.html` in the offline copy): the same in every engine, whatever its URL registry
    holds at the time."""
    if url.endswith("/handout/"):
        return url[: -len("handout/")]
    if url.endswith("/handout.html"):
        return url[: -len("/handout.html")] + ".html"
    return url


def site_files(site: Site, settings: SiteSettings) -> dict[str, str | bytes]:
    """Files published next to the pages: the machine-readable glossary, the feed, the checker's
    rules and the data dictionaries' downloads."""
    url_of, index_url = _public_term_urls(site, settings)
    files = export_files(site.glossary, url_of, scheme_url=index_url, last_changed=site.content.last_changed)
    files[FEED_FILE] = news_feed(list(site.plan.news), site.glossary, settings.site_name,
                                 settings.public(site.urls[WHATS_NEW_PAGE]), settings.absolute(FEED_FILE),
                                 url_of, lambda src_uri: settings.public(site.urls[src_uri]), site.plan.titles)
    if settings.directory_urls:
        files.update(alternate_sitemaps(list(site.urls), _url_of(settings), settings.public))
    return {**files, **site.checker_files(), **site.dictionary_files()}


def _public_term_urls(site: Site, settings: SiteSettings):
    """Public address of each term page, and of the glossary index (the set they belong to)."""
    return (lambda term_id: settings.public(site.url_of(term_id)),
            settings.public(site.urls[GLOSSARY_INDEX]))
