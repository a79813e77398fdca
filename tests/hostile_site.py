"""A small site whose YAML carries markup in every field a contributor can write, next to terms
whose names legitimately hold characters HTML cares about. Build tests and browser tests share it.

Every payload sets the global FLAG if it ever runs; nothing in a built page may set it. The site
is a git repository of two commits, one line of which holds markup too (a pull request's title
becomes it), so the history pages and the feed have something to show.
"""

from __future__ import annotations

from historykit import git
from sitekit import SiteFactory

FLAG = "kbPwned"

HOSTILE_ID = "hostile"
# A name that tries every way out: close <title>, an element with a handler, a script, an attribute.
HOSTILE_NAME = f'Hostile </title><img src=x onerror="{FLAG}=1"><script>{FLAG}=2</script>" onmouseover="{FLAG}=3'
HOSTILE_ALIASES = ("Hostile term", f"<script>{FLAG}=4</script>", f'" onmouseover="{FLAG}=5" x="',
                   f"<img src=y onerror={FLAG}=6>")
# Spellings only search knows: markup, a right-to-left override and a quote that tries to leave JSON.
HOSTILE_SEARCH_TERMS = (f"<img src=q onerror={FLAG}=21>", "hostile\u202eterm", '"}]} hostile')

# Names that must show exactly as written (escaped, never refused).
PLAIN_NAMES = {
    "cpp": "C++",
    "att": "AT&T",
    "k-anonymity": "k-anonymity",
    "donnees": "Données",
    "under-18": "<18 years",
}

# A pull request's title becomes the commit line that Changes and What's new show.
COMMIT_LINE = f'Reword <img src=m onerror="{FLAG}=19"> & more'
USED_IN_TITLE = "AT&T and <18 years"  # a hand-written page's title, as the "Used in" list must show it
DATA_TITLE = f"Data elements <img src=d onerror={FLAG}=14> & more"


def _quoted(text: str) -> str:
    """A YAML single-quoted scalar."""
    return "'" + text.replace("'", "''") + "'"


def hostile_term(wording: str = "A test term") -> str:
    aliases = ", ".join(_quoted(a) for a in HOSTILE_ALIASES)
    return f"""\
term: {_quoted(HOSTILE_NAME)}
aliases: [{aliases}]
search_terms: [{", ".join(_quoted(t) for t in HOSTILE_SEARCH_TERMS)}]
definition: {_quoted(f'{wording} <img src=z onerror="{FLAG}=7"> with "quotes" & <18 years.')}
notes: {_quoted(f'<svg onload="{FLAG}=8"></svg> Plain notes.')}
includes: {_quoted(f'<b onmouseover="{FLAG}=16">everything</b>')}
tags: [privacy-law]
confused_with: [under-18]
sources:
  - title: {_quoted(f'<img src=s onerror={FLAG}=10>')}
    url: {_quoted(f'https://example.org/a"><img/src=u/onerror={FLAG}=11>')}
local_usage:
  - jurisdiction: iowa
    local_name: {_quoted(f'<img src=l onerror={FLAG}=12>')}
    note: {_quoted(f'<img src=n onerror="{FLAG}=13"> Used "here" & there.')}
"""


def write_hostile_site(site: SiteFactory) -> None:
    """Write the site and commit it in two steps, so the history pages have something to show."""
    git(site.root, "init", "-q", "-b", "main")
    site.term(HOSTILE_ID, hostile_term("An early test term"))
    for term_id, name in PLAIN_NAMES.items():
        status = "proposed" if term_id == "under-18" else "adopted"  # listed under discussion
        site.term(term_id, f"term: {_quoted(name)}\ndefinition: {_quoted(f'What {name} means.')}\n"
                           f"status: {status}\ntags: [privacy-law]\n")
    (site.root / "data" / "data-elements.yml").write_text(f"""\
title: {_quoted(DATA_TITLE)}
introduction: {_quoted(f'Which identifiers <script>{FLAG}=15</script> each kind of data set may hold.')}
elements:
  - letter: A
    element: {_quoted(f'Names <img src=e onerror={FLAG}=17>')}
    safe_harbor_citation: "45 CFR 164.514(b)(2)(i)(A)"
    identified: {{allowed: "yes"}}
    limited_data_set: {{allowed: "no", condition: {_quoted(f'<img src=c onerror={FLAG}=18>')}}}
    de_identified: {{allowed: "no"}}
""", encoding="utf-8")
    site.page("index.md", "# Home\n\nThis page mentions the Hostile term, and uses C++ and k-anonymity.\n")
    site.page("att-notes.md", f"# {USED_IN_TITLE}\n\nNotes on the Hostile term.\n")
    site.page("session.md", "---\nhandout: true\n---\n# Session\n\nWe discussed the Hostile term and AT&T.\n")
    site.page("sites/iowa.md", "---\njurisdiction: iowa\n---\n# Iowa\n\nIowa's team.\n")
    git(site.root, "add", "-A", "glossary", "docs", "data")
    git(site.root, "commit", "-q", "-m", f"Add <script>{FLAG}=20</script> terms", date="2026-10-01")
    site.term(HOSTILE_ID, hostile_term())
    git(site.root, "commit", "-q", "-am", COMMIT_LINE, date="2026-11-01")
