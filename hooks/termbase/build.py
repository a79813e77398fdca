"""One build of the site, independent of the site engine.

The adapter calls these steps in order: load content, list generated pages, link each page
while it renders, then fill what needs every page (backlinks, handouts) before templates run.
"""

from __future__ import annotations

import base64
import json
import posixpath
from dataclasses import dataclass, field
from pathlib import Path

from .buildcache import BuildCache, content_key, is_list_of, is_text
from .checker.columncheck import ColumnChecker
from .checker.columnrules import compile_column_rules
from .checker.dictionaryverdicts import DataSetVerdict, cached_name_rules, classify_data_set, shared_as_problems
from .checker.linkage import all_linkages
from .linking.a11y import name_task_checkboxes
from .linking.linker import GlossaryLinkExtension, MentionLinker, PageContext
from .linking.matcher import Matcher
from .linking.sanitize import clean_html, render_inline_safe, render_markdown_safe
from .linking.searchcopy import SearchCopies
from .linking.translatedlinks import translated_linkers
from .linking.urls import relative_url
from .linking.text import md_escape, text_of_html
from .loading.convenings import read_convenings
from .loading.datafiles import DATA_ELEMENTS_FILE, DataElementMatrix, load_data_elements
from .loading.frontmatter import page_title, read_front_matter
from .loading.dictionaries import DICTIONARIES_DIR, Dictionaries, load_dictionaries
from .loading.glossary import Glossary
from .loading.history import HistoryReader, SiteHistory
from .loading.jurisdictions import JURISDICTIONS
from .loading.loader import load_glossary
from .loading.plaintext import plain_text
from .loading.problems import InvalidContent
from .loading.sharedelements import SHARED_ELEMENTS_FILE, load_shared_elements
from .pages.datasetpages import (crosswalk_page, data_set_page, data_sets_index, download_path, elements_page,
                                 linkage_page, site_data_sets_section, term_columns_section)
from .pages.checkerpage import CHECKER_PAGE, LEGEND_MARKER, RULES_FILE, legend_markdown, linked_terms, rules_script
from .pages.handout import handout
from .pages.historypages import HISTORY_PAGES, history_pages, term_history_sections
from .pages.reference import data_element_page
from .pages.snippets import local_usage_table, terms_on_page, used_in
from .pages.termpages import USED_IN_PLACEHOLDER, comparison_page, front_matter, glossary_index, term_page
from .pages.translatedhandout import handout_words
from .pages.translationpages import translation_pages
from .pages.whatsnew import NewsItem, site_news
from .sitefiles.redirects import short_link_pages
from .sitefiles.searchindex import add_terms
from .sitefiles.share import qr_path

GLOSSARY_INDEX = "glossary/index.md"
COMPARE_PAGE = "glossary/compare.md"
DATA_ELEMENTS_PAGE = "reference/data-elements.md"
HANDOUT_PLACEHOLDER = '<div id="kb-handout"></div>'
TERMS_ON_PAGE_PLACEHOLDER = '<div id="kb-terms-on-page"></div>'
LOCAL_USAGE_PLACEHOLDER = '<div id="kb-local-usage"></div>'
_QR_ENTRY = is_list_of(int, str)  # what qr_path gives: (modules per side, SVG path)
_DOWNLOADS_ENTRY = is_list_of(str, str, str)  # what _downloads gives


@dataclass
class PageRecord:
    src_uri: str
    title: str  # plain text (MkDocs' page.title is HTML)
    url: str
    mentioned: list[str] = field(default_factory=list)


@dataclass
class BuildState:
    root: Path
    glossary: Glossary
    matrix: DataElementMatrix
    tooltips: dict[str, str]
    linker: MentionLinker
    changed: dict[str, str]
    history: SiteHistory
    news: list[NewsItem] = field(default_factory=list)  # What's new, newest first
    handouts: dict[str, str] = field(default_factory=dict)  # handout src_uri -> session src_uri
    plain_handouts: set[str] = field(default_factory=set)  # handouts that give plain definitions
    local_usage_pages: dict[str, str] = field(default_factory=dict)  # page src_uri -> jurisdiction id
    urls: dict[str, str] = field(default_factory=dict)  # src_uri -> site-relative URL
    records: dict[str, PageRecord] = field(default_factory=dict)
    column_rules: dict | None = None  # the data-set checker's rules, when the data file has them
    _mentioned_on: dict[str, list[PageRecord]] | None = None  # term id -> pages, built once per build
    search_copies: SearchCopies = field(default_factory=SearchCopies)  # engines whose search reads HTML
    _titles: dict[str, str] = field(default_factory=dict)  # hand-written page -> its title
    cache: BuildCache = field(default_factory=BuildCache)  # results kept between builds (buildcache.py)
    dictionaries: Dictionaries | None = None
    data_set_verdicts: dict[str, DataSetVerdict] = field(default_factory=dict)  # data-set page -> verdict
    linked_terms: dict[str, set[str]] = field(default_factory=dict)  # generated page -> terms it links itself
    fills: dict[str, dict] = field(default_factory=dict)  # generated page -> placeholder -> its HTML's maker

    # -- 1. content ---------------------------------------------------------------------------
    def link_extension(self) -> GlossaryLinkExtension:
        return GlossaryLinkExtension(lambda: self.linker)

    def term_for_page(self, src_uri: str):
        if src_uri.startswith("glossary/") and src_uri.count("/") == 1:
            return self.glossary.terms.get(posixpath.splitext(src_uri[len("glossary/"):])[0])
        return None

    def is_cleaned(self, src_uri: str) -> bool:
        """Pages whose rendered HTML goes through the allow-list: every page made from YAML."""
        return self.is_generated_from_yaml(src_uri) or src_uri == DATA_ELEMENTS_PAGE

    def is_generated_from_yaml(self, src_uri: str) -> bool:
        return (self.term_for_page(src_uri) is not None or src_uri in self.handouts
                or src_uri in (GLOSSARY_INDEX, COMPARE_PAGE, *HISTORY_PAGES) or src_uri in self.linked_terms)

    # -- 2. generated pages -------------------------------------------------------------------
    def generated_pages(self, existing: set[str]) -> list[tuple[str, str, bool]]:
        """(src_uri, Markdown, listed in navigation). Term pages stay out of the navigation.

        `existing` are the hand-written pages, so generated pages link only to pages that exist.
        """
        generated = [(t.src_uri, term_page(t, self.glossary, existing,
                                           term_history_sections(t, self.history, self.title_of),
                                           self.term_columns(t.id)), False)
                     for t in self.glossary]
        generated.append((GLOSSARY_INDEX, glossary_index(self.glossary), True))
        generated.append((COMPARE_PAGE, comparison_page(self.glossary), True))
        for page in translation_pages(self.glossary, self.history.repo):  # es/glossary/..., the status page
            self.linked_terms[page.src_uri] = page.links_terms  # sanitised; the terms it lists count as mentioned
            generated.append((page.src_uri, page.markdown, page.in_nav))
        checker = "../" + CHECKER_PAGE if CHECKER_PAGE in existing and self.column_rules else None
        generated.append((DATA_ELEMENTS_PAGE, data_element_page(self.matrix, self.glossary, checker), True))
        generated += self.data_set_pages(existing)
        self.news = site_news(self.glossary, self.history, sorted(existing))
        generated += history_pages(self.glossary, self.history, self.news, self.title_of, existing)
        return generated

    def data_set_pages(self, existing: set[str]) -> list[tuple[str, str, bool]]:
        """The data dictionaries' pages; the overview pages are in the navigation, each data set
        is reached from them."""
        if not self.dictionaries or not (len(self.dictionaries) or self.dictionaries.elements.elements):
            return []  # a site without dictionaries or shared elements has no such pages
        d, glossary = self.dictionaries, self.glossary
        pages = [(data_sets_index(d, self.data_set_verdicts, glossary, existing), True),
                 (elements_page(d, glossary, existing), True),
                 (crosswalk_page(d, glossary, existing), True),
                 (linkage_page(all_linkages(d), d, glossary, existing), True)]
        pages += [(data_set_page(data_set, self.data_set_verdicts[data_set.src_uri], d, glossary, self.matrix,
                                 existing, render_inline_safe), False) for data_set in d]
        for page, _ in pages:
            self.linked_terms[page.src_uri] = page.links_terms
            self.fills[page.src_uri] = page.fills
        return [(page.src_uri, page.markdown, in_nav) for page, in_nav in pages]

    def term_columns(self, term_id: str) -> str:
        if not self.dictionaries:
            return ""
        return term_columns_section(self.dictionaries.columns_for_term(term_id))

    def title_of(self, src_uri: str) -> str:
        """Title of a hand-written page (docs-relative path), read from its source once a build."""
        if src_uri not in self._titles:
            try:
                text = (self.root / "docs" / src_uri).read_text(encoding="utf-8")
            except OSError:
                return src_uri
            fallback = posixpath.splitext(posixpath.basename(src_uri))[0].replace("-", " ").capitalize()
            self._titles[src_uri] = page_title(text, fallback)
        return self._titles[src_uri]

    def handout_page(self, session_src: str, session_markdown: str) -> tuple[str, str] | None:
        """A handout page for a session note whose front matter says `handout: true`."""
        meta = read_front_matter(session_markdown)
        if meta.get("handout") not in (True, "plain"):
            return None
        if meta.get("handout") == "plain":  # for residents: each term's plain definition where it has one
            self.plain_handouts.add(posixpath.splitext(session_src)[0] + "/handout.md")
        src_uri = posixpath.splitext(session_src)[0] + "/handout.md"
        self.handouts[src_uri] = session_src
        # A front-matter title is HTML to MkDocs; a heading is Markdown. The handout wants text.
        title = (text_of_html(str(meta["title"])) if meta.get("title")
                 else plain_text(_first_heading(session_markdown))) or "Session"
        label = handout_words(session_src)["title"]  # "Handout", in the page's language
        markdown = (front_matter(title=f"{label}: {title}", autolink=False, search={"exclude": True})
                    + f"# {label}: {md_escape(title)}\n\n{HANDOUT_PLACEHOLDER}\n")
        return src_uri, markdown

    def short_link_files(self) -> list[tuple[str, str]]:
        return short_link_pages(self.glossary, self.url_of)

    def remember_urls(self, urls: dict[str, str]) -> None:
        self.urls.update(urls)
        self.linker.term_urls = {t.id: urls[t.src_uri] for t in self.glossary if t.src_uri in urls}

    def url_of(self, term_id: str) -> str:
        return self.urls[self.glossary[term_id].src_uri]

    # -- 3. each page -------------------------------------------------------------------------
    def page_markdown(self, src_uri: str, page_url: str, meta: dict, markdown: str) -> str:
        """Before a page renders: set the linker up for it and add engine-made sections."""
        term = self.term_for_page(src_uri)
        self.linker.context = PageContext(page_url=page_url, enabled=meta.get("autolink", True) is not False,
                                          self_term=term.id if term else None)
        if src_uri == CHECKER_PAGE and self.column_rules:
            markdown = self.checker_page_markdown(src_uri, markdown)
        jurisdiction = meta.get("jurisdiction")
        if jurisdiction:
            markdown += "\n\n" + self.local_usage_section(str(jurisdiction), src_uri)
            if self.dictionaries is not None and len(self.dictionaries):
                markdown += "\n" + site_data_sets_section(self.dictionaries.for_jurisdiction(str(jurisdiction)),
                                                          src_uri)
        handout_src = posixpath.splitext(src_uri)[0] + "/handout.md"
        if handout_src in self.handouts:
            link = posixpath.relpath(handout_src, posixpath.dirname(src_uri) or ".")
            markdown += (f'\n\n<p class="kb-handout-link" markdown>:material-printer: '
                         f"[{handout_words(src_uri)['link']}]({link})</p>\n")
        return markdown

    def checker_page_markdown(self, src_uri: str, markdown: str) -> str:
        """The data-set checker page gets the words it looks for, from the data file."""
        legend = legend_markdown(self.column_rules, src_uri, lambda t: self.glossary[t].term)
        if LEGEND_MARKER in markdown:
            return markdown.replace(LEGEND_MARKER, legend, 1)
        return markdown + "\n\n" + legend

    def checker_files(self) -> dict[str, str]:
        """The checker's rules as a script, with the site-relative URLs its verdicts link to."""
        if not self.column_rules or DATA_ELEMENTS_PAGE not in self.urls:
            return {}
        terms = linked_terms(self.column_rules)
        return {RULES_FILE: rules_script(self.column_rules, self.urls[DATA_ELEMENTS_PAGE],
                                         {t: self.url_of(t) for t in terms},
                                         {t: self.glossary[t].term for t in terms})}

    def dictionary_files(self) -> dict[str, str | bytes]:
        """Each data dictionary as CSV, XLSX and Frictionless JSON, beside its page.

        Kept in the build cache by the file's content: a workbook takes openpyxl tens of ms.
        """
        files: dict[str, str | bytes] = {}
        for data_set in self.dictionaries or ():
            key = content_key(json.dumps(data_set.descriptor, sort_keys=True, ensure_ascii=False))
            csv_text, xlsx_base64, package = self.cache.get(
                "downloads", key, lambda d=data_set.descriptor: list(_downloads(d)), _DOWNLOADS_ENTRY)
            files[download_path(data_set, "csv")] = csv_text
            files[download_path(data_set, "xlsx")] = base64.b64decode(xlsx_base64)
            files[download_path(data_set, "datapackage.json")] = package
        return files

    def local_usage_section(self, jurisdiction: str, src_uri: str) -> str:
        name = JURISDICTIONS.get(jurisdiction, jurisdiction)
        usages = self.glossary.by_jurisdiction().get(jurisdiction, [])
        lines = ["## Local usage of terms", ""]
        if not usages:
            lines.append(f"No local usage is recorded for {md_escape(name)} yet. Add one to a term's "
                         "`local_usage` field (see the contributing guide).")
        else:
            # Filled with escaped HTML once the page is rendered (finish_page): notes come from YAML.
            self.local_usage_pages[src_uri] = jurisdiction
            lines.append(LOCAL_USAGE_PLACEHOLDER)
        return "\n".join(lines) + "\n"

    def page_content(self, src_uri: str, title_html: str, url: str, html: str) -> str:
        """After a page renders: remember its mentions, sanitize YAML-made pages, mark where the
        term list goes.

        `title_html` is the page title as MkDocs gives it (HTML); records keep its text.
        """
        mentioned = list(self.linker.context.mentioned)
        usages = self.glossary.by_jurisdiction().get(self.local_usage_pages.get(src_uri, ""), [])
        # The local-usage table is about its terms: the page uses them (backlinks, term list); so
        # are the terms a generated page links itself, and those the checker's verdicts link to.
        mentioned = list(dict.fromkeys([*mentioned, *(term.id for term, _ in usages),
                                        *sorted(self.linked_terms.get(src_uri, ())),
                                        *(linked_terms(self.column_rules)
                                          if src_uri == CHECKER_PAGE and self.column_rules else ())]))
        mentioned = [term_id for term_id in mentioned if term_id in self.glossary]
        self.records[src_uri] = PageRecord(src_uri, text_of_html(title_html), url, mentioned)
        for placeholder, fill in self.fills.get(src_uri, {}).items():
            html = html.replace(placeholder, fill(lambda src, anchor="": relative_url(self.urls[src], url)
                                                  + (f"#{anchor}" if anchor else "")), 1)
        if self.is_generated_from_yaml(src_uri):
            return self.clean(html)
        if self.is_cleaned(src_uri):
            html = self.clean(html)  # the matrix: made from the data file, but keeps its term list
        html = name_task_checkboxes(html)
        if self.linker.context.enabled and mentioned:
            html += TERMS_ON_PAGE_PLACEHOLDER
        return html

    def clean(self, html: str) -> str:
        """`clean_html`, or its result for the same HTML in an earlier build."""
        return self.cache.get("sanitised", content_key(html), lambda: clean_html(html), is_text)

    def qr_path(self, url: str) -> list:
        """`qr_path` for a page's public address, or its result in an earlier build."""
        return self.cache.get("qr", url, lambda: list(qr_path(url)), _QR_ENTRY)

    # -- 4. after every page ------------------------------------------------------------------
    def finish_page(self, src_uri: str, html: str, site_url: str = "") -> str:
        """Fill what needed every page first and belongs in the search index: handouts.

        `site_url` is the public address handouts print once, before each term's short link.
        Jurisdiction pages get their local-usage table here too (both engines call this).
        """
        if src_uri in self.local_usage_pages and src_uri in self.records:
            usages = self.glossary.by_jurisdiction().get(self.local_usage_pages[src_uri], [])
            table = local_usage_table(usages, self.records[src_uri].url, self.url_of, render_inline_safe)
            return html.replace(LOCAL_USAGE_PLACEHOLDER, table, 1)
        if src_uri in self.handouts:
            session = self.records.get(self.handouts[src_uri])
            if session is None:
                return html
            body = handout(session.mentioned, self.glossary, self.urls[src_uri], self.url_of,
                           render_markdown_safe, session.title, session.url, site_url,
                           plain=src_uri in self.plain_handouts)
            return html.replace(HANDOUT_PLACEHOLDER, body, 1)
        return html

    def finish_output(self, src_uri: str, html: str, exclude_from_search: bool = False) -> str:
        """Fill the lists search has no use for into a page's HTML, once the search index has
        read it: "Used in" backlinks of term pages, "Terms on this page" elsewhere.

        The index then neither parses nor stores them, and no marker is needed to exclude them.
        An engine whose index reads them anyway asks for the marker with `exclude_from_search`.
        """
        term = self.term_for_page(src_uri)
        if term is not None:
            pages = [(r.title, r.url) for r in self.pages_mentioning(term.id)]
            return html.replace(USED_IN_PLACEHOLDER, used_in(pages, self.url_of(term.id)), 1)
        if TERMS_ON_PAGE_PLACEHOLDER in html:
            record = self.records[src_uri]
            section = terms_on_page(record.mentioned, self.glossary, record.url, self.url_of, self.tooltips,
                                    exclude_from_search)
            return html.replace(TERMS_ON_PAGE_PLACEHOLDER, section, 1)
        return html

    def pages_mentioning(self, term_id: str) -> list[PageRecord]:
        """Backlinks, from an index made once (not a scan of every page for every term)."""
        if self._mentioned_on is None:
            self._mentioned_on = {}
            for record in self.records.values():
                if record.src_uri in self.handouts:
                    continue
                for mentioned in record.mentioned:
                    self._mentioned_on.setdefault(mentioned, []).append(record)
        return self._mentioned_on.get(term_id, [])

    def search_index(self, index: dict) -> dict:
        """The site's search index with every term's names on its page's entry."""
        return add_terms(index, [(t, self.url_of(t.id)) for t in self.glossary if t.src_uri in self.urls],
                         self.tooltips)

    def last_changed(self, term_id: str) -> str | None:
        return self.changed.get(self.glossary[term_id].path)


def load_content(root: Path) -> BuildState:
    """Load and check the content, then prepare the linker; raise InvalidContent with every problem."""
    reader = HistoryReader(root)  # git runs while the term files load
    cache = BuildCache.open(root)
    content = check_content(root, cache)
    glossary = content.glossary
    history = reader.finish(glossary, cache)
    tooltips = {t.id: plain_text(t.definition) for t in glossary}
    matcher = Matcher((name, t.id) for t in glossary for name in t.names)
    linker = MentionLinker(matcher, tooltips, {t.id: t.url for t in glossary},
                           frozenset(t.id for t in glossary if t.autolink), {t.id: t.term for t in glossary})
    linker.translations = translated_linkers(glossary, linker)
    return BuildState(root=root, glossary=glossary, matrix=content.matrix, tooltips=tooltips, linker=linker,
                      changed=history.repo.last_changed(), column_rules=content.column_rules, history=history,
                      cache=cache, dictionaries=content.dictionaries, data_set_verdicts=content.verdicts)


@dataclass(frozen=True)
class Content:
    """Everything read from the repository's files and checked, before any page is made."""

    glossary: Glossary
    matrix: DataElementMatrix
    dictionaries: Dictionaries
    column_rules: dict | None  # the data-set checker's rules, when the data file has them
    verdicts: dict[str, DataSetVerdict]  # data-set page src_uri -> what its columns hold


def check_content(root: Path, cache: BuildCache | None = None) -> Content:
    """Load the glossary, data files and data dictionaries under `root`; raise InvalidContent
    with every problem."""
    problems = []
    glossary = matrix = dictionaries = None
    try:
        glossary = load_glossary(root / "glossary", root, cache)
    except InvalidContent as error:
        problems += error.problems
    try:
        matrix = load_data_elements(root / DATA_ELEMENTS_FILE, root, glossary)
    except InvalidContent as error:
        problems += error.problems
    try:
        elements = load_shared_elements(root / SHARED_ELEMENTS_FILE, SHARED_ELEMENTS_FILE, glossary)
        dictionaries = load_dictionaries(root / DICTIONARIES_DIR, root, elements, glossary, cache)
    except InvalidContent as error:
        problems += error.problems
    try:
        read_convenings(root / "docs", root)  # their dates, for What's new
    except InvalidContent as error:
        problems += error.problems
    rules, verdicts = None, {}
    if matrix is not None:
        rules = compile_column_rules(matrix.elements, matrix.column_names) if matrix.column_names else None
        if dictionaries is not None:
            name_rules = cached_name_rules(ColumnChecker(rules) if rules else None, cache)
            names = {row.letter: row.element for row in matrix.elements}
            for data_set in dictionaries:
                verdict = classify_data_set(data_set, name_rules, matrix)
                verdicts[data_set.src_uri] = verdict
                problems += shared_as_problems(verdict, names)
    if problems:
        raise InvalidContent(problems)
    return Content(glossary, matrix, dictionaries, rules, verdicts)


def _downloads(descriptor: dict) -> tuple[str, str, str]:
    """(CSV, XLSX as base64, Frictionless JSON) of one dictionary: JSON-ready, for the cache."""
    # Imported here: openpyxl takes a tenth of a second, which a build with every download
    # cached (and the check script) need not pay.
    from .sitefiles.dictionaryfiles import dictionary_csv, dictionary_xlsx, frictionless_json

    return (dictionary_csv(descriptor), base64.b64encode(dictionary_xlsx(descriptor)).decode("ascii"),
            frictionless_json(descriptor))


def _first_heading(markdown: str) -> str:
    for line in markdown.splitlines():
        if line.startswith("# "):
            return line[2:].strip()
    return ""
