"""The data-set checker's core: how column names split, the tricky names, the rules' validation."""

from __future__ import annotations

import json
import textwrap

import pytest

from sitekit import REPO, MINIMAL_DATA_FILE
from measure_checker import repository_checker
from termbase.checker.columncheck import ColumnChecker
from termbase.checker.columnreport import explain, json_rows, summarize
from termbase.checker.columnrules import compile_column_rules
from termbase.loading.datafiles import load_data_elements
from termbase.loading.problems import InvalidContent
from termbase.pages.checkerpage import rules_script

KINDS = ("identified", "limited_data_set", "de_identified")


@pytest.fixture(scope="module")
def checker() -> ColumnChecker:
    return repository_checker()


def verdicts(result) -> tuple[str, ...]:
    return tuple(result.verdict(kind) for kind in KINDS)


# column, identifier, (identified, limited data set, Safe Harbor), what the column holds
TRICKY = [
    ("zip3", "B", ("allowed", "allowed", "partly"), "three-digit ZIP code"),
    ("zip_code", "B", ("allowed", "allowed", "partly"), "five-digit ZIP code"),
    ("birth_year", "C", ("allowed", "allowed", "partly"), "year of birth"),
    ("dob", "C", ("allowed", "allowed", "partly"), "date of birth"),
    ("age", "C", ("allowed", "allowed", "partly"), "age"),
    ("age_group", None, ("allowed", "allowed", "allowed"), ""),
    ("county", "B", ("allowed", "allowed", "not allowed"), "county or other area smaller than a state"),
    ("city", "B", ("allowed", "allowed", "not allowed"), "town or city"),
    ("street", "B", ("allowed", "not allowed", "not allowed"), "street address"),
    ("provider_npi", None, ("allowed", "allowed", "allowed"), ""),
    ("provider_zip", None, ("allowed", "allowed", "allowed"), "five-digit ZIP code"),
    ("client_id", "R", ("allowed", "partly", "partly"), "person or record identifier"),
    ("photo_path", "Q", ("allowed", "review", "review"), "photograph or image"),
    ("ip", "O", ("allowed", "not allowed", "not allowed"), "IP address"),
    ("ip_days", None, ("allowed", "allowed", "allowed"), ""),
    ("email_opt_in", None, ("allowed", "allowed", "allowed"), "email address"),
    ("email", "F", ("allowed", "not allowed", "not allowed"), "email address"),
    ("date_of_service", "C", ("allowed", "allowed", "partly"), "date"),
    ("parent_last_name", "A", ("allowed", "not allowed", "not allowed"), "name"),
    ("dx_code", None, ("allowed", "allowed", "allowed"), ""),
    ("ssn", "G", ("allowed", "not allowed", "not allowed"), "Social Security number"),
    ("hashed_ssn", "R", ("allowed", "partly", "not allowed"), "code derived from identifiers"),
    ("notes", None, ("allowed", "review", "review"), "free text"),
    ("id", "R", ("allowed", "review", "review"), "identifier of something unnamed"),
    ("code", None, ("allowed", "review", "review"), "code the name does not explain"),
    ("race", None, ("allowed", "allowed", "allowed"), ""),
    ("program_code", None, ("allowed", "allowed", "allowed"), ""),
    ("amount_paid", None, ("allowed", "allowed", "allowed"), ""),
    ("state", None, ("allowed", "allowed", "allowed"), ""),
    # The identifiers public file layouts rarely carry, so the labelled set has few or none of them.
    ("fax_number", "E", ("allowed", "not allowed", "not allowed"), "fax number"),
    ("vehicle_vin", "L", ("allowed", "not allowed", "not allowed"), "vehicle identifier"),
    ("license_plate", "L", ("allowed", "not allowed", "not allowed"), "vehicle identifier"),
    ("website_url", "N", ("allowed", "not allowed", "not allowed"), "web address (URL)"),
    ("client_ip_address", "O", ("allowed", "not allowed", "not allowed"), "IP address"),
    ("fingerprint", "P", ("allowed", "not allowed", "not allowed"), "biometric identifier"),
    ("headshot", "Q", ("allowed", "not allowed", "not allowed"), "full-face photograph"),
    ("drivers_license_number", "K", ("allowed", "not allowed", "not allowed"), "certificate or license number"),
    ("account_number", "J", ("allowed", "not allowed", "not allowed"), "account number"),
    ("device_serial_number", "M", ("allowed", "not allowed", "not allowed"), "device identifier or serial number"),
]


@pytest.mark.parametrize("column, letter, expected, form", TRICKY, ids=[row[0] for row in TRICKY])
def test_tricky_column_names(checker, column, letter, expected, form):
    result = checker.classify(column)
    assert (result.identifier, verdicts(result), result.form) == (letter, expected, form)


@pytest.mark.parametrize("column, words", [
    ("clientFirstName", ["client", "first", "name"]),
    ("ClientSSN", ["client", "ssn"]),
    ("SSNDataQuality", ["ssn", "data", "quality"]),
    ("client.first.name", ["client", "first", "name"]),
    ("Date of Birth", ["date", "of", "birth"]),
    ("child-dob", ["child", "dob"]),
    ("ZIP5", ["zip", "5"]),
    ("DATEOFBIRTH", ["date", "of", "birth"]),
    ("lastname", ["last", "name"]),
    ("ELGBL_PHNE_NUM_HOME", ["eligible", "phone", "number", "home"]),
    ("ELGBL_1ST_NAME", ["eligible", "first", "name"]),
    ("e_mail", ["email"]),
    ("notes", ["note"]),
    ("latremdt", ["latrem", "date"]),
    ("ageatlatrem", ["age", "at", "latrem"]),
])
def test_names_split_into_the_words_the_rules_use(checker, column, words):
    assert checker.words(column) == words


@pytest.mark.parametrize("column", ["client_first_name", "parent_first_name", "child_first_name", "clientFirstName",
                                    "Client First Name", "client.first.name", "CLIENT_FNAME", "firstname"])
def test_person_prefixes_and_name_styles_keep_a_name_a_name(checker, column):
    assert checker.classify(column).identifier == "A", column


@pytest.mark.parametrize("column, reason, context", [
    ("email_opt_in", "describes", "opt in"),
    ("has_phone", "describes", "has"),
    ("DOBDataQuality", "describes", "quality"),
    ("provider_phone", "organisation", "provider"),
    ("school_name", "organisation", "school"),
    ("number_of_children", "count", "number"),
])
def test_words_around_an_identifier_change_the_verdict_and_say_why(checker, column, reason, context):
    result = checker.classify(column)
    assert (result.identifier, result.reason, result.context) == (None, reason, context)
    assert verdicts(result) == ("allowed", "allowed", "allowed")


def test_a_person_word_nearer_than_the_agency_keeps_it_the_persons(checker):
    assert checker.classify("agency_client_id").identifier == "R"
    assert checker.classify("health_plan_member_id").identifier == "I"  # the plan issues it to the member
    assert checker.classify("employer_name").identifier == "A"  # employers' identifiers count too


def test_education_and_substance_use_columns_point_to_their_laws_without_a_verdict(checker):
    student = checker.classify("student_id")
    assert student.hints == ("ferpa",) and student.identifier == "R"
    program = checker.classify("treatment_program")
    assert program.hints == ("42-cfr-part-2",)
    assert verdicts(program) == ("allowed", "allowed", "allowed")


def test_an_unnamed_column_is_to_be_reviewed(checker):
    result = checker.classify("  ")
    assert (result.identifier, verdicts(result)) == (None, ("allowed", "review", "review"))


def test_every_verdict_names_its_matrix_row_and_glossary_terms(checker):
    rules = checker.rules
    why = explain(checker.classify("zip3"), rules)
    assert "row B of the data-element matrix (reference/data-elements/#element-b)" in why
    assert "safe-harbor-method" in why and "20,000" in why
    assert "FERPA" in explain(checker.classify("student_id"), rules)


def test_json_rows_have_exactly_the_documented_keys(checker):
    rows = json_rows([checker.classify("first_name"), checker.classify("race")], checker.rules)
    assert [list(row) for row in rows] == [["column", "identifier", "identified", "limited_data_set",
                                            "safe_harbor", "why"]] * 2
    assert rows[0]["identifier"] == "A" and rows[1]["identifier"] is None
    assert (rows[0]["limited_data_set"], rows[0]["safe_harbor"]) == ("not allowed", "not allowed")


def test_summary_names_the_columns_to_remove_reduce_and_review(checker):
    results = [checker.classify(c) for c in ("first_name", "birthplace", "notes", "race")]
    summary = summarize(results)
    assert summary["limited_data_set"].sentence == (
        "This extract is not a limited data set: 1 column must be removed: first_name. "
        "Also reduce 1 column (birthplace) and review 1 column (notes).")
    fine = summarize([checker.classify(c) for c in ("race", "zip3")])
    assert fine["limited_data_set"].not_allowed == ()
    assert fine["de_identified"].sentence.startswith("This extract can be de-identified under Safe Harbor once "
                                                     "you reduce 1 column (zip3)")


def test_rules_script_is_a_script_that_cannot_close_an_html_script_element():
    script = rules_script({"forms": [{"label": "</script><b>x"}]}, "reference/data-elements/", {}, {})
    assert script.startswith("// Generated") and "</script>" not in script
    payload = script.split("window.kbColumnRules = ", 1)[1].rstrip(";\n")
    assert json.loads(payload)["forms"][0]["label"] == "</script><b>x"


def test_the_repository_rules_cover_all_18_identifiers():
    matrix = load_data_elements(REPO / "data" / "data-elements.yml", REPO)
    rules = compile_column_rules(matrix.elements, matrix.column_names)
    assert sorted({form["letter"] for form in rules["forms"] if form["letter"]}) == list("ABCDEFGHIJKLMNOPQR")


def _data_file(tmp_path, extra: str):
    text = MINIMAL_DATA_FILE.replace("    element: Names\n",
                                     "    element: Names\n" + textwrap.indent(textwrap.dedent(extra), "    "))
    path = tmp_path / "data-elements.yml"
    path.write_text(text, encoding="utf-8")
    return path


COLUMN_NAMES = """\
column_names:
  abbreviations: {nm: name}
  lists: {person: [client], organisation: [provider], thing: [program], record: [case], event: [birth],
          neutral: [home], describes: [flag], describes_before: [has], count_words: [number], derived: [hash]}
  review:
    - form: free text
      words: [notes]
      identified: {allowed: "yes", condition: "May be kept."}
      limited_data_set: {allowed: "review", condition: "Look at it."}
      de_identified: {allowed: "review", condition: "Look at it."}
  hints: []
  terms: {identified: [phi], limited_data_set: [lds], de_identified: [sh]}
"""


def test_patterns_in_a_small_data_file_compile_and_classify(tmp_path):
    path = _data_file(tmp_path, """\
        column_patterns:
          - form: name
            words: [name, first name]
          - form: derived
            derived: true
            words: []
    """)
    path.write_text(path.read_text(encoding="utf-8") + COLUMN_NAMES, encoding="utf-8")
    matrix = load_data_elements(path, tmp_path)
    checker = ColumnChecker(compile_column_rules(matrix.elements, matrix.column_names))
    assert checker.classify("client_first_nm").identifier == "A"
    assert checker.classify("provider_name").reason == "organisation"
    assert verdicts(checker.classify("notes")) == ("allowed", "review", "review")


@pytest.mark.parametrize("patterns, names, message", [
    ("""\
        column_patterns:
          - form: name
            words: ["@people id"]
    """, COLUMN_NAMES, "data-elements.yml:8: elements[0].column_patterns[0].words[0]: unknown word list '@people'"),
    ("""\
        column_patterns:
          - form: name
            words: [name]
    """, "", "data-elements.yml:1: column_names: is required when elements have column_patterns"),
    ("""\
        column_patterns:
          - form: name
            words: [Name]
    """, COLUMN_NAMES, "data-elements.yml:8: elements[0].column_patterns[0].words[0]: 'Name' must be lower-case words"),
    ("""\
        column_patterns:
          - form: name
            words: [name]
    """, COLUMN_NAMES.replace("      identified: {allowed: \"yes\", condition: \"May be kept.\"}\n", ""),
     "column_names.review[0].identified: is required: a column to review has no matrix row to take it from"),
])
def test_mistakes_in_the_patterns_are_reported_with_file_and_line(tmp_path, patterns, names, message):
    path = _data_file(tmp_path, patterns)
    path.write_text(path.read_text(encoding="utf-8") + names, encoding="utf-8")
    with pytest.raises(InvalidContent) as error:
        load_data_elements(path, tmp_path)
    assert message in error.value.report()
