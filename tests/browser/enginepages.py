"""Which pages of the second engine's site a whole-site scan must visit, given that every page of
the first engine's site was scanned.

Both engines render the same Markdown; around it each draws its own theme, the same on every
page. So the second engine's site is scanned on
  * every page whose content (the <article>) differs from the first engine's in more than the
    theme's own markup (the differences found on most pages: its icons, its skip target);
  * enough other pages that every kind of element (tag and class) found anywhere on its site is
    on a scanned page, so the theme is seen around every kind of content;
  * the pages the caller always wants.
Pages are compared in two builds of the same source for the same address, one per engine.
"""

from __future__ import annotations

from collections import Counter
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urljoin

SAMPLE_ADDRESS = "https://pages.invalid/"  # resolves relative links, which engines spell differently


class _PageReader(HTMLParser):
    """The <article>'s tags, attributes (links made absolute) and text as tokens, and the kinds of
    element on the whole page."""

    def __init__(self, address: str):
        super().__init__(convert_charrefs=True)
        self.address = address
        self.in_article = 0
        self.tokens: list[str] = []
        self.kinds: set[tuple[str, str]] = set()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        classes = (dict(attrs).get("class") or "").split()
        self.kinds.update((tag, name) for name in classes or [""])
        if tag == "article":
            self.in_article += 1
        if self.in_article:
            values = [f'{name}="{self._value(name, value)}"' for name, value in sorted(attrs)]
            self.tokens.append(f"<{' '.join([tag, *values])}>")

    def handle_endtag(self, tag: str) -> None:
        if self.in_article:
            self.tokens.append(f"</{tag}>")
        if tag == "article" and self.in_article:
            self.in_article -= 1

    def handle_data(self, data: str) -> None:
        if self.in_article and data.strip():
            self.tokens.append(" ".join(data.split()))

    def _value(self, name: str, value: str | None) -> str:
        if value is not None and name in ("href", "src"):
            return urljoin(self.address, value)
        return value or ""


def _read(site: Path, page: str) -> _PageReader:
    """`page` is a URL path as the scan visits it: "", "glossary/", "404.html"."""
    file = site / (page + "index.html" if page == "" or page.endswith("/") else page)
    reader = _PageReader(urljoin(SAMPLE_ADDRESS, page))
    if file.is_file():
        reader.feed(file.read_text(encoding="utf-8"))
        reader.close()
    else:
        reader.tokens.append(f"(no page in {site.name})")
    return reader


def pages_to_scan(pages: list[str], first: Path, second: Path, always: tuple[str, ...] = ()) -> list[str]:
    """The pages (of `pages`, in their order) to scan on the second engine's site; `first` and
    `second` are the two engines' builds of one source for one address."""
    firsts = {page: _read(first, page) for page in pages}
    seconds = {page: _read(second, page) for page in pages}
    differences = {}
    for page in pages:
        left, right = Counter(firsts[page].tokens), Counter(seconds[page].tokens)
        differences[page] = {("-", t) for t in left - right} | {("+", t) for t in right - left}
    found_on = Counter(token for tokens in differences.values() for token in tokens)
    theme = {token for token, count in found_on.items() if count > len(pages) / 2}
    chosen = {page for page in pages if page in always or differences[page] - theme}

    kinds = {page: seconds[page].kinds for page in pages}
    covered = set().union(*(kinds[page] for page in chosen))
    everything = set().union(*kinds.values())
    while covered != everything:
        best = max(pages, key=lambda page: len(kinds[page] - covered))  # the first of the best, for a stable choice
        chosen.add(best)
        covered |= kinds[best]
    return [page for page in pages if page in chosen]
