"""The site in Spanish, in a browser: the language selector both ways, search with and without
accents, the Spanish residents' handout on paper, and axe on the Spanish pages (phone and desktop).
"""

from __future__ import annotations

import sys
from io import BytesIO

import pytest
import zxingcpp
from axe_playwright_python.sync_playwright import Axe
from PIL import Image
from playwright.sync_api import expect

from browsing import DESKTOP, PHONE, REPO, SCREENSHOTS, screenshot
from test_layouts import PRINTER_MARGINS, printed_pages
from test_search import COUNT_SEARCHES, ask

sys.path.insert(0, str(REPO / "hooks"))
from termbase.loading.loader import load_glossary  # noqa: E402

pytestmark = pytest.mark.browser

TERM = "glossary/limited-data-set/"
SPANISH_TERM = "es/glossary/limited-data-set/"
RESIDENTS = "es/residents/"
HANDOUT = "es/residents/handout/"
SPANISH_PAGES = {"home": "es/", "residents": RESIDENTS, "handout": HANDOUT, "glossary": "es/glossary/",
                 "term": SPANISH_TERM, "status": "glossary/translations/"}


def choose_language(page, name: str) -> None:
    """Open the header's language selector and choose a language, as a reader does."""
    page.locator(".md-header .md-select").hover()
    link = page.locator(".md-select__link", has_text=name)
    expect(link).to_be_visible()
    link.click()


@pytest.mark.parametrize("viewport_name, viewport", [("desktop", DESKTOP), ("phone", PHONE)])
def test_the_language_selector_leads_to_the_page_in_the_other_language_and_back(page, served_site,
                                                                                viewport_name, viewport):
    page.set_viewport_size(viewport)
    page.goto(served_site.url + TERM)
    expect(page.locator("html")).to_have_attribute("lang", "en")
    choose_language(page, "Español")
    expect(page).to_have_url(served_site.url + SPANISH_TERM)
    expect(page.locator("html")).to_have_attribute("lang", "es")
    expect(page.locator("article h1")).to_contain_text("Conjunto limitado de datos")
    page.locator(".md-header .md-select").hover()
    screenshot(page, f"es-language-selector-{viewport_name}")
    choose_language(page, "English")
    expect(page).to_have_url(served_site.url + TERM)
    expect(page.locator("article h1")).to_contain_text("Limited data set")


def test_a_page_without_a_translation_leads_to_the_spanish_home(page, served_site):
    page.goto(served_site.url + "glossary/aggregation/")
    choose_language(page, "Español")
    expect(page).to_have_url(served_site.url + "es/")
    expect(page.locator("nav.md-nav--primary .md-nav__link").first).to_have_text("Inicio")


def test_every_request_of_a_page_joined_to_its_translation_succeeds(page, served_site):
    """Material's script fetches a sitemap beside each hreflang address: they must all be there."""
    failed = []
    page.on("response", lambda response: failed.append(f"{response.status} {response.url}")
            if response.status >= 400 else None)
    # A request the next page's navigation cancels (a script the last page was still loading) is
    # not a missing file, which the server answers with a status.
    page.on("requestfailed", lambda request: failed.append(f"failed: {request.url} ({request.failure})")
            if request.failure != "net::ERR_ABORTED" else None)
    for path in (TERM, SPANISH_TERM, RESIDENTS, "residents/"):
        page.goto(served_site.url + path, wait_until="networkidle")
    assert not failed, failed


@pytest.fixture(scope="module")
def search_page(browser, served_site):
    context = browser.new_context()
    context.add_init_script(COUNT_SEARCHES)
    page = context.new_page()
    page.goto(served_site.url + "es/")
    yield page
    context.close()


@pytest.mark.parametrize("query, term_id", [
    ("datos desidentificados", "de-identified-data"),
    ("conjunto limitado de datos", "limited-data-set"),
    ("información médica protegida", "protected-health-information"),
    ("informacion medica protegida", "protected-health-information"),
    ("junta de revision institucional", "institutional-review-board"),
    ("consentimiento informado", "informed-consent"),
])
def test_spanish_search_finds_the_spanish_page_with_or_without_accents(search_page, served_site, query, term_id):
    results = ask(search_page, served_site.url, query)
    assert results and results[0].path == f"es/glossary/{term_id}/", [r.path for r in results[:3]]


def test_every_spanish_name_finds_its_spanish_page_first_or_after_english_pages_of_that_name(search_page,
                                                                                               served_site):
    """A name both languages share (FERPA, HIPAA) finds the English pages of that name first (FERPA:
    three of them), its Spanish page among the first five results; every other Spanish name finds
    its Spanish page first."""
    glossary = load_glossary(REPO / "glossary", REPO)
    misses = []
    for term in glossary:
        translation = term.translation("es")
        for name in translation.names if translation else ():
            results = ask(search_page, served_site.url, name, key_by_key=False)
            shared = any(word.casefold() in term.term.casefold().split() + [a.casefold() for a in term.aliases]
                         for word in name.split())
            if f"es/glossary/{term.id}/" not in [r.path for r in results[:5 if shared else 1]]:
                misses.append(f"{name!r}: {[r.path for r in results[:3]]}")
    assert not misses, "\n".join(misses)
    screenshot(search_page, "es-search")


def decode_qr(png: bytes) -> list[str]:
    return [result.text for result in zxingcpp.read_barcodes(Image.open(BytesIO(png)))]


def test_the_spanish_residents_handout_prints_on_at_most_two_letter_pages_with_its_code(page, served_site):
    page.goto(served_site.url + RESIDENTS)
    linked = page.locator("article a.kb-term").evaluate_all("links => links.map(a => a.getAttribute('href'))")
    page.locator(".kb-handout-link a").click()
    expect(page).to_have_url(served_site.url + HANDOUT)
    expect(page.locator("html")).to_have_attribute("lang", "es")
    expect(page.locator("article h1")).to_contain_text("Hoja para imprimir")
    terms = page.locator("article .kb-handout-term")
    assert terms.count() >= 10 and terms.count() == len({href.rstrip("/").rsplit("/", 1)[-1] for href in linked})
    count = printed_pages(page, "Letter")
    assert count <= 2, f"the Spanish residents' handout prints on {count} Letter pages"
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.pdf(path=str(SCREENSHOTS / "print-es-residents-handout.pdf"), format="Letter", margin=PRINTER_MARGINS)
    page.emulate_media(media="print")
    page.evaluate("window.dispatchEvent(new Event('beforeprint'))")
    code = page.locator(".kb-print-share svg.kb-qr")
    expect(code).to_be_visible()
    assert decode_qr(code.screenshot()) == [served_site.url + RESIDENTS]  # the Spanish page it came from


@pytest.mark.parametrize("viewport_name, viewport", [("desktop", DESKTOP), ("phone", PHONE)])
def test_screenshots_of_the_spanish_pages(page, served_site, viewport_name, viewport):
    page.set_viewport_size(viewport)
    for name, path in (("term", SPANISH_TERM), ("residents", RESIDENTS), ("glossary", "es/glossary/")):
        page.goto(served_site.url + path)
        expect(page.locator("article h1")).to_be_visible()
        assert page.evaluate("document.documentElement.scrollWidth") <= viewport["width"]
        assert screenshot(page, f"es-{name}-{viewport_name}").stat().st_size > 10_000


# axe-core with the rules test_axe.py runs on every page (WCAG 2.2 A and AA, best practices,
# experimental), here on the Spanish pages on a phone in light and dark and on a desktop.
RULES = """() => axe.getRules()
  .filter(rule => !rule.tags.some(tag => ["wcag2aaa", "deprecated"].includes(tag)))
  .map(rule => rule.ruleId)"""
RUN = """rules => axe.run(document, {runOnly: {type: "rule", values: rules}, resultTypes: ["violations"]})
  .then(results => results.violations.map(v => ({rule: v.id, impact: v.impact,
    where: v.nodes.slice(0, 3).map(n => n.target.join(" ")), count: v.nodes.length})))"""
NEXT_FRAMES = "() => new Promise(done => requestAnimationFrame(() => requestAnimationFrame(done)))"


@pytest.mark.parametrize("viewport_name, viewport, scheme", [
    ("desktop", DESKTOP, "light"), ("phone", PHONE, "light"), ("phone", PHONE, "dark")])
def test_the_spanish_pages_pass_axe(browser, served_site, viewport_name, viewport, scheme):
    context = browser.new_context(viewport=viewport)
    context.add_init_script(script=Axe().axe_script)
    context.add_init_script(script="localStorage.clear()")
    page = context.new_page()
    page.emulate_media(color_scheme=scheme)
    found = []
    try:
        page.goto(served_site.url + "es/")
        rules = page.evaluate(RULES)
        for name, path in SPANISH_PAGES.items():
            page.goto(served_site.url + path)
            page.evaluate(NEXT_FRAMES)
            for v in page.evaluate(RUN, rules):
                found.append(f"{name}: {v['rule']} ({v['impact']}, {v['count']}) at {', '.join(v['where'])}")
    finally:
        context.close()
    assert not found, "\n".join(found)
