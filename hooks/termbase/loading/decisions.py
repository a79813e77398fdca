"""Checks of a term's `decisions` beyond the schema: real days, none in the future, session pages
that exist, and a current `status` that agrees with the latest decision."""

from __future__ import annotations

from datetime import date, datetime, timedelta, timezone
from pathlib import Path
from typing import Callable

from .problems import Problem
from .yamlsource import YamlDocument

LineOf = Callable[[list], int]


def latest_day_anywhere() -> date:
    """Today's date in the earliest time zone (UTC+14): a decision dated today, wherever it was
    taken, is never "in the future" on a build machine that runs on UTC."""
    return (datetime.now(timezone.utc) + timedelta(hours=14)).date()


def decision_problems(data: dict, document: YamlDocument, display: str, docs_dir: Path,
                      today: date | None = None) -> list[Problem]:
    """Problems of the `decisions` of one term file that already passed the schema."""
    decisions = data.get("decisions") or []
    today = today or latest_day_anywhere()
    problems: list[Problem] = []

    def report(path: list, message: str) -> None:
        problems.append(Problem(display, document.line_of(path), _label(path), message))

    dated: list[tuple[date, int]] = []
    for index, decision in enumerate(decisions):
        try:
            day = date.fromisoformat(decision["date"])
        except ValueError:
            report(["decisions", index, "date"], f"'{decision['date']}' is not a real day")
        else:
            if day > today:
                report(["decisions", index, "date"], f"'{decision['date']}' is in the future")
            else:
                dated.append((day, index))
        session = decision.get("session")
        if session and not _is_page(docs_dir, session):
            report(["decisions", index, "session"],
                   f"no page docs/{session}; give the path of a session page under docs/")
    if dated and not problems:
        day, index = max(dated)  # the same day twice: the later entry in the list wins
        latest = decisions[index]["status"]
        status = data.get("status", "adopted")
        if status != latest:
            where = "status" if "status" in data else "decisions"
            problems.append(Problem(
                display, document.key_line(where), "status",
                f"is '{status}' but the latest decision ({day.isoformat()}, line "
                f"{document.line_of(['decisions', index])}) made the term '{latest}'; "
                "change one of them so they agree"))
    return problems


def _is_page(docs_dir: Path, session: str) -> bool:
    try:
        page = (docs_dir / session).resolve()
        return page.is_file() and page.is_relative_to(docs_dir.resolve())
    except OSError:
        return False


def _label(path: list) -> str:
    field, index, key = path
    return f"{field}[{index}].{key}"
