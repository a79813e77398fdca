"""A data dictionary's downloads (CSV, XLSX, Frictionless JSON), read back with csv, openpyxl and frictionless."""

from __future__ import annotations

import csv
import datetime
import io
import json
import time
import zipfile

import frictionless
import pytest
from openpyxl import load_workbook

from termbase.sitefiles.dictionaryfiles import (COLUMNS, dictionary_csv, dictionary_rows, dictionary_xlsx,
                                                format_codes, frictionless_json)

UPDATED = datetime.date(2026, 11, 30)


def descriptor() -> dict:
    """A descriptor as yaml.safe_load gives it: dates are dates, code keys strings."""
    return {
        "name": "hmis-csv",
        "title": "HMIS CSV export",
        "description": "Client and enrollment files of the homeless management information system.",
        "jurisdiction": "broward-county-fl",
        "system": "HMIS",
        "domain": "homelessness",
        "shared_as": "limited-data-set",
        "governed_by": ["hipaa-privacy-rule", "limited-data-set"],
        "source": {"title": "HMIS CSV Format Specifications", "url": "https://example.org/hmis", "version": "1.4"},
        "updated": UPDATED,
        "resources": [
            {"name": "client", "title": "Client.csv", "path": "Client.csv",
             "schema": {"missingValues": ["", "99"], "primaryKey": "PersonalID", "fields": [
                 {"name": "PersonalID", "title": "Personal ID", "description": "The person's id in HMIS.",
                  "type": "string", "constraints": {"required": True, "maxLength": 32}, "term": "personal-identifier",
                  "element": "person-id", "identifier": "R"},
                 {"name": "DOB", "type": "date", "format": "%Y-%m-%d", "constraints": {"required": False},
                  "element": "date-of-birth", "identifier": "C", "suggested": ["element", "identifier"],
                  "reviewed": "Holds the year only"},
                 {"name": "VeteranStatus", "type": "integer", "description": "- a list item\n- another",
                  "codes": {"0": "No", "1": "Yes", "99": "Data not collected"}},
             ]}},
            {"name": "enrollment", "title": "Enrollment.csv", "path": "Enrollment.csv",
             "schema": {"fields": [{"name": "EntryDate", "type": "date", "description": "=HYPERLINK(\"x\")"}]}},
        ],
    }


def test_rows_have_one_row_per_column_with_suggestions_marked():
    rows = dictionary_rows(descriptor())
    assert [(r["resource"], r["name"]) for r in rows] == [
        ("client", "PersonalID"), ("client", "DOB"), ("client", "VeteranStatus"), ("enrollment", "EntryDate")]
    person, dob, veteran, _ = rows
    assert person["required"] == "yes" and dob["required"] == "no" and veteran["required"] == ""
    assert person["element"] == "person-id" and person["identifier"] == "R"  # approved: shown plain
    assert dob["element"] == "date-of-birth (suggested)" and dob["identifier"] == "C (suggested)"
    assert veteran["codes"] == "0=No; 1=Yes; 99=Data not collected"
    assert dob["reviewed"] == "Holds the year only" and person["term"] == "personal-identifier"


def test_codes_whose_labels_hold_the_separator_go_one_a_line():
    assert format_codes({"1": "Yes; confirmed", "2": "No"}) == "1=Yes; confirmed\n2=No"
    assert format_codes({}) == "" and format_codes(None) == ""


def test_csv_reads_back_with_the_documented_columns_and_no_live_formulas():
    text = dictionary_csv(descriptor())
    assert text.startswith("\ufeff")  # Excel reads it as UTF-8
    rows = list(csv.DictReader(io.StringIO(text[1:])))
    assert list(rows[0]) == list(COLUMNS)
    assert len(rows) == 4
    assert rows[2]["codes"] == "0=No; 1=Yes; 99=Data not collected"
    assert rows[3]["description"] == "'=HYPERLINK(\"x\")"  # a leading quote: shown as text, never run
    assert rows[2]["description"] == "'- a list item\n- another"


def test_xlsx_has_the_data_set_tables_and_columns_sheets_with_bold_frozen_headers():
    workbook = load_workbook(io.BytesIO(dictionary_xlsx(descriptor())))
    assert workbook.sheetnames == ["Data set", "Tables", "Columns"]
    for sheet in workbook.worksheets:
        assert sheet.freeze_panes == "A2", sheet.title
        assert all(cell.font.bold for cell in sheet[1]), sheet.title
    fields = {row[0]: row[1] for row in workbook["Data set"].iter_rows(min_row=2, values_only=True)}
    assert fields["title"] == "HMIS CSV export" and fields["shared_as"] == "limited-data-set"
    assert fields["governed_by"] == "hipaa-privacy-rule; limited-data-set"
    assert fields["source.url"] == "https://example.org/hmis" and fields["updated"] == "2026-11-30"
    tables = list(workbook["Tables"].iter_rows(values_only=True))
    assert tables[0] == ("resource", "title", "path", "description", "primaryKey", "missingValues")
    assert tables[1][:3] == ("client", "Client.csv", "Client.csv") and tables[1][4:] == ("PersonalID", '""; 99')
    columns = workbook["Columns"]
    assert [c.value for c in columns[1]] == list(COLUMNS)
    assert columns.auto_filter.ref == "A1:L5"
    formula_cell = columns["D5"]
    assert formula_cell.value == "=HYPERLINK(\"x\")" and formula_cell.data_type == "s"  # text, not a formula
    assert columns["I3"].value == "date-of-birth (suggested)"


def test_xlsx_bytes_do_not_depend_on_the_clock(monkeypatch):
    first = dictionary_xlsx(descriptor())
    later = time.time() + 86_400 * 3
    monkeypatch.setattr(time, "time", lambda: later)
    second = dictionary_xlsx(descriptor())
    assert first == second
    workbook = load_workbook(io.BytesIO(second))
    assert workbook.properties.created == workbook.properties.modified == datetime.datetime(2026, 11, 30)
    assert {info.date_time for info in zipfile.ZipFile(io.BytesIO(second)).infolist()} == {(2026, 11, 30, 0, 0, 0)}
    changed = descriptor()
    changed["updated"] = datetime.date(2026, 12, 1)
    assert dictionary_xlsx(changed) != first  # the dates do come from the descriptor


def test_frictionless_reads_the_json_back_with_the_projects_own_properties(tmp_path):
    text = frictionless_json(descriptor())
    data = json.loads(text)
    assert data["updated"] == "2026-11-30"
    assert frictionless.Package.validate_descriptor(data).valid
    path = tmp_path / "datapackage.json"
    path.write_text(text, encoding="utf-8")
    package = frictionless.Package.from_descriptor(str(path))
    assert [r.name for r in package.resources] == ["client", "enrollment"]
    assert package.custom["shared_as"] == "limited-data-set" and package.custom["jurisdiction"] == "broward-county-fl"
    client = package.get_resource("client")
    assert client.schema.missing_values == ["", "99"] and client.schema.primary_key == ["PersonalID"]
    dob = client.schema.get_field("DOB")
    assert dob.type == "date" and dob.format == "%Y-%m-%d"
    assert dob.custom == {"element": "date-of-birth", "identifier": "C", "suggested": ["element", "identifier"],
                          "reviewed": "Holds the year only"}
    assert client.schema.get_field("VeteranStatus").custom["codes"] == {"0": "No", "1": "Yes",
                                                                        "99": "Data not collected"}


@pytest.mark.parametrize("broken", [
    {}, {"resources": None}, {"resources": [{"name": "x"}]},
    {"resources": [{"name": "x", "schema": {"fields": [{"name": "a", "codes": "?"}]}}]}])
def test_incomplete_descriptors_give_files_not_exceptions(broken):
    """The build's check reports what is missing; the downloads must not crash before it does."""
    assert dictionary_csv(broken).startswith("\ufeffresource,name")
    assert load_workbook(io.BytesIO(dictionary_xlsx(broken))).sheetnames == ["Data set", "Tables", "Columns"]
    assert json.loads(frictionless_json(broken)) == json.loads(json.dumps(broken))
