"""The machine-readable glossary, read back from a real build: JSON, CSV, SKOS (as RDF), DefinedTerm."""

from __future__ import annotations

import csv
import io
import json

import pytest
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import RDF, SKOS

SITE_URL = "https://example.org/kb/"

TERMS = {
    "limited-data-set": """\
        term: Limited data set
        aliases: [LDS]
        search_terms: [limited dataset]
        definition: Health data with **16** direct identifiers removed.
        notes: Needs a data use agreement.
        broader: [protected-health-information]
        related: [de-identified-data]
        tags: [privacy-law]
        sources: [{title: 45 CFR 164.514(e), url: "https://www.ecfr.gov/current/title-45/section-164.514"}]
        """,
    "de-identified-data": """\
        term: De-identified data
        definition: 'Data that no longer identifies anyone: =HYPERLINK("http://evil.example") and café.'
        """,
    "protected-health-information": """\
        term: Protected health information
        aliases: [PHI]
        definition: "Health information that identifies a person </script><script>alert(1)</script>."
        """,
    "secret-plan": """\
        term: Secret plan
        status: draft
        definition: Not yet published.
        """,
}


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    from sitekit import SiteFactory

    factory = SiteFactory(tmp_path_factory.mktemp("export"))
    for term_id, text in TERMS.items():
        factory.term(term_id, text)
    factory.page("notes.md", "# Notes\n\nGet the [JSON](glossary.json) and the [CSV](glossary.csv).\n")
    result = factory.build(env={"SITE_URL": SITE_URL})
    assert result.result.returncode == 0, result.output
    return result


PUBLISHED = {"limited-data-set", "de-identified-data", "protected-health-information"}


def test_json_has_every_published_term_with_all_fields_and_url(built):
    data = json.loads((built.site / "glossary.json").read_text(encoding="utf-8"))
    assert data["count"] == 3
    terms = {t["id"]: t for t in data["terms"]}
    assert set(terms) == PUBLISHED
    lds = terms["limited-data-set"]
    assert lds["url"] == SITE_URL + "glossary/limited-data-set/"
    assert lds["aliases"] == ["LDS"]
    assert lds["search_terms"] == ["limited dataset"]
    assert lds["definition"] == "Health data with **16** direct identifiers removed."
    assert lds["notes"] == "Needs a data use agreement."
    assert lds["sources"][0]["url"].startswith("https://www.ecfr.gov/")
    assert lds["status"] == "adopted"
    # Relations are resolved both ways: PHI gets the narrower term it never declared.
    assert terms["protected-health-information"]["narrower"] == ["limited-data-set"]
    assert terms["de-identified-data"]["related"] == ["limited-data-set"]


def test_term_pages_and_exports_count_the_same(built):
    # Short links (glossary/lds/) are folders too: count only folders named after a term file.
    pages = {p.parent.name for p in (built.site / "glossary").glob("*/index.html")} & set(TERMS)
    assert pages == PUBLISHED
    exported = json.loads((built.site / "glossary.json").read_text(encoding="utf-8"))["terms"]
    assert len(exported) == len(pages)
    assert "secret-plan" not in (built.site / "glossary.json").read_text(encoding="utf-8")
    assert "secret-plan" not in (built.site / "glossary.csv").read_text(encoding="utf-8-sig")
    assert "secret-plan" not in (built.site / "glossary.skos.jsonld").read_text(encoding="utf-8")


def test_csv_opens_in_excel_as_utf8_with_one_row_per_term(built):
    raw = (built.site / "glossary.csv").read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf"), "Excel needs the BOM to read UTF-8"
    rows = list(csv.DictReader(io.StringIO(raw.decode("utf-8-sig"))))
    assert len(rows) == 3
    by_id = {r["id"]: r for r in rows}
    assert by_id["limited-data-set"]["definition"] == "Health data with 16 direct identifiers removed."
    assert by_id["limited-data-set"]["url"] == SITE_URL + "glossary/limited-data-set/"
    assert by_id["limited-data-set"]["broader"] == "protected-health-information"
    assert by_id["limited-data-set"]["search_terms"] == "limited dataset"
    assert "café" in by_id["de-identified-data"]["definition"]


def test_csv_cells_never_start_a_formula(built):
    rows = list(csv.reader(io.StringIO((built.site / "glossary.csv").read_text(encoding="utf-8-sig"))))
    for row in rows:
        for cell in row:
            assert not cell.startswith(("=", "+", "-", "@")), cell


def test_skos_parses_as_rdf_with_concepts_labels_and_links(built):
    graph = Graph().parse(built.site / "glossary.skos.jsonld", format="json-ld")
    concepts = set(graph.subjects(RDF.type, SKOS.Concept))
    assert len(concepts) == 3
    scheme = URIRef(SITE_URL + "glossary/")
    assert (scheme, RDF.type, SKOS.ConceptScheme) in graph
    lds = URIRef(SITE_URL + "glossary/limited-data-set/")
    phi = URIRef(SITE_URL + "glossary/protected-health-information/")
    assert (lds, SKOS.prefLabel, Literal("Limited data set", lang="en")) in graph
    assert (lds, SKOS.altLabel, Literal("LDS", lang="en")) in graph
    assert (lds, SKOS.hiddenLabel, Literal("limited dataset", lang="en")) in graph
    assert (lds, SKOS.inScheme, scheme) in graph
    assert (lds, SKOS.broader, phi) in graph
    assert (phi, SKOS.narrower, lds) in graph
    assert (lds, SKOS.related, URIRef(SITE_URL + "glossary/de-identified-data/")) in graph
    assert (lds, SKOS.scopeNote, Literal("Needs a data use agreement.", lang="en")) in graph
    assert len(list(graph.objects(None, SKOS.definition))) == 3
    assert set(graph.objects(scheme, SKOS.hasTopConcept)) == concepts - {lds}


def test_term_page_head_has_defined_term_jsonld(built):
    page = built.html("glossary/limited-data-set/")
    scripts = page.select('head script[type="application/ld+json"]')
    assert len(scripts) == 1
    data = json.loads(scripts[0].string)
    assert data["@type"] == "DefinedTerm"
    assert data["name"] == "Limited data set"
    assert data["url"] == SITE_URL + "glossary/limited-data-set/"
    assert data["alternateName"] == ["LDS"]
    assert data["inDefinedTermSet"]["url"] == SITE_URL + "glossary/"


def test_defined_term_jsonld_cannot_break_out_of_its_script(built):
    page_html = (built.site / "glossary" / "protected-health-information" / "index.html").read_text(encoding="utf-8")
    head = page_html.split("</head>")[0]
    block = head.split('<script type="application/ld+json">')[1].split("</script>")[0]
    assert "<" not in block
    assert json.loads(block)["description"].endswith("</script><script>alert(1)</script>.")


def test_pages_link_to_the_exports(built):
    links = {a["href"] for a in built.article("notes/").select("a")}
    assert {"../glossary.json", "../glossary.csv"} <= links
