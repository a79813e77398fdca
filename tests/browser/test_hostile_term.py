"""A term file written to attack readers runs nothing, anywhere, and its name reads as text.

The site is a small one built in a temporary folder from tests/hostile_site.py (never the real
glossary): a term whose name and aliases carry `<img onerror>`, `<script>` and `" onmouseover="`,
with markup in every other field too. Each payload would set a global flag.
"""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from browsing import PHONE, free_port, search, serving
from hostile_site import FLAG, HOSTILE_ID, HOSTILE_NAME, write_hostile_site
from sitekit import SiteFactory

pytestmark = pytest.mark.browser

PAGES = {
    "term page": f"glossary/{HOSTILE_ID}/",
    "page that mentions it": "",
    "page in its Used in list": "att-notes/",
    "glossary index": "glossary/",
    "comparison page": "glossary/compare/",
    "handout": "session/handout/",
    "jurisdiction page": "sites/iowa/",
    "data-element matrix": "reference/data-elements/",
    "short link": "glossary/hostile-term/",
    "what's new": "whats-new/",
    "under discussion": "under-discussion/",
}

# Fire, on every element (also those a reader never points at), the events an attribute smuggled
# into the page would use.
PROVOKE = """() => {
  for (const element of document.querySelectorAll("*")) {
    for (const type of ["mouseover", "mouseenter", "focus", "focusin"]) {
      element.dispatchEvent(new Event(type, {bubbles: type !== "mouseenter" && type !== "focus"}));
    }
  }
}"""
TOOLTIP_BODIES = ".md-tooltip2__inner, .md-tooltip__inner"
# True when a pointer over the element's centre reaches it (Material's header topic does not).
POINTABLE = """e => { e.scrollIntoView({block: "center"}); const r = e.getBoundingClientRect();
  const hit = document.elementFromPoint(r.x + r.width / 2, r.y + r.height / 2);
  return r.width > 0 && hit !== null && e.contains(hit); }"""
# Elements with an inline handler in the live page (tooltips included), and how many there are.
HANDLERS = """() => [...document.querySelectorAll("*")]
  .filter(e => [...e.attributes].some(a => a.name.toLowerCase().startsWith("on")))
  .map(e => e.outerHTML.slice(0, 200))"""
# Resolves once every image has loaded or failed: an inline onerror runs before our listener.
IMAGES_SETTLED = """() => Promise.all([...document.images].filter(i => !i.complete)
  .map(i => new Promise(done => { i.addEventListener("load", done); i.addEventListener("error", done); })))"""


@pytest.fixture(scope="module")
def hostile_site(tmp_path_factory):
    factory = SiteFactory(tmp_path_factory.mktemp("hostile"))
    write_hostile_site(factory)
    port = free_port()
    built = factory.build(env={"SITE_URL": f"http://127.0.0.1:{port}/"})
    assert built.result.returncode == 0, built.output
    with serving(built.site, port) as url:
        yield url


def hover_titles_with_markup(page) -> None:
    """Material shows a title (its own, for a cut-off entry, or ours) as a tooltip: as text."""
    for element in page.locator("[title]").element_handles():
        title = element.get_attribute("title") or ""
        if ("<" in title or "&" in title) and element.evaluate(POINTABLE):
            element.hover()
            expect(page.locator(TOOLTIP_BODIES).filter(has_text=title).first).to_be_visible()


def assert_nothing_ran(page) -> None:
    page.wait_for_load_state("networkidle")
    hover_titles_with_markup(page)
    page.evaluate(PROVOKE)
    assert page.evaluate(HANDLERS) == [], page.url
    page.evaluate(IMAGES_SETTLED)
    assert page.evaluate(f"typeof window.{FLAG}") == "undefined", page.url


@pytest.mark.parametrize("name", PAGES)
def test_no_payload_runs(page, hostile_site, name):
    page.goto(hostile_site + PAGES[name])
    assert_nothing_ran(page)


def test_the_name_is_shown_as_text_on_its_page(page, hostile_site):
    page.set_viewport_size(PHONE)
    page.goto(hostile_site + PAGES["term page"])
    assert page.title().startswith(HOSTILE_NAME + " - ")
    heading = page.locator("article h1")
    assert heading.evaluate("h => h.firstChild.textContent") == HOSTILE_NAME  # before the permalink
    page.mouse.wheel(0, 2000)  # past the heading, the header shows the page title
    topic = page.locator(".md-header__title--active .md-header__topic").last
    expect(topic).to_have_text(HOSTILE_NAME)
    assert_nothing_ran(page)


@pytest.mark.parametrize("name", ["page that mentions it", "glossary index", "comparison page", "handout"])
def test_links_to_the_term_show_its_name_as_text(page, hostile_site, name):
    page.goto(hostile_site + PAGES[name])
    expect(page.locator("article a").filter(has_text=HOSTILE_NAME).first).to_have_text(HOSTILE_NAME)


def test_tooltip_of_a_mention_shows_the_definition_as_text(page, hostile_site):
    page.goto(hostile_site)
    mention = page.locator("article p a.kb-term").first
    mention.hover()
    tooltip = page.locator(".md-tooltip2")
    expect(tooltip).to_be_visible()
    expect(tooltip).to_contain_text(f'<img src=z onerror="{FLAG}=7">')
    assert_nothing_ran(page)


def test_search_shows_the_name_as_text_and_runs_nothing(page, hostile_site):
    page.goto(hostile_site)
    results = search(page, "Hostile")
    expect(results.first).to_be_visible(timeout=10_000)
    expect(page.locator(".md-search-result__item").filter(has_text=HOSTILE_NAME).first).to_be_visible()
    results.first.hover()
    assert_nothing_ran(page)


def test_tap_panel_shows_name_and_definition_as_text(browser, hostile_site):
    context = browser.new_context(viewport=PHONE, has_touch=True, is_mobile=True)
    phone = context.new_page()
    phone.goto(hostile_site)
    phone.locator("article p a.kb-term").first.tap()
    panel = phone.locator("#kb-term-panel")
    expect(panel).to_be_visible()
    expect(panel.locator(".kb-term-panel__title")).to_have_text(HOSTILE_NAME)
    expect(panel).to_contain_text(f'<img src=z onerror="{FLAG}=7">')
    assert_nothing_ran(phone)
    context.close()
