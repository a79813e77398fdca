"""Layouts for reading and printing, read from a small real site: the data-element matrix,
session handouts and what linked mentions carry for the tap panel."""

from __future__ import annotations

import pytest

LDS = """\
term: Limited data set
aliases: [LDS]
definition: Health data with **direct identifiers** removed, shared under a data use agreement.
"""
DUA = """\
term: Data use agreement
definition: The agreement under which a limited data set is shared.
"""
SAME_FOR_IDENTIFIED = """\
    identified: {allowed: "yes", condition: "May be kept.", citation: "45 CFR 164.502(a)"}"""
DATA_FILE = f"""\
title: Data elements
introduction: Which identifiers each kind of data set may hold.
elements:
  - letter: A
    element: Names
    safe_harbor_citation: "45 CFR 164.514(b)(2)(i)(A)"
{SAME_FOR_IDENTIFIED}
    limited_data_set: {{allowed: "no", condition: "Names *must* go.", citation: "45 CFR 164.514(e)(2)(i)"}}
    de_identified: {{allowed: "no"}}
  - letter: B
    element: "Dates <b>and</b> ages"
    safe_harbor_citation: "45 CFR 164.514(b)(2)(i)(C)"
{SAME_FOR_IDENTIFIED}
    limited_data_set: {{allowed: "yes", condition: "Dates may stay in a limited data set."}}
    de_identified: {{allowed: "partly", condition: "Only the year."}}
"""
SITE_URL = "https://example.org/kb/"


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    from sitekit import SiteFactory

    site = SiteFactory(tmp_path_factory.mktemp("layouts"))
    site.term("limited-data-set", LDS)
    site.term("data-use-agreement", DUA)
    (site.root / "data" / "data-elements.yml").write_text(DATA_FILE, encoding="utf-8")
    site.page("session.md", "---\nhandout: true\n---\n# Session one\n\nWe compared LDS rules and the data use agreement.\n")
    result = site.build(env={"SITE_URL": SITE_URL})
    assert result.result.returncode == 0, result.output
    return result


def test_matrix_is_a_table_with_row_headers_and_a_label_in_every_cell(built):
    table = built.article("reference/data-elements/").select_one("table.kb-matrix")
    headings = [th.text for th in table.select("thead th")]
    assert not table.select("thead a")  # headings are never linked, even at a term's first mention
    assert headings == ["Identifier", "Identified data", "Limited data set", "De-identified (Safe Harbor)"]
    assert all(th["scope"] == "col" for th in table.select("thead th"))
    rows = table.select("tbody tr")
    assert [r.select_one("th[scope=row] .kb-matrix__letter").text for r in rows] == ["A", "B"]
    # Names from the data file are text, never markup.
    assert "Dates <b>and</b> ages" in rows[1].select_one("th").text and not rows[1].select("th b")
    for row in rows:
        assert [td["data-label"] for td in row.select("td")] == headings[1:]
    # Markdown inside a cell is rendered, and mentions there are linked like anywhere else.
    assert rows[0].select_one("td:nth-of-type(2) em").text == "must"
    assert rows[1].select_one("td:nth-of-type(2) a.kb-term")["href"] == "../../glossary/limited-data-set/"


def test_a_rule_shared_by_every_row_is_stated_once_above_the_matrix(built):
    article = built.article("reference/data-elements/")
    notes = [p.get_text(" ", strip=True) for p in article.select(".kb-matrix-note")]
    assert len(notes) == 1 and notes[0].startswith("Identified data , all 2 rows: Allowed . May be kept.")
    identified = [td.get_text(strip=True) for td in article.select("table.kb-matrix tbody td:nth-of-type(1)")]
    assert identified == ["Allowed", "Allowed"]


def test_matrix_page_has_no_table_of_contents_column(built):
    toc = built.html("reference/data-elements/").select_one(".md-sidebar--secondary")
    assert toc is None or toc.has_attr("hidden")


def test_handout_prints_short_links_and_the_site_address_once(built):
    handout = built.article("session/handout/")
    terms = handout.select(".kb-handout-terms article.kb-handout-term")
    assert [t.select_one("h2 a:not(.headerlink)").text for t in terms] == ["Data use agreement", "Limited data set"]
    # The shortest address of each term: its alias when shorter than its id.
    assert [t.select_one(".kb-handout-short").text for t in terms] == ["glossary/data-use-agreement/",
                                                                      "glossary/lds/"]
    intro = handout.select_one(".kb-handout-intro")
    assert intro.select_one(".kb-handout-site").text == SITE_URL
    # The address, and one example; never once per term.
    assert handout.select_one(".kb-handout").text.count(SITE_URL) == 2
    assert terms[1].select_one(".kb-aliases").text == "Also called: LDS"


def test_mentions_carry_the_term_name_for_the_tap_panel(built):
    mention = built.article("session/").select_one("p a.kb-term")
    assert mention.text == "LDS"
    assert mention["data-term"] == "Limited data set"
    assert mention["title"].startswith("Health data with direct identifiers removed")
