"""The kinds of data set and their wordings have one source (loading/datasetkinds.py), which the
dictionaries' schema, the command-line checker and the browser's rules file all follow."""

from __future__ import annotations

import json
from pathlib import Path

from termbase.loading.datasetkinds import DATA_SET_KINDS, KIND_BY_SHARED_AS, KINDS
from termbase.pages.checkerpage import rules_script

ROOT = Path(__file__).resolve().parents[1]


def test_the_dictionary_schema_offers_exactly_the_known_shared_as_values():
    schema = json.loads((ROOT / "schemas" / "dictionary.schema.json").read_text(encoding="utf-8"))
    assert schema["properties"]["shared_as"]["enum"] == list(KIND_BY_SHARED_AS)


def test_the_data_file_schema_asks_each_matrix_row_for_a_rule_per_kind_in_the_same_order():
    schema = json.loads((ROOT / "schemas" / "data-elements.schema.json").read_text(encoding="utf-8"))
    row = schema["properties"]["elements"]["items"]
    assert [field for field in row["required"] if field in row["properties"] and field in KINDS] == list(KINDS)
    assert set(schema["properties"]["column_names"]["properties"]["terms"]["required"]) == set(KINDS)


def test_the_browsers_rules_file_carries_each_kind_with_its_wordings_in_order():
    script = rules_script({"forms": []}, "reference/data-elements/", {}, {})
    kinds = json.loads(script.split("window.kbColumnRules = ", 1)[1].rstrip(";\n"))["kinds"]
    assert [k["key"] for k in kinds] == list(KINDS)
    assert [(k["label"], k["column"]) for k in kinds] == [(kind.label, kind.column) for kind in DATA_SET_KINDS]
    assert kinds[2] == {"key": "de_identified", "label": "Safe Harbor", "column": "Safe Harbor"}
