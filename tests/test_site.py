"""The real knowledge base, built once with --strict: content rules and links that must hold."""

from __future__ import annotations

import json
import re
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest
import yaml
from bs4 import BeautifulSoup

from sharedsites import repository_site
from sitekit import REPO
from termbase.loading.loader import load_glossary

SUB_PATH_URL = "https://example.org/knowledge-base/"
SUB_PATH = "/knowledge-base/"


@pytest.fixture(scope="session")
def real_site(tmp_path_factory) -> Path:
    """The strict MkDocs build of this repository for a sub-path address (built once per run)."""
    return repository_site(tmp_path_factory, "mkdocs", SUB_PATH_URL)


@pytest.fixture(scope="module")
def glossary():
    return load_glossary(REPO / "glossary", REPO)


def html_files(site: Path):
    return [p for p in site.rglob("*.html") if "assets" not in p.parts]


def soup(path: Path) -> BeautifulSoup:
    return BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")


def test_glossary_has_at_least_70_terms_each_with_a_source(glossary):
    assert len(glossary) >= 70
    missing = [t.id for t in glossary if not t.sources]
    assert not missing, f"terms without a source: {missing}"
    no_notes = [t.id for t in glossary if not t.notes]
    assert not no_notes, f"terms without notes: {no_notes}"


def test_every_internal_link_resolves_and_is_relative(real_site):
    broken = []
    for page in html_files(real_site):
        for tag in soup(page).select("a[href], link[href], script[src], img[src]"):
            url = tag.get("href") or tag.get("src")
            parts = urlsplit(url)
            if parts.scheme or parts.netloc or url.startswith(("#", "mailto:", "data:")):
                continue
            if page.name == "404.html" and page.parent == real_site:
                # Served for any missing address, so MkDocs links it from the site root: the
                # links must carry the sub-path.
                assert url.startswith(SUB_PATH), f"404.html: {url} misses the sub-path"
                target = (real_site / unquote(parts.path)[len(SUB_PATH):]).resolve()
            else:
                assert not url.startswith("/"), f"{page}: absolute link {url} breaks under a sub-path"
                target = (page.parent / unquote(parts.path)).resolve()
            if target.is_dir():
                target = target / "index.html"
            if not target.exists() and target.name != "kb-offline.zip":  # made after the build
                broken.append(f"{page.relative_to(real_site)} -> {url}")
    assert not broken, "\n".join(broken[:30])


def test_canonical_links_and_sitemap_use_the_site_url(real_site, glossary):
    page = soup(real_site / "glossary" / "limited-data-set" / "index.html")
    assert page.select_one('link[rel="canonical"]')["href"] == SUB_PATH_URL + "glossary/limited-data-set/"
    sitemap = (real_site / "sitemap.xml").read_text(encoding="utf-8")
    assert SUB_PATH_URL + "glossary/limited-data-set/" in sitemap
    for draft in glossary.drafts:
        assert f"glossary/{draft}/" not in sitemap
    assert (real_site / "404.html").exists()


def test_pages_link_terms_through_the_engine_only():
    hand_made = []
    for path in (REPO / "docs").rglob("*.md"):
        text = path.read_text(encoding="utf-8")
        for match in re.finditer(r"\]\(([^)]*glossary/[a-z0-9-]+(?:\.md|/)?[^)]*)\)", text):
            if not re.search(r"glossary/(index|compare)\.md", match.group(1)):
                hand_made.append(f"{path.relative_to(REPO)}: {match.group(1)}")
    assert not hand_made, "link terms by mentioning them, not by hand:\n" + "\n".join(hand_made)


@pytest.mark.parametrize("folder", ["playbooks", "convenings"])
def test_playbooks_and_session_notes_link_their_terms(real_site, folder):
    pages = [p for p in (real_site / folder).rglob("index.html") if "handout" not in p.parts]
    assert pages
    for page in pages:
        article = soup(page).select_one("article")
        linked = article.select("a.kb-term")
        if page.parent.name in (folder, "template"):
            continue
        assert linked, f"{page.relative_to(real_site)} links no term"
        terms_section = article.select_one("section.kb-terms-on-page")
        assert terms_section, f"{page.relative_to(real_site)} has no 'Terms on this page'"


def test_every_term_on_a_page_is_one_click_from_its_definition(real_site, glossary):
    for page in html_files(real_site):
        article = soup(page).select_one("article")
        if article is None or not article.select_one("section.kb-terms-on-page"):
            continue
        listed = {a["href"] for a in article.select("section.kb-terms-on-page a.kb-term")}
        for href in listed:
            assert (page.parent / href / "index.html").resolve().exists(), (page, href)


def test_exports_match_the_term_pages(real_site, glossary):
    term_pages = {p.parent.name for p in (real_site / "glossary").glob("*/index.html")
                  if p.parent.name in glossary}
    assert len(term_pages) == len(glossary)
    exported = json.loads((real_site / "glossary.json").read_text(encoding="utf-8"))
    assert sorted(t["id"] for t in exported["terms"]) == sorted(term_pages)


def test_data_element_matrix_has_all_18_identifiers(real_site):
    data = yaml.safe_load((REPO / "data" / "data-elements.yml").read_text(encoding="utf-8"))
    assert sorted(row["letter"] for row in data["elements"]) == list("ABCDEFGHIJKLMNOPQR")
    rows = soup(real_site / "reference" / "data-elements" / "index.html").select("article table tbody tr")
    assert len(rows) == 18


def test_every_jurisdiction_has_a_page_with_local_usage_section(real_site):
    for site in ["connecticut", "iowa", "north-carolina", "broward-county-fl", "colorado", "massachusetts",
                 "king-county-wa"]:
        article = soup(real_site / "sites" / site / "index.html").select_one("article")
        assert article.find(id="local-usage-of-terms"), site
