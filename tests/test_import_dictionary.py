"""scripts/import_dictionary.py on messy spreadsheets made in tmp_path: what it reads, what it says, what it keeps."""

from __future__ import annotations

import datetime
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from openpyxl import Workbook

import import_dictionary
from sitekit import REPO
from termbase.sitefiles.dictionaryfiles import dictionary_csv, dictionary_xlsx

SCRIPT = REPO / "scripts" / "import_dictionary.py"
TODAY = datetime.date.today()
SHARED_ELEMENTS = """\
title: Shared data elements
introduction: A small vocabulary for the importer's tests.
elements:
  - id: date-of-birth
    name: Date of birth
    definition: The day a person was born.
    identifier: C
    linkage: supporting
    formats_seen: ["YYYY-MM-DD", "MM/DD/YYYY"]
  - id: first-name
    name: First name
    definition: A person's given name.
    identifier: A
    linkage: supporting
  - id: ssn
    name: Social Security number
    definition: The number the Social Security Administration gives a person.
    identifier: G
    linkage: direct
  - id: race
    name: Race
    definition: The race a person reports.
    linkage: none
  - id: person-id
    name: Person ID
    definition: A person's number inside one system.
    identifier: R
    linkage: within-system
"""


@pytest.fixture
def repo(tmp_path) -> Path:
    """What the importer reads: the glossary's ids, the checker's rules and a small shared-elements file."""
    root = tmp_path / "repo"
    (root / "glossary").mkdir(parents=True)
    for term in ("limited-data-set", "personal-identifier"):
        (root / "glossary" / f"{term}.yml").write_text("term: x\n", encoding="utf-8")
    (root / "data").mkdir()
    shutil.copyfile(REPO / "data" / "data-elements.yml", root / "data" / "data-elements.yml")
    (root / "data" / "shared-elements.yml").write_text(SHARED_ELEMENTS, encoding="utf-8")
    return root


def run(repo: Path, capsys, path: Path, *options: str, data_set: str = "client-file",
        jurisdiction: str = "iowa") -> tuple[int, str, str]:
    code = import_dictionary.main([str(path), "--jurisdiction", jurisdiction, "--data-set", data_set,
                                   "--root", str(repo), *options])
    out = capsys.readouterr()
    return code, out.out, out.err


def written(repo: Path, data_set: str = "client-file", jurisdiction: str = "iowa") -> dict:
    return yaml.safe_load((repo / "dictionaries" / jurisdiction / f"{data_set}.yml").read_text(encoding="utf-8"))


def fields(data: dict, table: int = 0) -> dict[str, dict]:
    return {f["name"]: f for f in data["resources"][table]["schema"]["fields"]}


def write_csv(path: Path, rows: list[list[str]], encoding: str = "utf-8", delimiter: str = ",") -> Path:
    text = "\r\n".join(delimiter.join(_quote(c, delimiter) for c in row) for row in rows) + "\r\n"
    path.write_bytes(text.encode(encoding))
    return path


def _quote(cell: str, delimiter: str) -> str:
    return f'"{cell}"' if any(ch in cell for ch in (delimiter, "\n", '"')) else cell


def write_xlsx(path: Path, sheets: dict[str, list[list]], merges: dict[str, list[str]] | None = None) -> Path:
    workbook = Workbook()
    workbook.remove(workbook.active)
    for name, rows in sheets.items():
        sheet = workbook.create_sheet(name)
        for row in rows:
            sheet.append(row)
        for cells in (merges or {}).get(name, []):
            sheet.merge_cells(cells)
    workbook.save(path)
    return path


BASIC = [["Field Name", "Description", "Data Type", "Valid Values"],
         ["PersonalID", "The client's id in the system", "varchar(32)", ""],
         ["FirstName", "Given name", "Text", ""],
         ["DOB", "Date of birth", "Date (MM/DD/YYYY)", ""],
         ["VeteranStatus", "Served in the armed forces", "Integer", "0=No; 1=Yes; 99=Data not collected"]]


# -- what a clean sheet becomes ----------------------------------------------------------------

def test_a_csv_becomes_a_dictionary_file_in_the_specs_shape(repo, tmp_path, capsys):
    code, out, err = run(repo, capsys, write_csv(tmp_path / "client_dictionary.csv", BASIC))
    assert code == 0, err
    text = (repo / "dictionaries" / "iowa" / "client-file.yml").read_text(encoding="utf-8")
    assert text.startswith("# yaml-language-server: $schema=../../schemas/dictionary.schema.json\n")
    data = yaml.safe_load(text)
    assert list(data) == ["name", "title", "description", "jurisdiction", "shared_as", "updated", "resources"]
    assert data["name"] == "client-file" and data["jurisdiction"] == "iowa"
    assert data["shared_as"] == "identified" and data["updated"] == TODAY
    assert data["title"] == "Client dictionary"
    table = data["resources"][0]
    assert (table["name"], table["path"]) == ("client-dictionary", "client-dictionary.csv")
    columns = fields(data)
    assert list(columns) == ["PersonalID", "FirstName", "DOB", "VeteranStatus"]
    assert columns["PersonalID"]["type"] == "string" and columns["PersonalID"]["constraints"] == {"maxLength": 32}
    assert columns["DOB"]["type"] == "date" and columns["DOB"]["format"] == "%m/%d/%Y"
    assert columns["VeteranStatus"]["codes"] == {"0": "No", "1": "Yes", "99": "Data not collected"}
    assert "Wrote dictionaries/iowa/client-file.yml: 1 table(s), 4 column(s)" in out
    assert "`path` is guessed" in out and "Write the data set's `description` and `domain`" in out


def test_elements_and_identifiers_are_suggested_for_a_person_to_approve(repo, tmp_path, capsys):
    rows = [["Variable", "Label", "Type"], ["client_first_name", "", "char"], ["DOB", "", "date"],
            ["SSN", "", "char(9)"], ["race", "", "int"], ["visit_count", "", "int"],
            ["V23", "Client date of birth", "date"]]
    code, _, err = run(repo, capsys, write_csv(tmp_path / "d.csv", rows))
    assert code == 0, err
    columns = fields(written(repo))
    assert (columns["client_first_name"]["element"], columns["client_first_name"]["identifier"]) == ("first-name", "A")
    assert (columns["DOB"]["element"], columns["DOB"]["identifier"]) == ("date-of-birth", "C")
    assert (columns["SSN"]["element"], columns["SSN"]["identifier"]) == ("ssn", "G")
    assert columns["race"]["element"] == "race" and "identifier" not in columns["race"]
    assert columns["race"]["suggested"] == ["element"]
    assert columns["client_first_name"]["suggested"] == ["element", "identifier"]
    assert "element" not in columns["visit_count"] and "suggested" not in columns["visit_count"]
    # A name that says nothing: the title ("Label") is read instead.
    assert (columns["V23"]["element"], columns["V23"]["identifier"]) == ("date-of-birth", "C")


def test_an_element_another_dictionary_maps_by_hand_is_suggested_for_the_same_column_name(repo, tmp_path, capsys):
    formats = repo / "dictionaries" / "formats"
    formats.mkdir(parents=True)
    mapped = [{"name": "PersonalID", "element": "person-id"},
              {"name": "HouseholdID", "element": "race", "suggested": ["element"]}]
    (formats / "hmis-csv.yml").write_text(yaml.safe_dump(
        {"name": "hmis-csv", "resources": [{"name": "client", "schema": {"fields": mapped}}]}), encoding="utf-8")
    code, _, err = run(repo, capsys, write_csv(tmp_path / "d.csv", [["Column", "Type"], ["PersonalID", "text"],
                                                                     ["HouseholdID", "text"]]))
    assert code == 0, err
    columns = fields(written(repo))
    assert columns["PersonalID"]["element"] == "person-id"
    assert "element" not in columns["HouseholdID"]  # only approved mappings teach


# -- each mess, one case each --------------------------------------------------------------------

HEADER_VARIANTS = [
    ("Field Name", "Description", "Data Type", "Valid Values"),
    ("Variable", "Definition", "Type", "Codes"),
    ("Column", "Label", "Format", "Allowed values"),
    ("Element", "Definition", "Data Type", "Codes"),
    ("Name", "Description", "Type", "Valid Values"),
    ("VARIABLE NAME", "field_description", "Data type:", "Valid Value(s)"),
]


@pytest.mark.parametrize("headings", HEADER_VARIANTS, ids=[h[0] for h in HEADER_VARIANTS])
def test_header_variants_read_the_same(repo, tmp_path, capsys, headings):
    rows = [list(headings), ["Gender", "Gender as reported", "Integer", "1=Female; 2=Male"]]
    code, _, err = run(repo, capsys, write_csv(tmp_path / "d.csv", rows))
    assert code == 0, err
    assert fields(written(repo))["Gender"] == {"name": "Gender", "description": "Gender as reported",
                                               "type": "integer", "codes": {"1": "Female", "2": "Male"}}


CODE_LISTS = [
    ("semicolons", "1=Yes; 2=No"),
    ("one a line", "1=Yes\n2=No"),
    ("commas and spaces", "1 = Yes, 2 = No"),
    ("colons", "1: Yes\n2: No"),
    ("dashes", "1 - Yes; 2 - No"),
]
LONG_CODES = "AmericanIndianOrAlaskaNative=American Indian or Alaska Native; TwoOrMoreRaces=Two or more races"


@pytest.mark.parametrize("cell", [c[1] for c in CODE_LISTS], ids=[c[0] for c in CODE_LISTS])
def test_code_lists_in_the_usual_layouts(repo, tmp_path, capsys, cell):
    code, _, err = run(repo, capsys, write_csv(tmp_path / "d.csv", [["Name", "Valid Values"], ["Flag", cell]]))
    assert code == 0, err
    assert fields(written(repo))["Flag"]["codes"] == {"1": "Yes", "2": "No"}


def test_long_code_values_such_as_ceds_option_set_names(repo, tmp_path, capsys):
    code, out, err = run(repo, capsys, write_csv(tmp_path / "d.csv", [["Name", "Valid Values"], ["Race", LONG_CODES]]))
    assert code == 0, err
    assert fields(written(repo))["Race"]["codes"] == {
        "AmericanIndianOrAlaskaNative": "American Indian or Alaska Native", "TwoOrMoreRaces": "Two or more races"}


def test_title_rows_and_blank_rows_above_the_header_are_passed_over(repo, tmp_path, capsys):
    rows = [["Client Data Dictionary", "", ""], ["Version 3, March 2026", "", ""], ["", "", ""], *BASIC]
    code, _, err = run(repo, capsys, write_csv(tmp_path / "d.csv", rows))
    assert code == 0, err
    assert list(fields(written(repo))) == ["PersonalID", "FirstName", "DOB", "VeteranStatus"]


def test_merged_title_cells_above_the_header_in_a_workbook(repo, tmp_path, capsys):
    rows = [["Client Data Dictionary", None, None, None], [None, None, None, None], *BASIC]
    path = write_xlsx(tmp_path / "d.xlsx", {"Client": rows}, {"Client": ["A1:D1", "A2:D2"]})
    code, _, err = run(repo, capsys, path)
    assert code == 0, err
    data = written(repo)
    assert data["resources"][0]["name"] == "client" and data["resources"][0]["title"] == "Client"
    assert list(fields(data)) == ["PersonalID", "FirstName", "DOB", "VeteranStatus"]


def test_blank_rows_between_columns_are_skipped_without_a_word(repo, tmp_path, capsys):
    rows = [BASIC[0], BASIC[1], ["", "", "", ""], [], BASIC[2], ["", "", "", ""]]
    code, out, err = run(repo, capsys, write_csv(tmp_path / "d.csv", rows))
    assert code == 0, err
    assert list(fields(written(repo))) == ["PersonalID", "FirstName"]
    assert "row 3" not in out and "row 4" not in out


def test_trailing_spaces_and_non_breaking_spaces_are_trimmed(repo, tmp_path, capsys):
    rows = [["Field Name ", " Description  ", "Data Type\u00a0"], ["PersonalID  ", "  The id ", " varchar(10) "]]
    code, _, err = run(repo, capsys, write_csv(tmp_path / "d.csv", rows))
    assert code == 0, err
    assert fields(written(repo))["PersonalID"] == {"name": "PersonalID", "description": "The id", "type": "string",
                                                   "constraints": {"maxLength": 10}, "identifier": "R",
                                                   "suggested": ["identifier"]}


def test_a_byte_order_mark_is_not_part_of_the_first_heading(repo, tmp_path, capsys):
    path = write_csv(tmp_path / "d.csv", BASIC, encoding="utf-8-sig")
    assert path.read_bytes().startswith(b"\xef\xbb\xbf")
    code, _, err = run(repo, capsys, path)
    assert code == 0, err
    assert "PersonalID" in fields(written(repo))


def test_windows_1252_text_is_read_as_windows_1252(repo, tmp_path, capsys):
    description = "Municipalit\u00e9 \u2019de r\u00e9sidence\u2019 \u2013 texte"  # é, curly quotes, en dash
    rows = [["Field Name", "Description"], ["Ville", description]]
    path = write_csv(tmp_path / "d.csv", rows, encoding="cp1252")
    code, _, err = run(repo, capsys, path)
    assert code == 0, err
    assert fields(written(repo))["Ville"]["description"] == description


def test_semicolon_and_tab_separated_files(repo, tmp_path, capsys):
    write_csv(tmp_path / "semi.csv", BASIC, delimiter=";")
    code, _, err = run(repo, capsys, tmp_path / "semi.csv")
    assert code == 0, err
    assert fields(written(repo))["VeteranStatus"]["codes"]["99"] == "Data not collected"
    write_csv(tmp_path / "tabs.txt", BASIC, delimiter="\t")
    code, _, err = run(repo, capsys, tmp_path / "tabs.txt", data_set="tabs")
    assert code == 0, err
    assert list(fields(written(repo, "tabs"))) == ["PersonalID", "FirstName", "DOB", "VeteranStatus"]


REQUIRED_COLUMNS = [
    ("Required", ["Yes", "No", ""], [True, False, None]),
    ("Mandatory?", ["Y", "N", "x"], [True, False, True]),
    ("Nullable", ["N", "Y", ""], [True, False, None]),
]


@pytest.mark.parametrize("heading, cells, expected", REQUIRED_COLUMNS, ids=[r[0] for r in REQUIRED_COLUMNS])
def test_a_required_column_sets_constraints_required(repo, tmp_path, capsys, heading, cells, expected):
    rows = [["Name", "Type", heading], ["a", "text", cells[0]], ["b", "text", cells[1]], ["c", "text", cells[2]]]
    code, _, err = run(repo, capsys, write_csv(tmp_path / "d.csv", rows))
    assert code == 0, err
    columns = fields(written(repo))
    assert [columns[n].get("constraints", {}).get("required") for n in "abc"] == expected


def test_sample_values_are_never_stored_and_the_importer_says_so(repo, tmp_path, capsys):
    rows = [["Field Name", "Description", "Example", "Sample Values"],
            ["FirstName", "Given name", "Zebediah", "Zeb; Zoe"], ["SSN", "Social Security number", "123-45-6789", ""]]
    code, out, err = run(repo, capsys, write_csv(tmp_path / "d.csv", rows))
    assert code == 0, err
    text = (repo / "dictionaries" / "iowa" / "client-file.yml").read_text(encoding="utf-8")
    for value in ("Zebediah", "Zeb", "Zoe", "123-45-6789", "example", "Example"):
        assert value not in text
    assert "columns 'Example', 'Sample Values' hold sample values: not imported" in out


def test_several_sheets_one_table_each_and_the_others_skipped_with_reasons(repo, tmp_path, capsys):
    path = write_xlsx(tmp_path / "d.xlsx", {
        "README": [["This workbook describes the extract."], ["Ask the data steward."]],
        "Client": BASIC,
        "Empty": [],
        "Enrollment Data": [["Variable", "Type"], ["EntryDate", "date"], ["ExitDate", "date"]],
    })
    code, out, err = run(repo, capsys, path)
    assert code == 0, err
    data = written(repo)
    assert [(r["name"], r["title"]) for r in data["resources"]] == [("client", "Client"),
                                                                    ("enrollment-data", "Enrollment Data")]
    assert list(fields(data, 1)) == ["EntryDate", "ExitDate"]
    assert f"{path}, sheet 'README': skipped: no header row with a column name" in out
    assert f"{path}, sheet 'Empty': skipped: it is empty" in out


def test_a_sheet_of_value_labels_gives_the_columns_their_codes(repo, tmp_path, capsys):
    path = write_xlsx(tmp_path / "d.xlsx", {
        "Variables": [["Variable", "Label", "Type"], ["SEX", "Sex at birth", "num"], ["VET", "Veteran", "num"],
                      ["AGE", "Age in years", "num"]],
        "Value labels": [["Value labels of the extract", None, None], ["Variable", "Value", "Label"],
                         ["SEX", 1, "Male"], [None, 2, "Female"], [None, 9, "Unknown"],
                         ["VET", 0, "No"], [None, 1, "Yes"], ["OLDVAR", 1, "Gone"], [None, 2, "Also gone"]],
    })
    code, out, err = run(repo, capsys, path)
    assert code == 0, err
    columns = fields(written(repo))
    assert list(columns) == ["SEX", "VET", "AGE"]  # the code list is not a table of its own
    assert columns["SEX"]["codes"] == {"1": "Male", "2": "Female", "9": "Unknown"}
    assert columns["VET"]["codes"] == {"0": "No", "1": "Yes"} and "codes" not in columns["AGE"]
    assert f"{path}, sheet 'Value labels': read as the code lists of 2 columns" in out
    assert f"{path}, sheet 'Value labels': codes of 'OLDVAR' match no column; left out" in out


def test_a_table_column_splits_one_sheet_into_tables_and_merged_cells_fill_down(repo, tmp_path, capsys):
    rows = [["Table", "Column", "Type"], ["Client", "PersonalID", "text"], [None, "DOB", "date"],
            ["Enrollment", "EnrollmentID", "text"]]
    path = write_xlsx(tmp_path / "d.xlsx", {"All": rows}, {"All": ["A2:A3"]})
    code, _, err = run(repo, capsys, path)
    assert code == 0, err
    data = written(repo)
    assert [r["name"] for r in data["resources"]] == ["client", "enrollment"]
    assert list(fields(data)) == ["PersonalID", "DOB"]


ROW_PROBLEMS = [
    # (rows after the header, the message line the importer prints, columns written)
    ([["", "A description without a name", "text"]], "d.csv, row 2: no column name; row skipped", []),
    ([["Notes", "Free text", "blob"]], "d.csv, row 2: type 'blob' is not one we know; written as `any`", ["Notes"]),
    ([["Age", "Age in years", "integer", "0-120"]],
     "d.csv, row 2: valid values '0-120' are not code=label pairs such as 1=Yes; left out", ["Age"]),
    ([["a", "", "text"], ["a", "", "integer"]], "d.csv, row 3: column 'a' appears again (first on row 2)", ["a"]),
    ([["DEMOGRAPHICS", "DEMOGRAPHICS", "DEMOGRAPHICS"], ["Race", "", "integer"]],
     "d.csv, row 2: 'DEMOGRAPHICS' looks like a section heading, not a column; skipped", ["Race"]),
    ([["b", "", "text", "", "Y"]], "d.csv: the 'Identifier' column holds yes or no", ["b"]),
    ([["c", "", "text", "", "", "no-such-element"]],
     "d.csv, row 2: element 'no-such-element' is not in data/shared-elements.yml; left out", ["c"]),
]
HEADER = ["Name", "Description", "Type", "Valid Values", "Identifier", "Element", "Format"]


@pytest.mark.parametrize("rows, message, written_columns", ROW_PROBLEMS, ids=[str(i) for i in range(len(ROW_PROBLEMS))])
def test_rows_that_cannot_be_read_are_named_by_row_number(repo, tmp_path, capsys, monkeypatch, rows, message,
                                                          written_columns):
    monkeypatch.chdir(tmp_path)  # messages name the file as it was given
    write_csv(tmp_path / "d.csv", [HEADER, *(row + [""] * (len(HEADER) - len(row)) for row in rows)])
    code, out, err = run(repo, capsys, Path("d.csv"))
    if not written_columns:
        assert code == 1 and err.startswith("import_dictionary.py: no data dictionary found. d.csv: skipped: "
                                            "the header is on row 1 but no column rows follow it")
        return
    assert code == 0, err
    assert message in out.splitlines()[out.splitlines().index("Not imported or left out:") + 1:] or \
        any(line.strip().startswith(message) for line in out.splitlines()), out
    assert list(fields(written(repo))) == written_columns


def test_a_date_format_column_becomes_a_strftime_format(repo, tmp_path, capsys):
    rows = [["Name", "Type", "Format"], ["a", "date", "YYYY-MM-DD"], ["b", "datetime", "MM/DD/YYYY HH:MM:SS"],
            ["c", "string", "email"], ["d", "string", "999-99-9999"]]
    code, out, err = run(repo, capsys, write_csv(tmp_path / "d.csv", rows))
    assert code == 0, err
    columns = fields(written(repo))
    assert [columns[n].get("format") for n in "abcd"] == ["%Y-%m-%d", "%m/%d/%Y %H:%M:%S", "email", None]
    assert "row 5: format '999-99-9999' is not a Table Schema format for string fields; left out" in out


# -- bad input: one message naming the file, exit 1, nothing written ---------------------------------

BAD_INPUTS = [
    # (file name, bytes or None for a missing file, options, the message's start after "import_dictionary.py: ")
    ("missing.csv", None, {}, "{path}: no such file"),
    ("empty.csv", b"", {}, "{path}: the file is empty"),
    ("blank.csv", b" \r\n\r\n", {}, "{path}: the file is empty"),
    ("picture.csv", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", {}, "{path}: this is binary data, not a spreadsheet"),
    ("broken.xlsx", b"PK\x03\x04 not really a zip", {}, "{path}: not a readable Excel workbook"),
    ("renamed.xlsx", b"Name,Type\nx,text\n", {}, "{path}: not an Excel workbook, although its name ends in .xlsx"),
    ("old.xls", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 64, {}, "{path}: an Excel 97-2003 workbook (.xls)"),
    ("noheader.csv", b"a,b,c\n1,2,3\n", {}, "no data dictionary found. {path}: skipped: no header row"),
    ("headeronly.csv", b"Field Name,Description\n", {}, "no data dictionary found. {path}: skipped: the header is on "
                                                        "row 1 but no column rows follow it"),
    ("ok.csv", b"Name,Type\nx,text\n", {"jurisdiction": "iowaa"},
     "--jurisdiction: 'iowaa' is not a site id; did you mean `iowa`"),
    ("ok.csv", b"Name,Type\nx,text\n", {"data_set": "HMIS CSV"}, "--data-set: 'HMIS CSV' is not a data-set id"),
    ("ok.csv", b"Name,Type\nx,text\n", {"data_set": "../../etc"}, "--data-set: '../../etc' is not a data-set id"),
]


@pytest.mark.parametrize("name, content, options, message", BAD_INPUTS,
                         ids=[f"{c[0]}-{'-'.join(c[2]) or 'file'}" for c in BAD_INPUTS])
def test_bad_input_is_one_clear_message_and_exit_1(repo, tmp_path, capsys, name, content, options, message):
    path = tmp_path / name
    if content is not None:
        path.write_bytes(content)
    code, out, err = run(repo, capsys, path, **options)
    assert code == 1
    assert err.startswith("import_dictionary.py: " + message.format(path=path)), err
    assert not (repo / "dictionaries").exists() or not any((repo / "dictionaries").rglob("*.yml"))


def test_an_existing_file_is_never_overwritten_without_update(repo, tmp_path, capsys):
    path = write_csv(tmp_path / "d.csv", BASIC)
    assert run(repo, capsys, path)[0] == 0
    target = repo / "dictionaries" / "iowa" / "client-file.yml"
    before = target.read_bytes()
    code, _, err = run(repo, capsys, write_csv(tmp_path / "other.csv", [["Name", "Type"], ["x", "text"]]))
    assert code == 1
    assert err.startswith("import_dictionary.py: dictionaries/iowa/client-file.yml already exists; it is never "
                          "overwritten. Run again with --update")
    assert target.read_bytes() == before
    code, _, err = run(repo, capsys, path, "--update", data_set="not-there")
    assert code == 1 and "dictionaries/iowa/not-there.yml does not exist yet" in err


def test_formats_go_to_the_formats_folder_without_a_jurisdiction(repo, tmp_path, capsys):
    code, out, err = run(repo, capsys, write_csv(tmp_path / "d.csv", BASIC), "--shared-as", "limited-data-set",
                       "--title", "AFCARS", jurisdiction="formats", data_set="afcars")
    assert code == 0, err
    data = written(repo, "afcars", "formats")
    assert "jurisdiction" not in data and data["shared_as"] == "limited-data-set" and data["title"] == "AFCARS"
    # The build refuses a name in a limited data set: the importer says so first.
    assert "Not allowed when shared as limited-data-set: FirstName (A). Remove each" in out


def test_the_command_line_never_shows_a_traceback(tmp_path):
    bad = tmp_path / "bad.xlsx"
    bad.write_bytes(b"PK\x03\x04garbage")
    result = subprocess.run([sys.executable, str(SCRIPT), str(bad), "--jurisdiction", "iowa", "--data-set", "x"],
                            capture_output=True, text=True, timeout=120)
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert result.stderr.startswith(f"import_dictionary.py: {bad}: not a readable Excel workbook")
    usage = subprocess.run([sys.executable, str(SCRIPT), str(bad)], capture_output=True, text=True, timeout=120)
    assert usage.returncode == 1 and "--jurisdiction" in usage.stderr and "Traceback" not in usage.stderr


# -- --update: a dry run first, then a merge that keeps what people wrote -------------------------------

def hand_edit(repo: Path) -> Path:
    """What a reviewer does after an import: approve, describe, label codes, note, comment."""
    target = repo / "dictionaries" / "iowa" / "client-file.yml"
    text = target.read_text(encoding="utf-8")
    text = text.replace("description: Date of birth\n",
                        "description: Written by hand, the date of birth as the client gives it.\n"
                        "          term: personal-identifier\n"
                        "          reviewed: Kept for age at entry\n")
    first_name = "          element: first-name\n          identifier: A\n"
    text = text.replace(first_name + "          suggested: [element, identifier]\n",
                        first_name.replace("first-name", "first-name  # approved at the March review"))
    text = text.replace('"99": "Data not collected"', '"99": "Not collected (hand-edited label)"')
    target.write_text(text, encoding="utf-8")
    return target


def test_update_shows_differences_as_a_dry_run_then_merges_keeping_hand_written_fields(repo, tmp_path, capsys):
    assert run(repo, capsys, write_csv(tmp_path / "d.csv", BASIC))[0] == 0
    target = hand_edit(repo)
    edited = target.read_text(encoding="utf-8")
    assert "# approved at the March review" in edited
    changed = [BASIC[0],
               ["PersonalID", "The client's id in the system", "varchar(64)", ""],  # type changed
               ["FirstName", "First name (the spreadsheet's new words)", "Text", ""],
               ["DOB", "Spreadsheet text", "Date (MM/DD/YYYY)", ""],
               ["VeteranStatus", "Served in the armed forces", "Integer", "0=No; 1=Yes; 99=Data not collected"],
               ["ZIP", "Five-digit ZIP code", "char(5)", ""]]  # added; nothing removed yet
    new_sheet = write_csv(tmp_path / "d2.csv", changed[:2] + changed[3:])  # FirstName is gone

    code, out, err = run(repo, capsys, new_sheet, "--update")
    assert code == 0, err
    assert target.read_text(encoding="utf-8") == edited  # a dry run writes nothing
    assert "Differences for dictionaries/iowa/client-file.yml:" in out
    assert "  + table d2 (added, 4 columns)" in out.splitlines()  # another file's name: another table
    assert "  table d: not in the spreadsheet, so kept as it is (remove it by hand if it is gone)" in out.splitlines()
    assert "Dry run: nothing written. Run again with --yes to write these changes." in out

    write_csv(tmp_path / "d.csv", changed[:2] + changed[3:])  # the same table, changed
    code, out, err = run(repo, capsys, tmp_path / "d.csv", "--update")
    assert code == 0, err
    lines = out.splitlines()
    assert "  ~ table d, column PersonalID: constraints: {'maxLength': 32} -> {'maxLength': 64}" in lines
    assert "  + table d, column ZIP (added)" in lines
    assert "  - table d, column FirstName (removed: not in the spreadsheet)" in lines
    assert "  table d, column DOB: description (the spreadsheet says otherwise)" in lines
    assert "  table d, column VeteranStatus: codes (the spreadsheet says otherwise)" in lines
    assert not any(line.startswith("  updated:") for line in lines)  # the same day: no change to show
    assert target.read_text(encoding="utf-8") == edited

    code, out, err = run(repo, capsys, tmp_path / "d.csv", "--update", "--yes")
    assert code == 0, err
    assert "Wrote dictionaries/iowa/client-file.yml." in out
    merged = yaml.safe_load(target.read_text(encoding="utf-8"))
    columns = fields(merged)
    assert list(columns) == ["PersonalID", "DOB", "VeteranStatus", "ZIP"]
    assert columns["PersonalID"]["constraints"] == {"maxLength": 64}
    dob = columns["DOB"]
    assert dob["description"] == "Written by hand, the date of birth as the client gives it."
    assert dob["term"] == "personal-identifier" and dob["reviewed"] == "Kept for age at entry"
    assert columns["VeteranStatus"]["codes"]["99"] == "Not collected (hand-edited label)"
    assert columns["ZIP"]["identifier"] == "B" and columns["ZIP"]["suggested"] == ["identifier"]


def test_update_keeps_an_approved_element_and_replaces_a_suggested_one(repo, tmp_path, capsys):
    rows = [["Name", "Type"], ["FirstName", "text"], ["DOB", "date"]]
    assert run(repo, capsys, write_csv(tmp_path / "d.csv", rows))[0] == 0
    target = hand_edit(repo)
    text = target.read_text(encoding="utf-8").replace("element: date-of-birth", "element: race")
    target.write_text(text, encoding="utf-8")
    code, out, err = run(repo, capsys, tmp_path / "d.csv", "--update", "--yes")
    assert code == 0, err
    columns = fields(yaml.safe_load(target.read_text(encoding="utf-8")))
    assert "# approved at the March review" in target.read_text(encoding="utf-8")  # comments stay
    assert columns["FirstName"]["element"] == "first-name" and "suggested" not in columns["FirstName"]
    assert columns["DOB"]["element"] == "date-of-birth"  # only suggested: the new suggestion replaces it
    assert "~ table d, column DOB: element: race -> date-of-birth" in out


@pytest.mark.parametrize("answer, writes", [("y", True), ("", False)])
def test_update_asks_before_writing_when_run_at_a_terminal(repo, tmp_path, capsys, monkeypatch, answer, writes):
    assert run(repo, capsys, write_csv(tmp_path / "d.csv", BASIC))[0] == 0
    target = repo / "dictionaries" / "iowa" / "client-file.yml"
    before = target.read_bytes()
    write_csv(tmp_path / "d.csv", [*BASIC, ["ZIP", "Five-digit ZIP code", "char(5)", ""]])
    asked = []
    monkeypatch.setattr(sys.stdin, "isatty", lambda: True)
    monkeypatch.setattr("builtins.input", lambda prompt: asked.append(prompt) or answer)
    code, out, _ = run(repo, capsys, tmp_path / "d.csv", "--update")
    assert code == 0
    assert asked == ["Write these changes to dictionaries/iowa/client-file.yml? [y/N] "]
    assert (target.read_bytes() != before) is writes
    assert ("Dry run: nothing written" in out) is not writes


def test_update_with_nothing_new_says_so_and_leaves_the_file_alone(repo, tmp_path, capsys):
    path = write_csv(tmp_path / "d.csv", BASIC)
    assert run(repo, capsys, path)[0] == 0
    target = hand_edit(repo)
    before = target.read_bytes()
    code, out, _ = run(repo, capsys, path, "--update", "--yes")
    assert code == 0
    assert "No differences: dictionaries/iowa/client-file.yml is unchanged." in out
    assert target.read_bytes() == before


# -- round trip: the site's XLSX (and CSV) download imports back unchanged --------------------------

def test_exporting_to_xlsx_and_importing_again_changes_nothing(repo, tmp_path, capsys):
    # The downloads have no maxLength (only the documented columns): this sheet has none to lose.
    rows = [[cell.replace("varchar(32)", "Text") for cell in row] for row in BASIC]
    rows.append(["Comment", "=formula-looking text; with a semicolon", "Text", ""])
    assert run(repo, capsys, write_csv(tmp_path / "d.csv", rows))[0] == 0
    target = hand_edit(repo)
    target.write_text(target.read_text(encoding="utf-8").replace(
        "      fields:\n", "      missingValues: [\"\", \"99\"]\n      primaryKey: PersonalID\n      fields:\n"),
        encoding="utf-8")
    before = target.read_bytes()
    descriptor = yaml.safe_load(before)
    export = tmp_path / "export.xlsx"
    export.write_bytes(dictionary_xlsx(descriptor))

    code, out, err = run(repo, capsys, export, "--update", "--yes")
    assert code == 0, err
    assert "No differences: dictionaries/iowa/client-file.yml is unchanged." in out
    assert "Kept from the file" not in out  # the spreadsheet says exactly what the file says
    assert target.read_bytes() == before

    # Imported afresh elsewhere, the download gives the same file but for its place and date.
    code, _, err = run(repo, capsys, export, jurisdiction="colorado")
    assert code == 0, err
    again = written(repo, jurisdiction="colorado")
    assert again["updated"] == TODAY and again["jurisdiction"] == "colorado"
    for key in ("updated", "jurisdiction"):
        again.pop(key), descriptor.pop(key)
    assert again == descriptor


def test_the_csv_download_imports_back_to_the_same_columns(repo, tmp_path, capsys):
    rows = [*BASIC, ["Comment", "- a list item", "Text", "1=Yes; confirmed\n2=No"]]
    assert run(repo, capsys, write_csv(tmp_path / "d.csv", rows))[0] == 0
    target = hand_edit(repo)
    descriptor = yaml.safe_load(target.read_text(encoding="utf-8"))
    export = tmp_path / "export.csv"
    export.write_text(dictionary_csv(descriptor), encoding="utf-8")
    before = target.read_bytes()
    code, out, err = run(repo, capsys, export, "--update")
    assert code == 0, err
    assert "+ table d" not in out  # the resource column names the file's table
    assert "No differences" in out
    assert target.read_bytes() == before


@pytest.mark.parametrize("dictionary", sorted((REPO / "dictionaries").glob("*/*.yml")),
                         ids=lambda p: f"{p.parent.name}/{p.stem}")
def test_every_dictionary_of_the_site_comes_back_unchanged_from_its_xlsx_download(tmp_path, capsys, dictionary):
    root = tmp_path / "repo"
    for folder in ("glossary", "data", "dictionaries"):
        shutil.copytree(REPO / folder, root / folder)
    export = tmp_path / "download.xlsx"
    export.write_bytes(dictionary_xlsx(yaml.safe_load(dictionary.read_text(encoding="utf-8"))))
    target = root / dictionary.relative_to(REPO)
    before = target.read_bytes()
    code, out, err = run(root, capsys, export, "--update", "--yes", data_set=dictionary.stem,
                         jurisdiction=dictionary.parent.name)
    assert code == 0, err
    assert f"No differences: {dictionary.relative_to(REPO).as_posix()} is unchanged." in out, out
    assert "Not imported or left out" not in out and "Kept from the file" not in out, out
    assert target.read_bytes() == before


def test_a_sheet_without_types_writes_any_and_an_update_from_it_keeps_known_types(repo, tmp_path, capsys):
    code, out, err = run(repo, capsys, write_csv(tmp_path / "d.csv", [["Name", "Description"], ["a", "First"]]),
                         data_set="untyped")
    assert code == 0, err
    assert fields(written(repo, "untyped"))["a"]["type"] == "any"
    assert "no type column: every column's type is written as `any`; set each type" in out
    assert run(repo, capsys, write_csv(tmp_path / "d.csv", BASIC))[0] == 0
    write_csv(tmp_path / "d.csv", [["Field Name", "Description"], *[row[:2] for row in BASIC[1:]]])
    code, out, err = run(repo, capsys, tmp_path / "d.csv", "--update", "--yes")
    assert code == 0, err
    assert "No differences" in out
    assert [c["type"] for c in fields(written(repo)).values()] == ["string", "string", "date", "integer"]


def test_an_imported_file_with_its_description_and_domain_passes_the_builds_check(tmp_path, capsys):
    from termbase.content import check_content
    root = tmp_path / "repo"
    for folder in ("glossary", "data", "dictionaries"):
        shutil.copytree(REPO / folder, root / folder)
    rows = [*BASIC, ["first_name", "Given name", "text", ""]]
    code, _, err = run(root, capsys, write_csv(tmp_path / "d.csv", rows), "--description",
                       "Client records of the county's case management system.", "--domain", "homelessness")
    assert code == 0, err
    check_content(root)  # raises InvalidContent with every problem
