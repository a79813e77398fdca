"""Search finds the term a reader types: every name and alias first, common spellings in the top three.

Each query is typed key by key into Material's search, as a reader would. The search answers from
a web worker, one answer per key; a small script counts the queries the page sends to the worker
and the answers it gets back, so the results are read only once the last key has been answered.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

import pytest
import yaml
from playwright.sync_api import Page, expect

from browsing import REPO, offline_context
from termbase.linking.matcher import is_acronym
from termbase.loading.loader import load_glossary
from termbase.loading.plaintext import plain_text
from termbase.sitefiles.searchindex import DEFINITION_REST_FIELD, NAMES_FIELD, SPELLINGS_FIELD, first_sentence

pytestmark = pytest.mark.browser

VARIANTS = REPO / "tests" / "data" / "search-variants.yml"
BUDGET = 0.20  # what the engine adds to the index, as a share of the rest

# Wraps whatever `Worker` the page uses (the browser's, or the iframe shim of the offline copy,
# which replaces it later) to count search queries (type 2) and results (type 3).
COUNT_SEARCHES = """
(() => {
  const state = window.kbSearch = { sent: 0, answered: 0, last: null };
  const counted = Base => class extends Base {
    constructor(...args) {
      super(...args);
      this.addEventListener("message", event => {
        if (event.data && event.data.type === 3) state.answered += 1;
      });
    }
    postMessage(message, ...rest) {
      if (message && message.type === 2) { state.sent += 1; state.last = message.data; }
      return super.postMessage(message, ...rest);
    }
  };
  let current = counted(window.Worker);
  Object.defineProperty(window, "Worker", {
    configurable: true, get: () => current, set: value => { current = counted(value); },
  });
})();
"""
ANSWERED = "query => window.kbSearch.last === query && window.kbSearch.answered === window.kbSearch.sent"


@dataclass(frozen=True)
class Result:
    path: str  # site-relative path of the page, e.g. "glossary/limited-data-set/"
    text: str  # what the result shows under its title


def ask(page: Page, site_url: str, query: str, key_by_key: bool = True) -> list[Result]:
    """Type `query` into the search box key by key; the results once its last key is answered.

    Without `key_by_key`, all but the last character are pasted in and the last is typed: the same
    results (only the last key's answer is read), without a search for every key before it, which
    made the tests that ask for every name of the glossary the suite's slowest."""
    field = page.locator("input.md-search__input")
    field.click()
    field.press("Control+A")
    field.press("Backspace")
    if key_by_key or len(query) < 2:
        field.press_sequentially(query)
    else:
        field.fill(query[:-1])
        field.press_sequentially(query[-1])
    page.wait_for_function(ANSWERED, arg=query, timeout=15_000)
    items = page.locator(".md-search-result__item > a:first-child").evaluate_all(
        "links => links.map(a => [a.href, a.querySelector('article').innerText])")
    base = urlsplit(site_url).path
    return [Result(urlsplit(href).path.removeprefix(base), text) for href, text in items]


def term_page(term_id: str) -> str:
    return f"glossary/{term_id}/"


def every_name(glossary=None) -> list[tuple[str, str]]:
    """(name, term id) for every name and alias of every published term, read from glossary/."""
    glossary = glossary or load_glossary(REPO / "glossary", REPO)
    return [(name, term.id) for term in glossary for name in term.names]


def variants() -> list[tuple[str, str]]:
    groups = yaml.safe_load(VARIANTS.read_text(encoding="utf-8"))
    return [(str(query), term_id) for group in groups.values() for query, term_id in group.items()]


@pytest.fixture(scope="module")
def search_page(browser, served_site):
    context = browser.new_context()
    context.add_init_script(COUNT_SEARCHES)
    page = context.new_page()
    page.goto(served_site.url)
    yield page
    context.close()


def report(capsys, line: str) -> None:
    with capsys.disabled():
        print(f"\n{line}", flush=True)


def test_every_name_and_alias_finds_its_term_first_with_its_one_line_definition(search_page, served_site, capsys):
    glossary = load_glossary(REPO / "glossary", REPO)
    cases = every_name(glossary)
    misses, without_definition = [], []
    for name, term_id in cases:
        results = ask(search_page, served_site.url, name, key_by_key=False)
        if not results or results[0].path != term_page(term_id):
            misses.append(f"{name!r}: {[r.path for r in results[:3]]}")
            continue
        shown, rest = first_sentence(plain_text(glossary[term_id].definition))
        text = " ".join(results[0].text.split())
        if shown not in text or (rest and rest in text):
            without_definition.append(f"{name!r}: {results[0].text[:80]!r}")
    report(capsys, f"search: {len(cases) - len(misses)}/{len(cases)} names and aliases first")
    assert not misses, "not first:\n" + "\n".join(misses)
    assert not without_definition, "result without the definition's first sentence:\n" + "\n".join(without_definition)


def test_abbreviations_in_lower_case_find_their_term_first(search_page, served_site, capsys):
    # The search lower-cases every word it indexes and every word typed, so case cannot change
    # the order; abbreviations are what readers most often type in another case ("lds").
    cases = [(name.lower(), term_id) for name, term_id in every_name() if is_acronym(name)]
    misses = [f"{name!r}: {[r.path for r in results[:3]]}" for name, term_id in cases
              if not (results := ask(search_page, served_site.url, name, key_by_key=False)) or results[0].path != term_page(term_id)]
    report(capsys, f"search: {len(cases) - len(misses)}/{len(cases)} abbreviations in lower case first")
    assert not misses, "not first:\n" + "\n".join(misses)


def test_common_spellings_find_their_term_in_the_top_three(search_page, served_site, capsys):
    cases = variants()
    misses = []
    for query, term_id in cases:
        top = [r.path for r in ask(search_page, served_site.url, query, key_by_key=False)[:3]]
        if term_page(term_id) not in top:
            misses.append(f"{query!r} -> {term_id}: {top}")
    report(capsys, f"search: {len(cases) - len(misses)}/{len(cases)} variants in the top 3")
    assert not misses, "not in the top 3 (add a search term, see CONTRIBUTING.md):\n" + "\n".join(misses)


def test_a_few_letters_suggest_the_term(search_page, served_site):
    results = ask(search_page, served_site.url, "limi")
    assert results and results[0].path == term_page("limited-data-set")
    expect(search_page.locator(".md-search__suggest")).to_have_text("limited")


def test_the_index_stays_small(served_site, capsys):
    path = served_site.root / "search" / "search_index.json"
    index = json.loads(path.read_text(encoding="utf-8"))
    added_bytes = sum(len(json.dumps({name: doc[name]})) for doc in index["docs"]
                      for name in (NAMES_FIELD, SPELLINGS_FIELD, DEFINITION_REST_FIELD) if name in doc)
    total = path.stat().st_size
    report(capsys, f"search index: {total / 1000:.0f} KB, of which added fields {added_bytes / 1000:.1f} KB "
                   f"({added_bytes / (total - added_bytes):.1%} of the rest)")
    assert added_bytes < BUDGET * (total - added_bytes)


def test_the_offline_copy_finds_spellings_from_disk(browser, offline_copy: Path):
    context, outside = offline_context(browser)
    context.add_init_script(COUNT_SEARCHES)
    page = context.new_page()
    start = (offline_copy / "index.html").as_uri()
    page.goto(start)
    site_url = start.removesuffix("index.html")
    for query, term_id in [("deidentified", "de-identified-data"), ("m.o.u.", "memorandum-of-understanding")]:
        results = ask(page, site_url, query)
        assert results and results[0].path == f"glossary/{term_id}.html", (query, results[:3])
    assert not outside, f"the offline copy asked the network for: {outside}"
    context.close()
