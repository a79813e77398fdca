"""Suggestions for near misses ("did you mean `data-use-agreement`?"), shared by every check."""

from __future__ import annotations

import difflib
from typing import Iterable


def closest(word: str, choices: Iterable[str], limit: int = 3) -> list[str]:
    """The choices that look most like `word`, best first (none when nothing is close)."""
    return difflib.get_close_matches(word, list(choices), n=limit, cutoff=0.7)


def did_you_mean(word: str, choices: Iterable[str], first: Iterable[str] = ()) -> str:
    """'; did you mean `a` or `b`?' for the closest choices, or '' when none is close.

    `first` are certain matches found another way (an alias that names the term), listed
    before the spelling guesses.
    """
    ordered = list(dict.fromkeys([*first, *closest(word, choices)]))[:3]
    if not ordered:
        return ""
    quoted = [f"`{c}`" for c in ordered]
    listed = quoted[0] if len(quoted) == 1 else ", ".join(quoted[:-1]) + " or " + quoted[-1]
    return f"; did you mean {listed}?"
