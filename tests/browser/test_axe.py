"""axe-core with every current rule at levels A and AA, best practices and experimental rules
included, on every page of the built site at desktop size, and on ten kinds of page on a phone in
light and dark.

Pages come from the built output, so a page someone adds later is checked without editing this
file. Short-link pages are left out: they only forward to a term page (which is checked). The
second engine's site is scanned where its output differs from the first's (enginepages.py).
One browser context visits the pages in sequence; axe-core is installed into each page as it loads.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import expect

from browsing import DESKTOP, PHONE, PLAYBOOK, SESSION, TERM
from enginepages import pages_to_scan
from sharedsites import repository_site

pytestmark = pytest.mark.browser

# Left out, with the reason: level AAA is beyond the site's target (WCAG 2.2 AA), and AAA contrast
# (7:1) would need another palette; deprecated rules test criteria WCAG 2.2 made obsolete.
EXCLUDED_TAGS = ("wcag2aaa", "deprecated")
RULES = f"""() => axe.getRules()
  .filter(rule => !rule.tags.some(tag => {list(EXCLUDED_TAGS)!r}.includes(tag)))
  .map(rule => rule.ruleId)"""
RUN = """rules => axe.run(document, {runOnly: {type: "rule", values: rules}, resultTypes: ["violations"]})
  .then(results => results.violations.map(v => ({rule: v.id, impact: v.impact,
    where: v.nodes.slice(0, 3).map(n => n.target.join(" ")), count: v.nodes.length})))"""
# Material finishes some of its layout on the next frames after load (tables, tooltips).
NEXT_FRAMES = "() => new Promise(done => requestAnimationFrame(() => requestAnimationFrame(done)))"

PHONE_PAGES = {
    "home": "",
    "glossary index": "glossary/",
    "term": TERM,
    "comparison": "glossary/compare/",
    "data-element matrix": "reference/data-elements/",
    "session": SESSION,
    "handout": SESSION + "handout/",
    "playbook": PLAYBOOK,
    "contributing guide (YAML code)": "contributing/",
    "session template (Markdown code)": "convenings/template/",
    "data set": "data-sets/formats/hmis-csv/",
    "crosswalk": "data-sets/crosswalk/",
}


EVERY_KIND = ("", "404.html", "glossary/", "glossary/compare/", TERM, SESSION + "handout/", "reference/data-elements/")
FIRST_ENGINE = "mkdocs"
ENGINES = os.environ.get("KB_ENGINES", "mkdocs,zensical").split(",")  # as conftest.py reads it
# Both engines' builds of the same source for one address (the ones test_engines.py compares).
COMPARED_ADDRESS = "https://example.org/knowledge-base/"


def site_pages(root: Path) -> list[str]:
    """URL paths of every page in the built site, short-link redirects aside."""
    pages = []
    for path in sorted(root.rglob("*.html")):
        if 'http-equiv="refresh"' in path.read_text(encoding="utf-8"):
            continue
        relative = path.relative_to(root).as_posix()
        pages.append(relative[: -len("index.html")] if relative.endswith("index.html") else relative)
    return pages


@pytest.fixture(scope="module")
def axe_page(browser):
    """One context for every page, with axe-core added to each page before its own scripts."""
    context = browser.new_context(viewport=DESKTOP)
    context.add_init_script(script=Axe().axe_script)
    # Material keeps the colour scheme it last showed; here the emulated preference decides.
    context.add_init_script(script="localStorage.clear()")
    page = context.new_page()
    yield page
    context.close()


@pytest.fixture(scope="module")
def rules(axe_page, served_site) -> list[str]:
    axe_page.goto(served_site.url)
    chosen = axe_page.evaluate(RULES)
    # The set really holds best practices, WCAG 2.2 and experimental rules, not just WCAG 2.1.
    assert {"landmark-unique", "region", "target-size", "td-has-header", "color-contrast"} <= set(chosen)
    assert "color-contrast-enhanced" not in chosen
    return chosen


def violations_on(page, url: str, rules: list[str]) -> list[dict]:
    page.goto(url)
    page.evaluate(NEXT_FRAMES)
    return page.evaluate(RUN, rules)


def report(found: dict[str, list[dict]]) -> str:
    lines = []
    for where, violations in found.items():
        for v in violations:
            lines.append(f"{where}: {v['rule']} ({v['impact']}, {v['count']} elements) at {', '.join(v['where'])}")
    return "\n".join(lines)


# The desktop scan is the suite's longest test (about 3.5 minutes on this site): split in parts
# whose group names differ (conftest.py), so pytest-xdist's workers share it.
DESKTOP_PARTS = 3


@pytest.fixture(scope="session", params=range(DESKTOP_PARTS), ids=lambda part: f"part-{part + 1}")
def desktop_part(request) -> int:
    return request.param


def test_every_page_passes_axe_at_desktop_size(axe_page, served_site, rules, tmp_path_factory, desktop_part):
    pages = site_pages(served_site.root)
    # The output really was found: every kind of generated page is among them.
    for expected in EVERY_KIND:
        assert expected in pages, expected
    if served_site.engine != FIRST_ENGINE and FIRST_ENGINE in ENGINES:
        # The first engine's site is scanned page by page; on the second, the pages where its output
        # differs, and enough others to see its theme around every kind of element (enginepages.py).
        builds = [repository_site(tmp_path_factory, engine, COMPARED_ADDRESS) for engine in (FIRST_ENGINE,
                                                                                             served_site.engine)]
        pages = pages_to_scan(pages, *builds, always=EVERY_KIND)
    pages = pages[desktop_part::DESKTOP_PARTS]  # every page is in exactly one part
    axe_page.set_viewport_size(DESKTOP)
    axe_page.emulate_media(color_scheme="light")
    found = {}
    for path in pages:
        violations = violations_on(axe_page, served_site.url + path, rules)
        if violations:
            found[path or "(home)"] = violations
    assert not found, f"{len(found)} of {len(pages)} pages have violations:\n" + report(found)


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_twelve_kinds_of_page_pass_axe_on_a_phone(axe_page, served_site, rules, scheme):
    axe_page.set_viewport_size(PHONE)
    axe_page.emulate_media(color_scheme=scheme)
    found = {}
    for name, path in PHONE_PAGES.items():
        violations = violations_on(axe_page, served_site.url + path, rules)
        expect(axe_page.locator("body")).to_have_attribute("data-md-color-scheme",
                                                           "slate" if scheme == "dark" else "default")
        if violations:
            found[name] = violations
    assert not found, report(found)


def test_opening_a_navigation_section_keeps_its_state_announced(page, served_site):
    """The named section control still drives Material's aria-expanded (it finds the <nav> by id)."""
    errors = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.set_viewport_size(DESKTOP)
    page.goto(served_site.url + PLAYBOOK)
    section = page.locator("nav.md-nav[data-md-level='2']").filter(
        has=page.locator("label.md-nav__title", has_text="First convening"))
    expect(section).to_have_attribute("aria-expanded", "false")
    control = page.locator(f"#{section.get_attribute('aria-labelledby')}")
    expect(control).to_have_text("First convening")
    control.click()
    expect(section).to_have_attribute("aria-expanded", "true")
    assert not errors, errors
