"""The history a build needs, read once: git's record of the content folders, each published
term's changes, and the convenings' dates.

A build calls `HistoryReader(root).start()` before it loads the glossary, so the `git log` process
runs in a thread while Python reads the term files; the term histories are worked out once the
glossary is known (`finish`). Without `start()`, `finish` reads the history itself.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from .convenings import Convening, read_convenings
from .githistory import RepoHistory, read_history, unavailable
from .glossary import Glossary
from .termhistory import TermHistory, term_history

if TYPE_CHECKING:
    from ..buildcache import BuildCache

CONTENT_FOLDERS = ("glossary", "docs", "data")
TERM_FOLDER = "glossary/"


@dataclass
class SiteHistory:
    repo: RepoHistory
    terms: dict[str, TermHistory] = field(default_factory=dict)  # published term id -> its history
    convenings: list[Convening] = field(default_factory=list)  # dated ones, newest first

    @property
    def available(self) -> bool:
        return self.repo.available

    @property
    def reason(self) -> str:
        return self.repo.reason

    def page_added(self, src_uri: str):
        """The commit that added a hand-written page (docs-relative path), renames followed."""
        return self.repo.added(f"docs/{src_uri}")


class HistoryReader:
    """Reads the repository's history, in the background once `start` is called; `finish` waits
    for it (or reads it then, if nothing started it)."""

    def __init__(self, root: Path):
        self.root = root
        self._result: RepoHistory | None = None
        self._thread: threading.Thread | None = None

    def start(self) -> HistoryReader:
        """Start `git log` in a thread, so it runs while Python reads the term files (once: a second
        call changes nothing). Returns the reader, to chain."""
        if self._thread is None:
            self._thread = threading.Thread(target=self._read, name="git-history", daemon=True)
            self._thread.start()
        return self

    def _read(self) -> None:
        try:
            self._result = read_history(self.root, CONTENT_FOLDERS, (TERM_FOLDER,))
        except Exception as error:  # noqa: BLE001 - a build without history is still a build
            self._result = unavailable(f"the history could not be read ({error})")

    def finish(self, glossary: Glossary, cache: BuildCache | None = None) -> SiteHistory:
        """The site's history: waits for the reading `start` began, or reads it now if nothing did."""
        if self._thread is None:
            self._read()
        else:
            self._thread.join()
        repo = self._result or unavailable("the history could not be read")
        terms = {t.id: term_history(t, repo, cache) for t in glossary} if repo.available else {}
        return SiteHistory(repo=repo, terms=terms, convenings=read_convenings(self.root / "docs", self.root))
