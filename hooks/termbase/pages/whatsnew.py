"""The site's news, newest first: terms added, published terms changed, hand-written pages added.

One item per commit and kind of news (a commit that adds twelve terms is one item), and one per
commit and changed term. Only published terms appear, and only their published states (see
termhistory), so a draft never shows here, nor in the feed made from the same items.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Iterable

from ..loading.githistory import Commit
from ..loading.glossary import Glossary
from ..loading.history import SiteHistory
from ..loading.termhistory import DEFINITION, ID, NAME, STATUS, TermChange

TERMS_ADDED = "terms-added"
TERM_CHANGED = "term-changed"
PAGES_ADDED = "pages-added"
# Changes worth a line in What's new; a change of aliases alone shows on the term's page only.
NEWSWORTHY = (ID, NAME, STATUS, DEFINITION)


@dataclass(frozen=True)
class NewsItem:
    kind: str
    commit: Commit
    term_ids: tuple[str, ...] = ()  # terms added, or the one term changed (current ids)
    pages: tuple[str, ...] = ()  # hand-written pages added (docs-relative paths)
    change: TermChange | None = None

    @property
    def key(self) -> str:
        """What the item is about, stable across builds (with the commit, the feed entry's id)."""
        if self.change is not None:
            return f"{self.kind}/{self.change.before.id}"
        return self.kind

    @property
    def moment(self) -> datetime:
        return datetime.fromisoformat(self.commit.date)


def site_news(glossary: Glossary, history: SiteHistory, pages: Iterable[str]) -> list[NewsItem]:
    """Every news item, newest first (within a commit: terms added, terms changed, pages added)."""
    added: dict[str, list[str]] = {}
    commits: dict[str, Commit] = {}
    changed: list[NewsItem] = []
    for term in glossary:
        record = history.terms.get(term.id)
        if record is None or record.added is None:
            continue
        commits[record.added.sha] = record.added
        added.setdefault(record.added.sha, []).append(term.id)
        for change in record.changes:
            if any(kind in NEWSWORTHY for kind in change.kinds):
                changed.append(NewsItem(TERM_CHANGED, change.commit, (term.id,), change=change))
    pages_added: dict[str, list[str]] = {}
    for page in pages:
        commit = history.page_added(page)
        if commit is not None:
            commits[commit.sha] = commit
            pages_added.setdefault(commit.sha, []).append(page)
    name = lambda term_id: glossary[term_id].term.casefold()  # noqa: E731
    items = [NewsItem(TERMS_ADDED, commits[sha], tuple(sorted(ids, key=name))) for sha, ids in added.items()]
    items += sorted(changed, key=lambda item: name(item.term_ids[0]))
    items += [NewsItem(PAGES_ADDED, commits[sha], pages=tuple(sorted(paths))) for sha, paths in pages_added.items()]
    order = {TERMS_ADDED: 0, TERM_CHANGED: 1, PAGES_ADDED: 2}
    # Stable sorts: newest commit first, and within a commit the order above.
    items.sort(key=lambda item: order[item.kind])
    items.sort(key=lambda item: item.moment, reverse=True)
    return items


def news_since(items: list[NewsItem], day: str) -> list[NewsItem]:
    """Items after `day` (YYYY-MM-DD), in the commit's own time zone."""
    return [item for item in items if item.commit.day > day]
