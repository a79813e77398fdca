"""The data-element matrix page, generated from data/data-elements.yml."""

from __future__ import annotations

from .datafiles import DataElementMatrix, Rule
from .glossary import Glossary
from .pages import front_matter
from .text import md_cell, md_escape

_PLAIN = {"yes": "**Allowed**", "no": "**Not allowed**", "partly": "**Partly**"}


def data_element_page(matrix: DataElementMatrix, glossary: Glossary | None) -> str:
    """Markdown for reference/data-elements.md: one row per Safe Harbor identifier."""
    parts = [front_matter(title=matrix.title, description="Which identifiers identified data, a limited data set "
                          "and Safe Harbor de-identified data may hold."),
             f"# {md_escape(matrix.title)}\n", matrix.introduction.strip() + "\n",
             "| | Identifier | Identified data | Limited data set | De-identified (Safe Harbor) |",
             "|---|---|---|---|---|"]
    for row in matrix.elements:
        element = md_escape(row.element)
        if row.term and glossary is not None and row.term in glossary:
            element = f"[{element}](../glossary/{row.term}.md)"
        parts.append(f"| {row.letter} | {element}<br><small>{md_escape(row.safe_harbor_citation)}</small> | "
                     f"{_cell(row.identified)} | {_cell(row.limited_data_set)} | {_cell(row.de_identified)} |")
    parts.append(f"\n<small>Generated from `{matrix.path}`.</small>\n")
    return "\n".join(parts)


def _cell(rule: Rule) -> str:
    text = _PLAIN[rule.allowed]
    if rule.condition:
        text += f": {md_cell(rule.condition)}"
    if rule.citation:
        text += f"<br><small>{md_escape(rule.citation)}</small>"
    return text
