"""The jurisdictions come from the term schema, the file editors check term files against."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from termbase.loading import jurisdictions
from termbase.loading.jurisdictions import JURISDICTIONS

ROOT = Path(__file__).resolve().parents[1]


def test_the_engine_knows_the_jurisdictions_the_editors_schema_offers_with_their_names():
    schema = json.loads((ROOT / "schemas" / "term.schema.json").read_text(encoding="utf-8"))
    definition = schema["$defs"]["jurisdiction"]
    assert list(JURISDICTIONS) == definition["enum"]
    assert JURISDICTIONS["broward-county-fl"] == "Broward County, Florida"


def test_every_jurisdiction_has_its_page():
    missing = [j for j in JURISDICTIONS if not (ROOT / "docs" / "sites" / f"{j}.md").is_file()]
    assert not missing, f"no docs/sites/<id>.md for {missing}"


def test_a_name_missing_from_the_schema_is_a_clear_error():
    with pytest.raises(ValueError, match=r"enumDescriptions must give one name per enum id \(2 ids, 1 names\)"):
        jurisdictions._jurisdictions({"enum": ["iowa", "colorado"], "enumDescriptions": ["Iowa"]})
