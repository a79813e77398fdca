"""Relative URLs between pages, so the site works from any sub-path and from file://."""

from __future__ import annotations

from typing import Iterable, Iterator, Mapping

from ..loading.model import term_page


def relative_url(target: str, current: str) -> str:
    """URL of `target` seen from the page at `current` (both site-relative, as MkDocs gives them).

    Directory-style URLs end with "/"; file-style ones (offline builds) end with ".html".
    Plain string work instead of posixpath.relpath: this runs for every link on every page.
    """
    folder = current[:current.rfind("/") + 1]  # "" for a page at the root
    if not target.startswith(folder[:folder.find("/") + 1]) and "//" not in folder and folder[:1] != "/":
        # No folder in common (most links: from a page to a term in glossary/): climb to the root.
        return "../" * folder.count("/") + target or "./"
    return _relative_url(target, current)


def _relative_url(target: str, current: str) -> str:
    """The general case, folder by folder."""
    folder = current if current.endswith("/") else current.rpartition("/")[0]
    start_parts = [p for p in folder.split("/") if p]
    target_parts = target.split("/")  # a trailing "" keeps the final slash of directory URLs
    common = 0
    while (common < len(start_parts) and common < len(target_parts) - 1
           and start_parts[common] == target_parts[common]):
        common += 1
    rel = "../" * (len(start_parts) - common) + "/".join(target_parts[common:])
    return rel or "./"


def page_url(src_uri: str, directory_urls: bool = True) -> str:
    """The site-relative URL MkDocs and Zensical give the page built from `src_uri`."""
    stem, _, _ = src_uri.rpartition(".")
    folder, _, name = stem.rpartition("/")
    prefix = folder + "/" if folder else ""
    if name in ("index", "README"):
        return prefix if directory_urls else prefix + "index.html"
    return f"{prefix}{name}/" if directory_urls else f"{prefix}{name}.html"


class SiteUrls(Mapping[str, str]):
    """The URL registry of one build: each page's source path -> its site-relative URL.

    Made once the engine has listed every page, and never changed: a second set of addresses
    (the generation step converts pages with links to source files) is a second registry.
    """

    def __init__(self, urls: Mapping[str, str]):
        self._urls = dict(urls)

    def __getitem__(self, src_uri: str) -> str:
        return self._urls[src_uri]

    def __iter__(self) -> Iterator[str]:
        return iter(self._urls)

    def __len__(self) -> int:
        return len(self._urls)

    def term(self, term_id: str) -> str:
        """The URL of a term's page."""
        return self._urls[term_page(term_id)]

    def terms(self, term_ids: Iterable[str]) -> dict[str, str]:
        """Term id -> URL of its page, for the terms whose page is in the site."""
        return {term_id: self._urls[term_page(term_id)] for term_id in term_ids if term_page(term_id) in self._urls}
