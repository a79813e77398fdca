"""Small text helpers shared by the renderers: escaping, summaries, relative URLs."""

from __future__ import annotations

import html
import re
from functools import lru_cache

from ..loading.plaintext import plain_text

_MD_SPECIAL = re.compile(r"([\\`*_\[\]{}#|!])")


def md_escape(text: str) -> str:
    """Plain text (a name, a title) placed in generated Markdown: no HTML, no Markdown syntax."""
    return _MD_SPECIAL.sub(r"\\\1", html.escape(" ".join(text.split()), quote=False))


def md_cell(markdown_text: str) -> str:
    """Markdown kept as Markdown but fit for one table cell (one line, pipes escaped)."""
    return " ".join(markdown_text.split()).replace("|", r"\|")


@lru_cache(maxsize=8192)
def summary(markdown_text: str, limit: int = 200) -> str:
    """A one-line plain-text summary of a Markdown definition."""
    text = plain_text(markdown_text)
    if len(text) <= limit:
        return text
    cut = text[:limit].rsplit(" ", 1)[0].rstrip(",;:")
    return cut + "…"


def escape(text: str) -> str:
    return html.escape(text, quote=True)


_URL_BREAKERS = str.maketrans({"<": "%3C", ">": "%3E", '"': "%22", "\\": "%5C", " ": "%20"})


def md_url(url: str) -> str:
    """A URL placed inside `<...>` in a Markdown link. A valid URL never holds these characters
    raw; percent-encoding them keeps a malformed one from closing the link or an attribute."""
    return url.translate(_URL_BREAKERS)
