"""The data-element matrix page, generated from data/data-elements.yml.

The table is HTML (row headers, a label on every cell) with Markdown inside each cell
(`markdown="span"`, Python-Markdown's md_in_html), so mentions in cells are still linked. The
labels let a phone show one card per identifier (kb-matrix.css) without sideways scrolling.
"""

from __future__ import annotations

from ..checker.columnrules import element_anchor
from ..linking.text import escape, md_cell, md_escape
from ..loading.datafiles import DataElement, DataElementMatrix, Rule
from ..loading.glossary import Glossary
from .termpages import front_matter

_PLAIN = {"yes": "Allowed", "no": "Not allowed", "partly": "Partly"}
# (heading, the row's rule): the three kinds of data set, in the order the columns show them.
COLUMNS = (
    ("Identified data", lambda row: row.identified),
    ("Limited data set", lambda row: row.limited_data_set),
    ("De-identified (Safe Harbor)", lambda row: row.de_identified),
)


def data_element_page(matrix: DataElementMatrix, glossary: Glossary | None, checker_page: str | None = None) -> str:
    """Markdown for reference/data-elements.md: one row per Safe Harbor identifier.

    `checker_page`, the data-set checker's page relative to this one, when the site has it.
    """
    shared = {heading: _shared_rule([rule_of(row) for row in matrix.elements]) for heading, rule_of in COLUMNS}
    # No table of contents (the page has no sections): the table gets its width.
    parts = [front_matter(title=matrix.title, hide=["toc"],
                          description="Which identifiers identified data, a limited data set "
                                      "and Safe Harbor de-identified data may hold."),
             f"# {md_escape(matrix.title)}\n", matrix.introduction.strip() + "\n"]
    if checker_page:
        parts.append(f"To check the columns of your own extract against this table, use the "
                     f"[data-set checker]({checker_page}).\n")
    parts += [_shared_note(heading, rule, len(matrix.elements)) for heading, rule in shared.items() if rule]
    # Explicit roles: a phone shows the rows as blocks, and some browsers drop table semantics
    # from table elements whose display changes.
    parts.append('<table class="kb-matrix" role="table" markdown="1">')
    # kb-nolink: column headings stay plain text, never a glossary link.
    parts.append('<thead class="kb-nolink" role="rowgroup"><tr role="row"><th scope="col" role="columnheader">Identifier</th>'
                 + "".join(f'<th scope="col" role="columnheader">{escape(heading)}</th>' for heading, _ in COLUMNS)
                 + "</tr></thead>")
    parts.append('<tbody role="rowgroup" markdown="1">')
    for row in matrix.elements:
        cells = "".join(_cell(heading, rule_of(row), shared[heading] is not None) for heading, rule_of in COLUMNS)
        parts.append(f'<tr role="row" markdown="1">{_row_header(row, glossary)}{cells}</tr>')
    parts += ["</tbody>", "</table>", f"\n<small>Generated from `{matrix.path}`.</small>\n"]
    return "\n".join(parts)


def _shared_rule(rules: list[Rule]) -> Rule | None:
    """The rule of a column whose every row says the same thing (stated once, above the table)."""
    first = rules[0]
    if len(rules) > 1 and first.condition and all(rule == first for rule in rules):
        return first
    return None


def _shared_note(heading: str, rule: Rule, rows: int) -> str:
    citation = f" ({md_escape(rule.citation)})" if rule.citation else ""
    return (f'<p class="kb-matrix-note" markdown="span">**{md_escape(heading)}**, all {rows} rows: '
            f"**{_PLAIN[rule.allowed]}**. {md_cell(rule.condition)}{citation}</p>\n")


def _row_header(row: DataElement, glossary: Glossary | None) -> str:
    element = md_escape(row.element)
    if row.term and glossary is not None and row.term in glossary:
        element = f"[{element}](../glossary/{row.term}.md)"
    # The id is the target of the data-set checker's links to this row.
    return (f'<th scope="row" role="rowheader" id="{element_anchor(row.letter)}" markdown="span">'
            f'<span class="kb-matrix__letter">{escape(row.letter)}</span> '
            f"{element}<br><small>{md_escape(row.safe_harbor_citation)}</small></th>")


def _cell(heading: str, rule: Rule, condition_shown_above: bool) -> str:
    # data-label: what a phone shows in place of the column heading (kb-matrix.css).
    text = f'<strong class="kb-matrix__verdict">{_PLAIN[rule.allowed]}</strong>'
    if rule.condition and not condition_shown_above:
        text += f": {md_cell(rule.condition)}"
    if rule.citation and not condition_shown_above:
        text += f"<br><small>{md_escape(rule.citation)}</small>"
    return f'<td role="cell" data-label="{escape(heading)}" markdown="span">{text}</td>'
