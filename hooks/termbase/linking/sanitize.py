"""Last line of defence for pages built from YAML: only harmless markup reaches the site.

Term files come from pull requests by many people; their Markdown may carry raw HTML. Whatever
it holds, the rendered page keeps only an allow-list of tags and attributes and http(s) links.
"""

from __future__ import annotations

from functools import lru_cache

import nh3

_TAGS = set(nh3.ALLOWED_TAGS) | {"nav", "section", "input", "label"}
_ATTRIBUTES = {
    "*": {"class", "id", "title", "lang", "dir", "aria-label", "aria-hidden", "role"},
    "a": {"href", "hreflang", "data-term"},  # data-term: the term name the tap panel shows
    "img": {"src", "alt", "width", "height"},
    "td": {"colspan", "rowspan", "align", "style", "data-label"},  # data-label: the matrix's phone cards
    "th": {"colspan", "rowspan", "align", "style", "scope"},
    "ol": {"start"},
    "input": {"type", "checked", "disabled"},
    "label": {"for"},
    "details": {"open"},
    "time": {"datetime"},
}


# Built once: nh3.clean would rebuild the allow-lists for every page.
_CLEANER = nh3.Cleaner(
    tags=_TAGS,
    attributes=_ATTRIBUTES,
    url_schemes={"http", "https", "mailto"},
    link_rel=None,
    strip_comments=True,
    filter_style_properties={"text-align"},
)


def clean_html(html: str) -> str:
    """Remove scripts, event handlers, unknown tags and unsafe URL schemes; keep the rest."""
    return _CLEANER.clean(html)


# One definition appears in many handouts, and `serve` regenerates them all after every edit.
@lru_cache(maxsize=8192)
def render_markdown_safe(markdown_text: str) -> str:
    """Markdown from YAML to HTML outside the site's pipeline (handouts), sanitized."""
    import markdown  # Local import: only handouts need it.

    return clean_html(markdown.markdown(markdown_text, extensions=["tables", "sane_lists"]))


def render_inline_safe(markdown_text: str) -> str:
    """A short Markdown value from YAML (one table cell) as sanitized HTML, without its <p>."""
    rendered = render_markdown_safe(markdown_text)
    if rendered.startswith("<p>") and rendered.endswith("</p>") and rendered.count("<p>") == 1:
        return rendered[3:-4]
    return rendered
