"""The first stage of a build: everything read from the repository's files, checked, and never
changed afterwards.

`check_content` reads and checks (what `scripts/check.py` runs); `load_content` adds what only a
build needs: the history from git, and each term's definition as plain text for tooltips.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from pathlib import Path
from types import MappingProxyType
from typing import Mapping

from .buildcache import BuildCache
from .checker.columncheck import ColumnChecker
from .checker.columnrules import compile_column_rules
from .checker.dictionaryverdicts import DataSetVerdict, cached_name_rules, classify_data_set, shared_as_problems
from .loading.convenings import read_convenings
from .loading.datafiles import DATA_ELEMENTS_FILE, DataElementMatrix, load_data_elements
from .loading.dictionaries import DICTIONARIES_DIR, Dictionaries, load_dictionaries
from .loading.glossary import Glossary
from .loading.history import HistoryReader, SiteHistory
from .loading.loader import load_glossary
from .loading.plaintext import plain_text
from .loading.problems import InvalidContent
from .loading.sharedelements import SHARED_ELEMENTS_FILE, load_shared_elements


@dataclass(frozen=True)
class Content:
    """Everything read from the repository's files and checked, before any page is made."""

    glossary: Glossary
    matrix: DataElementMatrix
    dictionaries: Dictionaries
    column_rules: dict | None  # the data-set checker's rules, when the data file has them
    verdicts: Mapping[str, DataSetVerdict]  # data-set page src_uri -> what its columns hold
    history: SiteHistory | None = None  # git's record; only a build reads it (load_content)
    tooltips: Mapping[str, str] = field(default_factory=dict)  # term id -> plain-text definition
    changed: Mapping[str, str] = field(default_factory=dict)  # repository path -> day of its last commit

    def last_changed(self, term_id: str) -> str | None:
        return self.changed.get(self.glossary[term_id].path)


def load_content(root: Path, cache: BuildCache | None = None) -> Content:
    """What a build reads: the checked content with its history; raise InvalidContent with every
    problem."""
    reader = HistoryReader(root).start()  # git runs while the term files load
    cache = cache if cache is not None else BuildCache.open(root)
    content = check_content(root, cache)
    history = reader.finish(content.glossary, cache)
    tooltips = MappingProxyType({t.id: plain_text(t.definition) for t in content.glossary})
    return replace(content, history=history, tooltips=tooltips,
                   changed=MappingProxyType(history.repo.last_changed()))


def check_content(root: Path, cache: BuildCache | None = None) -> Content:
    """Load the glossary, data files and data dictionaries under `root`; raise InvalidContent
    with every problem."""
    problems = []
    glossary = matrix = dictionaries = None
    try:
        glossary = load_glossary(root / "glossary", root, cache)
    except InvalidContent as error:
        problems += error.problems
    try:
        matrix = load_data_elements(root / DATA_ELEMENTS_FILE, root, glossary)
    except InvalidContent as error:
        problems += error.problems
    try:
        elements = load_shared_elements(root / SHARED_ELEMENTS_FILE, SHARED_ELEMENTS_FILE, glossary)
        dictionaries = load_dictionaries(root / DICTIONARIES_DIR, root, elements, glossary, cache)
    except InvalidContent as error:
        problems += error.problems
    try:
        read_convenings(root / "docs", root)  # their dates, for What's new
    except InvalidContent as error:
        problems += error.problems
    rules, verdicts = None, {}
    if matrix is not None:
        rules = compile_column_rules(matrix.elements, matrix.column_names) if matrix.column_names else None
        if dictionaries is not None:
            name_rules = cached_name_rules(ColumnChecker(rules) if rules else None, cache)
            names = {row.letter: row.element for row in matrix.elements}
            for data_set in dictionaries:
                verdict = classify_data_set(data_set, name_rules, matrix)
                verdicts[data_set.src_uri] = verdict
                problems += shared_as_problems(verdict, names)
    if problems:
        raise InvalidContent(problems)
    return Content(glossary, matrix, dictionaries, rules, MappingProxyType(verdicts))
