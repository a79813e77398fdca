"""Convenings and their dates, from the front matter of the session pages under docs/convenings/.

A convening is a folder `docs/convenings/<name>/`; each of its pages may say `date: YYYY-MM-DD`.
Its date is the latest of them (the last day), so "since the convening" means after it ended.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

from .frontmatter import page_title, read_front_matter
from .problems import InvalidContent, Problem

CONVENINGS_DIR = "convenings"
_DATE_LINE = re.compile(r"^date\s*:")


@dataclass(frozen=True)
class Convening:
    title: str
    page: str  # its index page, docs-relative (e.g. "convenings/first-convening/index.md")
    day: str  # YYYY-MM-DD, its last day


def read_convenings(docs_dir: Path, repo_root: Path) -> list[Convening]:
    """Dated convenings, newest first; raise InvalidContent for a `date` that is not a day."""
    convenings, problems = [], []
    folder = docs_dir / CONVENINGS_DIR
    if not folder.is_dir():
        return []
    for convening_dir in sorted(p for p in folder.iterdir() if p.is_dir()):
        days, dated_pages = [], []
        for page in sorted(convening_dir.rglob("*.md")):
            text = page.read_text(encoding="utf-8", errors="replace")
            value = read_front_matter(text).get("date")
            if value is None:
                continue
            day = _day(value)
            if day is None:
                problems.append(Problem(page.relative_to(repo_root).as_posix(), _date_line(text), "date",
                                        f"'{value}' is not a date written YYYY-MM-DD, e.g. 2026-03-12"))
            else:
                days.append(day)
                dated_pages.append(page)
        if days:
            index = convening_dir / "index.md"
            main_page = index if index.is_file() else dated_pages[0]
            fallback = convening_dir.name.replace("-", " ").capitalize()
            title = page_title(main_page.read_text(encoding="utf-8"), fallback) if index.is_file() else fallback
            convenings.append(Convening(title, main_page.relative_to(docs_dir).as_posix(), max(days).isoformat()))
    if problems:
        raise InvalidContent(problems)
    return sorted(convenings, key=lambda c: c.day, reverse=True)


def _day(value) -> date | None:
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    try:
        return date.fromisoformat(str(value))
    except ValueError:
        return None


def _date_line(text: str) -> int:
    for number, line in enumerate(text.splitlines(), start=1):
        if _DATE_LINE.match(line):
            return number
    return 1
