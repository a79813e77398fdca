"""Find and load every term file under glossary/, reporting every problem in one pass."""

from __future__ import annotations

import re
from pathlib import Path
from typing import TYPE_CHECKING

from .crosscheck import cross_check
from .decisions import decision_problems
from .glossary import Glossary
from .model import Term
from .problems import InvalidContent, Problem
from .readability import plain_language_problems
from .schema import schema_errors
from .translationchecks import translation_problems
from .yamlsource import read_yaml_cached

if TYPE_CHECKING:
    from ..buildcache import BuildCache

TERM_ID = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")


def load_glossary(glossary_dir: Path, repo_root: Path | None = None, cache: BuildCache | None = None) -> Glossary:
    """Load, validate and cross-check all terms, and grade their plain definitions; raise
    InvalidContent listing every problem.

    With a build cache, a term file whose bytes an earlier build parsed is not parsed again; it is
    still checked against the schema and the other terms."""
    terms, problems = load_terms(glossary_dir, repo_root, cache)
    # A term whose own file has problems still exists: references to it are not "unknown".
    broken = {Path(p.path).stem for p in problems}
    problems += cross_check(terms, broken)
    problems += plain_language_problems(terms, cache)
    problems += translation_problems(terms, repo_root or glossary_dir.parent)
    if problems:
        raise InvalidContent(problems)
    return Glossary(terms)


def load_terms(glossary_dir: Path, repo_root: Path | None = None,
               cache: BuildCache | None = None) -> tuple[list[Term], list[Problem]]:
    """Load each file on its own (schema and naming only); cross-term checks come later."""
    repo_root = repo_root or glossary_dir.parent
    terms: list[Term] = []
    problems: list[Problem] = []
    if not glossary_dir.is_dir():
        return [], [Problem(_display(glossary_dir, repo_root), 1, "file", "glossary folder not found")]
    folder = _display(glossary_dir, repo_root)  # resolved once, not once per file
    for file in sorted(glossary_dir.iterdir()):
        if file.name.startswith("."):
            continue
        display = f"{folder}/{file.name}"
        naming = _naming_problem(file, display)
        if naming:
            problems.append(naming)
            continue
        term, file_problems = load_term(file, display, repo_root / "docs", cache)
        problems += file_problems
        if term:
            terms.append(term)
    return terms, problems


def load_term(file: Path, display: str, docs_dir: Path | None = None,
              cache: BuildCache | None = None) -> tuple[Term | None, list[Problem]]:
    """One term file, checked against the schema and its decisions against the pages in `docs_dir`."""
    document, problems = read_yaml_cached(file, display, cache)
    if document is None:
        return None, problems
    if not isinstance(document.data, dict):
        return None, [Problem(display, document.line_of([]), "file",
                              "must be a mapping of fields (term: ..., definition: ...), "
                              f"not {type(document.data).__name__}")]
    for path, label, message in schema_errors(document.data):
        line = document.key_line(path[0]) if len(path) == 1 else document.line_of(path)
        problems.append(Problem(display, line, label, message))
    if not problems:
        problems = decision_problems(document.data, document, display, docs_dir or file.parent.parent / "docs")
    if problems:
        return None, problems
    return Term.from_mapping(file.stem, display, document.data, document.key_lines()), []


def _naming_problem(file: Path, display: str) -> Problem | None:
    if file.is_dir():
        return Problem(display, 1, "file", "folders are not allowed in glossary/; put each term in glossary/<id>.yml")
    if file.suffix == ".yaml":
        return Problem(display, 1, "file", f"use the .yml extension: rename it to {file.stem}.yml")
    if file.suffix != ".yml":
        return Problem(display, 1, "file", "glossary/ holds only term files named <id>.yml")
    if not TERM_ID.match(file.stem):
        suggestion = re.sub(r"[^a-z0-9]+", "-", file.stem.lower()).strip("-") or "term-name"
        return Problem(display, 1, "file",
                       f"'{file.stem}' is not a valid id: use lower-case kebab-case, e.g. {suggestion}.yml")
    return None


def _display(file: Path, repo_root: Path) -> str:
    try:
        return file.resolve().relative_to(repo_root.resolve()).as_posix()
    except ValueError:
        return file.as_posix()
