"""Pages made from the data dictionaries: the list of data sets, one page per data set, the
shared elements, the crosswalk (elements x data sets) and the linkage keys of each pair.

Tables are HTML with Markdown cells (md_in_html) and a `data-label` on every cell, as on the
data-element matrix, so that a phone shows one card per row (kb-matrix.css). Every value from
YAML is escaped, or kept as Markdown on purpose (descriptions), and the pages are sanitised.
"""

from __future__ import annotations

import posixpath
import re
from dataclasses import dataclass, field
from typing import Callable

from ..checker.columncheck import ALLOWED, NOT_ALLOWED, PARTLY, REVIEW
from ..checker.columnrules import KINDS, element_anchor
from ..checker.dictionaryverdicts import ColumnVerdict, DataSetVerdict
from ..checker.linkage import Linkage
from ..linking.text import escape, md_cell, md_escape, md_url, summary
from ..loading.datafiles import MATRIX_PAGE, DataElementMatrix
from ..loading.datasetkinds import KIND_BY_KEY, KIND_BY_SHARED_AS
from ..loading.dictionaries import DATA_SETS_DIR, FORMATS_FOLDER, Column, DataSet, Dictionaries
from ..loading.glossary import Glossary
from ..loading.jurisdictions import JURISDICTIONS
from ..loading.model import term_page
from ..loading.sharedelements import SharedElement
from .termpages import front_matter

DATA_SETS_INDEX = f"{DATA_SETS_DIR}/index.md"
ELEMENTS_PAGE = f"{DATA_SETS_DIR}/elements.md"
CROSSWALK_PAGE = f"{DATA_SETS_DIR}/crosswalk.md"
LINKAGE_PAGE = f"{DATA_SETS_DIR}/linkage-keys.md"
DOWNLOADS = (("csv", "CSV", "one row per column"), ("xlsx", "Excel workbook", "the same, for spreadsheets"),
             ("datapackage.json", "Frictionless Data Package (JSON)", "for tools that read Table Schema"))
DOMAIN_LABELS = {"homelessness": "Homelessness", "child-welfare": "Child welfare", "medicaid": "Medicaid",
                 "health": "Health", "behavioral-health": "Behavioral health", "education": "Education",
                 "early-childhood": "Early childhood", "income-support": "Income support",
                 "workforce": "Workforce", "justice": "Justice", "housing": "Housing", "other": "Other"}
LINKAGE_LABELS = {"direct": "Direct key: the same value means the same person in every agency",
                  "within-system": "Key within one system only",
                  "supporting": "Supporting: helps a match together with other elements",
                  "none": "Not a linkage key"}


@dataclass
class DictionaryPage:
    """A page's Markdown and the glossary terms it links explicitly (for their "Used in")."""

    src_uri: str
    markdown: str
    links_terms: set[str] = field(default_factory=set)
    # Placeholder in the Markdown -> its HTML, made once the page's address is known. Large tables
    # skip the Markdown pipeline: as md_in_html they tripled the cost of a site's build.
    fills: dict[str, Callable[["Href"], str]] = field(default_factory=dict)


Href = Callable[..., str]  # (docs-relative source path, anchor="") -> URL relative to the page being filled


def download_path(data_set: DataSet, suffix: str) -> str:
    """Site path of a dictionary download, beside the data set's page."""
    return f"{DATA_SETS_DIR}/{data_set.folder}/{data_set.id}.{suffix}"


def folder_title(folder: str) -> str:
    return "Published formats" if folder == FORMATS_FOLDER else JURISDICTIONS.get(folder, folder)


def _rel(target: str, from_src: str) -> str:
    return posixpath.relpath(target, posixpath.dirname(from_src) or ".")


class _Links:
    """Links from one generated page to terms, sites and data sets, recording the terms."""

    def __init__(self, src_uri: str, glossary: Glossary, existing: set[str]):
        self.src_uri, self.glossary, self.existing = src_uri, glossary, existing
        self.terms: set[str] = set()

    def term(self, term_id: str | None, text: str | None = None) -> str:
        if not term_id or term_id not in self.glossary:
            return md_escape(text or term_id or "")
        self.terms.add(term_id)
        name = text if text is not None else self.glossary[term_id].term
        return f"[{md_escape(name)}]({_rel(term_page(term_id), self.src_uri)})"

    def page(self, src: str, text: str, anchor: str = "") -> str:
        if src not in self.existing and src != MATRIX_PAGE and not src.startswith(DATA_SETS_DIR + "/"):
            return md_escape(text)
        return f"[{md_escape(text)}]({_rel(src, self.src_uri)}{'#' + anchor if anchor else ''})"

    def site(self, folder: str) -> str:
        return self.page(f"sites/{folder}.md", folder_title(folder)) if folder != FORMATS_FOLDER \
            else md_escape(folder_title(folder))

    def data_set(self, data_set: DataSet) -> str:
        return self.page(data_set.src_uri, data_set.title)

    def element(self, element: SharedElement) -> str:
        return self.page(ELEMENTS_PAGE, element.name, f"element-{element.id}")

    def matrix_row(self, letter: str, text: str) -> str:
        return self.page(MATRIX_PAGE, text, element_anchor(letter))


class _HtmlLinks:
    """The same links as `_Links`, as HTML for tables filled in after the page is rendered."""

    def __init__(self, href: Href, glossary: Glossary):
        self.href, self.glossary = href, glossary

    def term(self, term_id: str | None, text: str | None = None) -> str:
        if not term_id or term_id not in self.glossary:
            return escape(text or term_id or "")
        name = text if text is not None else self.glossary[term_id].term
        return f'<a href="{escape(self.href(term_page(term_id)))}">{escape(name)}</a>'

    def data_set(self, data_set: DataSet) -> str:
        return f'<a href="{escape(self.href(data_set.src_uri))}">{escape(data_set.title)}</a>'

    def element(self, element: SharedElement) -> str:
        return f'<a href="{escape(self.href(ELEMENTS_PAGE, f"element-{element.id}"))}">{escape(element.name)}</a>'


_MARKDOWN_SYNTAX = re.compile(r"[*_`\[\]<>&\\!#|~]|https?:|^\s*[-+\d]")


def _inline(markdown_text: str, render_inline: Callable[[str], str]) -> str:
    """A description from YAML as HTML: plain text escaped (most), Markdown rendered and sanitised."""
    text = " ".join(markdown_text.split())
    return escape(text) if not _MARKDOWN_SYNTAX.search(text) else render_inline(text)


def _html_code(text: str) -> str:
    return f"<code>{escape(text)}</code>"


# -- the list of data sets ------------------------------------------------------------------------
def data_sets_index(dictionaries: Dictionaries, verdicts: dict[str, DataSetVerdict], glossary: Glossary,
                    existing: set[str]) -> DictionaryPage:
    links = _Links(DATA_SETS_INDEX, glossary, existing)
    parts = [front_matter(title="Data dictionaries",
                          description="Every data set the learning community documents, column by column: "
                                      "by site and by domain."),
             "# Data dictionaries\n",
             f"{len(dictionaries)} data sets, each documented column by column in the community's shared "
             f"words: what each column holds, which {links.term('direct-identifier', 'identifiers')} "
             "it carries, and so whether the data set can be shared as a "
             f"{links.term('limited-data-set', 'limited data set')} or as "
             f"{links.term('de-identified-data', 'de-identified data')}. "
             f"Compare them through the [shared data elements](elements.md), the "
             f"[crosswalk](crosswalk.md) (one element, every local column name) and the "
             f"[linkage keys](linkage-keys.md) of each pair of data sets.\n",
             "To add your own, see [Add your data dictionary](../contributing.md#add-your-data-dictionary)."
             if "contributing.md" in existing else "", ""]
    parts.append("## By site\n")
    groups = dictionaries.by_folder()
    order = [f for f in JURISDICTIONS if f in groups] + ([FORMATS_FOLDER] if FORMATS_FOLDER in groups else [])
    for folder in order:
        parts.append(f"### {md_escape(folder_title(folder))}\n")
        if folder == FORMATS_FOLDER:
            parts.append("Published formats that many systems produce, documented from their specifications.\n")
        parts.append(_data_set_table(groups[folder], verdicts, links, show_site=False))
    parts.append("## By domain\n")
    by_domain: dict[str, list[DataSet]] = {}
    for data_set in dictionaries:
        by_domain.setdefault(data_set.domain, []).append(data_set)
    for domain in sorted(by_domain, key=lambda d: DOMAIN_LABELS.get(d, d)):
        parts.append(f"### {md_escape(DOMAIN_LABELS.get(domain, domain))}\n")
        parts.append(_data_set_table(by_domain[domain], verdicts, links, show_site=True))
    return DictionaryPage(DATA_SETS_INDEX, "\n".join(parts), links.terms)


def _data_set_table(data_sets: list[DataSet], verdicts: dict[str, DataSetVerdict], links: _Links,
                    show_site: bool) -> str:
    headings = ["Data set", *(["Site"] if show_site else []), "Columns", "Shared as", "Could be"]
    rows = []
    for data_set in data_sets:
        verdict = verdicts[data_set.src_uri]
        could = [KIND_BY_KEY[k].heading for k in ("limited_data_set", "de_identified") if verdict.can_be(k)]
        marked = data_set.illustration and "illustration" not in data_set.title.casefold()
        cells = [links.data_set(data_set) + (" *(illustration)*" if marked else ""),
                 *([links.site(data_set.folder)] if show_site else []),
                 str(len(data_set.columns)),
                 md_escape(KIND_BY_SHARED_AS[data_set.shared_as].shared_as_label),
                 md_escape(", ".join(could)) if could else "Identified only"]
        rows.append(_row(headings, cells, markdown=True))
    return _table("kb-data-sets", headings, rows, markdown=True)


# -- one data set ---------------------------------------------------------------------------------
def data_set_page(data_set: DataSet, verdict: DataSetVerdict, dictionaries: Dictionaries, glossary: Glossary,
                  matrix: DataElementMatrix, existing: set[str],
                  render_inline: Callable[[str], str]) -> DictionaryPage:
    """The page of one data set; `render_inline` turns a description's Markdown into safe HTML."""
    links = _Links(data_set.src_uri, glossary, existing)
    fills: dict[str, Callable[[Href], str]] = {}
    elements = dictionaries.elements.by_id()
    # No table of contents beside it: the column table gets the width, as on the matrix.
    parts = [front_matter(title=data_set.title, description=summary(data_set.description, 160), hide=["toc"]),
             f"# {md_escape(data_set.title)}\n"]
    if data_set.illustration:
        parts.append('!!! example "An illustration"\n\n    A worked example written to show how a dictionary reads, '
                     "not a real site's file.\n")
    parts.append(f"{data_set.description.strip()}\n")
    parts.append(_facts(data_set, links))
    parts.append(_verdict_section(verdict, matrix, links))
    parts.append("## Columns\n")
    for table in data_set.tables:
        if len(data_set.tables) > 1:
            parts.append(f"### {md_escape(table.title)} {{ #table-{table.name} }}\n")
        if table.description:
            parts.append(f"{table.description.strip()}\n")
        if table.missing_values:
            shown = ", ".join(_code(v) if v else "an empty value" for v in table.missing_values)
            parts.append(f"Missing values are written as {shown}.\n")
        table_verdicts = [c for c in verdict.columns if c.column.table == table.name]
        # The rows' ids are in the placeholder too: engines learn a page's anchors from its Markdown,
        # and term pages link to a column's row. The table replaces the whole placeholder.
        row_ids = "".join(f'<span id="{_column_anchor(c.column)}"></span>' for c in table_verdicts)
        placeholder = f'<div id="kb-columns-{_anchor(table.name)}">{row_ids}</div>'
        fills[placeholder] = (lambda href, rows=table_verdicts: _column_table(
            rows, data_set, elements, _HtmlLinks(href, glossary), render_inline))
        parts.append(placeholder + "\n")
        links.terms |= {c.column.term for c in table_verdicts if c.column.term and c.column.term in glossary}
    parts.append("## Downloads\n")
    parts.append("\n".join(f"- [{label}]({data_set.id}.{suffix}): {text}" for suffix, label, text in DOWNLOADS)
                 + "\n")
    parts.append(f"<small>Generated from {_code(data_set.path)}, last checked {md_escape(data_set.updated)}."
                 "</small>\n")
    return DictionaryPage(data_set.src_uri, "\n".join(parts), links.terms, fills)


def _facts(data_set: DataSet, links: _Links) -> str:
    rows: list[tuple[str, str]] = []
    if data_set.is_format:
        rows.append(("Published by", md_escape(data_set.publisher) or "—"))
    else:
        rows.append(("Site", links.site(data_set.folder)))
        if data_set.agency:
            rows.append(("Held by", md_escape(data_set.agency)))
    if data_set.system:
        rows.append(("System", md_escape(data_set.system)))
    rows.append(("Domain", md_escape(DOMAIN_LABELS.get(data_set.domain, data_set.domain))))
    shared = KIND_BY_SHARED_AS[data_set.shared_as]
    rows.append(("Shared as", links.term(shared.term, shared.shared_as_label)
                 if shared.term else md_escape(shared.shared_as_label)))
    if data_set.governed_by:
        rows.append(("Governed by", ", ".join(links.term(t) for t in data_set.governed_by)))
    if data_set.source:
        version = f" ({md_escape(data_set.source.version)})" if data_set.source.version else ""
        rows.append(("Specification", f"[{md_escape(data_set.source.title)}](<{md_url(data_set.source.url)}>)"
                                      f"{version}"))
    rows.append(("Columns", f"{len(data_set.columns)} in {len(data_set.tables)} "
                            f"table{'s' if len(data_set.tables) != 1 else ''}"))
    items = "".join(f'<div markdown="1"><dt>{escape(k)}</dt><dd markdown="span">{v}</dd></div>' for k, v in rows)
    return f'<dl class="kb-facts" markdown="1">{items}</dl>\n'


def _verdict_section(verdict: DataSetVerdict, matrix: DataElementMatrix, links: _Links) -> str:
    data_set = verdict.data_set
    rows = {row.letter: row for row in matrix.elements}
    parts = ["## What its columns hold\n"]
    letters = verdict.identifiers
    if not letters:
        parts.append("None of its columns holds one of the 18 identifiers of the HIPAA "
                     f"{links.term('safe-harbor-method')}, by the file or by the column-name rules.\n")
    else:
        held = []
        for letter in letters:
            columns = [c for c in verdict.columns if c.identifier == letter]
            names = ", ".join(_code(data_set.column_name(c.column)) for c in columns)
            element = rows[letter].element if letter in rows else f"identifier {letter}"
            held.append(f"- **{escape(letter)}** {links.matrix_row(letter, element)}: {names}")
        parts.append(f"Its columns hold {len(letters)} of the 18 identifiers of the "
                     f"{links.term('safe-harbor-method')} (rows of the "
                     f"{links.page(MATRIX_PAGE, 'data-element matrix')}):\n")
        parts.append("\n".join(held) + "\n")
    for kind in ("limited_data_set", "de_identified"):
        parts.append(_kind_sentence(verdict, kind, links) + "\n")
    return "\n".join(parts)


def _kind_sentence(verdict: DataSetVerdict, kind: str, links: _Links) -> str:
    name = {"limited_data_set": links.term("limited-data-set", "limited data set"),
            "de_identified": "Safe Harbor " + links.term("de-identified-data", "de-identified data set")}[kind]
    declared = verdict.data_set.kind == kind
    blocking = verdict.blocking(kind)
    kept = [c for c in verdict.columns if c.column.reviewed and c.verdicts[kind].verdict == NOT_ALLOWED]
    reduce = [c for c in verdict.columns if c.verdicts[kind].verdict in (PARTLY, REVIEW)]
    lead = "**Shared as a** " if declared else "**As a** "
    if blocking:
        cols = ", ".join(f"{_code(verdict.data_set.column_name(c.column))} ({escape(c.identifier or '')})"
                         for c in blocking)
        text = f"{lead}{name}: **not possible** as documented; {len(blocking)} column" \
               f"{'s' if len(blocking) != 1 else ''} would have to go: {cols}."
    else:
        text = f"{lead}{name}: **possible** as documented."
    if reduce:
        text += " Only in a reduced form, or to check: " + ", ".join(
            _code(verdict.data_set.column_name(c.column)) for c in reduce) + "."
    if kept:
        text += " Kept after review: " + ", ".join(
            _code(verdict.data_set.column_name(c.column)) for c in kept) + " (see the column's note)."
    return text


def _column_table(columns: list[ColumnVerdict], data_set: DataSet, elements: dict[str, SharedElement],
                  links: _HtmlLinks, render_inline: Callable[[str], str]) -> str:
    headings = ["Column", "Meaning", "Type", "Values", "Element", "Identifier"]
    rows = []
    for verdict in columns:
        column = verdict.column
        title = f"<br>{escape(column.title)}" if column.title and column.title != column.name else ""
        required = "<br><small>required</small>" if column.required else ""
        meaning = _inline(column.description, render_inline) if column.description.strip() else "—"
        if column.term:
            meaning += f"<br><small>Term: {links.term(column.term)}</small>"
        element = elements.get(column.element) if column.element else None
        element_text = links.element(element) if element else "—"
        if element and "element" in column.suggested:
            element_text += " <small>(suggested)</small>"
        rows.append(_row(headings, [f"{_html_code(column.name)}{title}{required}", meaning, _type_text(column),
                                         _values(column), element_text, _identifier_text(verdict, data_set)],
                              row_id=_column_anchor(column)))
    return _table("kb-dictionary", headings, rows)


def _type_text(column: Column) -> str:
    text = escape(column.type)
    if column.format and column.format != "default":
        text += f"<br><small>{_html_code(column.format)}</small>"
    return text


def _values(column: Column) -> str:
    if column.codes:
        items = "; ".join(f"{_html_code(code)} {escape(label)}" for code, label in column.codes)
        return f"<small>{items}</small>"
    if column.enum:
        return "<small>" + ", ".join(escape(str(v)) for v in column.enum) + "</small>"
    return "—"


def _identifier_text(verdict: ColumnVerdict, data_set: DataSet) -> str:
    column = verdict.column
    if verdict.identifier is None and not verdict.rules_identifier:
        return "none <small>(declared)</small>" if column.identifier == "none" else "none"
    parts = []
    if verdict.identifier:
        how = "declared" if verdict.declared else "suggested by the name rules"
        form = f", {escape(verdict.form)}" if verdict.form else ""
        parts.append(f"<strong>{escape(verdict.identifier)}</strong> <small>({how}{form})</small>")
    else:
        parts.append("none <small>(declared)</small>")
    if verdict.disagrees:
        seen = f"identifier {escape(verdict.rules_identifier)}" if verdict.rules_identifier else "no identifier"
        parts.append(f"<small>The name rules see {seen} in this name; the file's declaration decides, "
                     "because names alone misfire.</small>")
    rule = verdict.verdict(data_set.kind)
    if data_set.kind != "identified" and rule.verdict != ALLOWED:
        word = {NOT_ALLOWED: "Not allowed", PARTLY: "Partly allowed", REVIEW: "To review"}[rule.verdict]
        parts.append(f"<small>{word} in a {escape(KIND_BY_SHARED_AS[data_set.shared_as].shared_as_label.lower())}"
                     f"{': ' + escape(rule.condition) if rule.condition else ''}</small>")
    if column.reviewed:
        parts.append(f"<small>Reviewed: {escape(column.reviewed)}</small>")
    return "<br>".join(parts)


# -- shared elements, crosswalk, linkage ----------------------------------------------------------
def elements_page(dictionaries: Dictionaries, glossary: Glossary, existing: set[str]) -> DictionaryPage:
    links = _Links(ELEMENTS_PAGE, glossary, existing)
    shared = dictionaries.elements
    parts = [front_matter(title=shared.title, description="The data elements IDS work links and compares on, "
                                                          "and every local column name that holds each."),
             f"# {md_escape(shared.title)}\n", shared.introduction.strip() + "\n"]
    by_element: dict[str, list[tuple[DataSet, Column]]] = {}
    for data_set in dictionaries:
        for column in data_set.columns:
            if column.element:
                by_element.setdefault(column.element, []).append((data_set, column))
    for element in shared.elements:
        parts.append(f"## {md_escape(element.name)} {{ #element-{element.id} }}\n")
        parts.append(f"{element.definition.strip()}\n")
        facts = []
        if element.identifier:
            facts.append(f"HIPAA Safe Harbor identifier **{escape(element.identifier)}** "
                         f"({links.matrix_row(element.identifier, 'matrix row')})")
        facts.append(md_escape(LINKAGE_LABELS[element.linkage]))
        if element.term:
            facts.append("Term: " + links.term(element.term))
        if element.formats_seen:
            facts.append("Formats seen: " + ", ".join(_code(f) for f in element.formats_seen))
        parts.append("\n".join(f"- {fact}" for fact in facts) + "\n")
        held = by_element.get(element.id, [])
        if held:
            names = "; ".join(f"{_code(d.column_name(c))} in {links.data_set(d)}" for d, c in held)
            parts.append(f"Local names: {names}.\n")
        else:
            parts.append("No data dictionary maps a column to it yet.\n")
    return DictionaryPage(ELEMENTS_PAGE, "\n".join(parts), links.terms)


def crosswalk_page(dictionaries: Dictionaries, glossary: Glossary, existing: set[str]) -> DictionaryPage:
    links = _Links(CROSSWALK_PAGE, glossary, existing)
    parts = [front_matter(title="Crosswalk: one element, every local name", hide=["toc"],
                          description="Each shared data element, and the column that holds it in each data set."),
             "# Crosswalk: one element, every local name\n",
             "Each row is a [shared data element](elements.md); each column a data set. A cell shows the "
             "local column that holds the element, with its type and format; a dash, that the data set "
             "does not hold it.\n"]
    placeholder = '<div id="kb-crosswalk"></div>'
    parts.append(placeholder + "\n")
    return DictionaryPage(CROSSWALK_PAGE, "\n".join(parts), links.terms,
                         {placeholder: lambda href: _crosswalk_table(dictionaries, _HtmlLinks(href, glossary))})


def _crosswalk_table(dictionaries: Dictionaries, links: _HtmlLinks) -> str:
    data_sets = list(dictionaries)
    headings = ["Element", *(d.title for d in data_sets)]
    held: dict[tuple[str, str], list[Column]] = {}
    for data_set in data_sets:
        for column in data_set.columns:
            if column.element:
                held.setdefault((data_set.src_uri, column.element), []).append(column)
    rows = []
    for element in dictionaries.elements.elements:
        cells = ["<br>".join(f"{_html_code(d.column_name(c))} <small>{escape(_short_type(c))}</small>"
                             for c in held.get((d.src_uri, element.id), ())) or "—" for d in data_sets]
        if any(cell != "—" for cell in cells):
            rows.append(_row(headings, [links.element(element), *cells], header_first=True))
    return _table("kb-crosswalk", headings, rows, heading_cells=[None, *(links.data_set(d) for d in data_sets)])


def _short_type(column: Column) -> str:
    return f"{column.type}, {column.format}" if column.format and column.format != "default" else column.type


def linkage_page(linkages: list[Linkage], dictionaries: Dictionaries, glossary: Glossary,
                 existing: set[str]) -> DictionaryPage:
    links = _Links(LINKAGE_PAGE, glossary, existing)
    parts = [front_matter(title="Linkage keys", hide=["toc"],
                          description="For each pair of data sets: the keys they share and what kind of "
                                      "record linkage those keys allow."),
             "# Linkage keys\n",
             f"For each pair of data sets, the [shared elements](elements.md) both hold that help "
             f"{links.term('record-linkage', 'record linkage')}, and what they allow: "
             f"{links.term('deterministic-record-linkage', 'deterministic linkage')} on exact keys, "
             f"{links.term('probabilistic-record-linkage', 'probabilistic linkage')} on names, dates of birth "
             "and sex, or none. A local id links only files of the same system. This says what the columns make "
             "possible; whether a link is allowed is for the law and the data sharing agreements.\n"]
    sharing = [linkage for linkage in linkages if linkage.shared_keys]
    if len(sharing) < len(linkages):
        parts.append(f"{len(linkages) - len(sharing)} of the {len(linkages)} pairs share no key and are not "
                     "listed.\n")
    placeholder = '<div id="kb-linkage"></div>'
    parts.append(placeholder + "\n")
    return DictionaryPage(LINKAGE_PAGE, "\n".join(parts), links.terms,
                         {placeholder: lambda href: _linkage_table(sharing, _HtmlLinks(href, glossary))})


def _linkage_table(linkages: list[Linkage], links: _HtmlLinks) -> str:
    headings = ["Data sets", "Shared keys", "What they allow"]
    rows = []
    for linkage in linkages:
        keys = ", ".join(links.element(e) for e in linkage.shared_keys) or "none"
        allows = escape(linkage.rule.label) if linkage.rule else "No linkage on shared keys"
        rows.append(_row(headings, [f"{links.data_set(linkage.first)} and {links.data_set(linkage.second)}",
                                         keys, allows], header_first=True))
    return _table("kb-linkage", headings, rows)


# -- sections on other pages ----------------------------------------------------------------------
def term_columns_section(columns: list[tuple[DataSet, Column]]) -> str:
    """A term page's "In the data dictionaries": the local names of the columns holding the term."""
    if not columns:
        return ""
    items = "\n".join(f"- {_code(d.column_name(c))} in [{md_escape(d.title)}](../{d.src_uri}#{_column_anchor(c)})"
                      for d, c in columns)
    return f"## In the data dictionaries\n\nColumns that hold this term, under their local names:\n\n{items}\n"


def site_data_sets_section(data_sets: list[DataSet], page_src: str) -> str:
    """A site page's list of its data dictionaries."""
    lines = ["## Data dictionaries", ""]
    if not data_sets:
        lines.append("No data dictionary is published for this site yet: see how to "
                     f"[add one]({_rel('contributing.md', page_src)}#add-your-data-dictionary).")
    for data_set in data_sets:
        lines.append(f"- [{md_escape(data_set.title)}]({_rel(data_set.src_uri, page_src)}): "
                     f"{len(data_set.columns)} columns, shared as "
                     f"{md_escape(KIND_BY_SHARED_AS[data_set.shared_as].shared_as_label.lower())}")
    return "\n".join(lines) + "\n"


# -- helpers --------------------------------------------------------------------------------------
def _code(text: str) -> str:
    """A name from YAML as inline code; Markdown escapes a code span's content itself."""
    return f"`{text}`" if text.strip() and "`" not in text and "\n" not in text else md_escape(text)


def _column_anchor(column: Column) -> str:
    """Id of a column's row on its data set's page, the target of term pages' links."""
    return f"column-{_anchor(column.table)}-{_anchor(column.name)}"


def _anchor(text: str) -> str:
    return "".join(ch if ch.isalnum() else "-" for ch in text.lower()).strip("-") or "x"


def _row(headings: list[str], cells: list[str], row_id: str = "", header_first: bool = False,
         markdown: bool = False) -> str:
    """A table row; `data-label` gives each cell its heading on a phone (kb-matrix.css). With
    `markdown`, the cells hold Markdown (md_in_html converts them); else they are HTML already."""
    span = ' markdown="span"' if markdown else ""
    out = []
    for index, (heading, cell) in enumerate(zip(headings, cells)):
        if index == 0 and header_first:
            out.append(f'<th scope="row" role="rowheader"{span}>{cell}</th>')
        else:
            out.append(f'<td role="cell" data-label="{escape(summary(heading, 60))}"{span}>{cell}</td>')
    ident = f' id="{escape(row_id)}"' if row_id else ""
    block = ' markdown="1"' if markdown else ""
    return f'<tr role="row"{ident}{block}>{"".join(out)}</tr>'


def _table(css: str, headings: list[str], rows: list[str], heading_cells: list[str | None] | None = None,
           markdown: bool = False) -> str:
    """kb-matrix gives the phone layout: one card per row, each cell labelled (kb-matrix.css).
    `heading_cells` replace headings' text where given (links); Markdown or HTML, as the rows."""
    escape_heading = md_escape if markdown else escape
    span, block = (' markdown="span"', ' markdown="1"') if markdown else ("", "")
    head = "".join(f'<th scope="col" role="columnheader"{span}>'
                   f"{heading_cells[i] if heading_cells and heading_cells[i] else escape_heading(h)}</th>"
                   for i, h in enumerate(headings))
    if not markdown:
        return (f'<table class="kb-matrix {css}" role="table"><thead class="kb-nolink" role="rowgroup">'
                f'<tr role="row">{head}</tr></thead><tbody role="rowgroup">' + "".join(rows) + "</tbody></table>")
    return (f'<table class="kb-matrix {css}" role="table"{block}>\n'
            f'<thead class="kb-nolink" role="rowgroup"{block}><tr role="row"{block}>{head}</tr></thead>\n'
            f'<tbody role="rowgroup"{block}>\n' + "\n".join(rows) + "\n</tbody>\n</table>\n")
