#!/usr/bin/env python3
"""Commit a file made by term_from_issue.py (a term or a data dictionary) on its own branch and push it.

    python3 scripts/push_term_branch.py OUT_DIR [--remote origin]

OUT_DIR is term_from_issue.py's --outputs folder (pull-request.json and term.yml). Run it in a
checkout of the default branch. The branch (`term-from-issue/<issue number>`) gets one commit on
top of the checkout, credited to the proposer; it is force-pushed, because each edit of the issue
remakes the change from the form. Nothing is pushed when the branch already holds exactly this
change. Prints `pushed=true|false` and `branch=...`, also into $GITHUB_OUTPUT when set.

Standard library only: the job that may write to the repository runs no other code.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import subprocess
import sys
from pathlib import Path

BRANCH = re.compile(r"^term-from-issue/[1-9][0-9]{0,9}$")
_ID = r"[a-z0-9]+(?:-[a-z0-9]+)*"
TERM_PATH = re.compile(rf"^(?:glossary/{_ID}|dictionaries/{_ID}/{_ID})\.yml$")
BOT = ("github-actions[bot]", "41898282+github-actions[bot]@users.noreply.github.com")


def git(*args: str, check: bool = True) -> str:
    env = {**os.environ, "GIT_AUTHOR_NAME": BOT[0], "GIT_AUTHOR_EMAIL": BOT[1],
           "GIT_COMMITTER_NAME": BOT[0], "GIT_COMMITTER_EMAIL": BOT[1]}
    done = subprocess.run(["git", *args], capture_output=True, text=True, env=env)
    if check and done.returncode:
        raise RuntimeError(f"git {' '.join(args)} failed: {done.stderr.strip()}")
    return done.stdout.strip()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("outputs", type=Path, help="term_from_issue.py's --outputs folder")
    parser.add_argument("--remote", default="origin")
    args = parser.parse_args(argv)
    try:
        request = json.loads((args.outputs / "pull-request.json").read_text(encoding="utf-8"))
        text = (args.outputs / "term.yml").read_text(encoding="utf-8")
    except (OSError, ValueError) as error:
        print(f"push_term_branch: cannot read {args.outputs}: {error}", file=sys.stderr)
        return 2
    branch, path = str(request.get("branch", "")), str(request.get("path", ""))
    if not BRANCH.match(branch) or not TERM_PATH.match(path):
        print(f"push_term_branch: refusing branch {branch!r} or path {path!r}", file=sys.stderr)
        return 2
    try:
        pushed = push(branch, path, text, str(request.get("commit_message", "")), args.remote)
    except RuntimeError as error:
        print(f"push_term_branch: {error}", file=sys.stderr)
        return 1
    lines = f"branch={branch}\npushed={'true' if pushed else 'false'}\n"
    print(lines, end="")
    if os.environ.get("GITHUB_OUTPUT"):
        with open(os.environ["GITHUB_OUTPUT"], "a", encoding="utf-8") as output:
            output.write(lines)
    return 0


def push(branch: str, path: str, text: str, message: str, remote: str) -> bool:
    top = Path(git("rev-parse", "--show-toplevel"))
    target = top / path
    home = (top / path.split("/")[0]).resolve()  # glossary/x.yml or dictionaries/<site>/x.yml
    if target.is_symlink() or target.resolve().parents[path.count("/") - 1] != home:
        raise RuntimeError(f"{path} is not a file inside glossary/ or dictionaries/")
    git("switch", "--force-create", branch)
    target.parent.mkdir(parents=True, exist_ok=True)  # a site's first dictionary
    target.write_text(text, encoding="utf-8")
    git("add", "--", path)
    git("commit", "--quiet", "--file", _message_file(top, message))
    remote_head = git("ls-remote", "--heads", remote, f"refs/heads/{branch}").split("\t")[0]
    if remote_head and _same_change(remote, branch, remote_head):
        return False
    git("push", "--quiet", "--force", remote, f"HEAD:refs/heads/{branch}")
    return True


def _message_file(top: Path, message: str) -> str:
    file = Path(git("rev-parse", "--git-dir"))
    file = (file if file.is_absolute() else top / file) / "TERM_COMMIT_MSG"
    file.write_text(message or "Term from an issue form\n", encoding="utf-8")
    return str(file)


def _same_change(remote: str, branch: str, remote_head: str) -> bool:
    """The remote branch already is this commit's content on this commit's base."""
    git("fetch", "--quiet", "--depth", "2", remote, f"refs/heads/{branch}")
    same_tree = git("rev-parse", f"{remote_head}^{{tree}}") == git("rev-parse", "HEAD^{tree}")
    same_base = git("rev-parse", f"{remote_head}^", check=False) == git("rev-parse", "HEAD^")
    return same_tree and same_base


if __name__ == "__main__":
    sys.exit(main())
