"""Changes of a term in words: readable dates, a label per change, and its details as HTML.

Shared by the term pages, What's new and the feed, so a change reads the same everywhere. Every
value is escaped here; the HTML needs no Markdown and no sanitising after it.
"""

from __future__ import annotations

from datetime import date
from functools import lru_cache

from ..linking.text import escape
from ..loading.termhistory import ALIASES, DEFINITION, ID, NAME, STATUS, TermChange
from .worddiff import word_diff

MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August", "September",
          "October", "November", "December")


def readable_day(day: str, with_year: bool = True) -> str:
    """"2026-03-12" -> "12 March 2026" (the same in every locale)."""
    value = date.fromisoformat(day[:10])
    text = f"{value.day} {MONTHS[value.month - 1]}"
    return f"{text} {value.year}" if with_year else text


def readable_month(month: str) -> str:
    """"2026-03" -> "March 2026"."""
    year, number = month.split("-")
    return f"{MONTHS[int(number) - 1]} {year}"


def time_html(day: str, with_year: bool = True) -> str:
    return f'<time datetime="{escape(day[:10])}">{readable_day(day, with_year)}</time>'


def change_label(change: TermChange) -> str:
    """What happened, in a few words: "Renamed and definition changed"."""
    words = []
    for kind in change.kinds:
        if kind == ID:
            words.append("moved to a new address")
        elif kind == NAME:
            words.append("renamed")
        elif kind == STATUS:
            words.append(status_word(change.after.status))
        elif kind == DEFINITION:
            words.append("definition changed")
        elif kind == ALIASES:
            words.append("other names changed")
    text = ", ".join(words[:-1]) + (" and " if len(words) > 1 else "") + words[-1]
    return text[:1].upper() + text[1:]


def status_word(status: str) -> str:
    return {"adopted": "adopted", "deprecated": "deprecated", "proposed": "proposed again",
            "draft": "withdrawn"}.get(status, status)


@lru_cache(maxsize=16_384)  # a change shows on its term's page, in What's new and in the feed
def change_details_html(change: TermChange) -> str:
    """Each part of the change, the definition as its earlier and later wording, words marked."""
    before, after = change.before, change.after
    parts = []
    if ID in change.kinds:
        parts.append(f"<p>Its address changed from glossary/{escape(before.id)}/ to "
                     f"glossary/{escape(after.id)}/.</p>")
    if NAME in change.kinds:
        parts.append(f"<p>Renamed from “{escape(before.term)}” to “{escape(after.term)}”.</p>")
    if STATUS in change.kinds:
        parts.append(f"<p>Status changed from {escape(before.status)} to {escape(after.status)}.</p>")
    if ALIASES in change.kinds:
        parts.append(f"<p>{_aliases_text(before.aliases, after.aliases)}</p>")
    if DEFINITION in change.kinds:
        diff = word_diff(before.wording, after.wording)
        parts.append('<div class="kb-diff">'
                     f'<p class="kb-diff__before"><span class="kb-diff__label">Before:</span> {diff.before_html}</p>'
                     f'<p class="kb-diff__after"><span class="kb-diff__label">After:</span> {diff.after_html}</p>'
                     "</div>")
    return f'<div class="kb-change-details">{"".join(parts)}</div>'


def _aliases_text(before: tuple[str, ...], after: tuple[str, ...]) -> str:
    added = [a for a in after if a not in before]
    removed = [a for a in before if a not in after]
    quoted = lambda names: ", ".join(f"“{escape(n)}”" for n in names)  # noqa: E731
    parts = []
    if added:
        parts.append(f"added {quoted(added)}")
    if removed:
        parts.append(f"removed {quoted(removed)}")
    return "Other names: " + ("; ".join(parts) if parts else "put in a new order") + "."
