"""One build of the site, independent of the site engine, in four stages. Each stage's object is
made from the one before, so no call can come before what it needs:

    load_content(root)            -> Content       read and checked once, immutable (content.py)
    plan_site(content, pages)     -> SitePlan      the pages the engine makes (plan.py)
    Site(content, plan, urls)                      each page converted: start_page, page_content
    site.all_rendered()           -> RenderedSite  what needs every page: handouts, backlinks, search

The engine's adapter (hooks/glossary.py for MkDocs, sitegen.py for the generation step) calls
them from its events; ARCHITECTURE.md has the picture.
"""

from __future__ import annotations

import base64
import json
import posixpath
from dataclasses import dataclass
from functools import cached_property
from types import MappingProxyType
from typing import Iterable, Mapping

from .buildcache import BuildCache, content_key, is_list_of, is_text
from .content import Content
from .linking.a11y import name_task_checkboxes
from .linking.linker import MentionLinker, PageContext
from .linking.matcher import Matcher
from .linking.sanitize import clean_html, render_inline_safe, render_markdown_safe
from .linking.translatedlinks import translated_linkers
from .linking.text import md_escape
from .linking.urls import SiteUrls, relative_url
from .loading.datafiles import MATRIX_PAGE
from .loading.jurisdictions import JURISDICTIONS
from .loading.model import Term, term_of_page
from .loading.plaintext import text_of_html
from .pages.checkerpage import CHECKER_PAGE, LEGEND_MARKER, RULES_FILE, legend_markdown, linked_terms, rules_script
from .pages.datasetpages import download_path, site_data_sets_section
from .pages.handout import handout
from .pages.snippets import local_usage_table, terms_on_page, used_in
from .pages.termpages import USED_IN_PLACEHOLDER
from .pages.translatedhandout import handout_words
from .plan import HANDOUT_PLACEHOLDER, SitePlan
from .sitefiles.redirects import short_link_pages
from .sitefiles.searchindex import add_terms
from .sitefiles.share import qr_path

TERMS_ON_PAGE_PLACEHOLDER = '<div id="kb-terms-on-page"></div>'
LOCAL_USAGE_PLACEHOLDER = '<div id="kb-local-usage"></div>'
_QR_ENTRY = is_list_of(int, str)  # what qr_path gives: (modules per side, SVG path)
_DOWNLOADS_ENTRY = is_list_of(str, str, str)  # what _downloads gives


@dataclass(frozen=True)
class PageRecord:
    """What other pages read of a converted page: its title, address and the terms it uses."""

    src_uri: str
    title: str  # plain text (MkDocs' page.title is HTML)
    url: str
    mentioned: tuple[str, ...] = ()
    local_usage: str | None = None  # the jurisdiction whose local-usage table the page shows


@dataclass(frozen=True)
class ConvertingPage:
    """One page between `start_page` and `page_content`: what its conversion needs and finds.

    The engine hands `context` to the linker's Markdown extension for this page's conversion
    (`GlossaryLinkExtension.link_next_conversion`); the linker writes the terms it finds into it.
    """

    src_uri: str
    url: str
    context: PageContext
    local_usage: str | None  # the jurisdiction whose usage table goes in once the page is rendered


class Site:
    """The third stage: the content, the plan and the URL registry of one build; converts pages.

    Each converted page leaves its record; `all_rendered` ends the stage.
    """

    def __init__(self, content: Content, plan: SitePlan, urls: SiteUrls, cache: BuildCache):
        self.content, self.plan, self.urls, self.cache = content, plan, urls, cache
        self.glossary = content.glossary
        self._records: dict[str, PageRecord] = {}

    @cached_property
    def linker(self) -> MentionLinker:
        """The linker of this registry's addresses (made on first use: a registry only used
        for share data needs none)."""
        glossary = self.glossary
        matcher = Matcher((name, t.id) for t in glossary for name in t.names)
        linker = MentionLinker(matcher, self.content.tooltips, MappingProxyType(self.urls.terms(glossary.terms)),
                               frozenset(t.id for t in glossary if t.autolink), {t.id: t.term for t in glossary})
        linker.translations = translated_linkers(glossary, linker)
        return linker

    @property
    def records(self) -> Mapping[str, PageRecord]:
        """The pages converted so far, in the order they were."""
        return MappingProxyType(self._records)

    def url_of(self, term_id: str) -> str:
        return self.urls.term(term_id)

    def term_for_page(self, src_uri: str) -> Term | None:
        term_id = term_of_page(src_uri)
        return self.glossary.terms.get(term_id) if term_id else None

    # -- files beside the pages ---------------------------------------------------------------
    def short_link_files(self) -> list[tuple[str, str]]:
        return short_link_pages(self.glossary, self.url_of)

    def checker_files(self) -> dict[str, str]:
        """The checker's rules as a script, with the site-relative URLs its verdicts link to."""
        rules = self.content.column_rules
        if not rules or MATRIX_PAGE not in self.urls:
            return {}
        terms = linked_terms(rules)
        return {RULES_FILE: rules_script(rules, self.urls[MATRIX_PAGE], {t: self.url_of(t) for t in terms},
                                         {t: self.glossary[t].term for t in terms})}

    def dictionary_files(self) -> dict[str, str | bytes]:
        """Each data dictionary as CSV, XLSX and Frictionless JSON, beside its page.

        Kept in the build cache by the file's content: a workbook takes openpyxl tens of ms.
        """
        files: dict[str, str | bytes] = {}
        for data_set in self.content.dictionaries or ():
            key = content_key(json.dumps(data_set.descriptor, sort_keys=True, ensure_ascii=False))
            csv_text, xlsx_base64, package = self.cache.get(
                "downloads", key, lambda d=data_set.descriptor: list(_downloads(d)), _DOWNLOADS_ENTRY)
            files[download_path(data_set, "csv")] = csv_text
            files[download_path(data_set, "xlsx")] = base64.b64decode(xlsx_base64)
            files[download_path(data_set, "datapackage.json")] = package
        return files

    def qr_path(self, url: str) -> list:
        """`qr_path` for a page's public address, or its result in an earlier build."""
        return self.cache.get("qr", url, lambda: list(qr_path(url)), _QR_ENTRY)

    # -- each page ----------------------------------------------------------------------------
    def start_page(self, src_uri: str, page_url: str, meta: Mapping, markdown: str) -> tuple[str, ConvertingPage]:
        """Before a page converts: the engine's sections added to its Markdown, and what its
        conversion needs."""
        term = self.term_for_page(src_uri)
        context = PageContext(page_url=page_url, enabled=meta.get("autolink", True) is not False,
                              self_term=term.id if term else None)
        if src_uri == CHECKER_PAGE and self.content.column_rules:
            markdown = self._checker_page_markdown(src_uri, markdown)
        jurisdiction = str(meta["jurisdiction"]) if meta.get("jurisdiction") else None
        local_usage = None
        if jurisdiction:
            section, local_usage = self._local_usage_section(jurisdiction)
            markdown += "\n\n" + section
            if self.content.dictionaries is not None and len(self.content.dictionaries):
                markdown += "\n" + site_data_sets_section(self.content.dictionaries.for_jurisdiction(jurisdiction),
                                                          src_uri)
        handout_src = posixpath.splitext(src_uri)[0] + "/handout.md"
        if handout_src in self.plan.handouts:
            link = posixpath.relpath(handout_src, posixpath.dirname(src_uri) or ".")
            markdown += (f'\n\n<p class="kb-handout-link" markdown>:material-printer: '
                         f"[{handout_words(src_uri)['link']}]({link})</p>\n")
        return markdown, ConvertingPage(src_uri, page_url, context, local_usage)

    def _checker_page_markdown(self, src_uri: str, markdown: str) -> str:
        """The data-set checker page gets the words it looks for, from the data file."""
        legend = legend_markdown(self.content.column_rules, src_uri, lambda t: self.glossary[t].term)
        if LEGEND_MARKER in markdown:
            return markdown.replace(LEGEND_MARKER, legend, 1)
        return markdown + "\n\n" + legend

    def _local_usage_section(self, jurisdiction: str) -> tuple[str, str | None]:
        """(the section's Markdown, the jurisdiction if its table goes in once the page is rendered)."""
        name = JURISDICTIONS.get(jurisdiction, jurisdiction)
        lines = ["## Local usage of terms", ""]
        if not self.glossary.by_jurisdiction().get(jurisdiction):
            lines.append(f"No local usage is recorded for {md_escape(name)} yet. Add one to a term's "
                         "`local_usage` field (see the contributing guide).")
            return "\n".join(lines) + "\n", None
        # Filled with escaped HTML once the page is rendered (finish_page): notes come from YAML.
        lines.append(LOCAL_USAGE_PLACEHOLDER)
        return "\n".join(lines) + "\n", jurisdiction

    def page_content(self, page: ConvertingPage, title_html: str, html: str) -> str:
        """After a page converts: record its mentions, sanitize pages made from YAML, mark where
        the term list goes.

        `title_html` is the page title as MkDocs gives it (HTML); records keep its text.
        """
        src_uri, url = page.src_uri, page.url
        usages = self.glossary.by_jurisdiction().get(page.local_usage or "", [])
        rules = self.content.column_rules
        # The local-usage table is about its terms: the page uses them (backlinks, term list); so
        # are the terms a generated page links itself, and those the checker's verdicts link to.
        mentioned = dict.fromkeys([*page.context.mentioned, *(term.id for term, _ in usages),
                                   *sorted(self.plan.links_terms(src_uri)),
                                   *(linked_terms(rules) if src_uri == CHECKER_PAGE and rules else ())])
        mentioned = tuple(term_id for term_id in mentioned if term_id in self.glossary)
        self._records[src_uri] = PageRecord(src_uri, text_of_html(title_html), url, mentioned, page.local_usage)
        generated = self.plan.page(src_uri)
        for placeholder, fill in (generated.fills.items() if generated else ()):
            html = html.replace(placeholder, fill(lambda src, anchor="": relative_url(self.urls[src], url)
                                                  + (f"#{anchor}" if anchor else "")), 1)
        if self.plan.is_generated_from_yaml(src_uri):
            return self.clean(html)
        if self.plan.is_cleaned(src_uri):
            html = self.clean(html)  # the matrix: made from the data file, but keeps its term list
        html = name_task_checkboxes(html)
        if page.context.enabled and mentioned:
            html += TERMS_ON_PAGE_PLACEHOLDER
        return html

    def clean(self, html: str) -> str:
        """`clean_html`, or its result for the same HTML in an earlier build."""
        return self.cache.get("sanitised", content_key(html), lambda: clean_html(html), is_text)

    def all_rendered(self, records: Mapping[str, PageRecord] | None = None) -> RenderedSite:
        """End of the stage: every page is converted. `records` replaces this build's when the
        engine converted only some pages (the preview gives the others' from its last build)."""
        return RenderedSite(self, dict(self._records if records is None else records))


class RenderedSite:
    """The fourth stage: every page's record is known, so what lists pages can be made."""

    def __init__(self, site: Site, records: dict[str, PageRecord]):
        self.site, self.records = site, MappingProxyType(records)
        self._mentioned_on = backlinks(records.values(), site.plan.handouts)

    def finish_page(self, src_uri: str, html: str, site_url: str = "") -> str:
        """Fill what needed every page first and belongs in the search index: handouts, and the
        local-usage table of jurisdiction pages.

        `site_url` is the public address handouts print once, before each term's short link.
        """
        site = self.site
        record = self.records.get(src_uri)
        if record is not None and record.local_usage:
            usages = site.glossary.by_jurisdiction().get(record.local_usage, [])
            table = local_usage_table(usages, record.url, site.url_of, render_inline_safe)
            return html.replace(LOCAL_USAGE_PLACEHOLDER, table, 1)
        planned = site.plan.handouts.get(src_uri)
        if planned is not None:
            session = self.records.get(planned.session)
            if session is None:
                return html
            body = handout(session.mentioned, site.glossary, site.urls[src_uri], site.url_of,
                           render_markdown_safe, session.title, session.url, site_url, plain=planned.plain)
            return html.replace(HANDOUT_PLACEHOLDER, body, 1)
        return html

    def finish_output(self, src_uri: str, html: str, exclude_from_search: bool = False) -> str:
        """Fill the lists search has no use for into a page's HTML, once the search index has
        read it: "Used in" backlinks of term pages, "Terms on this page" elsewhere.

        The index then neither parses nor stores them, and no marker is needed to exclude them.
        An engine whose index reads them anyway asks for the marker with `exclude_from_search`.
        """
        site = self.site
        term = site.term_for_page(src_uri)
        if term is not None:
            pages = [(r.title, r.url) for r in self.pages_mentioning(term.id)]
            return html.replace(USED_IN_PLACEHOLDER, used_in(pages, site.url_of(term.id)), 1)
        if TERMS_ON_PAGE_PLACEHOLDER in html:
            record = self.records[src_uri]
            section = terms_on_page(record.mentioned, site.glossary, record.url, site.url_of,
                                    site.content.tooltips, exclude_from_search)
            return html.replace(TERMS_ON_PAGE_PLACEHOLDER, section, 1)
        return html

    def pages_mentioning(self, term_id: str) -> list[PageRecord]:
        return self._mentioned_on.get(term_id, [])

    def search_index(self, index: dict) -> dict:
        """The site's search index with every term's names on its page's entry."""
        site = self.site
        return add_terms(index, [(t, site.url_of(t.id)) for t in site.glossary if t.src_uri in site.urls],
                         site.content.tooltips)


def backlinks(records: Iterable[PageRecord], handouts: Mapping[str, object]) -> dict[str, list[PageRecord]]:
    """Term id -> the pages that mention it, in the order of `records`: what "Used in" lists.
    A handout repeats its session page's terms, so it is not listed."""
    found: dict[str, list[PageRecord]] = {}
    for record in records:
        if record.src_uri not in handouts:
            for term_id in record.mentioned:
                found.setdefault(term_id, []).append(record)
    return found


def _downloads(descriptor: dict) -> tuple[str, str, str]:
    """(CSV, XLSX as base64, Frictionless JSON) of one dictionary: JSON-ready, for the cache."""
    # Imported here: openpyxl takes a tenth of a second, which a build with every download
    # cached (and the check script) need not pay.
    from .sitefiles.dictionaryfiles import dictionary_csv, dictionary_xlsx, frictionless_json

    return (dictionary_csv(descriptor), base64.b64encode(dictionary_xlsx(descriptor)).decode("ascii"),
            frictionless_json(descriptor))
