"""Spanish pages, out-of-date translations, the status page, the exports and the search index,
read from a small site built for real from a git repository with commits at fixed dates.

The story, oldest first:
- 2026-01-10  limited-data-set (Spanish, machine), data-use-agreement (Spanish, reviewed),
              protected-health-information (no Spanish) and a page in Spanish
- 2026-02-15  limited-data-set's English definition reworded: its Spanish is now out of date
- 2026-03-01  data-use-agreement's English rewrapped, no word changed: still up to date
- 2026-03-05  data-sharing-agreement's English reworded, then its Spanish added the same day
"""

from __future__ import annotations

import csv
import io
import json
import shutil

import pytest
import rdflib
from historykit import commit, git
from rdflib.namespace import SKOS
from sitekit import BuiltSite, SiteFactory

SITE_URL = "https://kb.example.org/"

LDS = """\
term: Limited data set
definition: {definition}
related: [protected-health-information, data-use-agreement]
translations:
  es:
    term: Conjunto limitado de datos
    definition: Datos de salud sin identificadores directos, bajo un acuerdo de uso de datos.
    plain: Datos de salud sin nombres ni direcciones.
    review: machine
"""
DUA = """\
term: Data use agreement
definition: {definition}
translations:
  es:
    term: Acuerdo de uso de datos
    aliases: [DUA]
    definition: El acuerdo que se firma para recibir un conjunto limitado de datos.
    review: reviewed
    reviewed_by: County language access office
    sources:
      - title: Agency glossary in Spanish
        url: https://example.org/glosario
"""
DSA = """\
term: Data sharing agreement
definition: {definition}
"""
DSA_SPANISH = """\
translations:
  es:
    term: Acuerdo para compartir datos
    definition: Un acuerdo escrito para compartir datos.
    review: draft
"""
PHI = "term: Protected health information\ndefinition: Health information tied to a person.\n"
RESIDENTS = """\
---
title: Para residentes
---
# Para residentes

Un sistema puede usar un conjunto limitado de datos con un acuerdo de uso de datos.
"""


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> BuiltSite:
    site = SiteFactory(tmp_path_factory.mktemp("translations"))
    git(site.root, "init", "-q", "-b", "main")
    site.term("limited-data-set", LDS.format(definition="Health data without direct identifiers."))
    site.term("data-use-agreement", DUA.format(definition="The agreement a limited data set needs."))
    site.term("data-sharing-agreement", DSA.format(definition="An agreement to share data."))
    site.term("protected-health-information", PHI)
    site.page("es/index.md", "---\ntitle: Inicio\n---\n# Inicio\n\nBienvenidos.\n")
    site.page("es/residents.md", RESIDENTS)
    site.page("residents.md", "# For residents\n\nA limited data set.\n")
    commit(site, "2026-01-10", "Add terms with their Spanish")
    site.term("limited-data-set", LDS.format(definition="Health information without the 16 direct identifiers."))
    commit(site, "2026-02-15", "Reword the limited data set")
    site.term("data-use-agreement", DUA.format(definition="The agreement\n  a limited data set needs."))
    commit(site, "2026-03-01", "Rewrap the data use agreement")
    site.term("data-sharing-agreement", DSA.format(definition="A written agreement to share data."))
    commit(site, "2026-03-05", "Reword the data sharing agreement")
    site.term("data-sharing-agreement", DSA.format(definition="A written agreement to share data.") + DSA_SPANISH)
    commit(site, "2026-03-05", "Translate the data sharing agreement")
    result = site.build(env={"SITE_URL": SITE_URL})
    assert result.result.returncode == 0, result.output
    return result


def notices(built: BuiltSite, page: str) -> dict[str, object]:
    article = built.article(page)
    return {"review": article.select_one(".admonition.kb-translation-review"),
            "outdated": article.select_one(".admonition.kb-translation-outdated")}


def test_a_spanish_term_page_is_in_spanish_and_says_it_is_a_machine_translation(built):
    soup = built.html("es/glossary/limited-data-set/")
    assert soup.html["lang"] == "es"
    article = built.article("es/glossary/limited-data-set/")
    assert article.h1.get_text(strip=True).rstrip("¶") == "Conjunto limitado de datos"
    plain = article.select_one(".kb-plain").get_text(" ", strip=True)
    assert plain.endswith("Datos de salud sin nombres ni direcciones.")
    review = notices(built, "es/glossary/limited-data-set/")["review"]
    assert "Traducción automática / borrador, sin revisar por una persona bilingüe" in review.get_text()
    assert review.select_one("a")["href"] == "../../../glossary/limited-data-set/"
    # The theme speaks Spanish too: the search field, the share panel.
    assert soup.select_one("input.md-search__input")["placeholder"] == "Búsqueda"
    assert soup.select_one(".kb-share summary").get_text(strip=True).startswith("Compartir esta página")


def test_the_spanish_page_says_when_the_english_changed_after_the_translation(built):
    outdated = notices(built, "es/glossary/limited-data-set/")["outdated"]
    assert outdated is not None
    times = {t["datetime"]: t.get_text() for t in outdated.select("time")}
    assert times == {"2026-02-15": "15 de febrero de 2026", "2026-01-10": "10 de enero de 2026"}
    assert outdated.select_one("a")["href"] == "../../../glossary/limited-data-set/"


@pytest.mark.parametrize("page", ["es/glossary/data-use-agreement/", "es/glossary/data-sharing-agreement/"])
def test_a_rewrapped_english_text_or_a_translation_made_after_the_change_is_not_out_of_date(built, page):
    assert notices(built, page)["outdated"] is None


def test_a_reviewed_translation_shows_no_notice_and_names_its_sources(built):
    assert notices(built, "es/glossary/data-use-agreement/")["review"] is None
    article = built.article("es/glossary/data-use-agreement/")
    assert [a["href"] for a in article.select("h2#fuentes-de-la-traduccion + ul a")] == ["https://example.org/glosario"]
    assert "borrador" in notices(built, "es/glossary/data-sharing-agreement/")["review"].get_text()


def test_related_terms_by_their_spanish_names_or_marked_not_yet_translated_linking_english(built):
    items = built.article("es/glossary/limited-data-set/").select("h2#terminos-relacionados + ul > li")
    links = {li.a.get_text(): (li.a["href"], li.get_text(" ", strip=True)) for li in items}
    assert links["Acuerdo de uso de datos"][0] == "../data-use-agreement/"
    href, text = links["Protected health information"]
    assert href == "../../../glossary/protected-health-information/"
    assert "(aún no traducido / not yet translated)" in text


def test_hreflang_links_join_a_page_and_its_translation_both_ways_with_a_sitemap_beside_each(built):
    pairs = {"glossary/limited-data-set/": "es/glossary/limited-data-set/", "residents/": "es/residents/"}
    for english, spanish in pairs.items():
        for page in (english, spanish):
            links = {link["hreflang"]: link["href"] for link in built.html(page).select("head link[hreflang]")}
            assert links == {"en": SITE_URL + english, "es": SITE_URL + spanish}, page
            sitemap = (built.site / page / "sitemap.xml").read_text(encoding="utf-8")
            assert f"<loc>{SITE_URL + page}</loc>" in sitemap
            assert f'hreflang="es" href="{SITE_URL + spanish}"' in sitemap
    # An index page is not a translation of the other language's index: no hreflang link.
    assert built.html("es/").select("head link[hreflang]") == []
    assert built.html("glossary/protected-health-information/").select("head link[hreflang]") == []


def test_the_language_selector_leads_to_the_translation_or_to_the_other_language_home(built):
    def selector(page):
        return {a["hreflang"]: (a["href"], a.get("aria-current")) for a in built.html(page).select("a.md-select__link")}
    assert selector("glossary/limited-data-set/") == {"en": ("./", "page"),
                                                      "es": ("../../es/glossary/limited-data-set/", None)}
    assert selector("es/glossary/limited-data-set/") == {"en": ("../../../glossary/limited-data-set/", None),
                                                         "es": ("./", "page")}
    assert selector("glossary/protected-health-information/")["es"] == ("../../es/", None)


def test_spanish_pages_show_the_spanish_navigation(built):
    nav = built.html("es/residents/").select("nav.md-nav--primary a.md-nav__link")
    assert [(a.get_text(strip=True), a["href"], a.get("aria-current")) for a in nav] == [
        ("Inicio", "../", None), ("Para residentes", "./", "page"), ("Glosario", "../glossary/", None)]
    english = built.html("residents/").select("nav.md-nav--primary a.md-nav__link")
    assert "Inicio" not in [a.get_text(strip=True) for a in english]


def test_a_spanish_page_links_spanish_names_and_lists_them_in_spanish(built):
    article = built.article("es/residents/")
    assert [(a.get_text(), a["href"]) for a in article.select("p a.kb-term")] == [
        ("conjunto limitado de datos", "../glossary/limited-data-set/"),
        ("acuerdo de uso de datos", "../glossary/data-use-agreement/")]
    section = article.select_one("section.kb-terms-on-page")
    assert section.h2.get_text(strip=True).rstrip("¶") == "Términos en esta página"


def test_the_spanish_glossary_lists_translated_terms_a_to_z_then_the_others(built):
    article = built.article("es/glossary/")
    assert [a.get_text() for a in article.select("h3#letter-a + ul a")] == [
        "Acuerdo de uso de datos", "Acuerdo para compartir datos"]
    assert [li.get_text(" ", strip=True) for li in article.select("h3#letter-d + ul li")] == [
        "DUA: ver Acuerdo de uso de datos"]
    untranslated = article.select("h2#untranslated ~ ul a")
    assert [(a.get_text(), a["href"]) for a in untranslated] == [
        ("Protected health information", "../../glossary/protected-health-information/")]


def test_the_status_page_counts_and_lists_per_language(built):
    article = built.article("glossary/translations/")
    counts = {row.select("td")[0].get_text(strip=True): row.select("td")[1].get_text(strip=True)
              for row in article.select("h2#es + table tbody tr")}
    assert counts == {"Translated": "3 of 4", "Reviewed by a bilingual person or body": "1",
                      "Not reviewed (machine translation or draft)": "2",
                      "Out of date (the English changed since)": "1", "Missing": "1"}
    outdated = [[cell.get_text(strip=True) for cell in row.select("td")]
                for row in article.select("h3#es-outdated + table tbody tr")]
    assert outdated == [["Limited data set", "Conjunto limitado de datos", "2026-02-15", "2026-01-10"]]
    reviews = {row.td.get_text(strip=True): row.select("td")[2].get_text(strip=True)
               for row in article.select("h3#es-unreviewed + table tbody tr")}
    assert reviews == {"Limited data set": "machine translation", "Data sharing agreement": "draft"}
    assert "County language access office" in article.select_one("h3#es-reviewed + table").get_text()
    assert [a.get_text() for a in article.select("h3#es-missing + p a")] == ["Protected health information"]


def test_exports_carry_the_translations(built):
    graph = rdflib.Graph().parse(data=(built.site / "glossary.skos.jsonld").read_text(encoding="utf-8"),
                                 format="json-ld")
    lds = rdflib.URIRef(SITE_URL + "glossary/limited-data-set/")
    assert set(graph.objects(lds, SKOS.prefLabel)) == {rdflib.Literal("Limited data set", lang="en"),
                                                       rdflib.Literal("Conjunto limitado de datos", lang="es")}
    dua = rdflib.URIRef(SITE_URL + "glossary/data-use-agreement/")
    assert rdflib.Literal("DUA", lang="es") in set(graph.objects(dua, SKOS.altLabel))
    assert {label.language for label in graph.objects(lds, SKOS.definition)} == {"en", "es"}
    rows = {row["id"]: row for row in csv.DictReader(io.StringIO(
        (built.site / "glossary.csv").read_text(encoding="utf-8-sig")))}
    assert rows["limited-data-set"]["term_es"] == "Conjunto limitado de datos"
    assert rows["data-use-agreement"]["review_es"] == "reviewed"
    assert rows["protected-health-information"]["term_es"] == ""
    records = {t["id"]: t for t in json.loads((built.site / "glossary.json").read_text(encoding="utf-8"))["terms"]}
    assert records["data-use-agreement"]["translations"]["es"]["reviewed_by"] == "County language access office"
    assert records["protected-health-information"]["translations"] == {}


def test_the_search_index_holds_spanish_names_with_and_without_accents(built):
    index = json.loads((built.site / "search" / "search_index.json").read_text(encoding="utf-8"))
    assert "es" not in index["config"].get("lang", ["en"])  # see mkdocs.yml: Spanish stop words hurt English
    entries = {entry["location"]: entry for entry in index["docs"]}
    lds = entries["es/glossary/limited-data-set/"]
    assert {"conjunto", "limitado", "datos"} <= set(lds["names"].split())
    assert "conjuntos" in lds["spellings"].split()
    assert float(lds["boost"]) < 1  # below other pages: a name both languages share finds English first
    assert lds["text"] == "<p>Datos de salud sin identificadores directos, bajo un acuerdo de uso de datos.</p>"


def test_without_history_nothing_is_called_out_of_date_and_the_status_page_says_why(built, tmp_path):
    copy = tmp_path / "copy"
    shutil.copytree(built.root, copy, ignore=shutil.ignore_patterns(".git", "site", ".cache"))
    site = SiteFactory.__new__(SiteFactory)
    site.root = copy
    again = site.build(env={"SITE_URL": SITE_URL})
    assert again.result.returncode == 0, again.output
    assert notices(again, "es/glossary/limited-data-set/")["outdated"] is None
    assert "No history" in again.article("glossary/translations/").get_text()
