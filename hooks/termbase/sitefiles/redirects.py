"""Short links: every alias and old id gets a tiny page that forwards to the term page."""

from __future__ import annotations

from typing import Callable

from ..linking.text import escape
from ..linking.urls import relative_url
from ..loading.glossary import Glossary
from ..loading.model import short_link

_TEMPLATE = """<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>{title}</title>
<meta name="robots" content="noindex">
<link rel="canonical" href="{href}">
<meta http-equiv="refresh" content="0; url={href}">
<script>location.replace("{href_js}" + location.hash)</script>
</head>
<body><p>This short link leads to <a href="{href}">{title}</a>.</p></body>
</html>
"""


def short_link_pages(glossary: Glossary, url_of: Callable[[str], str]) -> list[tuple[str, str]]:
    """(path of the HTML file, its content) for glossary/<slug>/index.html of each short link."""
    pages = []
    for slug, term in sorted(glossary.short_links().items()):
        path = short_link(slug) + "index.html"
        href = relative_url(url_of(term.id), path)
        pages.append((path, _TEMPLATE.format(title=escape(term.term), href=escape(href),
                                             href_js=href.replace("\\", "\\\\").replace('"', '\\"'))))
    return pages
