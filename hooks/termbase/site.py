"""What every page carries besides its content (share link, QR code, edit and history links,
structured data) and the files published next to the site (machine-readable glossary)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urljoin

from .build import BuildState
from .export import defined_term_jsonld, write_exports


@dataclass(frozen=True)
class SiteSettings:
    site_url: str  # absolute, ends with "/"
    repository: str = ""  # "owner/name" on GitHub, for edit and history links
    branch: str = "main"

    def absolute(self, url: str) -> str:
        return urljoin(self.site_url, url)


@dataclass(frozen=True)
class PageExtras:
    share_url: str
    qr_svg: str
    edit_url: str | None = None
    history_url: str | None = None
    last_changed: str | None = None
    jsonld: str | None = None


def page_extras(state: BuildState, settings: SiteSettings, src_uri: str, url: str) -> PageExtras:
    share_url = settings.absolute(url)
    term = state.term_for_page(src_uri)
    if term is None:
        return PageExtras(share_url=share_url, qr_svg=state.qr.svg(share_url, "QR code for this page"))
    repo = f"https://github.com/{settings.repository}" if settings.repository else ""
    return PageExtras(
        share_url=share_url,
        qr_svg=state.qr.svg(share_url, f"QR code for {term.term}"),
        edit_url=f"{repo}/edit/{settings.branch}/{term.path}" if repo else None,
        history_url=f"{repo}/commits/{settings.branch}/{term.path}" if repo else None,
        last_changed=state.last_changed(term.id),
        jsonld=defined_term_jsonld(term, state.glossary, lambda i: settings.absolute(state.url_of(i)),
                                   settings.absolute(state.urls["glossary/index.md"])),
    )


def write_site_extras(state: BuildState, settings: SiteSettings, site_dir: Path) -> None:
    write_exports(state.glossary, site_dir, lambda i: settings.absolute(state.url_of(i)),
                  scheme_url=settings.absolute(state.urls["glossary/index.md"]), last_changed=state.last_changed)
