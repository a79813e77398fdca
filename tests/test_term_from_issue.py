"""Issue forms to term files: recorded `issues` event payloads run through the script as the workflow runs it."""

from __future__ import annotations

import hashlib
import io
import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from sitekit import REPO

EVENTS = REPO / "tests" / "events"
SCRIPT = REPO / "scripts" / "term_from_issue.py"


def run(event: Path, root: Path, *extra: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, str(SCRIPT), str(event), "--root", str(root), *extra],
                          capture_output=True, text=True, timeout=120)


@pytest.fixture
def repo(tmp_path) -> Path:
    """A scratch copy of what the script reads: the glossary, the data file and the issue forms."""
    root = tmp_path / "repo"
    for folder in ("glossary", "data", ".github/ISSUE_TEMPLATE"):
        shutil.copytree(REPO / folder, root / folder)
    return root


def snapshot(folder: Path) -> dict[str, str]:
    return {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in sorted(folder.iterdir())}


def test_a_proposal_becomes_a_proposed_term_that_passes_the_check(repo, tmp_path):
    result = run(EVENTS / "new-term.json", repo, "--outputs", str(tmp_path / "out"))
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout == "glossary/data-broker.yml\n"
    text = (repo / "glossary" / "data-broker.yml").read_text(encoding="utf-8")
    assert text.startswith("# yaml-language-server: $schema=../schemas/term.schema.json\n")
    term = yaml.safe_load(text)
    assert list(term) == ["term", "aliases", "definition", "status", "tags", "related", "notes", "sources",
                          "local_usage"]
    assert term["term"] == "Data broker" and term["aliases"] == ["Information broker"]
    assert term["status"] == "proposed"
    assert term["definition"].startswith("A company that collects personal information from many sources & sells")
    assert "(#1 complaint in données surveys)." in term["definition"]
    assert term["tags"] == ["privacy-law", "record-linkage"]  # topic titles become tag ids
    # Names, aliases and ids all resolve to ids.
    assert term["related"] == ["data-use-agreement", "limited-data-set", "record-linkage"]
    assert term["sources"] == [
        {"title": "FTC: Data Brokers, A Call for Transparency and Accountability",
         "url": "https://www.ftc.gov/reports/data-brokers-call-transparency-accountability-report-federal-trade-commission-may-2014"},
        {"title": "Vermont data broker registry",
         "url": "https://sos.vermont.gov/corporations/other-services/data-brokers/"}]
    assert term["local_usage"] == [{"jurisdiction": "iowa", "note": "Agreements name which purchased files may be linked."}]
    check = subprocess.run([sys.executable, str(REPO / "scripts" / "check.py"), "--root", str(repo)],
                           capture_output=True, text=True, timeout=120)
    assert check.returncode == 0, check.stderr
    pull = json.loads((tmp_path / "out" / "pull-request.json").read_text(encoding="utf-8"))
    assert pull["branch"] == "term-from-issue/101" and pull["path"] == "glossary/data-broker.yml"
    assert pull["title"] == "Add term: Data broker"
    assert pull["body"].startswith("Closes #101\n")
    assert pull["commit_message"].splitlines()[-1] == \
        "Co-authored-by: pat-example <5550001+pat-example@users.noreply.github.com>"


def test_a_change_touches_only_the_changed_fields_and_keeps_comments_and_order(repo):
    path = repo / "glossary" / "limited-data-set.yml"
    original = path.read_text(encoding="utf-8")
    commented = (original.replace("status: adopted\n", "status: adopted  # agreed at the first convening\n")
                 .replace("sources:\n", "# Primary sources first.\nsources:\n"))
    path.write_text(commented, encoding="utf-8")
    before = yaml.safe_load(commented)

    result = run(EVENTS / "change-term.json", repo)
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout == "glossary/limited-data-set.yml\n"
    text = path.read_text(encoding="utf-8")
    after = yaml.safe_load(text)
    assert "status: adopted  # agreed at the first convening\n" in text
    assert "# Primary sources first.\nsources:\n" in text
    assert text.startswith("# yaml-language-server: $schema=../schemas/term.schema.json\n")
    assert list(after) == list(before)
    assert after["definition"] == ("Protected health information with the 16 direct identifiers of 45 CFR "
                                   "164.514(e)(2) removed & kept out. It may be shared only for research, public "
                                   "health or health care operations, under a data use agreement.")
    assert after["aliases"] == ["LDS", "limited dataset"]
    assert after["related"] == before["related"] + ["business-associate-agreement"]
    assert after["sources"] == before["sources"] + [
        {"title": "HHS: Limited data set FAQ",
         "url": "https://www.hhs.gov/hipaa/for-professionals/faq/limited-data-set/index.html"}]
    unchanged = {k for k in before if k not in ("definition", "aliases", "related", "sources")}
    assert {k: after[k] for k in unchanged} == {k: before[k] for k in unchanged}
    # The notes block and everything else is byte for byte what it was.
    assert commented.split("notes: |\n")[1].split("sources:")[0] in text
    assert after["status"] == "adopted"  # a change keeps the term's status


BAD_INPUTS = [
    # (event file, lines the comment must contain)
    ("missing-body", ["- **Issue**: the issue has no text"]),
    ("unknown-form", ["- **Issue**: it does not follow the “Propose a term” or “Change this term” form"]),
    ("html-in-fields", ["- **Term name**: contains HTML (`<script>`)",
                        "- **Definition**: contains HTML (`<img src=x onerror=alert(1)>`)"]),
    ("script-link", ["- **Notes**: contains a `javascript:` link; only https:// and http:// links are allowed"]),
    ("bad-source-urls", ["- **Sources, line 2**: 'ftp://files.example.org/brokers.pdf' is not an https:// or "
                         "http:// web address",
                         "- **Sources, line 3**: write it as `Title - https://...` or `[Title](https://...)`"]),
    ("name-collision", ["- **Term name**: 'Data use agreements' is too close to 'Data use agreement', the name of "
                        "the term `data-use-agreement`; suggest a change to that term instead",
                        "- **Other names and abbreviations**: 'LDS' is already another name of the term "
                        "`limited-data-set`"]),
    ("id-escape", ["- **Term id**: '../../.github/workflows/publish' is not a term id"]),
    ("unknown-id", ["- **Term id**: no term has the id 'data-use-agreemnt'; did you mean `data-use-agreement`"]),
    ("unknown-related", ["- **Related terms**: no glossary term is called 'data use agreemnt'; did you mean "
                         "`data-use-agreement`"]),
    # Found by the build's own check, told as the form field.
    ("too-long-definition", ["- **Definition**: is 1599 characters; at most 1500 allowed"]),
    ("empty-required", ["- **Definition**: is empty", "- **Topics**: choose at least one topic",
                        "- **Sources**: give at least one source"]),
    ("nothing-to-change", ["- **Definition**: nothing to change"]),
]


@pytest.mark.parametrize("event, expected", BAD_INPUTS, ids=[case[0] for case in BAD_INPUTS])
def test_bad_input_writes_nothing_and_explains_each_problem_by_form_field(repo, tmp_path, event, expected):
    before = snapshot(repo / "glossary")
    result = run(EVENTS / f"{event}.json", repo, "--outputs", str(tmp_path / "out"))
    assert result.returncode == 1, result.stdout + result.stderr
    assert "Traceback" not in result.stderr and result.stderr == ""
    assert snapshot(repo / "glossary") == before
    comment = result.stdout
    assert comment.startswith("<!-- term-from-issue -->\n")
    assert (tmp_path / "out" / "comment.md").read_text(encoding="utf-8") == comment
    assert not (tmp_path / "out" / "pull-request.json").exists()
    lines = comment.splitlines()
    for wanted in expected:
        assert any(line.startswith(wanted) for line in lines), f"{wanted!r} not in:\n{comment}"
    problems = [line for line in lines if line.startswith("- ")]
    assert len(problems) == len(expected)  # one line per problem, nothing else reported
    assert not any(".yml:" in line for line in problems)  # fields, not files and lines


def test_an_unreadable_event_file_is_a_clear_error(repo, tmp_path):
    broken = tmp_path / "event.json"
    broken.write_text("{not json", encoding="utf-8")
    result = run(broken, repo)
    assert result.returncode == 2
    assert result.stderr.startswith(f"term_from_issue: cannot read the event file {broken}")
    assert "Traceback" not in result.stderr
    missing = run(tmp_path / "nowhere.json", repo)
    assert missing.returncode == 2 and "Traceback" not in missing.stderr


def test_comment_text_cannot_mention_people_or_carry_html():
    from termforms.answers import FormProblem
    from termforms.messages import problems_comment
    comment = problems_comment([FormProblem("Related terms", "no glossary term is called '@octocat <b>x</b>'; "
                                                             "did you mean `a<b>`?")], "Propose a term")
    line = next(line for line in comment.splitlines() if line.startswith("- "))
    assert "@octocat" not in line and "@\u2060octocat" in line
    assert "&lt;b&gt;x&lt;/b&gt;" in line  # escaped outside code
    assert "`a<b>`" in line  # a code span shows its text as is


def test_every_term_file_round_trips_byte_for_byte():
    """Changing one field cannot reformat the rest: unchanged files come back identical."""
    from termforms.term_yaml import changed_term_text
    for path in sorted((REPO / "glossary").glob("*.yml")):
        text = path.read_text(encoding="utf-8")
        assert changed_term_text(text, {}, {}) == text, path.name


def test_a_long_definition_is_folded_like_hand_written_ones():
    from termforms.term_yaml import new_term_text
    definition = " ".join(["word"] * 60) + " & #1 données."
    text = new_term_text({"term": "X", "definition": definition, "status": "proposed"})
    lines = text.splitlines()
    assert lines[2] == "definition: >-"
    assert all(len(line) <= 100 for line in lines)
    assert yaml.safe_load(io.StringIO(text))["definition"] == definition


def test_forms_offer_exactly_the_known_topics_and_jurisdictions():
    from termbase.loading.jurisdictions import JURISDICTIONS
    from termbase.pages.termpages import TOPIC_TITLES
    for name in ("propose-a-term.yml", "change-a-term.yml"):
        form = yaml.safe_load((REPO / ".github" / "ISSUE_TEMPLATE" / name).read_text(encoding="utf-8"))
        options = {item["id"]: item["attributes"].get("options") for item in form["body"] if "id" in item}
        assert options["tags"] == list(TOPIC_TITLES.values()), name
        assert options["jurisdiction"] == list(JURISDICTIONS.values()), name
