"""Each page loads only the style sheets and scripts it uses, and a first visit stays small.

Readers on a venue's weak Wi-Fi pay for every byte. The site-wide files are mkdocs.yml's
extra_css and extra_javascript; what only some pages use is `extra.page_assets`, which
overrides/partials/kb-assets.html loads on a page that names an entry in its front matter or
holds markup of one of its `used_by` classes. These tests build the real site and read its pages.
"""

from __future__ import annotations

import gzip
import subprocess
import sys
from functools import cache
from pathlib import Path
from urllib.parse import unquote, urljoin, urlsplit

import pytest
import yaml
from bs4 import BeautifulSoup

from sharedsites import repository_site
from sitekit import REPO

SITE_URL = "https://example.org/knowledge-base/"  # under a sub-path, as on GitHub Pages
FIRST_VISIT_LIMIT = 100_000  # bytes gzipped: the page, its style sheets, scripts and images
CHECKER_PAGE = "tools/data-set-checker/index.html"
CHECKER_FILES = ("assets/javascripts/data-set-checker.js", "assets/stylesheets/data-set-checker.css")


class _ConfigLoader(yaml.SafeLoader):
    """Safe YAML that reads past the tags of mkdocs.yml (only the asset lists matter here)."""


_ConfigLoader.add_constructor("!ENV", lambda loader, node: None)
_ConfigLoader.add_multi_constructor("tag:yaml.org,2002:python/name:", lambda loader, suffix, node: None)


def _config() -> dict:
    return yaml.load((REPO / "mkdocs.yml").read_text(encoding="utf-8"), Loader=_ConfigLoader)  # noqa: S506


PAGE_ASSETS: dict[str, dict] = _config()["extra"]["page_assets"]


@pytest.fixture(scope="session")
def real_site(tmp_path_factory) -> Path:
    """The strict MkDocs build of this repository for a sub-path address (built once per run)."""
    return repository_site(tmp_path_factory, "mkdocs", SITE_URL)


def _pages(site: Path) -> list[str]:
    pages = sorted(p.relative_to(site).as_posix() for p in site.rglob("*.html") if "assets" not in p.parts)
    assert len(pages) > 100, "the real site has well over 100 pages"
    return pages


@cache
def _soup(path: Path) -> BeautifulSoup:
    return BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")


def _loaded(site: Path, page: str) -> list[str]:
    """Site paths of the files the page's HTML makes the browser fetch as it loads."""
    soup = _soup(site / page)
    found = [link["href"] for link in soup.select("link[href]")
             if {"stylesheet", "icon"} & set(link.get("rel") or [])]
    found += [script["src"] for script in soup.select("script[src]")]
    found += [img["src"] for img in soup.select("img[src]") if img.get("loading") != "lazy"]
    paths = []
    for href in found:
        address = urljoin(SITE_URL + page, href)
        assert address.startswith(SITE_URL), f"{page}: {href} is not on the site"
        path = unquote(urlsplit(address).path)[len(urlsplit(SITE_URL).path):]
        assert (site / path).is_file(), f"{page}: {href} is missing from the site"
        paths.append(path)
    return paths


@cache
def _gzipped(path: Path) -> int:
    return len(gzip.compress(path.read_bytes(), compresslevel=6, mtime=0))


def _classes(site: Path, page: str) -> set[str]:
    article = _soup(site / page).select_one("article.md-content__inner")
    return {name for element in (article.select("[class]") if article else []) for name in element["class"]}


def test_only_the_checker_page_loads_the_checker_script_and_style_sheet(real_site):
    for asset in CHECKER_FILES:
        loading = [page for page in _pages(real_site) if asset in _loaded(real_site, page)]
        assert loading == [CHECKER_PAGE], asset


def test_every_first_visit_stays_under_100_kb_gzipped(real_site):
    weights = {page: _gzipped(real_site / page) + sum(_gzipped(real_site / path) for path in _loaded(real_site, page))
               for page in _pages(real_site)}
    over = {page: weight for page, weight in weights.items() if weight >= FIRST_VISIT_LIMIT}
    assert not over, f"over {FIRST_VISIT_LIMIT} bytes gzipped: {over}"
    # The sum counts what the pages name: Material's own files are most of it.
    assert max(weights.values()) > 50_000


def test_a_page_loads_an_entry_exactly_when_its_markup_uses_it(real_site):
    """Entries found by their classes: loaded on every page whose content has one, nowhere else."""
    checked = 0
    for page in _pages(real_site):
        classes, loaded = _classes(real_site, page), set(_loaded(real_site, page))
        for name, entry in PAGE_ASSETS.items():
            if not entry.get("used_by"):
                continue
            used = any(class_name in classes for class_name in entry["used_by"])
            for path in entry.get("css", []) + entry.get("js", []):
                assert (path in loaded) == used, f"{page}: {path} {'missing' if used else 'loaded but unused'}"
                checked += used
    assert checked > 100


@pytest.mark.parametrize(("page", "path"), [
    ("reference/data-elements/index.html", "assets/stylesheets/kb-matrix.css"),
    ("convenings/first-convening/legal-frameworks/handout/index.html", "assets/stylesheets/kb-handout.css"),
    ("whats-new/index.html", "assets/stylesheets/history.css"),
    ("glossary/limited-data-set/index.html", "assets/javascripts/kb-term-panel.js"),
])
def test_the_pages_of_each_kind_load_their_files(real_site, page, path):
    assert path in _loaded(real_site, page)
    assert path not in _loaded(real_site, "404.html")


def test_every_page_loads_the_site_wide_files_once(real_site):
    config = _config()
    for page in _pages(real_site):
        loaded = _loaded(real_site, page)
        assert len(loaded) == len(set(loaded)), page
        if _soup(real_site / page).select_one("link[rel=stylesheet]"):  # not the short links' redirects
            for entry in config["extra_css"] + config["extra_javascript"]:
                path = entry["path"] if isinstance(entry, dict) else entry
                assert path in loaded, f"{page}: {path}"


def test_the_page_weight_benchmark_reads_the_built_site(real_site):
    """bench/page_weight.py without a browser: its pages exist and their figures add up."""
    command = [sys.executable, "bench/page_weight.py", "--site", str(real_site), "--static", "--markdown"]
    result = subprocess.run(command, cwd=REPO, capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    rows = [line.split("|") for line in result.stdout.splitlines()[2:]]
    assert len(rows) == 8
    checker = next(row for row in rows if "data-set-checker" in row[1])
    assert all(float(row[4]) < FIRST_VISIT_LIMIT / 1000 for row in rows)
    assert all(float(row[4]) < float(checker[4]) for row in rows if row is not checker)


def test_declared_entries_exist_and_name_files_that_exist():
    for name, entry in PAGE_ASSETS.items():
        assert set(entry) <= {"css", "js", "used_by"}, name
        for path in entry.get("css", []) + entry.get("js", []):
            assert (REPO / "docs" / path).is_file(), f"extra.page_assets.{name}: {path} does not exist"
    for source in sorted((REPO / "docs").rglob("*.md")):
        text = source.read_text(encoding="utf-8")
        if not text.startswith("---\n"):
            continue
        meta = yaml.safe_load(text.split("\n---", 1)[0][4:]) or {}
        declared = meta.get("assets", [])
        assert isinstance(declared, list), f"{source.relative_to(REPO)}: assets: a list, e.g. [checker]"
        unknown = set(declared) - set(PAGE_ASSETS)
        assert not unknown, f"{source.relative_to(REPO)}: assets: {sorted(unknown)} not in mkdocs.yml extra.page_assets"


def test_a_page_gets_an_entry_by_naming_it_in_its_front_matter(site):
    """How a new kind of page (a data set's, say) gets the table-to-cards layout."""
    site.page("cards.md", """\
        ---
        assets: [cards]
        ---
        # A table that turns into cards

        <table class="kb-data-set"><tr><th>Column</th><td data-label="Type">text</td></tr></table>
        """)
    built = site.build()
    assert built.result.returncode == 0, built.output
    hrefs = [link["href"] for link in built.html("cards/").select("link[rel=stylesheet]")]
    assert "../assets/stylesheets/kb-matrix.css" in hrefs
    assert "../assets/stylesheets/data-set-checker.css" not in hrefs
    assert "assets/stylesheets/kb-matrix.css" not in [link["href"] for link in built.html("").select("link")]
