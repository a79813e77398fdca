"""The engine reads its JSON Schemas from the repository's schemas/ folder, the one editors use."""

from __future__ import annotations

from pathlib import Path

import pytest

from termbase.loading.schema import SCHEMA_PATH, SCHEMAS_DIR, read_schema

REPO = Path(__file__).resolve().parents[1]


def test_the_engine_reads_the_schemas_term_files_point_their_editors_at():
    # The first line of a term file, as scripts/new_term.py writes it, resolved from glossary/.
    editors_schema = (REPO / "glossary" / "../schemas/term.schema.json").resolve()
    assert SCHEMA_PATH == editors_schema
    assert SCHEMAS_DIR == REPO / "schemas"
    assert read_schema(SCHEMA_PATH)["properties"]["term"]


def test_a_missing_schema_says_how_to_install_the_engine(tmp_path):
    with pytest.raises(FileNotFoundError, match=r"missing\.schema\.json is missing: .*pip install -e \."):
        read_schema(tmp_path / "missing.schema.json")
