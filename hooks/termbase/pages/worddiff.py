"""Word-level difference between two wordings, as HTML that reads without colour.

Removed words are `<del>` in the earlier wording, added words `<ins>` in the later one: struck
through and underlined on screen and on paper, and announced in words ("removed:", "added:")
by screen readers, which say nothing of `<del>` and `<ins>` by default.
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass

from ..linking.text import escape

_WORD = re.compile(r"\S+")


@dataclass(frozen=True)
class WordDiff:
    before_html: str  # the earlier wording, removed words marked
    after_html: str  # the later wording, added words marked
    removed: int  # number of words removed
    added: int


def word_diff(before: str, after: str) -> WordDiff:
    """Compare two plain texts word by word (spacing and line breaks do not count)."""
    old, new = _WORD.findall(before), _WORD.findall(after)
    matcher = difflib.SequenceMatcher(None, old, new, autojunk=False)
    old_parts: list[str] = []
    new_parts: list[str] = []
    removed = added = 0
    for operation, i1, i2, j1, j2 in matcher.get_opcodes():
        if operation == "equal":
            old_parts.append(escape(" ".join(old[i1:i2])))
            new_parts.append(escape(" ".join(new[j1:j2])))
            continue
        if i2 > i1:
            old_parts.append(_marked("del", "removed", old[i1:i2]))
            removed += i2 - i1
        if j2 > j1:
            new_parts.append(_marked("ins", "added", new[j1:j2]))
            added += j2 - j1
    return WordDiff(" ".join(old_parts), " ".join(new_parts), removed, added)


def _marked(tag: str, spoken: str, words: list[str]) -> str:
    # The bracketed words are hidden on screen (strike-through and underline show the change)
    # but read aloud, and printed where colour and underline may be lost.
    return (f'<{tag}><span class="kb-diff-mark">[{spoken}: </span>{escape(" ".join(words))}'
            f'<span class="kb-diff-mark">]</span></{tag}>')
