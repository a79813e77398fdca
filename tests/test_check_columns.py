"""scripts/check_columns.py, run as an analyst runs it: CSV headers, lists, stdin, exit codes."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from sitekit import REPO

SCRIPT = REPO / "scripts" / "check_columns.py"
JSON_KEYS = ["column", "identifier", "identified", "limited_data_set", "safe_harbor", "why"]


def run(*args: str, stdin: bytes | None = None) -> subprocess.CompletedProcess:
    result = subprocess.run([sys.executable, str(SCRIPT), *args], input=stdin, capture_output=True, timeout=120)
    assert b"Traceback" not in result.stderr, result.stderr.decode()
    return result


def columns(result: subprocess.CompletedProcess) -> list[dict]:
    return json.loads(result.stdout.decode("utf-8"))


def test_csv_header_only_is_read_and_values_are_never_echoed(tmp_path):
    extract = tmp_path / "extract.csv"
    extract.write_text("client_id,first_name,dob,zip3,race\n1001,Zebediah,1950-02-03,021,W\n", encoding="utf-8")
    result = run(str(extract))
    assert result.returncode == 0
    out = result.stdout.decode("utf-8")
    for heading in ("Column", "Identifier", "Identified", "Limited data set", "Safe Harbor"):
        assert heading in out
    assert "This extract is not a limited data set: 1 column must be removed: first_name." in out
    assert "reads column names only" in out and "not legal advice" in out
    assert "Zebediah" not in out and "1950" not in out


def test_json_output_has_one_object_per_column_with_the_documented_keys(tmp_path):
    extract = tmp_path / "extract.csv"
    extract.write_text("client_id,first_name,zip3\n", encoding="utf-8")
    rows = columns(run(str(extract), "--json"))
    assert [list(row) for row in rows] == [JSON_KEYS] * 3
    assert [(r["column"], r["identifier"], r["identified"], r["limited_data_set"], r["safe_harbor"]) for r in rows] == [
        ("client_id", "R", "allowed", "partly", "partly"),
        ("first_name", "A", "allowed", "not allowed", "not allowed"),
        ("zip3", "B", "allowed", "allowed", "partly"),
    ]
    assert "element-b" in rows[2]["why"]


@pytest.mark.parametrize("kind, code", [("identified", 0), ("limited-data-set", 1), ("de-identified", 1)])
def test_as_kind_exits_1_when_a_column_is_not_allowed_in_it(tmp_path, kind, code):
    extract = tmp_path / "extract.csv"
    extract.write_text("first_name,race\n", encoding="utf-8")
    assert run(str(extract), "--as", kind).returncode == code


def test_as_kind_exits_0_when_every_column_may_stay(tmp_path):
    extract = tmp_path / "lds.csv"
    extract.write_text("client_id,dob,zip_code,race\n", encoding="utf-8")
    assert run(str(extract), "--as", "limited-data-set").returncode == 0
    assert run(str(extract), "--as", "de-identified").returncode == 0  # partly, not "not allowed"


@pytest.mark.parametrize("encoding, text, names", [
    ("utf-8-sig", "client_id;prénom;ssn\n1;Zoé;123\n", ["client_id", "prénom", "ssn"]),
    ("utf-16", "client_id\tprénom\tssn\n1\tZoé\t123\n", ["client_id", "prénom", "ssn"]),
    ("cp1252", "client_id|prénom|ssn\n1|Zoé|123\n", ["client_id", "prénom", "ssn"]),
    ("utf-8", '"client id","prénom, usuel",ssn\n1,"Zoé",123\n', ["client id", "prénom, usuel", "ssn"]),
], ids=["utf-8 with BOM, semicolons", "utf-16, tabs", "windows-1252, bars", "utf-8, quoted commas"])
def test_common_encodings_and_delimiters(tmp_path, encoding, text, names):
    extract = tmp_path / "extract.csv"
    extract.write_bytes(text.encode(encoding))
    result = run(str(extract), "--json")
    rows = columns(result)
    assert [r["column"] for r in rows] == names
    assert [r["identifier"] for r in rows] == ["R", None, "G"]
    assert "Zoé" not in result.stdout.decode("utf-8")


def test_a_text_file_lists_one_name_a_line(tmp_path):
    names = tmp_path / "names.txt"
    names.write_text("ssn\n\nparent_last_name\nemail_opt_in\n", encoding="utf-8")
    rows = columns(run(str(names), "--json"))
    assert [(r["column"], r["identifier"]) for r in rows] == [("ssn", "G"), ("parent_last_name", "A"),
                                                              ("email_opt_in", None)]


def test_standard_input_takes_a_header_line_or_a_list():
    header = columns(run("-", "--json", stdin=b"dob,county,street\n1990-01-01,Kings,1 Main St\n"))
    assert [r["identifier"] for r in header] == ["C", "B", "B"]
    assert [r["safe_harbor"] for r in header] == ["partly", "not allowed", "not allowed"]
    listed = columns(run("-", "--json", stdin=b"ip\nphoto_path\n"))
    assert [(r["identifier"], r["limited_data_set"]) for r in listed] == [("O", "not allowed"), ("Q", "review")]


def test_a_one_column_csv_file_reads_its_header_only(tmp_path):
    extract = tmp_path / "one.csv"
    extract.write_text("ssn\n123-45-6789\n987-65-4321\n", encoding="utf-8")
    rows = columns(run(str(extract), "--json"))
    assert [r["column"] for r in rows] == ["ssn"]


@pytest.mark.parametrize("make, message", [
    (lambda tmp: tmp / "missing.csv", "missing.csv: no such file"),
    (lambda tmp: tmp, "is a folder, not a file"),
    (lambda tmp: _write(tmp / "empty.csv", b""), "empty.csv: the file is empty, so it has no header"),
    (lambda tmp: _write(tmp / "blank.csv", b"\n\n  \n"), "blank.csv: the file is empty, so it has no header"),
    (lambda tmp: _write(tmp / "book.xlsx", b"PK\x03\x04\x14\x00\x06\x00" + bytes(range(256)) * 8),
     "book.xlsx: this looks like binary data"),
    (lambda tmp: _write(tmp / "long.csv", b"a," * 600_000), "no line break in the first 1024 KiB"),
])
def test_bad_input_exits_2_with_a_clear_message(tmp_path, make, message):
    result = run(str(make(tmp_path)))
    assert result.returncode == 2
    assert message in result.stderr.decode("utf-8")
    assert result.stdout == b""


def test_bad_option_exits_2_with_usage():
    result = run("x.csv", "--as", "anonymous")
    assert result.returncode == 2
    assert b"invalid choice" in result.stderr


def test_help_says_names_only_and_not_legal_advice():
    text = run("--help").stdout.decode("utf-8")
    assert "column names only" in text and "not legal advice" in text
    assert "--as {identified,limited-data-set,de-identified}" in text


def _write(path, data: bytes):
    path.write_bytes(data)
    return path
