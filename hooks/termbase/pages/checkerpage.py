"""The site's data-set checker: its rules as a script file, and what the page says it looks for.

The page itself (docs/tools/data-set-checker.md) is hand-written; the build adds the list of
words it looks for, and publishes the compiled rules as assets/javascripts/data-set-rules.js, a
script (not JSON) so the offline copy can load it from file://, where browsers refuse fetch().
"""

from __future__ import annotations

import json
import posixpath
from typing import Callable

from ..checker.columnrules import KINDS
from ..linking.text import md_escape
from ..loading.datafiles import MATRIX_PAGE
from ..loading.datasetkinds import kinds_for_script
from ..loading.model import term_page

CHECKER_PAGE = "tools/data-set-checker.md"
RULES_FILE = "assets/javascripts/data-set-rules.js"
LEGEND_MARKER = "<!-- checker-legend -->"
_SAMPLE_WORDS = 8


def rules_script(rules: dict, matrix_url: str, term_urls: dict[str, str], term_names: dict[str, str]) -> str:
    """The compiled rules, the kinds of data set with their wordings, and the site-relative URLs of
    what every verdict links to, as a script."""
    data = dict(rules, kinds=kinds_for_script(),
                links={"matrix": matrix_url, "terms": term_urls, "term_names": term_names})
    # "</" would end an inline script in some embeddings; keep the file safe to inline anywhere.
    payload = json.dumps(data, ensure_ascii=False, separators=(",", ":")).replace("</", "<\\/")
    return ("// Generated from data/data-elements.yml by the site build; do not edit.\n"
            f"window.kbColumnRules = {payload};\n")


def linked_terms(rules: dict) -> list[str]:
    """Every glossary term a verdict or a hint links to."""
    terms = [t for kind in KINDS for t in rules["terms"][kind]] + [h["term"] for h in rules["hints"]]
    return list(dict.fromkeys(terms))


def legend_markdown(rules: dict, page_src_uri: str, term_name: Callable[[str], str]) -> str:
    """Markdown: the identifiers with the words the checker looks for, columns to review, other laws."""
    base = posixpath.dirname(page_src_uri) or "."
    matrix = posixpath.relpath(MATRIX_PAGE, base)

    def term_link(term_id: str) -> str:
        return f"[{md_escape(term_name(term_id))}]({posixpath.relpath(term_page(term_id), base)})"

    lines = ["| Row | Identifier | Column names it looks for |", "|---|---|---|"]
    for letter, element in rules["elements"].items():
        forms = [f for f in rules["forms"] if f["letter"] == letter and f["phrases"]]
        cells = []
        for form in forms:
            words = ", ".join(f"`{w}`" for w in form["phrases"][:_SAMPLE_WORDS] if "@" not in w)
            if not words:
                words = ", ".join(f"`{w.replace('@', '<')}`" for w in form["phrases"][:3])
            cells.append(f"{md_escape(form['label'])}: {words}")
        lines.append(f"| [{letter}]({matrix}#{element['anchor']}) | {md_escape(element['name'])} | "
                     f"{'<br>'.join(cells) or '—'} |")
    review = [f for f in rules["forms"] if f["letter"] is None]
    review_text = "; ".join(f"{md_escape(f['label'])} ({', '.join(f'`{w}`' for w in f['phrases'][:6])})"
                            for f in review)
    hints = "; ".join(f"{md_escape(h['label'])}: {term_link(h['term'])}" for h in rules["hints"])
    terms = ", ".join(term_link(t) for t in linked_terms(rules) if t not in {h["term"] for h in rules["hints"]})
    return "\n".join([
        "\n".join(lines), "",
        f"**The name cannot tell**, so the checker asks you to review: {review_text}.", "",
        f"**Other laws.** Some names suggest records that other rules protect; the checker names them "
        f"without a verdict: {hints}.", "",
        f"**Terms behind the verdicts:** {terms}.", "",
    ])
