"""Generated Markdown pages: one per term, the glossary index and the comparison page.

They go through the same Markdown pipeline as hand-written pages (so they are searchable and
linked the same way); every value from YAML is escaped or kept as Markdown on purpose.
"""

from __future__ import annotations

import posixpath
import textwrap
from itertools import groupby

from ..linking.text import escape, md_cell, md_escape, md_url, summary
from ..loading.glossary import Glossary
from ..loading.jurisdictions import JURISDICTIONS
from ..loading.datafiles import MATRIX_PAGE
from ..loading.frontmatter import front_matter_block
from ..loading.model import Term

USED_IN_PLACEHOLDER = '<div id="kb-used-in"></div>'
CONTRIBUTING_PAGE = "contributing.md"
# MkDocs treats a page's title as HTML, and Material writes the title and the description into
# <title>, the header, the navigation and a <meta> attribute unescaped: text goes in escaped.
HTML_FIELDS = frozenset({"title", "description"})


def front_matter(**fields) -> str:
    """YAML front matter for a generated page; `title` and `description` are plain text."""
    return front_matter_block({key: escape(value) if key in HTML_FIELDS else value for key, value in fields.items()})


def term_link(term: Term, from_dir_glossary: bool = True) -> str:
    target = posixpath.basename(term.src_uri) if from_dir_glossary else f"../{term.src_uri}"
    return f"[{md_escape(term.term)}]({target})"


def term_page(term: Term, glossary: Glossary, existing: set[str] = frozenset(), history: str = "",
              in_dictionaries: str = "") -> str:
    """Markdown for glossary/<id>.md; `history` is the Markdown of its Decisions and Changes,
    `in_dictionaries` the section listing the data dictionaries' columns that hold the term."""
    parts = [front_matter(title=term.term, description=summary(term.definition, 160),
                          kb_term=term.id, search={"boost": 2})]
    parts.append(f"# {md_escape(term.term)}\n")
    parts.append(_status_banner(term, glossary, CONTRIBUTING_PAGE in existing))
    if term.aliases:
        aliases = ", ".join(f"**{md_escape(a)}**" for a in term.aliases)
        parts.append(f'<p class="kb-aliases" markdown>Also called: {aliases}</p>\n')
    if term.plain:
        parts.append(plain_words(term))
    parts.append(f'<div class="kb-definition" markdown>\n\n{term.definition}\n\n</div>\n')
    if term.notes:
        parts.append(f"## Notes\n\n{term.notes}\n")
    confused = glossary.confused_with(term)
    if confused:
        names = ", ".join(term_link(t) for t in confused)
        parts.append(f"## Often confused with\n\n{names}. Side by side:\n\n{comparison_table([term, *confused])}\n")
    for heading, terms in (("Related terms", glossary.related(term)),
                           ("Broader terms", glossary.broader(term)),
                           ("Narrower terms", glossary.narrower(term))):
        if terms:
            parts.append(f"## {heading}\n\n{_term_list(terms)}\n")
    if term.local_usage:
        parts.append(f"## Local usage\n\n{local_usage_table(term, existing)}\n")
    if term.sources:
        items = "\n".join(f"- [{md_escape(s.title)}](<{md_url(s.url)}>)" for s in term.sources)
        parts.append(f"## Sources\n\n{items}\n")
    if in_dictionaries:
        parts.append(in_dictionaries)
    parts.append(f"## Used in\n\n{USED_IN_PLACEHOLDER}\n")
    if history:
        parts.append(history)
    if term.tags:
        tags = " ".join(f"[{md_escape(tag_title(tag))}](index.md#tag-{tag}){{ .kb-tag }}" for tag in term.tags)
        parts.append(f'<p class="kb-tags" markdown>Topics: {tags}</p>\n')
    return "\n".join(parts)


def plain_words(term: Term) -> str:
    """The definition in everyday words, in a labelled box above the formal one.

    Markdown like the definition: the generated page is sanitised after rendering."""
    return f'!!! note kb-plain "In plain words"\n\n{textwrap.indent(term.plain, "    ")}\n'


def _status_banner(term: Term, glossary: Glossary, link_contributing: bool) -> str:
    if term.status == "deprecated" and term.replaced_by in glossary:
        target = glossary[term.replaced_by]
        return (f'!!! danger "Deprecated term"\n\n    This term is no longer recommended: '
                f"use {term_link(target)} instead.\n")
    if term.status == "proposed":
        how = " See [how terms are agreed](../contributing.md)." if link_contributing else ""
        return ('!!! warning "Proposed term: under discussion"\n\n    This definition is proposed and not yet '
                f"adopted by the learning community; comments are welcome.{how}\n")
    return ""


def _term_list(terms, from_glossary: bool = True) -> str:
    return "\n".join(f"- {term_link(t, from_glossary)}: {md_escape(summary(t.definition))}" for t in terms)


COMPARED_FIELDS = (("Definition", "definition"), ("May include", "includes"),
                   ("Governed by", "governed_by"), ("Use when", "use_when"))


def comparison_table(terms: list[Term], from_glossary: bool = True) -> str:
    """Side-by-side table: definition, what it may include, governing rule, when to use it.

    HTML with Markdown cells (md_in_html) rather than a Markdown table, which has no row
    headers: each aspect is a row header and the corner cell names the column below it.
    """
    head = "".join(f'<th scope="col" markdown="span">{term_link(t, from_glossary)}</th>' for t in terms)
    rows = [f'<table markdown="1">\n<thead markdown="1">\n<tr markdown="1"><th scope="col">Term</th>{head}</tr>\n'
            '</thead>\n<tbody markdown="1">']
    for label, field in COMPARED_FIELDS:
        cells = "".join(f'<td markdown="span">{md_cell(getattr(t, field)) or "—"}</td>' for t in terms)
        rows.append(f'<tr markdown="1"><th scope="row">{label}</th>{cells}</tr>')
    rows.append("</tbody>\n</table>")
    return "\n".join(rows)


def local_usage_table(term: Term, existing: set[str]) -> str:
    rows = ["| Jurisdiction | Local name | How it is used | Source |", "|---|---|---|---|"]
    for usage in term.local_usage:
        name = md_escape(JURISDICTIONS.get(usage.jurisdiction, usage.jurisdiction))
        site_page = f"sites/{usage.jurisdiction}.md"
        site = f"[{name}](../{site_page})" if site_page in existing else name
        source = f"[{md_escape(usage.source.title)}](<{md_url(usage.source.url)}>)" if usage.source else "—"
        rows.append(f"| {site} | {md_escape(usage.local_name) or '—'} | {md_cell(usage.note)} | {source} |")
    return "\n".join(rows)


def glossary_index(glossary: Glossary) -> str:
    """Markdown for glossary/index.md: A-Z with letter jumps, then grouped by topic."""
    entries = [(t.term, t, None) for t in glossary]
    entries += [(alias, t, alias) for t in glossary for alias in t.aliases]
    entries.sort(key=lambda e: e[0].casefold())

    def letter(entry) -> str:
        first = entry[0][:1].upper()
        return first if first.isalpha() else "#"

    groups = [(key, list(items)) for key, items in groupby(entries, key=letter)]
    present = {key for key, _ in groups}
    jumps = " ".join(f"[{_label(k)}](#letter-{_anchor(k)})" if k in present else f'<span aria-hidden="true">{k}</span>'
                     for k in ["#", *"ABCDEFGHIJKLMNOPQRSTUVWXYZ"] if k != "#" or "#" in present)
    parts = [front_matter(title="Glossary", autolink=False,
                          description="Every term of the learning community, A to Z and by topic."),
             "# Glossary\n",
             f"{len(glossary)} terms agreed or proposed by the learning community. Each links to a page with its "
             "notes, related terms and sources. See also [commonly confused terms](compare.md) and the "
             f"[data-element matrix](../{MATRIX_PAGE}).\n",
             f'<nav class="kb-letters" aria-label="Jump to letter" markdown>{jumps}</nav>\n',
             "## A to Z\n"]
    for key, items in groups:
        parts.append(f"### {_label(key)} {{ #letter-{_anchor(key)} }}\n")
        for name, term, alias in items:
            if alias:
                parts.append(f"- {md_escape(alias)}: see {term_link(term)}")
            else:
                status = f" *({term.status})*" if term.status != "adopted" else ""
                parts.append(f"- {term_link(term)}{status}: {md_escape(summary(term.definition))}")
        parts.append("")
    parts.append("## By topic\n")
    for tag, terms in glossary.tags().items():
        parts.append(f"### {md_escape(tag_title(tag))} {{ #tag-{tag} }}\n")
        parts.append(", ".join(term_link(t) for t in terms) + "\n")
    return "\n".join(parts)


def comparison_page(glossary: Glossary) -> str:
    """Markdown for glossary/compare.md: every group of commonly confused terms side by side."""
    parts = [front_matter(title="Commonly confused terms", autolink=False,
                          description="Terms that are easy to mix up, side by side."),
             "# Commonly confused terms\n",
             "Terms that sites often mix up, side by side: what each is, what it may include, which rule "
             "governs it and when to use it.\n"]
    for group in confusion_groups(glossary):
        title = " vs ".join(md_escape(t.term) for t in group)
        parts.append(f"## {title}\n\n{comparison_table(group)}\n")
    return "\n".join(parts)


def confusion_groups(glossary: Glossary) -> list[list[Term]]:
    """Connected groups of terms that name each other in confused_with."""
    seen: set[str] = set()
    groups = []
    for term in glossary:
        if term.id in seen or not glossary.confused_with(term):
            continue
        group, stack = [], [term]
        while stack:
            current = stack.pop()
            if current.id in seen:
                continue
            seen.add(current.id)
            group.append(current)
            stack.extend(glossary.confused_with(current))
        groups.append(sorted(group, key=lambda t: t.term.casefold()))
    return groups


# Readable names of the topics the glossary uses; any other tag is shown from its words.
TOPIC_TITLES = {
    "privacy-law": "Data and privacy law",
    "disclosure-control": "Disclosure control",
    "record-linkage": "Record linkage",
    "ids-operations": "IDS operations",
    "ethics-equity": "Ethics and equity",
    "community-engagement": "Community engagement",
    "outcomes-evaluation": "Outcomes and evaluation",
    "contracting": "Contracting",
    "programs-funding": "Programs and funding",
}
_ACRONYMS = {"ids", "hipaa", "ferpa", "irb", "cfr", "pii", "phi", "mou"}


def tag_title(tag: str) -> str:
    if tag in TOPIC_TITLES:
        return TOPIC_TITLES[tag]
    title = " ".join(w.upper() if w in _ACRONYMS else w for w in tag.split("-"))
    return title[:1].upper() + title[1:]


def _label(letter: str) -> str:
    # "#" alone would be read as Markdown heading syntax and leave an empty heading.
    return "0-9" if letter == "#" else letter


def _anchor(letter: str) -> str:
    return "other" if letter == "#" else letter.lower()
