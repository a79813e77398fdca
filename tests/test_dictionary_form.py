"""The "Add or update a data dictionary" issue form: recorded `issues` events through term_from_issue.py,
and through the workflow's own steps to a pushed branch, as a term form goes."""

from __future__ import annotations

import datetime
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import frictionless
import pytest
import yaml

from sitekit import REPO
from workflowsim import LocalRunner

EVENTS = REPO / "tests" / "events"
SCRIPT = REPO / "scripts" / "term_from_issue.py"
FORM = REPO / ".github" / "ISSUE_TEMPLATE" / "add-a-data-dictionary.yml"
WORKFLOW = REPO / ".github" / "workflows" / "term-from-issue.yml"
GIT_ENV = {"GIT_AUTHOR_NAME": "Maintainer", "GIT_AUTHOR_EMAIL": "maintainer@example.org",
           "GIT_COMMITTER_NAME": "Maintainer", "GIT_COMMITTER_EMAIL": "maintainer@example.org"}


def run(event: Path, root: Path, outputs: Path) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, str(SCRIPT), str(event), "--root", str(root), "--outputs", str(outputs)],
                          capture_output=True, text=True, timeout=120)


@pytest.fixture
def repo(tmp_path) -> Path:
    """What the script reads: the glossary, the data files, the dictionaries and the issue forms."""
    root = tmp_path / "repo"
    for folder in ("glossary", "data", "dictionaries", ".github/ISSUE_TEMPLATE"):
        shutil.copytree(REPO / folder, root / folder)
    return root


def edited_event(tmp_path: Path, name: str, replace: dict[str, str]) -> Path:
    """A recorded event whose body was edited, as a proposer edits the issue."""
    event = json.loads((EVENTS / f"{name}.json").read_text(encoding="utf-8"))
    for old, new in replace.items():
        assert old in event["issue"]["body"], old
        event["issue"]["body"] = event["issue"]["body"].replace(old, new)
    path = tmp_path / f"{name}-edited-{len(list(tmp_path.glob('*-edited-*')))}.json"
    path.write_text(json.dumps(event), encoding="utf-8")
    return path


def test_a_valid_form_becomes_a_dictionary_file_and_a_pull_request_with_the_checkers_verdict(repo, tmp_path):
    result = run(EVENTS / "dictionary-new.json", repo, tmp_path / "out")
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout == "dictionaries/iowa/client-services.yml\n"
    text = (repo / "dictionaries" / "iowa" / "client-services.yml").read_text(encoding="utf-8")
    assert text.startswith("# yaml-language-server: $schema=../../schemas/dictionary.schema.json\n")
    data = yaml.safe_load(text)
    assert (data["name"], data["title"], data["jurisdiction"]) == ("client-services", "Client services extract", "iowa")
    assert (data["shared_as"], data["domain"]) == ("identified", "homelessness")
    assert data["system"] == "Case management system"
    assert data["updated"] == datetime.date.today()
    table = data["resources"][0]
    assert (table["name"], table["title"], table["path"]) == ("services", "services.csv", "services.csv")
    columns = {f["name"]: f for f in table["schema"]["fields"]}
    assert list(columns) == ["ClientID", "DOB", "ServiceType", "ServiceDate"]  # title rows passed over
    assert columns["ServiceType"]["codes"] == {"1": "Case management", "2": "Housing navigation",
                                               "99": "Data not collected"}
    assert columns["DOB"]["identifier"] == "C" and "identifier" in columns["DOB"]["suggested"]
    for sample in ("C-0001", "01/02/1990", "03/04/2026"):  # the pasted Example column
        assert sample not in text
    assert frictionless.Package.validate_descriptor(json.loads(json.dumps(data, default=str))).valid

    pull = json.loads((tmp_path / "out" / "pull-request.json").read_text(encoding="utf-8"))
    assert pull["branch"] == "term-from-issue/201" and pull["path"] == "dictionaries/iowa/client-services.yml"
    assert pull["title"] == "Add data dictionary: Client services extract"
    assert (tmp_path / "out" / "term.yml").read_text(encoding="utf-8") == text
    body = pull["body"]
    assert body.startswith("Closes #201\n")
    assert "Shared as **identified data**. 4 columns; 3 hold one of the 18 Safe Harbor identifiers." in body
    assert "| DOB | C (date of birth) *suggested* | allowed |" in body.splitlines()
    assert "**Fits identified data**" in body
    assert "- column 'Example' holds sample values: not imported" in body
    assert "C-0001" not in body
    assert pull["commit_message"].splitlines()[-1] == \
        "Co-authored-by: pat-example <5550001+pat-example@users.noreply.github.com>"


def test_a_column_not_allowed_in_a_limited_data_set_is_named_in_the_comment_with_the_checkers_verdict(repo, tmp_path):
    result = run(EVENTS / "dictionary-limited.json", repo, tmp_path / "out")
    assert result.returncode == 1, result.stdout + result.stderr
    assert not (repo / "dictionaries" / "colorado").exists() and not (tmp_path / "out" / "pull-request.json").exists()
    lines = result.stdout.splitlines()
    problems = [line for line in lines if line.startswith("- ")]
    assert len(problems) == 2
    assert problems[0].startswith("- **Dictionary rows**: column first_name: holds identifier A (Names")
    assert problems[1].startswith("- **Dictionary rows**: column street_address: holds identifier B")
    assert all(p.endswith("which is not allowed in a limited data set (45 CFR 164.514(e)(2)(i)); remove its row, "
                          "choose “Identified” under “How it is shared”, or add a Reviewed column to the rows "
                          "saying why it may stay") for p in problems[:1])
    # Below the problems, the verdict on every column that holds an identifier.
    assert "### What the data-set checker says" in lines
    assert "| first_name | A (name) *suggested* | not allowed |" in lines
    assert "| street_address | B (street address) *suggested* | not allowed |" in lines
    assert "| zip3 | B (three-digit ZIP code) *suggested* | allowed |" in lines
    assert ("**Does not fit a limited data set:** 2 columns not allowed: first_name (A), street_address (B). "
            "Remove them, choose another way of sharing, or add a `reviewed` note saying why it may stay.") in lines


def test_a_reviewed_column_lets_a_column_stay_in_a_limited_data_set(repo, tmp_path):
    event = edited_event(tmp_path, "dictionary-limited", {
        "Variable\tDefinition\tType": "Variable\tDefinition\tType\tReviewed",
        "first_name\tGiven name\ttext": "first_name\tGiven name\ttext\tHolds the first letter only",
        "street_address\tHome address\ttext": "street_address\tHome address\ttext\tHolds the census tract only"})
    result = run(event, repo, tmp_path / "out")
    assert result.returncode == 0, result.stdout + result.stderr
    body = (tmp_path / "out" / "pr-body.md").read_text(encoding="utf-8").splitlines()
    assert "| first_name | A (name) *suggested* | not allowed (Holds the first letter only) |" in body
    assert any(line.startswith("**Fits a limited data set**") for line in body)
    data = yaml.safe_load((repo / "dictionaries" / "colorado" / "hospital-admissions.yml").read_text(encoding="utf-8"))
    assert data["shared_as"] == "limited-data-set"
    columns = {f["name"]: f for f in data["resources"][0]["schema"]["fields"]}
    assert columns["street_address"]["reviewed"] == "Holds the census tract only"


def test_the_same_columns_fit_when_the_data_set_is_identified(repo, tmp_path):
    event = edited_event(tmp_path, "dictionary-limited", {"### How it is shared\n\nLimited data set":
                                                          "### How it is shared\n\nIdentified"})
    assert run(event, repo, tmp_path / "out").returncode == 0
    body = (tmp_path / "out" / "pr-body.md").read_text(encoding="utf-8")
    assert "**Fits identified data**" in body and "not allowed" not in body


BAD_FORMS = [
    # (event, replacements in its body, the comment's problem lines)
    ("dictionary-bad-id", {}, ["- **Data set id**: 'Client Services!' is not a data-set id"]),
    ("dictionary-empty-rows", {}, ["- **Dictionary rows**: is empty; paste the dictionary's rows, header row first"]),
    ("dictionary-new", {"### Jurisdiction\n\nIowa": "### Jurisdiction\n\nAtlantis"},
     ["- **Jurisdiction**: 'Atlantis' is not one of: Connecticut, Iowa"]),
    ("dictionary-new", {"- [X] The rows": "- [ ] The rows"},
     ["- **No values**: tick the box: the rows must describe columns only"]),
    ("dictionary-new", {"### Data set title\n\nClient services extract": "### Data set title\n\n_No response_"},
     ["- **Data set title**: is needed for a new dictionary"]),
    ("dictionary-new", {"### Domain\n\nHomelessness": "### Domain\n\n_No response_"},
     ["- **Domain**: is needed for a new dictionary"]),
    ("dictionary-new", {"Field Name\t": "Whatever\t", "Data Type\t": "Something\t"},
     ["- **Dictionary rows**: skipped: no header row with a column name"]),
    ("dictionary-limited", {"person_id\tPerson number": "<b>person_id</b>\tPerson number"},
     ["- **Dictionary rows**: contains HTML (`<b>`)"]),
]


@pytest.mark.parametrize("event, replace, expected", BAD_FORMS, ids=[f"{c[0]}-{i}" for i, c in enumerate(BAD_FORMS)])
def test_a_bad_form_writes_nothing_and_names_the_field_to_fix(repo, tmp_path, event, replace, expected):
    path = edited_event(tmp_path, event, replace) if replace else EVENTS / f"{event}.json"
    result = run(path, repo, tmp_path / "out")
    assert result.returncode == 1, result.stdout + result.stderr
    assert result.stderr == "" and not (repo / "dictionaries" / "iowa").exists()
    comment = result.stdout
    assert comment.startswith("<!-- term-from-issue -->\nThank you for using the “Add or update a data dictionary” "
                              "form.")
    assert (tmp_path / "out" / "comment.md").read_text(encoding="utf-8") == comment
    assert not (tmp_path / "out" / "pull-request.json").exists()
    problems = [line for line in comment.splitlines() if line.startswith("- ")]
    for wanted in expected:
        assert any(line.startswith(wanted) for line in problems), f"{wanted!r} not in:\n{comment}"
    assert len(problems) == len(expected)


def test_a_form_for_an_existing_dictionary_updates_it_keeping_hand_written_fields(repo, tmp_path):
    assert run(EVENTS / "dictionary-new.json", repo, tmp_path / "first").returncode == 0
    target = repo / "dictionaries" / "iowa" / "client-services.yml"
    target.write_text(target.read_text(encoding="utf-8").replace(
        "description: Date of birth\n", "description: Date of birth as the client states it  # checked by hand\n"),
        encoding="utf-8")
    event = edited_event(tmp_path, "dictionary-new", {
        "ServiceDate\tDay the service was given\tDate (MM/DD/YYYY)\t\t03/04/2026":
            "ServiceDate\tSpreadsheet words\tDate (MM/DD/YYYY)\t\t\n"
            "ExitReason\tWhy the service ended\tInteger\t1=Completed; 2=Left\t"})
    result = run(event, repo, tmp_path / "out")
    assert result.returncode == 0, result.stdout + result.stderr
    pull = json.loads((tmp_path / "out" / "pull-request.json").read_text(encoding="utf-8"))
    assert pull["title"] == "Update data dictionary: Client services extract"
    assert "It updates `dictionaries/iowa/client-services.yml`" in pull["body"]
    changes = pull["body"].split("### Changes to the file\n\n")[1].split("\n\n")[0].splitlines()
    assert changes == ["- table services, column ExitReason (added)"]
    kept = pull["body"].split("### Kept from the file (written by hand)\n\n")[1].split("\n\n")[0].splitlines()
    assert kept == ["- table services, column DOB: description (the spreadsheet says otherwise)",
                    "- table services, column ServiceDate: description (the spreadsheet says otherwise)"]
    text = target.read_text(encoding="utf-8")
    assert "description: Date of birth as the client states it  # checked by hand\n" in text
    columns = {f["name"]: f for f in yaml.safe_load(text)["resources"][0]["schema"]["fields"]}
    assert columns["ExitReason"]["codes"] == {"1": "Completed", "2": "Left"}
    assert columns["ServiceDate"]["description"] == "Day the service was given"  # hand-written: kept

    again = run(event, repo, tmp_path / "again")  # the same rows once more: nothing to change
    assert again.returncode == 1
    assert ("- **Dictionary rows**: nothing to change: dictionaries/iowa/client-services.yml already says"
            in again.stdout)


def test_the_form_offers_the_known_jurisdictions_and_reads_like_the_importer():
    from termbase.loading.jurisdictions import JURISDICTIONS
    from termforms.dictionary_form import DOMAINS, FORMAT_CHOICE, SHARED_AS_CHOICES
    form = yaml.safe_load(FORM.read_text(encoding="utf-8"))
    options = {item["id"]: item["attributes"].get("options") for item in form["body"] if "id" in item}
    assert options["jurisdiction"] == [*JURISDICTIONS.values(), FORMAT_CHOICE]
    assert [o.lower() for o in options["shared-as"]] == list(SHARED_AS_CHOICES)
    assert [o.lower().replace(" ", "-") for o in options["domain"]] == list(DOMAINS)
    assert form["labels"] == ["data dictionary"]
    rows = next(item for item in form["body"] if item.get("id") == "rows")
    assert rows["attributes"]["render"] == "text" and rows["validations"]["required"] is True


# -- the workflow's own steps: the same path as a term --------------------------------------------

def git(cwd, *args) -> str:
    return subprocess.run(["git", *args], cwd=cwd, check=True, capture_output=True, text=True,
                          env={**os.environ, **GIT_ENV}).stdout.strip()


@pytest.mark.slow  # runs the workflow end to end
def test_the_workflow_pushes_the_dictionary_on_the_issues_branch_and_opens_a_pull_request(tmp_path):
    jobs = yaml.safe_load(WORKFLOW.read_text(encoding="utf-8"))["jobs"]
    assert "'data dictionary'" in jobs["convert"]["if"]
    upstream = tmp_path / "upstream"
    for folder in ("glossary", "data", "dictionaries", "schemas", "hooks", "scripts", ".github"):
        shutil.copytree(REPO / folder, upstream / folder, ignore=shutil.ignore_patterns("__pycache__"))
    git(upstream, "init", "-q", "-b", "main")
    git(upstream, "add", "-A")
    git(upstream, "commit", "-q", "-m", "Knowledge base")
    origin = tmp_path / "origin.git"
    git(tmp_path, "clone", "-q", "--bare", str(upstream), str(origin))
    scratch = tmp_path / "run"
    scratch.mkdir()
    runner = LocalRunner(WORKFLOW, origin, scratch, EVENTS / "dictionary-new.json",
                         {"github": {"token": "fake-token", "repository": "owner/repo"}})
    assert runner.run_job("convert").outputs == {"result": "ok"}
    opened = runner.run_job("pull-request")
    branch = "term-from-issue/201"
    assert opened.step_outputs["push"] == {"branch": branch, "pushed": "true"}
    assert git(origin, "rev-parse", f"{branch}^") == git(origin, "rev-parse", "main")
    assert git(origin, "diff", "--name-status", "main", branch) == "A\tdictionaries/iowa/client-services.yml"
    message = git(origin, "log", "-1", "--format=%B", branch)
    assert message.splitlines()[0] == "Add data dictionary: Client services extract (from #201)"
    assert "Co-authored-by: pat-example <5550001+pat-example@users.noreply.github.com>" in message.splitlines()
    create = next(c for c in runner.gh_calls if c[:2] == ["pr", "create"])
    assert create[create.index("--title") + 1] == "Add data dictionary: Client services extract"
    pushed = yaml.safe_load(git(origin, "show", f"{branch}:dictionaries/iowa/client-services.yml"))
    assert pushed["name"] == "client-services" and pushed["jurisdiction"] == "iowa"

    problems = LocalRunner(WORKFLOW, origin, tmp_path / "run2", EVENTS / "dictionary-limited.json",
                           {"github": {"token": "fake-token", "repository": "owner/repo"}})
    assert problems.run_job("convert").outputs == {"result": "problems"}
    problems.run_job("comment")
    comments = [c for c in problems.gh_calls if c[:2] == ["issue", "comment"]]
    assert len(comments) == 1 and comments[0][2] == "202"
    assert git(origin, "branch", "--list", "term-from-issue/202") == ""


def test_the_branch_pusher_refuses_paths_outside_glossary_and_dictionaries():
    from push_term_branch import TERM_PATH
    for good in ("glossary/data-broker.yml", "dictionaries/iowa/hmis-csv.yml", "dictionaries/formats/afcars.yml"):
        assert TERM_PATH.match(good), good
    for bad in ("dictionaries/iowa/../../x.yml", "dictionaries/hmis.yml", ".github/workflows/x.yml",
                "dictionaries/iowa/sub/x.yml", "glossary/../x.yml", "scripts/x.yml"):
        assert not TERM_PATH.match(bad), bad
