"""The visible text of a Markdown snippet: definitions are compared, summarised and shown in
tooltips as readers see them, without their markup."""

from __future__ import annotations

import re
import xml.etree.ElementTree as etree
from functools import lru_cache
from html.parser import HTMLParser

from markdown import Markdown


@lru_cache(maxsize=1)
def _text_renderer() -> Markdown:
    # Raw HTML stays text: a tooltip shows "<b>", it never becomes markup.
    md = Markdown()
    md.preprocessors.deregister("html_block")
    md.inlinePatterns.deregister("html")
    return md


# Text that Markdown would only wrap in <p>: it starts with a letter and holds no character that
# could start markup, an entity or a line break. Most definitions are like this.
_NO_MARKUP = re.compile(r"[^\W\d_][^\n*_\[\]<>&`\\#|~!]*")


@lru_cache(maxsize=8192)
def plain_text(markdown_text: str) -> str:
    """The visible text of a Markdown snippet, for tooltips and one-line summaries."""
    if _NO_MARKUP.fullmatch(markdown_text):
        return " ".join(markdown_text.split())  # what rendering would give, 40x faster
    html = _text_renderer().reset().convert(markdown_text)
    root = etree.fromstring(f"<div>{html}</div>")
    return " ".join("".join(root.itertext()).split())


class _TextCollector(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []

    def handle_data(self, data: str) -> None:
        self.parts.append(data)


def text_of_html(fragment: str) -> str:
    """The text a reader sees in an HTML fragment, e.g. MkDocs' `page.title` (which is HTML)."""
    if "<" not in fragment and "&" not in fragment:
        return " ".join(fragment.split())
    collector = _TextCollector()
    collector.feed(fragment)
    collector.close()
    return " ".join("".join(collector.parts).split())
