"""Values from YAML land in many places (title, header, navigation, lists, exports, search):
in each, a name shows exactly as written, and markup in any field never becomes live HTML."""

from __future__ import annotations

import csv
import html
import io
import json
import xml.etree.ElementTree as ElementTree

import pytest
from bs4 import BeautifulSoup

from hostile_site import (COMMIT_LINE, DATA_TITLE, FLAG, HOSTILE_ALIASES, HOSTILE_ID, HOSTILE_NAME, HOSTILE_SEARCH_TERMS,
                          PLAIN_NAMES, USED_IN_TITLE, write_hostile_site)
from sitekit import REPO, SiteFactory

SITE_NAME = next(line.split(":", 1)[1].strip() for line in (REPO / "mkdocs.yml").read_text().splitlines()
                 if line.startswith("site_name:"))
ALL_NAMES = {HOSTILE_ID: HOSTILE_NAME, **PLAIN_NAMES}


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    factory = SiteFactory(tmp_path_factory.mktemp("escaping"))
    write_hostile_site(factory)
    result = factory.build()
    assert result.result.returncode == 0, result.output
    return result


def text(element) -> str:
    return " ".join(element.get_text().split())


def without_permalink(element) -> str:
    for link in element.select("a.headerlink"):
        link.decompose()
    return text(element)


@pytest.mark.parametrize("term_id", ALL_NAMES)
def test_term_page_title_header_and_heading_show_the_name_as_written(built, term_id):
    page = built.html(f"glossary/{term_id}/")
    name = ALL_NAMES[term_id]
    assert page.title.string == f"{name} - {SITE_NAME}"
    topics = page.select(".md-header__topic .md-ellipsis")
    assert text(topics[-1]) == name
    assert without_permalink(page.select_one("article h1")) == name


def test_meta_description_is_the_definition_text(built):
    page = built.html(f"glossary/{HOSTILE_ID}/")
    description = page.select_one('meta[name="description"]')["content"]
    assert description == f'A test term <img src=z onerror="{FLAG}=7"> with "quotes" & <18 years.'


def test_index_and_comparison_list_every_name_as_written(built):
    index_links = [text(a) for a in built.article("glossary/").select("a")]
    for name in ALL_NAMES.values():
        assert name in index_links, name
    index_items = [text(li) for li in built.article("glossary/").select("li")]
    for alias in HOSTILE_ALIASES:
        assert f"{' '.join(alias.split())}: see {HOSTILE_NAME}" in index_items, alias
    compare = built.article("glossary/compare/")
    assert [text(th) for th in compare.select("thead th")] == ["Term", PLAIN_NAMES["under-18"], HOSTILE_NAME]
    assert [text(th) for th in compare.select("tbody th")] == ["Definition", "May include", "Governed by", "Use when"]


def test_used_in_shows_page_titles_as_written(built):
    used_in = built.article(f"glossary/{HOSTILE_ID}/").select_one("ul.kb-used-in")
    assert USED_IN_TITLE in [text(a) for a in used_in.select("a")]


def test_handout_terms_on_this_page_and_tooltips_keep_the_name(built):
    handout = built.article("session/handout/")
    assert HOSTILE_NAME in [text(h.a) for h in handout.select("article.kb-handout-term h2")]
    listed = built.article("").select("section.kb-terms-on-page a.kb-term")
    assert HOSTILE_NAME in [text(a) for a in listed]
    mention = built.article("").select_one("p a.kb-term")
    assert mention["title"] == f'A test term <img src=z onerror="{FLAG}=7"> with "quotes" & <18 years.'


def test_short_link_page_names_the_term_as_written(built):
    page = built.html("glossary/hostile-term/")
    assert page.title.string == HOSTILE_NAME
    assert text(page.body.a) == HOSTILE_NAME


def test_matrix_title_is_text_in_its_page_and_the_navigation(built):
    page = built.html("reference/data-elements/")
    assert page.title.string == f"{DATA_TITLE} - {SITE_NAME}"
    assert DATA_TITLE in [text(a) for a in page.select("nav.md-nav--primary a")]


def test_jurisdiction_page_shows_local_usage_from_yaml_as_text(built):
    table = built.article("sites/iowa/").find(id="local-usage-of-terms").find_next("table")
    row = table.select_one("tbody tr")
    assert text(row.th) == HOSTILE_NAME
    assert row.th.a["href"] == f"../../glossary/{HOSTILE_ID}/"
    cells = [text(td) for td in row.select("td")]
    assert cells[0] == f"<img src=l onerror={FLAG}=12>"
    assert cells[1] == 'Used "here" & there.'  # the sanitizer drops the <img> element itself


def test_history_pages_and_feed_show_names_and_commit_lines_as_written(built):
    changes = [text(li) for li in built.article(f"glossary/{HOSTILE_ID}/").select("li")]
    assert any(COMMIT_LINE in item for item in changes), changes
    news = [text(li) for li in built.article("whats-new/").select("li")]
    assert any(item.startswith("1 November Definition changed: " + HOSTILE_NAME) and COMMIT_LINE in item
               for item in news), news
    discussed = built.article("under-discussion/")
    assert PLAIN_NAMES["under-18"] in [without_permalink(h) for h in discussed.select("h2")]
    feed = ElementTree.fromstring((built.site / "feed.xml").read_bytes())
    atom = "{http://www.w3.org/2005/Atom}"
    titles = [entry.findtext(f"{atom}title") for entry in feed.iter(f"{atom}entry")]
    assert f"Definition changed: {HOSTILE_NAME}" in titles, titles


def test_exports_and_search_index_hold_the_names(built):
    exported = {t["id"]: t for t in json.loads((built.site / "glossary.json").read_text(encoding="utf-8"))["terms"]}
    rows = {r["id"]: r for r in csv.DictReader(io.StringIO((built.site / "glossary.csv").read_text(encoding="utf-8-sig")))}
    skos = json.loads((built.site / "glossary.skos.jsonld").read_text(encoding="utf-8"))["@graph"]
    labels = {c["@id"].rstrip("/").rsplit("/", 1)[-1]: c["prefLabel"] for c in skos if c["@type"] == "skos:Concept"}
    search = json.loads((built.site / "search" / "search_index.json").read_text(encoding="utf-8"))
    # Material's search index holds titles as HTML, and shows them as such.
    titles = {d["location"]: html.unescape(d["title"]) for d in search["docs"]}
    for term_id, name in ALL_NAMES.items():
        assert exported[term_id]["term"] == name
        assert rows[term_id]["term"] == name
        assert labels[term_id] == name
        assert titles[f"glossary/{term_id}/"] == name
    assert exported[HOSTILE_ID]["aliases"] == list(HOSTILE_ALIASES)
    assert exported[HOSTILE_ID]["search_terms"] == list(HOSTILE_SEARCH_TERMS)
    # The names the engine adds to the index are escaped text, like the rest of the entry.
    entry = next(d for d in search["docs"] if d["location"] == f"glossary/{HOSTILE_ID}/")
    assert "<img" not in entry["names"] and "&lt;img" in entry["names"]


def test_no_markup_from_yaml_is_live_anywhere_in_the_site(built):
    """Every HTML file, whole documents (head, header, navigation), not just the article."""
    pages = [p for p in built.site.rglob("*.html") if "assets" not in p.parts]
    assert len(pages) > 15
    for path in pages:
        page = BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")
        where = path.relative_to(built.site).as_posix()
        for element in page.find_all(True):
            handlers = [a for a in element.attrs if a.lower().startswith("on")]
            assert not handlers, (where, str(element)[:200])
            for attribute in ("href", "src"):
                assert not str(element.get(attribute, "")).lower().startswith("javascript:"), (where, element)
        for script in page.find_all("script"):
            if FLAG in (script.string or ""):
                assert script.get("type") == "application/ld+json", (where, script)
                assert "<" not in script.string, where
        # The name's and the aliases' elements stay text (the sanitizer may keep a harmless <img>
        # from a Markdown field, never one with a handler: checked above).
        assert not page.select("img[src=x], img[src=y]"), where
