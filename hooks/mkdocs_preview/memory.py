"""What the preview remembers of the last good build of a `serve` process, and what one build
decides and sees."""

from __future__ import annotations

from dataclasses import dataclass, field

from termbase.build import PageRecord
from termbase.loading.glossary import Glossary
from termbase.loading.model import Term
from termbase.site import PageExtras


@dataclass(frozen=True)
class GlossaryVersion:
    """The glossary as one build saw it, with what its links carry."""

    glossary: Glossary
    tooltips: dict[str, str]  # term id -> plain-text definition (a link's title)

    @property
    def terms(self) -> dict[str, Term]:
        return self.glossary.terms


@dataclass
class PageMemory:
    """One page as the last build made it: what it was made from, and what other pages read of it."""

    source: str  # the file's text with its front matter, or the generated Markdown
    meta: dict = field(default_factory=dict)
    body: str = ""  # the Markdown as read, before the engine's additions
    markdown: str = ""  # the Markdown converted
    includes: str | None = None  # digest of the files its snippets include
    title: str | None = None
    anchors: set[str] | None = None  # the page's ids, for MkDocs' check of other pages' links
    record: PageRecord | None = None  # title, URL and mentioned terms, as the engine keeps them
    linked: tuple[str, ...] = ()  # terms the linker found in the text: their links carry tooltips
    extras: PageExtras | None = None  # share data the page was rendered with
    search_entries: list[dict] = field(default_factory=list)


@dataclass
class SiteMemory:
    """The last good build of this `serve` process."""

    signature: str  # configuration, theme overrides and every page's address
    data_digest: str  # files under data/ and dictionaries/
    glossary: GlossaryVersion
    names: frozenset[tuple[str, str, str]]  # (language, name, term id) of every name of every term
    pages: dict[str, PageMemory]
    backlinks: dict[str, list[tuple[str, str]]]  # term id -> (title, URL) of the pages mentioning it
    file_digests: dict[str, str]  # generated file that is not a page -> digest of its content
    outputs: set[str]  # the site folder's files written for the build's files (absolute paths)


@dataclass
class BuildPlan:
    """What one build decided and saw."""

    reason: str = ""  # why every page is rebuilt; empty when only some are
    stale: set[str] = field(default_factory=set)  # pages read and rendered in this build
    sources: dict[str, str] = field(default_factory=dict)
    includes: dict[str, str | None] = field(default_factory=dict)
    memories: dict[str, PageMemory] = field(default_factory=dict)
    signature: str = ""
    data_digest: str = ""
    file_digests: dict[str, str] = field(default_factory=dict)
    outputs: set[str] = field(default_factory=set)
    rewritten: dict[str, tuple[str, str]] = field(default_factory=dict)  # page -> (output file, its new HTML)
    page_urls: list[tuple[str, str]] = field(default_factory=list)  # (src_uri, URL) in the files' order
    nav_pages: set[str] = field(default_factory=set)  # pages listed in the navigation
    writing: bool = False  # every page is read: MkDocs writes the site from here on
