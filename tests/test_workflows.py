"""GitHub Actions workflows and issue forms: GitHub's schemas, zizmor's audit, pinned actions,
least privileges, and no issue text expanded into a shell script."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from sitekit import REPO

WORKFLOWS = sorted((REPO / ".github" / "workflows").glob("*.yml"))
FORMS = sorted((REPO / ".github" / "ISSUE_TEMPLATE").glob("*.yml"))
BIN = Path(sys.executable).parent
PINNED = re.compile(r"^\s*(?:-\s+)?uses:\s+[\w.-]+/[\w./-]+@[0-9a-f]{40} # v\d+\.\d+\.\d+\s*$")


def load(path: Path) -> dict:
    # PyYAML reads the key `on` as True; GitHub reads it as "on".
    return {("on" if k is True else k): v for k, v in yaml.safe_load(path.read_text(encoding="utf-8")).items()}


def test_there_are_workflows_and_forms_to_check():
    names = {p.name for p in WORKFLOWS}
    assert {"pull-request.yml", "publish.yml", "term-from-issue.yml", "link-check.yml"} <= names
    assert {"propose-a-term.yml", "change-a-term.yml", "report-an-error.yml", "config.yml"} <= {p.name for p in FORMS}


def test_workflows_and_issue_forms_pass_githubs_schemas():
    for schema, files in (("vendor.github-workflows", WORKFLOWS),
                          ("vendor.github-issue-forms", [f for f in FORMS if f.name != "config.yml"]),
                          ("vendor.github-issue-config", [f for f in FORMS if f.name == "config.yml"])):
        result = subprocess.run([str(BIN / "check-jsonschema"), "--builtin-schema", schema, *map(str, files)],
                                capture_output=True, text=True, timeout=120)
        assert result.returncode == 0, result.stdout + result.stderr


def test_zizmor_finds_nothing_of_medium_severity_or_above():
    result = subprocess.run([str(BIN / "zizmor"), "--offline", "--format", "json", str(REPO / ".github" / "workflows")],
                            capture_output=True, text=True, timeout=300)
    findings = json.loads(result.stdout)
    serious = [f"{f['ident']} ({f['determinations']['severity']}) in "
               f"{f['locations'][0]['symbolic']['key']['Local']['verbatim_path']}"
               for f in findings if f["determinations"]["severity"] in ("Medium", "High") and not f["ignored"]]
    assert not serious, serious
    assert result.returncode == 0, result.stderr


def test_zizmor_would_catch_an_unpinned_action(tmp_path):
    """The audit above is not vacuous: the same command fails on the old style of reference."""
    folder = tmp_path / ".github" / "workflows"
    folder.mkdir(parents=True)
    (folder / "bad.yml").write_text("on: push\npermissions: {}\njobs:\n  a:\n    runs-on: ubuntu-latest\n"
                                    "    steps:\n      - uses: actions/checkout@v4\n", encoding="utf-8")
    result = subprocess.run([str(BIN / "zizmor"), "--offline", "--format", "json", str(folder)],
                            capture_output=True, text=True, timeout=120)
    assert {f["ident"] for f in json.loads(result.stdout)} >= {"unpinned-uses", "artipacked"}


@pytest.mark.parametrize("workflow", WORKFLOWS, ids=[w.name for w in WORKFLOWS])
def test_every_action_is_pinned_to_a_commit_with_its_version(workflow):
    for number, line in enumerate(workflow.read_text(encoding="utf-8").splitlines(), start=1):
        if re.match(r"^\s*(?:-\s+)?uses:", line):
            assert PINNED.match(line), f"{workflow.name}:{number}: {line.strip()}"


@pytest.mark.parametrize("workflow", WORKFLOWS, ids=[w.name for w in WORKFLOWS])
def test_no_expression_is_expanded_inside_a_shell_script(workflow):
    """Untrusted text (issue titles and bodies) must reach scripts as files or environment variables."""
    for name, job in load(workflow)["jobs"].items():
        for step in job.get("steps", []):
            assert "${{" not in step.get("run", ""), f"{workflow.name}: job {name}: {step.get('name', step)}"


@pytest.mark.parametrize("workflow", WORKFLOWS, ids=[w.name for w in WORKFLOWS])
def test_permissions_are_granted_per_job_and_only_where_needed(workflow):
    data = load(workflow)
    top = data.get("permissions")
    assert top is not None, "a workflow must say its permissions (an empty set by default)"
    assert "write" not in json.dumps(top), "write permissions belong to the job that needs them"
    for name, job in data["jobs"].items():
        granted = job.get("permissions", top)
        assert granted != "write-all" and granted != "read-all", name
        for step in job.get("steps", []):
            if str(step.get("uses", "")).startswith("actions/checkout@"):
                assert step.get("with", {}).get("persist-credentials") is False, f"{name}: checkout keeps no token"


def test_the_term_workflow_writes_only_in_the_jobs_that_publish():
    jobs = load(REPO / ".github" / "workflows" / "term-from-issue.yml")["jobs"]
    assert jobs["convert"]["permissions"] == {"contents": "read"}  # the job that reads the issue text
    assert jobs["pull-request"]["permissions"] == {"contents": "write", "pull-requests": "write"}
    assert jobs["comment"]["permissions"] == {"issues": "write"}
    on = load(REPO / ".github" / "workflows" / "term-from-issue.yml")["on"]
    assert on == {"issues": {"types": ["opened", "edited"]}}
    link_jobs = load(REPO / ".github" / "workflows" / "link-check.yml")
    assert link_jobs["on"]["schedule"] and "workflow_dispatch" in link_jobs["on"]
    assert link_jobs["jobs"]["check"]["permissions"] == {"contents": "read"}
    assert link_jobs["jobs"]["report"]["permissions"] == {"issues": "write"}
