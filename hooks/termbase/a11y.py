"""Accessibility repairs to rendered HTML that neither the theme nor an extension offers.

pymdownx.tasklist renders each checklist item as a checkbox inside an empty <label>, with the
item's text after it: screen readers announce "checkbox, unchecked" with no name (axe: "label").
We name each checkbox after the text of its item.

Material names each navigation section after the label that toggles it; for a section with an
index page that label holds only an icon, so several <nav> landmarks go unnamed (axe:
"landmark-unique"). We point each at the section's visible title instead.
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


_SECTION_NAV = re.compile(
    r'(<nav class="md-nav" data-md-level="\d+" aria-labelledby=")([^"]+)_label("[^>]*>\s*'
    r'<label class="md-nav__title" for=")\2(")'
)


def name_section_navs(page_html: str) -> str:
    """Name every navigation section by its title (the text readers see), not by an icon."""
    return _SECTION_NAV.sub(r'\1\2_title\3\2" id="\2_title\4', page_html)
