"""Text that looks like an emoji shortcode stays as it was typed, no page loads an image from a CDN,
and Material's icons (the handout link's printer) are inline SVG.

Readers are on weak venue Wi-Fi or read the offline copy, so a page loads nothing from a third
party. pymdownx.emoji with Material's index and generator makes `:smile:`, and any `:word:` of
running text that Twemoji knows (`client:id:dob`), an <img> from cdn.jsdelivr.net. Both engines
convert pages with the extensions of mkdocs.yml: MkDocs itself, and for Zensical the generation
step (termbase.sitegen), whose HTML Zensical shows as it is (test_handover.py).
"""

from __future__ import annotations

import json

import pytest
from bs4 import BeautifulSoup

from sitekit import SiteFactory
from termbase.engineconfig import read_engine_config
from termbase.sitegen import TreeGenerator, rendered_file

PAGE = """\
# Doors

Doors open at 10:30:00 sharp :smile: and close at 17:45:30.

A :thumbsup: from the hosts, and a :+1: from the chairs. Columns client:id:dob come first.

Print the agenda :material-printer: before you come.
"""
TYPED = ("10:30:00", ":smile:", "17:45:30", ":thumbsup:", ":+1:", "client:id:dob")
CDN = "cdn.jsdelivr"

@pytest.fixture(scope="module")
def built(tmp_path_factory):
    site = SiteFactory(tmp_path_factory.mktemp("emoji"))
    site.page("doors.md", PAGE)
    result = site.build()
    assert result.result.returncode == 0, result.output
    tree = tmp_path_factory.mktemp("emoji-tree")
    TreeGenerator(site.root, tree, read_engine_config(site.root / "mkdocs.yml")).generate()
    return result, tree


@pytest.fixture(params=["mkdocs", "zensical"])
def article(request, built) -> BeautifulSoup:
    """The page's content as each engine shows it."""
    result, tree = built
    if request.param == "mkdocs":
        return result.article("doors/")
    html = json.loads(rendered_file(tree, "doors.md").read_text(encoding="utf-8"))["html"]
    return BeautifulSoup(html, "html.parser")


def test_no_page_of_the_site_names_the_cdn(built):
    result, tree = built
    pages = sorted(result.site.rglob("*.html"))
    assert result.site / "doors" / "index.html" in pages
    generated = sorted(tree.rglob("*.json"))
    assert rendered_file(tree, "doors.md") in generated
    assert [path for path in pages + generated if CDN in path.read_text(encoding="utf-8")] == []


def test_shortcode_like_text_stays_as_typed(article):
    text = " ".join(article.get_text(" ").split())
    assert [typed for typed in TYPED if typed not in text] == []
    assert article.find_all("img") == []


def test_a_material_icon_is_an_inline_svg(article):
    paragraph = next(p for p in article.find_all("p") if "Print the agenda" in p.get_text())
    icon = paragraph.select_one("span.twemoji > svg")
    assert icon is not None and icon.find("path") is not None
    assert ":material-printer:" not in article.get_text()
