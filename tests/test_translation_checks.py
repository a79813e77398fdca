"""One row per mistake in a term's `translations`: the exact message, file, line and field."""

from __future__ import annotations

import pytest

from glossarykit import assert_reported, glossary_problems, write_glossary
from termbase.loading.loader import load_glossary

LDS = """\
term: Limited data set
definition: Health data without direct identifiers.
translations:
  es:
    term: Conjunto limitado de datos
    definition: Datos de salud sin identificadores directos.
    review: {review}
"""


def translated(spanish: str, term: str = "Data set") -> str:
    return f"term: {term}\ndefinition: A collection of records.\ntranslations:\n  es:\n" + spanish


CASES = [
    # (case name, files {name: text}, expected problem lines)
    ("unknown language", {"a.yml": "term: A\ndefinition: B\ntranslations:\n  fr:\n    term: A\n"},
     ["glossary/a.yml:5: translations.fr: unknown field; allowed fields: es"]),
    ("translation without its definition", {"a.yml": translated("    term: Conjunto de datos\n    review: machine\n")},
     ["glossary/a.yml:5: translations.es.definition: is required but missing"]),
    ("translation without its review state", {"a.yml": translated("    term: Conjunto de datos\n    definition: X.\n")},
     ["glossary/a.yml:5: translations.es.review: is required but missing"]),
    ("unknown review state", {"a.yml": LDS.format(review="checked")},
     ["glossary/a.yml:7: translations.es.review: 'checked' is not allowed; use one of: machine, draft, reviewed"]),
    ("misspelt field", {"a.yml": translated("    term: A\n    definition: B\n    review: draft\n    plan: C\n")},
     ["glossary/a.yml:8: translations.es.plan: unknown field; did you mean `plain`?"]),
    ("empty Spanish name", {"a.yml": translated("    term: ' '\n    definition: B\n    review: draft\n")},
     ["glossary/a.yml:5: translations.es.term: must not be empty"]),
    ("source that is not a web address", {"a.yml": translated(
        "    term: A\n    definition: B\n    review: draft\n    sources:\n      - title: HHS\n        url: hhs.gov\n")},
     ["glossary/a.yml:10: translations.es.sources[0].url: 'hhs.gov' is not an http:// or https:// URL"]),
    ("reviewed without saying by whom", {"a.yml": LDS.format(review="reviewed")},
     ["glossary/a.yml:7: translations.es.reviewed_by: is required when review is 'reviewed': name the bilingual"]),
    ("alias that repeats the name without its accents",
     {"a.yml": translated("    term: Información médica\n    aliases: [Informacion Medica]\n"
                          "    definition: B\n    review: draft\n")},
     ["glossary/a.yml:6: translations.es.aliases: 'Informacion Medica' repeats the name 'Información médica'"]),
    ("unsafe link in the Spanish definition",
     {"a.yml": translated("    term: A\n    definition: '[x](javascript:alert(1))'\n    review: draft\n")},
     ["glossary/a.yml:6: translations.es.definition: 'javascript:' links are not allowed; use an https:// URL"]),
    ("two terms with one Spanish name (a plural of it, without accents)",
     {"a.yml": LDS.format(review="draft"),
      "b.yml": translated("    term: conjuntos limitados de datos\n    definition: B\n    review: draft\n")},
     ["glossary/b.yml:5: translations.es.term: 'conjuntos limitados de datos' collides with "
      "'Conjunto limitado de datos' of glossary/a.yml"]),
]


@pytest.mark.parametrize("files, expected", [c[1:] for c in CASES], ids=[c[0] for c in CASES])
def test_each_translation_mistake_is_reported_with_file_line_and_field(tmp_path, files, expected):
    write_glossary(tmp_path, files)
    assert_reported(glossary_problems(tmp_path), expected)


def test_a_reviewed_translation_names_its_reviewer_and_loads(tmp_path):
    reviewed = LDS.format(review="reviewed") + "    reviewed_by: County language access office\n"
    write_glossary(tmp_path, {"a.yml": reviewed})
    term = load_glossary(tmp_path / "glossary", tmp_path)["a"]
    spanish = term.translation("es")
    assert (spanish.term, spanish.review, spanish.reviewed_by) == (
        "Conjunto limitado de datos", "reviewed", "County language access office")
    assert term.translation("fr") is None


def test_the_same_spanish_name_in_two_languages_fields_of_one_term_is_no_collision(tmp_path):
    """Names collide across terms only; a term's English and Spanish names may be equal (FERPA)."""
    write_glossary(tmp_path, {"ferpa.yml": "term: FERPA\ndefinition: A law.\ntranslations:\n  es:\n    term: FERPA\n"
                                           "    definition: Una ley.\n    review: machine\n"})
    assert load_glossary(tmp_path / "glossary", tmp_path)["ferpa"].translation("es").term == "FERPA"
