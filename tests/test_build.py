"""Build small real sites with `mkdocs build` and read the HTML they produce."""

from __future__ import annotations

import json

import pytest

LDS = """\
term: Limited data set
aliases: [LDS]
definition: Health data with **direct identifiers** removed, shared under a data use agreement.
tags: [privacy-law]
related: [data-use-agreement]
sources:
  - title: 45 CFR 164.514(e)
    url: https://www.ecfr.gov/current/title-45/section-164.514
"""
DUA = """\
term: Data use agreement
aliases: [DUA]
definition: The agreement under which a limited data set is shared.
tags: [privacy-law, contracting]
"""
DRAFT = """\
term: Secret sauce
definition: An idea still being drafted.
status: draft
"""


@pytest.fixture
def built(site):
    site.term("limited-data-set", LDS)
    site.term("data-use-agreement", DUA)
    site.term("secret-sauce", DRAFT)
    site.page("index.md", """\
        # Home

        A limited data set is shared under a DUA. Another limited data set. Secret sauce is a draft.

        ## Limited data set basics

        `limited data set` in code. [limited data set](https://example.org/) in a link.
        """)
    site.page("session.md", """\
        ---
        handout: true
        ---
        # Session one

        We compared LDS rules.
        """)
    site.page("quiet.md", "---\nautolink: false\n---\n# Quiet\n\nA limited data set, not linked.\n")
    result = site.build()
    assert result.result.returncode == 0, result.output
    return result


def test_first_mention_links_to_term_page_with_definition_tooltip(built):
    links = built.article("").select("a.kb-term")
    first = links[0]
    assert first.text == "limited data set"
    assert first["href"] == "glossary/limited-data-set/"
    assert first["title"] == "Health data with direct identifiers removed, shared under a data use agreement."
    assert [a.text for a in built.article("").select("p a.kb-term")] == ["limited data set", "DUA"]


def test_no_links_in_headings_code_existing_links_or_opted_out_pages(built):
    article = built.article("")
    assert not article.select("h2 a.kb-term, code a, a a")
    assert not built.article("quiet/").select("a.kb-term")


def test_hand_written_pages_end_with_terms_on_this_page(built):
    section = built.article("").select_one("section.kb-terms-on-page")
    assert [a.text for a in section.select("a.kb-term")] == ["Data use agreement", "Limited data set"]
    assert section.select_one("h2 a.headerlink")["href"] == "#terms-on-this-page"


def test_term_page_content_and_edit_link_to_yaml(built):
    page = built.html("glossary/limited-data-set/")
    article = page.select_one("article")
    assert article.h1.text.strip("¶") == "Limited data set"
    assert "LDS" in article.select_one(".kb-aliases").text
    assert article.select_one(".kb-definition strong").text == "direct identifiers"
    related = article.find("h2", id="related-terms").find_next("ul")
    assert related.a["href"] == "../data-use-agreement/"
    edit = page.select_one('a[rel="edit"]')
    assert edit["href"].endswith("/edit/main/glossary/limited-data-set.yml")
    assert article.find("a", string="45 CFR 164.514(e)")["href"].startswith("https://www.ecfr.gov/")


def test_used_in_backlinks_list_every_mentioning_page(built):
    used_in = built.article("glossary/limited-data-set/").select_one("ul.kb-used-in")
    titles = sorted(a.text for a in used_in.select("a"))
    # Not "Quiet" (linking off), nor "Data elements" (it names the term only in a column heading).
    assert titles == ["Data use agreement", "Home", "Session one"]
    dua_used_in = built.article("glossary/data-use-agreement/").select_one("ul.kb-used-in")
    assert "Home" in [a.text for a in dua_used_in.select("a")]


def test_term_pages_are_out_of_the_navigation_but_index_is_in(built):
    nav = built.html("").select_one("nav.md-nav--primary")
    hrefs = [a.get("href") for a in nav.select("a")]
    assert not any("glossary/limited-data-set" in (h or "") for h in hrefs), hrefs
    assert any(h and h.rstrip("/").endswith("glossary") for h in hrefs)


def test_glossary_index_has_letters_aliases_and_topics(built):
    article = built.article("glossary/")
    assert article.find(id="letter-l") and article.find(id="letter-d")
    items = [li.get_text(" ", strip=True) for li in article.select("li")]
    assert any(i.startswith("LDS : see Limited data set") or i.startswith("LDS: see") for i in items), items
    topic = article.find(id="tag-privacy-law").find_next("p")
    assert [a.text for a in topic.select("a")] == ["Data use agreement", "Limited data set"]


def test_drafts_appear_nowhere(built):
    assert not (built.site / "glossary" / "secret-sauce").exists()
    for path in built.site.rglob("*"):
        if path.suffix in (".html", ".json", ".xml", ".csv", ".jsonld"):
            text = path.read_text(encoding="utf-8")
            assert "secret-sauce" not in text, path
    search = json.loads((built.site / "search" / "search_index.json").read_text(encoding="utf-8"))
    assert not any("secret" in doc["location"] for doc in search["docs"])
    assert "secret-sauce" not in (built.site / "sitemap.xml").read_text(encoding="utf-8")


def test_aliases_are_searchable_and_short_links_redirect(built):
    search = json.loads((built.site / "search" / "search_index.json").read_text(encoding="utf-8"))
    term_docs = [d for d in search["docs"] if d["location"] == "glossary/limited-data-set/"]
    assert term_docs and "lds" in term_docs[0]["names"].split()
    redirect = built.html("glossary/lds/")
    assert redirect.select_one('meta[http-equiv="refresh"]')["content"] == "0; url=../limited-data-set/"


def test_session_page_gets_a_handout_with_its_terms(built):
    link = built.article("session/").select_one(".kb-handout-link a")
    assert link["href"] == "handout/"
    handout = built.article("session/handout/")
    assert [h.select_one("a:not(.headerlink)").text for h in handout.select("article.kb-handout-term h2")] == ["Limited data set"]


INJECTION = """\
term: "Evil <script>alert(1)</script> term"
aliases: ["<img src=x onerror=alert(2)>"]
definition: 'Looks fine <script>alert(3)</script> <img src="x" onerror="alert(4)"> <a href="javascript:alert(5)">x</a>'
notes: |
  <iframe src="https://example.org"></iframe> [click](https://example.org "t") <b onmouseover="alert(6)">b</b>
sources:
  - title: '<script>alert(7)</script>'
    url: https://example.org/?q=<script>
"""


def test_injected_markup_never_reaches_output_as_live_markup(site):
    site.term("evil", INJECTION.replace('<a href="javascript:alert(5)">x</a>', ""))
    site.page("index.md", "# Home\n\nAn evil <script>alert(1)</script> term here.\n")
    result = site.build()
    assert result.result.returncode == 0, result.output
    for path in ["glossary/evil/", "glossary/", "glossary/compare/"]:
        article = result.article(path)
        assert not article.select("script, iframe"), path
        for tag in article.find_all(True):
            assert not any(attr.startswith("on") for attr in tag.attrs), (path, tag)
            assert not str(tag.get("href", "")).lower().startswith("javascript:"), (path, tag)
    head_scripts = result.html("glossary/evil/").select('script[type="application/ld+json"]')
    for script in head_scripts:
        assert "<script" not in script.string and "</" not in script.string


def test_invalid_glossary_stops_the_build_with_file_line_messages(site):
    site.term("limited-data-set", LDS.replace("data-use-agreement", "nowhere"))
    site.term("broken", "term: Broken\ndefintion: typo\n")
    site.term("Bad_Name", LDS)
    result = site.build()
    assert result.result.returncode != 0
    assert "glossary/broken.yml:2: defintion: unknown field; did you mean `definition`?" in result.output
    assert "glossary/limited-data-set.yml:5: related: unknown term 'nowhere'" in result.output
    assert "glossary/Bad_Name.yml:1: file:" in result.output
    assert "Traceback" not in result.output


def test_malformed_data_file_stops_the_build(site):
    (site.root / "data" / "data-elements.yml").write_text("title: X\nintroduction: Y\nelements:\n  - letter: Z\n",
                                                          encoding="utf-8")
    result = site.build()
    assert result.result.returncode != 0
    assert "data/data-elements.yml:4: elements[0].letter" in result.output
    assert "Traceback" not in result.output


def test_jurisdiction_page_lists_local_usage(site):
    site.term("data-use-agreement", DUA + "local_usage:\n  - jurisdiction: iowa\n    local_name: Data access"
              " agreement\n    note: Used for every research request.\n")
    site.page("sites/iowa.md", "---\njurisdiction: iowa\n---\n# Iowa\n\nIowa's team.\n")
    result = site.build()
    assert result.result.returncode == 0, result.output
    table = result.article("sites/iowa/").find(id="local-usage-of-terms").find_next("table")
    assert "Data access agreement" in table.text
    assert table.a["href"] == "../../glossary/data-use-agreement/"
    term_table = result.article("glossary/data-use-agreement/").find(id="local-usage").find_next("table")
    assert term_table.a.text == "Iowa" and term_table.a["href"] == "../../sites/iowa/"


def test_term_can_opt_out_of_autolinking(site):
    site.term("data-use-agreement", DUA + "autolink: false\n")
    site.page("index.md", "# Home\n\nA data use agreement.\n")
    result = site.build()
    assert not result.article("").select("p a.kb-term")
    assert (result.site / "glossary" / "data-use-agreement" / "index.html").exists()


def test_deprecated_and_proposed_banners(site):
    site.term("data-use-agreement", DUA)
    site.term("data-access-agreement", "term: Data access agreement\ndefinition: Old name.\nstatus: deprecated\n"
              "replaced_by: data-use-agreement\n")
    site.term("data-trust", "term: Data trust\ndefinition: A new idea.\nstatus: proposed\n")
    result = site.build()
    assert result.result.returncode == 0, result.output
    banner = result.article("glossary/data-access-agreement/").select_one(".admonition.danger")
    assert banner.a["href"] == "../data-use-agreement/"
    assert "under discussion" in result.article("glossary/data-trust/").select_one(".admonition.warning").text


def test_terms_on_this_page_stays_out_of_search(built):
    search = json.loads((built.site / "search" / "search_index.json").read_text(encoding="utf-8"))
    home = " ".join(d["text"] for d in search["docs"] if d["location"].startswith("#") or d["location"] == "")
    assert "Health data with direct identifiers" not in home  # the summary lives only in that section
    assert "data-search-exclude" not in (built.site / "index.html").read_text(encoding="utf-8")
