"""What the engine adds to the search index: each term's names, weighted so the exact name wins."""

from __future__ import annotations

import json
import shutil
from collections import Counter

import pytest

from sitekit import REPO
from termbase.loading.model import Term
from termbase.sitefiles.searchindex import (DEFINITION_REST_FIELD, NAMES_FIELD, SPELLINGS_FIELD, Tokenizer, add_terms,
                                  field_boosts, first_sentence, name_words)

WORDS = Tokenizer.for_separator(r"[\s\-,;:!?()\[\]{}/]+|\.(?=\s|$)")


def term(name: str, *aliases: str, search_terms: tuple[str, ...] = ()) -> Term:
    return Term(id="t", term=name, definition="D.", path="glossary/t.yml", aliases=aliases,
                search_terms=search_terms)


def weights(fields: dict[str, list[str]]) -> Counter:
    return Counter(fields[NAMES_FIELD])


def test_each_word_weighs_more_the_shorter_the_name_that_holds_it():
    ferpa = weights(name_words(term("FERPA", "Family Educational Rights and Privacy Act"), WORDS))
    assert ferpa["ferpa"] == 12
    assert ferpa["family"] == ferpa["privacy"] == ferpa["act"] == 2
    waiver = weights(name_words(term("Waiver of informed consent", "consent waiver"), WORDS))
    assert waiver["consent"] == waiver["waiver"] == 6  # from the two-word alias
    assert waiver["informed"] == 3


def test_plurals_hyphenless_and_dotted_spellings_are_found_but_weigh_less():
    fields = name_words(term("De-identified data", "MOU", "quasi-identifier"), WORDS)
    spellings = fields[SPELLINGS_FIELD]
    for typed in ("deidentified", "m.o.u", "mous", "quasiidentifier", "quasiidentifiers", "identifiers"):
        assert typed in spellings
    assert set(fields[NAMES_FIELD]) == {"de", "identified", "data", "mou", "quasi", "identifier"}
    assert not set(fields[NAMES_FIELD]) & set(spellings)
    assert not [word for word in spellings if "." in word and word != "m.o.u"]  # no "m.o.us"


def test_a_word_that_lengthens_another_names_word_weighs_like_a_spelling():
    lds = term("Limited data set", "limited dataset")
    vocabulary = frozenset({"data", "re", "limited", "set", "dataset"})
    fields = name_words(lds, WORDS, vocabulary)
    assert "dataset" not in fields[NAMES_FIELD] and "dataset" in fields[SPELLINGS_FIELD]
    assert "data" in fields[NAMES_FIELD]
    record = name_words(term("Record linkage"), WORDS, vocabulary)
    assert set(record[NAMES_FIELD]) == {"record", "linkage"}  # "re" is too short a stem


def test_search_terms_count_as_names():
    safe = weights(name_words(term("Safe Harbor method", search_terms=("Safe Harbour",)), WORDS))
    assert safe["harbour"] == safe["safe"] == 6
    assert safe["harbor"] == safe["method"] == 4


@pytest.mark.parametrize("definition, shown", [
    ("A thing. It is good.", "A thing."),
    ("Shared under a data use agreement (45 CFR 164.514(e)). Only for research.",
     "Shared under a data use agreement (45 CFR 164.514(e))."),
    ("Rules, e.g. Medicaid data, under U.S. law. Next.", "Rules, e.g. Medicaid data, under U.S. law."),
    ("Data covered by HIPAA. Next.", "Data covered by HIPAA."),
    ("One sentence only.", "One sentence only."),
])
def test_a_result_shows_the_first_sentence_of_the_definition(definition, shown):
    first, rest = first_sentence(definition)
    assert first == shown
    assert f"{first} {rest}".strip() == definition


def test_a_javascript_only_separator_falls_back_to_spaces_and_hyphens():
    assert Tokenizer.for_separator(r"[\p{Z}\-]+").words("De-identified data") == ["De", "identified", "data"]


def test_term_entries_get_names_and_the_definition_others_stay_as_they_are():
    index = {"config": {"lang": ["en"], "separator": r"[\s\-]+", "fields": {"title": {"boost": 1000}}},
             "docs": [{"location": "glossary/t/", "title": "LDS", "text": "<p>Also called: X</p><p>D.</p>"},
                      {"location": "glossary/t/#notes", "title": "Notes", "text": "<p>n</p>"},
                      {"location": "playbooks/p/", "title": "P", "text": "<p>p</p>"}]}
    lds = Term(id="t", term="Limited data set", definition="D.", path="glossary/t.yml", aliases=("LDS",))
    missing = Term(id="u", term="Unindexed", definition="U.", path="glossary/u.yml")
    result = add_terms(index, [(lds, "glossary/t/"), (missing, "glossary/u/")],
                       {"t": "Health data & more. Shared under a <DUA>.", "u": "U."})
    entry, notes, playbook = result["docs"]
    assert entry["text"] == "<p>Health data &amp; more.</p>"
    assert entry[DEFINITION_REST_FIELD] == "Shared under a &lt;DUA&gt;."
    assert Counter(entry[NAMES_FIELD].split()) == {"lds": 12, "limited": 4, "data": 4, "set": 4}
    assert notes == index["docs"][1] and playbook == index["docs"][2]
    assert result["config"]["fields"]["title"] == {"boost": 1000}
    assert set(field_boosts()) <= set(result["config"]["fields"])
    assert len(result["docs"]) == 3 and index["docs"][0]["text"].startswith("<p>Also")  # input untouched


LDS = """\
term: Limited data set
aliases: [LDS]
search_terms: [limited dataset]
definition: Health data with **direct identifiers** removed. Only for research.
"""


def _index(site_dir) -> dict:
    return json.loads((site_dir / "search" / "search_index.json").read_text(encoding="utf-8"))


def test_search_terms_are_in_the_index_and_never_linked(site):
    site.term("limited-data-set", LDS)
    site.page("index.md", "# Home\n\nA limited dataset, then an LDS.\n")
    built = site.build()
    assert built.result.returncode == 0, built.output
    links = [a.get_text() for a in built.article("").select("p > a.kb-term")]
    assert links == ["LDS"]
    entry = next(d for d in _index(built.site)["docs"] if d["location"] == "glossary/limited-data-set/")
    assert entry["text"] == "<p>Health data with direct identifiers removed.</p>"
    assert entry[DEFINITION_REST_FIELD] == "Only for research."
    assert Counter(entry[NAMES_FIELD].split()) == {"lds": 12, "limited": 6, "data": 4, "set": 4}
    assert "dataset" in entry[SPELLINGS_FIELD].split()  # it lengthens "data"
    assert not (built.site / "glossary" / "limited-dataset").exists()  # no short link either


def test_the_offline_copy_inlines_the_index_with_the_names(site):
    site.term("limited-data-set", LDS)
    built = site.build(env={"OFFLINE": "true"})
    assert built.result.returncode == 0, built.output
    script = (built.site / "search" / "search_index.js").read_text(encoding="utf-8")
    inlined = json.loads(script.removeprefix("var __index = "))
    assert inlined == _index(built.site)
    assert any("lds" in d.get(NAMES_FIELD, "") for d in inlined["docs"])


def test_two_gen_interventions_link_to_the_two_generation_approach(site):
    """The community writes "two-gen"; the real glossary must link it."""
    for path in (REPO / "glossary").glob("*.yml"):
        shutil.copy(path, site.root / "glossary" / path.name)
    site.page("index.md", "# Home\n\nThe cohort funds two-gen interventions for whole families.\n")
    built = site.build()
    assert built.result.returncode == 0, built.output
    link = built.article("").find("a", class_="kb-term", string="two-gen")
    assert link is not None, built.article("")
    assert link["href"].rstrip("/").endswith("glossary/two-generation-approach")
