"""The trie matcher and the element-tree linker, without any site engine."""

from __future__ import annotations

import markdown
import pytest

from termbase.linking.linker import GlossaryLinkExtension, MentionLinker, PageContext
from termbase.linking.matcher import Matcher
from termbase.loading.plaintext import plain_text
from termbase.loading.slugs import name_forms

NAMES = [("Limited data set", "limited-data-set"), ("LDS", "limited-data-set"), ("Data set", "data-set"),
         ("Integrated data system", "integrated-data-system"), ("IDS", "integrated-data-system"),
         ("Entity", "entity"), ("Data use agreement", "dua")]


def found(text: str) -> list[tuple[str, str]]:
    return [(m.text, m.term_id) for m in Matcher(NAMES).find(text)]


@pytest.mark.parametrize("text, expected", [
    ("a limited data set here", [("limited data set", "limited-data-set")]),
    ("Limited Data Sets", [("Limited Data Sets", "limited-data-set")]),  # case and plural
    ("two data sets", [("data sets", "data-set")]),
    ("entities", [("entities", "entity")]),  # y -> ies
    ("limited data\nset", [("limited data\nset", "limited-data-set")]),  # across a line break
    ("an LDS and LDSs", [("LDS", "limited-data-set"), ("LDSs", "limited-data-set")]),
    ("record ids are not the IDS", [("IDS", "integrated-data-system")]),  # acronyms keep their case
    ("dataset datasets", []),  # whole words only
    ("path/limited-data-set and data-set-x", []),  # not inside paths or hyphenated words
    ("the file lds.yml", []),
    ("data use agreements", [("data use agreements", "dua")]),
])
def test_finds_whole_word_longest_mentions(text, expected):
    assert found(text) == expected


def test_plural_forms():
    assert name_forms("Entity") == ["Entity", "Entities"]
    assert name_forms("Business") == ["Business", "Businesses"]
    assert name_forms("IRB") == ["IRB", "IRBs"]
    assert name_forms("Day") == ["Day", "Days"]


def test_cost_is_one_pattern_for_all_names():
    many = [(f"term number {i}", f"t{i}") for i in range(3000)]
    matcher = Matcher(many)
    assert [m.term_id for m in matcher.find("see term number 2999 and term number 12.")] == ["t2999", "t12"]


def render(source: str, self_term: str | None = None, enabled: bool = True) -> tuple[str, list[str]]:
    linker = MentionLinker(Matcher(NAMES), {i: f"Definition of {i}" for _, i in NAMES},
                           {i: f"glossary/{i}/" for _, i in NAMES}, frozenset(i for _, i in NAMES))
    context = PageContext(page_url="playbooks/page/", enabled=enabled, self_term=self_term)
    links = GlossaryLinkExtension()
    links.link_next_conversion(linker, context)
    html = markdown.markdown(source, extensions=["toc", links])
    return html, context.mentioned


def test_links_first_mention_only_with_tooltip_and_relative_href():
    html, mentioned = render("A limited data set. Another limited data set.")
    assert html.count("<a ") == 1
    assert ('<a class="kb-term" href="../../glossary/limited-data-set/" '
            'title="Definition of limited-data-set">limited data set</a>') in html
    assert mentioned == ["limited-data-set"]


@pytest.mark.parametrize("source", [
    "`limited data set`",
    "    limited data set in a code block",
    "# Limited data set heading",
    "[a limited data set](https://example.org/)",
    "![limited data set](x.png)",
    "<https://example.org/limited-data-set>",
    '<span title="limited data set">x</span>',
])
def test_never_links_inside_code_headings_links_alt_urls_or_attributes(source):
    html, _ = render(source)
    assert "kb-term" not in html


def test_text_after_skipped_element_is_still_linked():
    html, _ = render("`code` then a data set")
    assert 'href="../../glossary/data-set/"' in html and "<code>code</code> then a " in html


def test_never_links_a_term_page_to_itself_and_page_opt_out():
    html, mentioned = render("The limited data set and a data set.", self_term="limited-data-set")
    assert "glossary/limited-data-set/" not in html and "glossary/data-set/" in html
    assert mentioned == ["data-set"]
    html, _ = render("A limited data set.", enabled=False)
    assert "<a" not in html


def test_plain_text_strips_markup_and_html():
    assert plain_text("Health data with **direct identifiers** <b>removed</b>.") == \
        "Health data with direct identifiers <b>removed</b>."


def test_task_checkboxes_are_named_after_their_item():
    from termbase.linking.a11y import name_task_checkboxes

    rendered = ('<ul class="task-list"><li class="task-list-item"><label class="task-list-control">'
                '<input type="checkbox" disabled/><span class="task-list-indicator"></span></label> '
                'Sign the <a href="x/">data use agreement</a> &amp; file it<ul><li>nested</li></ul></li>'
                '<li class="task-list-item"><label class="task-list-control"><input type="checkbox" disabled checked/>'
                '<span class="task-list-indicator"></span></label> "Done" item</li></ul>')
    out = name_task_checkboxes(rendered)
    assert 'aria-label="To do: Sign the data use agreement &amp; file it"' in out
    assert 'aria-label="Done: &quot;Done&quot; item"' in out
    assert out.replace(' aria-label="To do: Sign the data use agreement &amp; file it"', "").replace(
        ' aria-label="Done: &quot;Done&quot; item"', "") == rendered


def reference_spans(matcher: Matcher, text: str) -> list[tuple[int, int, str]]:
    """The matcher's rule as one plain pattern searched left to right (its first form): what the
    automaton, the lower-cased text and the two patterns must reproduce exactly."""
    import re

    from termbase.linking.matcher import _AFTER, _BEFORE, _trie_pattern

    parts = ["(?i:" + _trie_pattern(matcher._folded) + ")", _trie_pattern(matcher._exact)]
    pattern = re.compile(_BEFORE + "(?:" + "|".join(parts) + ")" + _AFTER)
    spans = []
    for match in pattern.finditer(text):
        term_id = matcher.term_for(match.group(0))
        if term_id:
            spans.append((match.start(), match.end(), term_id))
    return spans


@pytest.mark.parametrize("seed", range(40))
def test_fast_search_finds_exactly_what_one_pattern_finds(seed):
    import random

    rng = random.Random(seed)
    names = NAMES + [("Data steward", "steward"), ("IRB", "irb"), ("Data", "data"), ("Ids", "ids-word"),
                     ("Straße data", "strasse"), ("De-identified data", "deid"), ("Title IV-E", "iv-e")]
    matcher = Matcher(names)
    words = ["data", "Data", "DATA", "set", "sets", "limited", "LDS", "lds", "IDS", "ids", "system", "use",
             "agreement", "steward", "IRB", "IRBs", "entity", "entities", "straße", "STRASSE", "Title", "IV-E",
             "de-identified", "x", "İstanbul", "path/data", "data.", "data-x", "(data)", "re-identified"]
    spaces = [" ", " ", " ", "  ", "\n", "\n    ", " \u00a0\t", "\u00a0", ", ", ". "]
    runs = ("  ", "\n    ", " \u00a0\t")
    for round_ in range(30):
        # A third of the texts take the automaton's path as they are, a third with their runs of
        # white space cut short first; "İ" (whose lower case is longer) takes the fallback
        # through the patterns alone.
        pick_words = words if round_ % 3 == 2 else [w for w in words if w != "İstanbul"]
        pick_spaces = [s for s in spaces if s not in runs] if round_ % 3 == 0 else spaces
        text = "".join(rng.choice(pick_words) + rng.choice(pick_spaces) for _ in range(rng.randrange(1, 40)))
        assert [(m.start, m.end, m.term_id) for m in matcher.find(text)] == reference_spans(matcher, text), text


@pytest.mark.parametrize("text", [
    "Health data with direct identifiers removed.",
    "A record  with\ntwo lines and   spaces.",
    "Über data: 45 CFR 164.514(e); see the rule?",
    "Data -- with dashes, (parentheses) and 'quotes'.",
    "Data with **bold**, a [link](https://example.org/) and <b>markup</b> & an entity.",
    "- a list item",
    "1. numbered",
])
def test_plain_text_without_rendering_gives_what_rendering_gives(text):
    import xml.etree.ElementTree as etree

    from termbase.loading.plaintext import _text_renderer

    html = _text_renderer().reset().convert(text)
    rendered = " ".join("".join(etree.fromstring(f"<div>{html}</div>").itertext()).split())
    assert plain_text(text) == rendered


@pytest.mark.parametrize("text, term_id", [
    ("two-gen interventions", "two-generation-approach"),
    ("a two-generation program", "two-generation-approach"),
    ("the admin data we hold", "administrative-data"),
    ("our master patient index", "master-person-index"),
    ("a data-sharing agreement", "data-sharing-agreement"),
    ("inside the data enclave", "secure-enclave"),
    ("two theories of change", "theory-of-change"),
])
def test_spellings_participants_write_find_their_term(text, term_id):
    from sitekit import REPO
    from termbase.loading.loader import load_glossary

    glossary = load_glossary(REPO / "glossary", REPO)
    matcher = Matcher((name, t.id) for t in glossary for name in t.names)
    assert [m.term_id for m in matcher.find(text)] == [term_id]


def test_each_page_is_handed_to_one_conversion_only():
    """The linker's extension hands a page's context to the next conversion and forgets it: a
    later conversion (a snippet rendered elsewhere) links nothing and records nothing there."""
    linker = MentionLinker(Matcher(NAMES), {i: f"Definition of {i}" for _, i in NAMES},
                           {i: f"glossary/{i}/" for _, i in NAMES}, frozenset(i for _, i in NAMES))
    links = GlossaryLinkExtension()
    converter = markdown.Markdown(extensions=[links])
    context = PageContext(page_url="playbooks/page/")
    links.link_next_conversion(linker, context)
    first = converter.reset().convert(f"A {NAMES[0][0]}.")
    second = converter.reset().convert(f"A {NAMES[0][0]}.")
    assert 'class="kb-term"' in first and "<a " not in second
    assert context.mentioned == [NAMES[0][1]]
