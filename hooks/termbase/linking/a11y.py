"""Accessibility repairs to rendered HTML that neither the theme nor an extension offers.

pymdownx.tasklist renders each checklist item as a checkbox inside an empty <label>, with the
item's text after it: screen readers announce "checkbox, unchecked" with no name (axe: "label").
We name each checkbox after the text of its item.
"""

from __future__ import annotations

import html
import re

_TASK_ITEM = re.compile(
    r'(<li class="task-list-item"><label class="task-list-control"><input type="checkbox")'
    r"([^>]*?)(/?>)(.*?)(?=<ul|<ol|</li>)",
    re.DOTALL,
)
_TAG = re.compile(r"<[^>]+>")


def name_task_checkboxes(page_html: str) -> str:
    if "task-list-item" not in page_html:
        return page_html

    def add_label(match: re.Match) -> str:
        opening, attributes, close, rest = match.groups()
        if "aria-label" in attributes:
            return match.group(0)
        text = " ".join(html.unescape(_TAG.sub(" ", rest)).split())
        state = "Done" if "checked" in attributes else "To do"
        label = html.escape(f"{state}: {text}" if text else state, quote=True)
        return f'{opening}{attributes} aria-label="{label}"{close}{rest}'

    return _TASK_ITEM.sub(add_label, page_html)
