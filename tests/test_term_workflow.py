"""The "Term from issue form" workflow, step by step on a scratch git repository, without network.

The `run:` scripts of .github/workflows/term-from-issue.yml run for real (conversion, check,
commit, push to a local bare repository standing in for GitHub); `gh` is a stand-in that records
the pull request and comment calls.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys

import pytest
import yaml

from sitekit import REPO
from workflowsim import LocalRunner

WORKFLOW = REPO / ".github" / "workflows" / "term-from-issue.yml"
EVENTS = REPO / "tests" / "events"
GIT_ENV = {"GIT_AUTHOR_NAME": "Maintainer", "GIT_AUTHOR_EMAIL": "maintainer@example.org",
           "GIT_COMMITTER_NAME": "Maintainer", "GIT_COMMITTER_EMAIL": "maintainer@example.org"}


def git(cwd, *args) -> str:
    return subprocess.run(["git", *args], cwd=cwd, check=True, capture_output=True, text=True,
                          env={**os.environ, **GIT_ENV}).stdout.strip()


@pytest.fixture
def origin(tmp_path):
    """A bare repository holding what the workflow needs (the site's pages are not needed)."""
    upstream = tmp_path / "upstream"
    for folder in ("glossary", "data", "schemas", "hooks", "scripts", ".github"):
        shutil.copytree(REPO / folder, upstream / folder, ignore=shutil.ignore_patterns("__pycache__"))
    for name in ("requirements.txt", "requirements-lock.txt"):
        shutil.copy(REPO / name, upstream / name)
    git(upstream, "init", "-q", "-b", "main")
    git(upstream, "add", "-A")
    git(upstream, "commit", "-q", "-m", "Knowledge base")
    bare = tmp_path / "origin.git"
    git(tmp_path, "clone", "-q", "--bare", str(upstream), str(bare))
    return bare


def runner(tmp_path, origin, event: str) -> LocalRunner:
    scratch = tmp_path / f"run-{event}-{len(list(tmp_path.glob('run-*')))}"
    scratch.mkdir()
    return LocalRunner(WORKFLOW, origin, scratch, EVENTS / f"{event}.json",
                       {"github": {"token": "fake-token", "repository": "owner/repo"}})


def test_job_conditions_are_the_ones_this_test_follows():
    jobs = yaml.safe_load(WORKFLOW.read_text(encoding="utf-8"))["jobs"]
    assert "'term proposal'" in jobs["convert"]["if"] and "'term change'" in jobs["convert"]["if"]
    assert jobs["pull-request"]["if"] == "needs.convert.outputs.result == 'ok'"
    assert "needs.convert.outputs.result == 'problems'" in jobs["comment"]["if"]


@pytest.mark.slow  # runs the workflow end to end
def test_a_proposal_becomes_one_commit_on_its_branch_and_one_pull_request(tmp_path, origin):
    run = runner(tmp_path, origin, "new-term")
    converted = run.run_job("convert")
    assert converted.outputs == {"result": "ok"}
    opened = run.run_job("pull-request")
    assert opened.step_outputs["push"] == {"branch": "term-from-issue/101", "pushed": "true"}
    assert opened.outputs == {"url": "https://github.com/owner/repo/pull/7"}

    # What was pushed: one commit on top of main, only the new term, credited to the proposer.
    branch = "term-from-issue/101"
    assert git(origin, "rev-parse", f"{branch}^") == git(origin, "rev-parse", "main")
    assert git(origin, "diff", "--name-status", "main", branch) == "A\tglossary/data-broker.yml"
    message = git(origin, "log", "-1", "--format=%B", branch)
    assert message.splitlines()[0] == "Add term: Data broker (from #101)"
    assert "Closes #101" in message.splitlines()
    assert "Co-authored-by: pat-example <5550001+pat-example@users.noreply.github.com>" in message.splitlines()
    assert git(origin, "log", "-1", "--format=%an", branch) == "github-actions[bot]"
    term = yaml.safe_load(git(origin, "show", f"{branch}:glossary/data-broker.yml"))
    assert term["status"] == "proposed" and term["term"] == "Data broker"

    # The branch passes the build's check, as the pull request's own checks will find.
    checkout = tmp_path / "review"
    git(tmp_path, "clone", "-q", "-b", branch, str(origin), str(checkout))
    check = subprocess.run([sys.executable, "scripts/check.py"], cwd=checkout, capture_output=True, text=True)
    assert check.returncode == 0, check.stderr

    create = [c for c in run.gh_calls if c[:2] == ["pr", "create"]]
    assert len(create) == 1
    assert create[0][create[0].index("--head") + 1] == branch
    assert create[0][create[0].index("--base") + 1] == "main"
    assert create[0][create[0].index("--title") + 1] == "Add term: Data broker"
    assert ["auth", "setup-git"] in run.gh_calls
    # No earlier comment to update, so the proposer gets no comment: the pull request speaks.
    run.run_job("comment")
    assert not [c for c in run.gh_calls if c[:2] == ["issue", "comment"] or "PATCH" in c]


@pytest.mark.slow  # runs the workflow end to end
def test_editing_the_issue_updates_the_same_branch_and_pull_request(tmp_path, origin):
    first = runner(tmp_path, origin, "new-term")
    first.run_job("convert")
    first.run_job("pull-request")
    head = git(origin, "rev-parse", "term-from-issue/101")
    again = runner(tmp_path, origin, "new-term")
    again.gh_state = first.gh_state  # the same repository on GitHub: the pull request exists
    again.run_job("convert")
    updated = again.run_job("pull-request")
    assert updated.step_outputs["push"]["pushed"] == "false"  # same change: nothing to push
    assert git(origin, "rev-parse", "term-from-issue/101") == head
    calls = [c[:2] for c in again.gh_calls]
    assert calls.count(["pr", "create"]) == 1 and ["pr", "edit"] in calls


@pytest.mark.slow  # runs the workflow end to end
def test_a_change_is_pushed_as_a_diff_of_the_changed_lines_only(tmp_path, origin):
    run = runner(tmp_path, origin, "change-term")
    assert run.run_job("convert").outputs == {"result": "ok"}
    run.run_job("pull-request")
    diff = git(origin, "diff", "--numstat", "main", "term-from-issue/102")
    added, removed, path = diff.split("\t")
    assert path == "glossary/limited-data-set.yml"
    # Replaced: the aliases line, the definition's three lines, the related line; added: one source.
    assert (int(added), int(removed)) == (5 + 2, 5)
    removed_lines = [line[1:] for line in git(origin, "diff", "-U0", "main", "term-from-issue/102").splitlines()
                     if line.startswith("-") and not line.startswith("---")]
    assert removed_lines[0] == "aliases: [LDS]" and removed_lines[-1].startswith("related: [")


@pytest.mark.slow  # runs the workflow end to end
def test_a_bad_proposal_gets_one_comment_and_no_branch(tmp_path, origin):
    run = runner(tmp_path, origin, "bad-source-urls")
    assert run.run_job("convert").outputs == {"result": "problems"}
    run.run_job("comment")
    comments = [c for c in run.gh_calls if c[:2] == ["issue", "comment"]]
    assert len(comments) == 1 and comments[0][2] == "107"
    assert git(origin, "branch", "--list", "term-from-issue/*") == ""
    # Edited but still wrong: the same comment is updated, not a new one added.
    again = runner(tmp_path, origin, "bad-source-urls")
    (again.gh_state / "existing-comment-id").write_text("555")
    again.run_job("convert")
    again.run_job("comment")
    patch = [c for c in again.gh_calls if "PATCH" in c]
    assert len(patch) == 1 and patch[0][3] == "repos/owner/repo/issues/comments/555"
    body_file = patch[0][patch[0].index("-F") + 1].removeprefix("body=@")
    assert "**Sources, line 2**" in open(body_file, encoding="utf-8").read()
    assert not [c for c in again.gh_calls if c[:2] == ["issue", "comment"]]


@pytest.mark.slow  # runs the workflow end to end
def test_a_fixed_proposal_turns_the_old_comment_into_a_pointer_to_the_pull_request(tmp_path, origin):
    run = runner(tmp_path, origin, "new-term")
    (run.gh_state / "existing-comment-id").write_text("555")
    run.run_job("convert")
    run.run_job("pull-request")
    run.run_job("comment")
    patch = [c for c in run.gh_calls if "PATCH" in c]
    assert len(patch) == 1
    body = open(patch[0][patch[0].index("-F") + 1].removeprefix("body=@"), encoding="utf-8").read()
    assert body.startswith("<!-- term-from-issue -->\nAll fixed") and "https://github.com/owner/repo/pull/7" in body


@pytest.mark.slow  # runs the workflow end to end
def test_the_comment_job_posts_exactly_what_the_script_printed(tmp_path, origin):
    run = runner(tmp_path, origin, "html-in-fields")
    run.run_job("convert")
    run.run_job("comment")
    call = next(c for c in run.gh_calls if c[:2] == ["issue", "comment"])
    posted = open(call[call.index("--body-file") + 1], encoding="utf-8").read()
    printed = subprocess.run([sys.executable, str(REPO / "scripts" / "term_from_issue.py"),
                              str(EVENTS / "html-in-fields.json")], capture_output=True, text=True).stdout
    assert posted == printed
