"""Each page as the search index reads it: the same text, without the links to terms.

Material's search reads every page's HTML with Python's HTML parser, and each tag costs it more
than the text inside: on a ~700-word page, the thirty links to terms made it read the page five
times slower (about 1 ms instead of 0.2). The index keeps the text of a link and drops the tag,
so the engine hands search a copy with those tags taken out (0.03 ms), and the page template
gets the linked HTML back once search has read it.
"""

from __future__ import annotations

import re

# A link the linker made: Python-Markdown writes attributes in lexical order, so "class" comes
# first; attribute values never hold ">" (serializers write "&gt;") and the text is plain. Any
# other link stays in the copy, which costs search a little time and changes nothing it stores.
TERM_LINK = re.compile(r'<a class="kb-term"[^>]*>([^<]*)</a>')


def without_term_links(html: str) -> str:
    """The HTML with every link to a term replaced by its text."""
    return TERM_LINK.sub(r"\1", html) if 'class="kb-term"' in html else html


# A table row or cell with attributes. Search keeps no table tag nor any attribute of one, but its
# parser reads every attribute: the data dictionaries' tables (a role and a phone label on each
# cell) were most of what a data-set page cost it. The two attributes search does act on are kept.
TABLE_TAG = re.compile(r"<(t[dhr]) [^>]*>")
_SEARCH_ATTRIBUTES = ("data-search-exclude", "linenodiv")


def without_table_attributes(html: str) -> str:
    """The HTML with the attributes of table rows and cells dropped, the text unchanged."""
    if "<td " not in html and "<th " not in html and "<tr " not in html:
        return html
    return TABLE_TAG.sub(lambda tag: tag[0] if any(a in tag[0] for a in _SEARCH_ATTRIBUTES) else f"<{tag[1]}>",
                         html)


class SearchCopies:
    """Holds each page's linked HTML while the engine shows search the copy without links."""

    def __init__(self) -> None:
        self._linked: dict[str, str] = {}

    def for_search(self, src_uri: str, html: str) -> str:
        """Keep the finished, linked HTML; return what search should read (the page's content
        until then)."""
        copy = without_table_attributes(without_term_links(html))
        if copy is not html:
            self._linked[src_uri] = html
        return copy

    def linked(self, src_uri: str, content: str) -> str:
        """After search has read the page: its HTML with the links (`content` if none were kept)."""
        return self._linked.pop(src_uri, content)
