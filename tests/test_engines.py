"""The same repository built by both engines gives the same site.

MkDocs runs the glossary through its hooks; Zensical renders the tree the generation step writes
and links with the same linker, loaded as a Python-Markdown extension. Both builds are strict.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path
from urllib.parse import urljoin

import pytest
from bs4 import BeautifulSoup

from sharedsites import repository_site
from sitekit import REPO

SITE_URL = "https://example.org/knowledge-base/"


@pytest.fixture(scope="session")
def sites(tmp_path_factory) -> dict[str, Path]:
    """Both engines' strict builds of this repository for one address (built once per run)."""
    return {engine: repository_site(tmp_path_factory, engine, SITE_URL) for engine in ("mkdocs", "zensical")}


def _pages(site: Path) -> set[str]:
    return {p.relative_to(site).as_posix() for p in site.rglob("*.html") if "assets" not in p.parts}


def _article(site: Path, page: str):
    return _soup(site, page).select_one("article.md-content__inner")


def _target(page: str, href: str | None) -> str | None:
    """Where a link leads, from the page's own address: engines may spell one target differently
    (a page linking to itself is "./" in MkDocs and "../name/" in Zensical)."""
    return urljoin(SITE_URL + page.removesuffix("index.html"), href) if href is not None else None


def _section_links(page: str, article, heading: str) -> list[tuple[str, str]]:
    """(target, text) of the links between a level-2 heading and the next one."""
    found = next((h for h in article.find_all("h2") if h.get_text(" ", strip=True).startswith(heading)), None)
    links = []
    for sibling in found.find_next_siblings() if found else []:
        if sibling.name == "h2":
            break
        links += [(_target(page, a.get("href")), a.get_text(" ", strip=True)) for a in sibling.find_all("a")]
    return links


def test_same_pages_at_the_same_addresses(sites):
    mkdocs, zensical = _pages(sites["mkdocs"]), _pages(sites["zensical"])
    assert mkdocs == zensical
    assert "glossary/lds/index.html" in zensical  # short links too


@pytest.mark.parametrize("export", ["glossary.json", "glossary.csv", "glossary.skos.jsonld"])
def test_same_exports_byte_for_byte(sites, export):
    assert (sites["zensical"] / export).read_bytes() == (sites["mkdocs"] / export).read_bytes()


def test_same_term_links_with_the_same_tooltips_in_the_same_places(sites):
    compared = 0
    for page in sorted(_pages(sites["mkdocs"])):
        left, right = _article(sites["mkdocs"], page), _article(sites["zensical"], page)
        if left is None:
            continue
        links = lambda article: [(_target(page, a.get("href")), a.get("title"), a.get("data-term"), a.get_text(),  # noqa: E731
                                  a.parent.name)
                                 for a in article.select("a.kb-term")]
        assert links(left) == links(right), page
        compared += bool(links(left))
    assert compared > 50


@pytest.mark.parametrize("section", ["Used in", "Related terms", "Sources", "Often confused with"])
def test_same_term_page_sections(sites, section):
    term_pages = [p for p in _pages(sites["mkdocs"])
                  if p.startswith("glossary/") and p.count("/") == 2 and _article(sites["mkdocs"], p)]
    compared = 0
    for page in term_pages:
        left = _section_links(page, _article(sites["mkdocs"], page), section)
        assert left == _section_links(page, _article(sites["zensical"], page), section), page
        compared += bool(left)
    assert compared > 10


def test_share_panel_and_structured_data_on_both(sites):
    for site in sites.values():
        soup = BeautifulSoup((site / "glossary/limited-data-set/index.html").read_text(encoding="utf-8"), "html.parser")
        assert soup.select_one(".kb-share__url")["value"] == SITE_URL + "glossary/limited-data-set/"
        assert soup.select_one("script[type='application/ld+json']") is not None
        assert soup.select_one(".kb-share svg.kb-qr") is not None


@cache  # each page is parsed once per process, not once per test (the tests only read the tree)
def _soup(site: Path, page: str) -> BeautifulSoup:
    return BeautifulSoup((site / page).read_text(encoding="utf-8"), "html.parser")


def test_same_headings_ids_and_table_of_contents(sites):
    """Anchors others link to (#section) and the "On this page" list are the same: the sections the
    glossary adds after a page is rendered go into the page, never into a heading or its id."""
    compared = 0
    for page in sorted(_pages(sites["mkdocs"])):
        left, right = _soup(sites["mkdocs"], page), _soup(sites["zensical"], page)
        if left.select_one("article.md-content__inner") is None:
            continue
        headings = lambda soup: [(h.name, h.get("id"), h.get_text(" ", strip=True))  # noqa: E731
                                 for h in soup.select("article.md-content__inner :is(h1, h2, h3, h4, h5, h6)")]
        contents = lambda soup: [(_target(page, a.get("href")), a.get_text(" ", strip=True))  # noqa: E731
                                 for a in soup.select(".md-sidebar--secondary nav a")]
        assert headings(left) == headings(right), page
        assert contents(left) == contents(right), page
        compared += len(contents(left)) > 2
    assert compared > 20


def _navigation(soup, page: str) -> tuple[list, list]:
    """The main navigation's links (target, text, marked active) and the names of its sections."""
    primary = soup.select_one("nav.md-nav--primary")
    links = [(_target(page, a.get("href")), a.get_text(" ", strip=True), "md-nav__link--active" in a.get("class", []))
             for a in primary.select("a.md-nav__link") if not a.find_parent("nav", class_="md-nav--secondary")]
    names = []
    for nav in primary.select("nav.md-nav:not(.md-nav--secondary)"):
        label = nav.get("aria-label") or soup.find(id=nav.get("aria-labelledby"))
        names.append(label if isinstance(label, str) else " ".join(label.get_text().split()) if label else None)
    return links, names


@pytest.mark.parametrize("page", ["index.html", "glossary/index.html", "playbooks/legal-frameworks/index.html",
                                  "convenings/first-convening/legal-frameworks/index.html", "sites/index.html",
                                  "glossary/limited-data-set/index.html"])
def test_same_navigation_with_the_current_page_marked_and_every_section_named(sites, page):
    """The theme override of the navigation (a name for every section's <nav>) exists for each
    engine's theme (overrides/partials/ and overrides/zensical/partials/): Material's, used by
    Zensical, marked no page as the current one."""
    left_links, left_names = _navigation(_soup(sites["mkdocs"], page), page)
    right_links, right_names = _navigation(_soup(sites["zensical"], page), page)
    assert left_links == right_links
    assert any(active for *_, active in left_links) or page.startswith("glossary/limited")
    assert all(left_names) and all(right_names), (left_names, right_names)
    assert left_names[1:] == right_names[1:]  # the first is the whole navigation, named by the site


def test_same_edit_button_on_every_page(sites):
    """Zensical makes the button only from repo_url, which this site leaves unset; its actions
    partial (overrides-zensical/) takes the address the generation step writes, as the hooks do."""
    compared = 0
    for page in sorted(_pages(sites["mkdocs"])):
        buttons = lambda site: [a.get("href") for a in _soup(site, page).select("a.md-content__button[rel='edit']")]  # noqa: E731
        assert buttons(sites["mkdocs"]) == buttons(sites["zensical"]), page
        compared += bool(buttons(sites["mkdocs"]))
    assert compared > 50


def test_same_style_sheets_and_scripts_of_the_site_on_every_page(sites):
    """The site's own files (extra_css, extra_javascript and the page_assets a page uses, chosen by
    overrides/partials/kb-assets.html) load on the same pages in the same order with both engines;
    only each theme's own files (and Zensical's style sheet, kb-zensical.css) differ."""
    def own_files(site: Path, page: str) -> list[str]:
        addresses = [_target(page, tag.get("href") or tag.get("src"))
                     for tag in _soup(site, page).select("link[rel=stylesheet], script[src]")]
        paths = [a.removeprefix(SITE_URL) for a in addresses if a.startswith(SITE_URL)]
        return [p for p in paths if (REPO / "docs" / p).is_file()]

    compared = set()
    for page in sorted(_pages(sites["mkdocs"])):
        left = own_files(sites["mkdocs"], page)
        assert left == own_files(sites["zensical"], page), page
        compared.update(left)
    assert {"assets/stylesheets/kb.css", "assets/javascripts/data-set-checker.js"} <= compared


def _structured_data(site: Path, page: str) -> list:
    """Every JSON-LD block of the page, parsed."""
    import json

    return [json.loads(script.string) for script in _soup(site, page).select("script[type='application/ld+json']")]


def test_same_structured_data_on_every_term_page_with_public_addresses(sites):
    """A term page's schema.org DefinedTerm, parsed, is the same with both engines, and names the
    page by its public address (the generation step once wrote the source path, `.md`, there)."""
    compared = 0
    for page in sorted(_pages(sites["mkdocs"])):
        left = _structured_data(sites["mkdocs"], page)
        assert left == _structured_data(sites["zensical"], page), page
        for data in left:
            assert data["@id"] == data["url"] == SITE_URL + page.removesuffix("index.html"), page
            assert data["inDefinedTermSet"]["@id"] == SITE_URL + "glossary/", page
        compared += bool(left)
    assert compared > 50


def test_same_links_in_every_page_content(sites):
    """Every link of every page's content leads to the same place with both engines, and none inside
    the site to a source file (`.md`) that the engine should have resolved."""
    compared = 0
    for page in sorted(_pages(sites["mkdocs"])):
        left, right = _article(sites["mkdocs"], page), _article(sites["zensical"], page)
        if left is None:
            continue
        links = lambda article: [_target(page, a["href"]) for a in article.find_all("a", href=True)]  # noqa: E731
        assert links(left) == links(right), page
        sources = [link for link in links(left) if link.startswith(SITE_URL) and link.split("#")[0].endswith(".md")]
        assert sources == [], page
        compared += len(links(left))
    assert compared > 1000
