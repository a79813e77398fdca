"""Search reads each page without the links to terms (they only slow its parser down): the index
must come out exactly as it would from the linked page, and the pages keep links and tooltips."""

from __future__ import annotations

import os
import subprocess

from sitekit import MKDOCS, REPO

from termbase.linking.searchcopy import SearchCopies, without_term_links

TERMS = {
    "limited-data-set": "term: Limited data set\naliases: [LDS]\n"
                        "definition: Health data with direct identifiers removed (see 45 CFR 164.514 > (e)).\n",
    "data-use-agreement": "term: Data use agreement\naliases: [DUA]\n"
                          'definition: The "agreement" under which a limited data set is shared & used.\n',
    "data-steward": "term: Data steward\ndefinition: The person accountable for a data set.\n",
}
PAGE = """\
# Mentions everywhere

Limited data set at the start of a paragraph, and a DUA at its end: data steward

- A list item that mentions a
  limited data set after a line break, and **a data use agreement in bold**.
- Another item.

    Indented paragraph in the item: data steward again, and LDS.

| Column | Mention |
| --- | --- |
| one | a data steward in a table |

!!! note "An admonition"

    It names a limited data set and a DUA
    across lines.

## A heading with data steward in it

Text after: limited data set, `data use agreement` in code.
"""

# Loaded after the engine in the second build: search then reads the linked HTML.
NO_COPY_HOOK = """\
import sys
sys.path.insert(0, {hooks!r})
from termbase.linking.searchcopy import SearchCopies


def on_config(config):
    SearchCopies.for_search = lambda self, src_uri, html: html
    return config
"""


def test_without_term_links_keeps_the_text_and_other_links():
    html = ('<p>A <a class="kb-term" data-term="X" href="../x/" title="a &gt; b &quot;c&quot;">limited data set</a>'
            ' and <a href="../kb-term/" title="x">a link</a>, <a class="kb-term" href="y/">DUA</a>.</p>')
    assert without_term_links(html) == '<p>A limited data set and <a href="../kb-term/" title="x">a link</a>, DUA.</p>'
    # Links the linker never writes stay: the copy only drops what it is sure of.
    other = '<p><a title="t" class="kb-term" href="y/">DUA</a> <a class="kb-term" href="z/"><code>x</code></a></p>'
    assert without_term_links(other) == other
    plain = "<p>No links here.</p>"
    assert without_term_links(plain) is plain


def test_search_copies_give_back_the_linked_html():
    copies = SearchCopies()
    linked = '<p><a class="kb-term" href="x/">LDS</a></p><p>filled</p>'
    assert copies.for_search("a.md", linked) == '<p>LDS</p><p>filled</p>'
    assert copies.for_search("b.md", "<p>plain</p>") == "<p>plain</p>"
    assert copies.linked("a.md", "ignored") == '<p><a class="kb-term" href="x/">LDS</a></p><p>filled</p>'
    assert copies.linked("b.md", "<p>plain</p>") == "<p>plain</p>"


def test_search_index_is_the_same_as_from_the_linked_pages(site, tmp_path):
    for term_id, text in TERMS.items():
        site.term(term_id, text)
    site.page("mentions.md", PAGE)
    built = site.build()
    assert built.result.returncode == 0, built.output
    article = built.article("mentions/")
    links = {a.text: a for a in article.select("a.kb-term")}
    assert {"Limited data set", "DUA", "data steward"} <= set(links), links
    assert links["DUA"]["title"] == 'The "agreement" under which a limited data set is shared & used.'

    hook = tmp_path / "no_search_copy.py"
    hook.write_text(NO_COPY_HOOK.format(hooks=str(REPO / "hooks")), encoding="utf-8")
    config = (site.root / "mkdocs.yml").read_text(encoding="utf-8")
    hooks_line = f"  - {REPO / 'hooks' / 'glossary.py'}\n"
    assert hooks_line in config
    (site.root / "mkdocs.yml").write_text(config.replace(hooks_line, hooks_line + f"  - {hook}\n"), encoding="utf-8")
    result = subprocess.run([*MKDOCS, "build", "--strict", "-d", str(tmp_path / "linked")], cwd=site.root,
                            capture_output=True, text=True, env={**os.environ, "NO_MKDOCS_2_WARNING": "1"}, timeout=300)
    assert result.returncode == 0, result.stderr

    index = (built.site / "search" / "search_index.json").read_text(encoding="utf-8")
    from_linked = (tmp_path / "linked" / "search" / "search_index.json").read_text(encoding="utf-8")
    assert "limited data set after a line break" in index
    assert index == from_linked
