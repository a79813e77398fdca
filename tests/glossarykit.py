"""Test helpers for term files: write a glossary into a scratch folder and read its problems.

The loader's checks are tested one mistake a row (test_validation.py, test_translation_checks.py,
test_plain_language.py): each row's files are written here and every problem is read as its line."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from pathlib import Path

from termbase.buildcache import BuildCache
from termbase.loading.loader import load_glossary
from termbase.loading.problems import InvalidContent


def write_glossary(root: Path, files: Mapping[str, str | bytes]) -> Path:
    """Writes `files` ({name: text, or bytes as they are}) into root/glossary/."""
    folder = root / "glossary"
    folder.mkdir(exist_ok=True)
    for name, text in files.items():
        (folder / name).write_bytes(text if isinstance(text, bytes) else text.encode("utf-8"))
    return folder


def glossary_problems(root: Path, cache: BuildCache | None = None) -> list[str]:
    """Every problem the loader reports for root/glossary/, one line each; none for a good glossary."""
    try:
        load_glossary(root / "glossary", root, cache)
    except InvalidContent as error:
        return [str(problem) for problem in error.problems]
    return []


def assert_reported(problems: list[str], expected: Iterable[str]) -> None:
    """Each expected line starts one of the reported problems (a message may go on with a hint)."""
    for wanted in expected:
        assert any(problem.startswith(wanted) for problem in problems), f"{wanted!r} not in {problems}"
