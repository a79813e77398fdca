"""When each file last changed, from one `git log` call (not one call per file)."""

from __future__ import annotations

import subprocess
from pathlib import Path


def last_changed(repo_root: Path, *folders: str) -> dict[str, str]:
    """Map repository-relative path -> ISO date of its latest commit. Empty outside a git checkout."""
    try:
        output = subprocess.run(
            ["git", "log", "--format=%x00%cs", "--name-only", "--no-renames", "--", *folders],
            cwd=repo_root, capture_output=True, text=True, check=True, timeout=60,
        ).stdout
    except (OSError, subprocess.SubprocessError):
        return {}
    dates: dict[str, str] = {}
    for block in output.split("\x00")[1:]:
        lines = block.strip().splitlines()
        if not lines:
            continue
        date, files = lines[0], lines[1:]
        for name in files:
            dates.setdefault(name.strip(), date)  # git log is newest first
    return dates
