"""Test helpers for the issue forms: run scripts/term_from_issue.py on a recorded `issues` event
against a scratch copy of what it reads, as the workflow runs it."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

from sitekit import REPO

EVENTS = REPO / "tests" / "events"


def scratch_repository(tmp_path: Path) -> Path:
    """A copy of what the script reads: the glossary, the data files and the issue forms."""
    root = tmp_path / "repo"
    for folder in ("glossary", "data", ".github/ISSUE_TEMPLATE"):
        shutil.copytree(REPO / folder, root / folder)
    return root


def convert(event: str, root: Path, out: Path) -> subprocess.CompletedProcess:
    """The script run on tests/events/<event>.json, writing its outputs into `out`."""
    return subprocess.run([sys.executable, str(REPO / "scripts" / "term_from_issue.py"), str(EVENTS / f"{event}.json"),
                           "--root", str(root), "--outputs", str(out)], capture_output=True, text=True, timeout=120)


def answer(event: str, label: str) -> str:
    """The answer the event's issue gives under the form field `label`, as typed."""
    body = json.loads((EVENTS / f"{event}.json").read_text(encoding="utf-8"))["issue"]["body"]
    return body.split(f"### {label}\n\n", 1)[1].split("\n\n###", 1)[0]
