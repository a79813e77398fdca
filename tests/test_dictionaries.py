"""Data dictionaries: every check's message, and the pages, crosswalk, linkage keys and downloads
of a small real site built once for the module."""

from __future__ import annotations

import io
import json
import shutil
import textwrap
from pathlib import Path

import pytest
import yaml

from sitekit import REPO, SiteFactory
from termbase.content import check_content
from termbase.loading.problems import InvalidContent

FIXTURE = REPO / "tests" / "data" / "dictionaries"  # shared elements and two data sets


def make_repo(tmp_path: Path) -> Path:
    """A repository with the real glossary and data files, and the fixture's dictionaries."""
    root = tmp_path / "repo"
    for folder in ("glossary", "data"):
        shutil.copytree(REPO / folder, root / folder)
    (root / "docs").mkdir()
    shutil.copy(FIXTURE / "shared-elements.yml", root / "data" / "shared-elements.yml")
    shutil.copytree(FIXTURE / "dictionaries", root / "dictionaries")
    return root


def problems_of(root: Path) -> list[str]:
    try:
        check_content(root)
    except InvalidContent as error:
        return [str(p) for p in error.problems]
    return []


def edit(root: Path, relative: str, change) -> None:
    path = root / relative
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    change(data)
    path.write_text(yaml.safe_dump(data, sort_keys=False), encoding="utf-8")


SHELTER = "dictionaries/broward-county-fl/shelter-stays.yml"
CLAIMS = "dictionaries/broward-county-fl/medicaid-claims.yml"


def _column(data: dict, name: str) -> dict:
    return next(f for f in data["resources"][0]["schema"]["fields"] if f["name"] == name)


def test_the_fixture_is_valid(tmp_path):
    content = check_content(make_repo(tmp_path))
    assert [d.id for d in content.dictionaries] == ["medicaid-claims", "shelter-stays"]


# (file, change, the message's expected pieces)
MISTAKES = [
    ("unknown jurisdiction", SHELTER, lambda d: d.update(jurisdiction="broward-county"),
     [f"{SHELTER}:", "jurisdiction: 'broward-county' is not this file's folder, 'broward-county-fl'",
      "did you mean `broward-county-fl`"]),
    ("unknown term", SHELTER, lambda d: _column(d, "sex_cd").update(term="data-elemnt"),
     ["stays.sex_cd.term: unknown or unpublished term 'data-elemnt'", "did you mean `data-element`"]),
    ("unknown element", SHELTER, lambda d: _column(d, "DOB").update(element="date-of-brith"),
     ["stays.DOB.element: unknown shared element 'date-of-brith'", "did you mean `date-of-birth`"]),
    ("unknown law", SHELTER, lambda d: d.update(governed_by=["hipaa-privacy-rul"]),
     ["governed_by[0]: unknown or unpublished term 'hipaa-privacy-rul'", "did you mean `hipaa-privacy-rule`"]),
    ("duplicate column", SHELTER, lambda d: d["resources"][0]["schema"]["fields"].append(
        {"name": "dob", "type": "date"}),
     ["stays.dob.name: column 'dob' appears twice in table 'stays' (first at line"]),
    ("SSN in a limited data set", SHELTER, lambda d: d["resources"][0]["schema"]["fields"].append(
        {"name": "SSN", "type": "string", "identifier": "G"}),
     ["stays.SSN: holds identifier G (", "declared in the file), which is not allowed in a limited data set (45 CFR",
      "add reviewed: \"<why it may stay>\""]),
    ("a name the rules read", SHELTER, lambda d: d["resources"][0]["schema"]["fields"].append(
        {"name": "client_email", "type": "string"}),
     ["stays.client_email: holds identifier F (", "suggested by the column-name rules)"]),
    ("a county in de-identified data", SHELTER, lambda d: (
        d.update(shared_as="de-identified"), d["resources"][0]["schema"]["fields"].append(
            {"name": "county", "type": "string"})),
     ["stays.county: holds identifier B", "not allowed in Safe Harbor de-identified data"]),
    ("sample values", SHELTER, lambda d: _column(d, "DOB").update(example="2001-02-03"),
     ["stays.DOB.example: never store sample values"]),
    ("name is not the file's", SHELTER, lambda d: d.update(name="shelter"),
     ["name: 'shelter' must be the file's name, 'shelter-stays'"]),
    ("unknown field", SHELTER, lambda d: d.update(shared_ass="identified"),
     ["file: unknown field 'shared_ass'; did you mean `shared_as`?"]),
    ("bad identifier letter", SHELTER, lambda d: _column(d, "DOB").update(identifier="Z"),
     ["stays.DOB.identifier: 'Z' must be one letter A to R"]),
    ("code not in enum", CLAIMS, lambda d: _column(d, "Gender").update(
        constraints={"enum": ["F", "M"]}, codes={"F": "Female", "X": "Other"}),
     ["claims.Gender.codes: code 'X' not in constraints.enum"]),
    ("frictionless", CLAIMS, lambda d: d["resources"][0]["schema"].update(primaryKey="NoSuchColumn"),
     ["not a valid Data Package (frictionless)"]),
    ("suggested without a value", CLAIMS, lambda d: _column(d, "Gender").update(suggested=["identifier"]),
     ["claims.Gender.suggested: lists 'identifier' as suggested, but the column has no identifier"]),
]


@pytest.mark.parametrize("file, change, expected", [m[1:] for m in MISTAKES], ids=[m[0] for m in MISTAKES])
def test_each_mistake_has_a_message_with_file_line_and_field(tmp_path, file, change, expected):
    root = make_repo(tmp_path)
    edit(root, file, change)
    problems = problems_of(root)
    assert problems, "the mistake was not reported"
    text = "\n".join(problems)
    for piece in expected:
        assert piece in text
    assert all(p.startswith(file + ":") for p in problems), problems
    assert all(int(p.split(":")[1]) >= 1 for p in problems)


# Files this project's schema accepts and frictionless refuses: frictionless is asked only when a
# quicker check (loading/dictionaries.py) cannot vouch for the file, and its messages are reported.
FRICTIONLESS_REFUSES = [
    ("a constraint the type does not have", lambda d: _column(d, "SSN").update(type="integer",
                                                                                constraints={"maxLength": 9})),
    ("a format the type does not have", lambda d: _column(d, "Gender").update(format="postal-code")),
    ("a bound of the wrong kind", lambda d: _column(d, "BirthDate").update(constraints={"pattern": "^2"})),
    ("the same column name twice", lambda d: _column(d, "LastName").update(name="FirstName")),
    ("a primary key naming no column", lambda d: d["resources"][0]["schema"].update(primaryKey=["SSN", "Nope"])),
    ("a path that is not safe", lambda d: d["resources"][0].update(path="~")),
    ("two tables of one name", lambda d: d["resources"].append(json.loads(json.dumps(d["resources"][0])))),
]


@pytest.mark.parametrize("change", [c[1] for c in FRICTIONLESS_REFUSES], ids=[c[0] for c in FRICTIONLESS_REFUSES])
def test_what_frictionless_refuses_is_reported_in_its_words(tmp_path, change):
    from frictionless import Package

    from termbase.loading.yamlsource import parse_yaml

    root = make_repo(tmp_path)
    edit(root, CLAIMS, change)
    document, _ = parse_yaml((root / CLAIMS).read_bytes(), CLAIMS, max_bytes=10**6)
    expected = [f"not a valid Data Package (frictionless): {error.message}"
                for error in Package.validate_descriptor(document.data).errors]
    assert expected, "frictionless accepts the file: the case tests nothing"
    problems = problems_of(root)
    assert [p.split(": ", 2)[-1] for p in problems] == expected
    assert all(p.startswith(f"{CLAIMS}:") for p in problems)


def test_the_quick_frictionless_check_never_vouches_for_a_file_frictionless_refuses(tmp_path):
    """Random changes to the fixture's columns and tables that keep this project's schema happy;
    whenever the quick check vouches for one, frictionless itself must accept it."""
    import copy
    import random

    from frictionless import Package

    from termbase.loading.dictionaries import _frictionless_accepts, _validator
    from termbase.loading.yamlsource import parse_yaml

    base = [parse_yaml((FIXTURE / "dictionaries" / "broward-county-fl" / name).read_bytes(), name)[0].data
            for name in ("medicaid-claims.yml", "shelter-stays.yml")]
    assert all(_frictionless_accepts(data) for data in base)  # valid files take the quick way
    types = ["string", "number", "integer", "boolean", "date", "time", "datetime", "year", "yearmonth",
             "duration", "geopoint", "geojson", "object", "array", "any"]
    formats = ["default", "email", "uri", "uuid", "binary", "topojson", "%Y-%m-%d", "any", "fmt:%Y", "array", "x"]
    constraints = {"required": [True], "unique": [False], "minLength": [0, 2], "maxLength": [8],
                   "minimum": [0, "2020-01-01", 1.5], "maximum": ["x", True], "pattern": ["^a$", "["],
                   "enum": [[1, 2], ["a"], [None], [[1]]]}
    rng = random.Random(7)
    vouched = refused = 0
    for _ in range(400):
        data = copy.deepcopy(rng.choice(base))
        table = data["resources"][0]
        fields = table["schema"]["fields"]
        for _ in range(rng.randrange(1, 4)):
            column, roll = rng.choice(fields), rng.random()
            if roll < 0.25:
                column["type"] = rng.choice(types)
            elif roll < 0.4:
                column["format"] = rng.choice(formats)
            elif roll < 0.65:
                name = rng.choice(list(constraints))
                column.setdefault("constraints", {})[name] = rng.choice(constraints[name])
            elif roll < 0.7:
                column["trueValues"] = rng.choice([["Y"], [], ["1", "yes"]])
            elif roll < 0.75:
                column["name"] = rng.choice(fields)["name"]
            elif roll < 0.8:
                table["schema"]["primaryKey"] = rng.choice([column["name"], "Nope", [column["name"]], [], ""])
            elif roll < 0.85:
                table["path"] = rng.choice(["~", "..", "a b.csv", "%2e"])
            elif roll < 0.9:
                table["schema"]["missingValues"] = rng.choice([[""], ["", "NA"], [" "], []])
            elif roll < 0.95:
                data["resources"].append(copy.deepcopy(table))
            else:
                table["profile"] = "tabular-data-resource"
        if any(True for _ in _validator().iter_errors(data)):
            continue  # the project's own schema stops it before frictionless is asked
        valid = Package.validate_descriptor(data).valid
        if _frictionless_accepts(data):
            assert valid, data
            vouched += 1
        refused += not valid
    assert vouched > 50 and refused > 50, (vouched, refused)  # both kinds were tried


def test_the_line_points_at_the_column(tmp_path):
    root = make_repo(tmp_path)
    edit(root, SHELTER, lambda d: d["resources"][0]["schema"]["fields"].append(
        {"name": "SSN", "type": "string", "identifier": "G"}))
    [problem] = problems_of(root)
    line = int(problem.split(":")[1])
    assert "SSN" in (root / SHELTER).read_text(encoding="utf-8").splitlines()[line - 1]


def test_a_reviewed_column_may_stay(tmp_path):
    root = make_repo(tmp_path)
    edit(root, SHELTER, lambda d: d["resources"][0]["schema"]["fields"].append(
        {"name": "SSN", "type": "string", "identifier": "G", "reviewed": "Always blank in this extract"}))
    assert problems_of(root) == []


def test_a_declared_identifier_decides_over_the_name_rules(tmp_path):
    root = make_repo(tmp_path)
    # The rules read "email" in this name; the file says it holds none.
    edit(root, SHELTER, lambda d: d["resources"][0]["schema"]["fields"].append(
        {"name": "email_opt_out_count", "type": "integer", "identifier": "none"}))
    assert problems_of(root) == []


def test_a_stray_file_and_an_unknown_folder(tmp_path):
    root = make_repo(tmp_path)
    (root / "dictionaries" / "loose.yml").write_text("name: loose\n", encoding="utf-8")
    (root / "dictionaries" / "broward-county").mkdir()
    shutil.copy(root / SHELTER, root / "dictionaries" / "broward-county" / "shelter-stays.yml")
    text = "\n".join(problems_of(root))
    assert "dictionaries/loose.yml:1: file: belongs in a folder" in text
    assert "the folder 'broward-county' is not a site id; did you mean `broward-county-fl`?" in text


def test_check_script_reports_dictionary_problems_and_exits_1(tmp_path):
    import subprocess
    import sys
    root = make_repo(tmp_path)
    edit(root, SHELTER, lambda d: d.update(domain="homeless"))
    result = subprocess.run([sys.executable, str(REPO / "scripts" / "check.py"), "--root", str(root)],
                            capture_output=True, text=True)
    assert result.returncode == 1
    assert f"{SHELTER}:" in result.stderr and "domain: 'homeless' is not allowed" in result.stderr
    assert "did you mean `homelessness`" in result.stderr
    assert "Traceback" not in result.stderr


# -- the pages of a built site ---------------------------------------------------------------------
@pytest.fixture(scope="module")
def built(tmp_path_factory):
    factory = SiteFactory(tmp_path_factory.mktemp("dictionaries"))
    shutil.copy(REPO / "data" / "data-elements.yml", factory.root / "data" / "data-elements.yml")
    shutil.copy(FIXTURE / "shared-elements.yml", factory.root / "data" / "shared-elements.yml")
    shutil.copytree(FIXTURE / "dictionaries", factory.root / "dictionaries")
    for term in ("limited-data-set", "de-identified-data", "safe-harbor-method", "hipaa-privacy-rule",
                 "protected-health-information", "minimum-necessary", "data-use-agreement", "data-element",
                 "record-linkage", "deterministic-record-linkage", "probabilistic-record-linkage", "ferpa",
                 "42-cfr-part-2", "direct-identifier"):
        shutil.copy(REPO / "glossary" / f"{term}.yml", factory.root / "glossary" / f"{term}.yml")
    for term in (REPO / "glossary").glob("*.yml"):  # what the copied terms name must exist too
        target = factory.root / "glossary" / term.name
        if not target.exists():
            shutil.copy(term, target)
    factory.page("sites/broward-county-fl.md", "---\njurisdiction: broward-county-fl\n---\n# Broward County\n")
    factory.page("tools/data-set-checker.md", (REPO / "docs" / "tools" / "data-set-checker.md").read_text())
    factory.page("contributing.md", "# Contributing\n\n## Who approves\n\nThe group.\n\n## Add your data dictionary\n\nSteps.\n")
    site = factory.build()
    assert site.result.returncode == 0, site.output
    return site


def test_index_lists_each_data_set_by_site_and_domain(built):
    article = built.article("data-sets/")
    headings = [h.get_text(" ", strip=True).rstrip("¶").strip() for h in article.select("h2, h3")]
    assert headings[:2] == ["By site", "Broward County, Florida"]
    assert "Homelessness" in headings and "Medicaid" in headings
    row = next(r for r in article.select("tr") if "Shelter stays" in r.get_text())
    cells = [c.get_text(" ", strip=True) for c in row.select("td")]
    assert "4" in cells and "Limited data set" in cells


def test_data_set_page_verdict_and_columns(built):
    article = built.article("data-sets/broward-county-fl/shelter-stays/")
    text = article.get_text(" ", strip=True)
    assert "An illustration" in text
    assert "Shared as a limited data set : possible as documented" in text
    held = [li.get_text(" ", strip=True) for li in article.select("h2#what-its-columns-hold ~ ul li")]
    assert any(item.startswith("C ") and "DOB" in item for item in held)
    matrix_links = [a["href"] for a in article.select("h2#what-its-columns-hold ~ ul a")]
    assert "../../../reference/data-elements/#element-c" in matrix_links
    rows = {r.select_one("code").get_text(): r for r in article.select("table.kb-dictionary tbody tr")}
    assert list(rows) == ["client_id", "DOB", "Zip5", "sex_cd"]
    # Each cell says what it is on a phone, where the row becomes a card.
    assert [td["data-label"] for td in rows["DOB"].select("td")] == [
        "Column", "Meaning", "Type", "Values", "Element", "Identifier"]
    assert "suggested by the name rules" in rows["DOB"].get_text()
    assert "Reviewed: A study id made for this extract" in rows["client_id"].get_text()
    assert "1 Female" in rows["sex_cd"].get_text(" ", strip=True)


def test_the_file_and_the_rules_disagreeing_shows_both(built):
    article = built.article("data-sets/broward-county-fl/medicaid-claims/")
    row = next(r for r in article.select("table.kb-dictionary tbody tr") if "DateCreated" in r.get_text())
    text = row.get_text(" ", strip=True)
    assert "none (declared)" in text
    assert "The name rules see identifier C in this name; the file's declaration decides" in text
    quiet = next(r for r in article.select("table.kb-dictionary tbody tr") if "ACADEMIC_YEAR_CODE" in r.get_text())
    assert quiet.select("td")[-1].get_text(" ", strip=True) == "none (declared)"


def test_downloads_read_back(built):
    from frictionless import Package
    from openpyxl import load_workbook
    folder = built.site / "data-sets" / "broward-county-fl"
    package = Package.from_descriptor(json.loads((folder / "shelter-stays.datapackage.json").read_text()))
    fields = package.resources[0].schema.fields
    assert [f.name for f in fields] == ["client_id", "DOB", "Zip5", "sex_cd"]
    assert package.resources[0].schema.get_field("sex_cd").to_descriptor()["codes"]["1"] == "Female"
    workbook = load_workbook(io.BytesIO((folder / "shelter-stays.xlsx").read_bytes()))
    cells = [str(c.value) for sheet in workbook.worksheets for row in sheet.iter_rows() for c in row if c.value]
    assert "client_id" in cells and "Zip5" in cells
    assert "sex_cd" in (folder / "shelter-stays.csv").read_text(encoding="utf-8-sig")
    links = [a["href"] for a in built.article("data-sets/broward-county-fl/shelter-stays/").select("a")]
    assert {"../shelter-stays.csv", "../shelter-stays.xlsx", "../shelter-stays.datapackage.json"} <= set(links)


def test_crosswalk_one_element_many_local_names(built):
    article = built.article("data-sets/crosswalk/")
    row = next(r for r in article.select("tbody tr") if r.select_one("th").get_text(strip=True) == "Date of birth")
    names = [c.select_one("code").get_text() for c in row.select("td") if c.select_one("code")]
    assert sorted(names) == ["BirthDate", "DOB"]


def test_linkage_keys_of_each_pair(built):
    article = built.article("data-sets/linkage-keys/")
    [row] = article.select("tbody tr")
    text = row.get_text(" ", strip=True)
    assert "Medicaid claims and Shelter stays extract" in text
    assert "Date of birth" in text and "Sex" in text
    assert "No linkage on shared keys" in text  # no names or SSN on the shelter side


def test_term_page_lists_columns_under_their_local_names(built):
    article = built.article("glossary/data-element/")
    section = article.select_one("h2#in-the-data-dictionaries")
    assert section is not None
    items = [li.get_text(" ", strip=True) for li in section.find_next("ul").select("li")]
    assert items == ["sex_cd in Shelter stays extract"]
    href = section.find_next("ul").select_one("a")["href"]
    assert href == "../../data-sets/broward-county-fl/shelter-stays/#column-stays-sex-cd"
    assert built.article("data-sets/broward-county-fl/shelter-stays/").select_one("#column-stays-sex-cd")


def test_generated_pages_count_in_used_in(built):
    used_in = built.article("glossary/hipaa-privacy-rule/").select_one("ul.kb-used-in")
    titles = [a.get_text() for a in used_in.select("a")]
    assert "Shelter stays extract" in titles and "Medicaid claims" in titles
    phi = [a.get_text() for a in built.article("glossary/protected-health-information/").select("ul.kb-used-in a")]
    assert "Data-set checker" in " ".join(phi) or any("checker" in t.lower() for t in phi)


def test_site_page_lists_its_data_sets(built):
    article = built.article("sites/broward-county-fl/")
    section = article.select_one("h2#data-dictionaries")
    links = [li.select_one("a").get_text() for li in section.find_next("ul").select("li")]
    assert links == ["Medicaid claims", "Shelter stays extract"]


def test_search_finds_column_names(built):
    index = json.loads((built.site / "search" / "search_index.json").read_text(encoding="utf-8"))
    page = [d for d in index["docs"] if d["location"].startswith("data-sets/broward-county-fl/shelter-stays/")]
    assert any("DOB" in d["text"] and "client_id" in d["text"] for d in page)
