"""Reading on a touch screen: the first tap on a linked term shows its definition in place.

Touch is emulated the way Chromium does it for phones (`has_touch`, `is_mobile`), and taps
are real touch events (`tap`), so the page sees the pointer type a phone would send.
"""

from __future__ import annotations

import re

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import expect

from browsing import DESKTOP, PHONE, PLAYBOOK, TERM, offline_context, screenshot

pytestmark = pytest.mark.browser

PANEL = "#kb-term-panel"


@pytest.fixture
def phone(browser):
    context = browser.new_context(viewport=PHONE, has_touch=True, is_mobile=True, device_scale_factor=2)
    yield context.new_page()
    context.close()


def first_mention(page):
    mention = page.locator("article a.kb-term").first
    expect(mention).to_be_visible()
    return mention


def open_panel(page):
    """Tap the first mention; return (mention, panel) once the panel shows."""
    mention = first_mention(page)
    mention.scroll_into_view_if_needed()
    mention.tap()
    panel = page.locator(PANEL)
    expect(panel).to_be_visible()
    return mention, panel


@pytest.mark.parametrize("path", [PLAYBOOK, TERM])
def test_first_tap_shows_the_definition_in_place_and_stays_on_the_page(phone, served_site, path):
    phone.goto(served_site.url + path)
    requests = []  # the definition is on the page already: no page load, no fetch, nothing elsewhere
    phone.on("request", lambda r: requests.append(r.url) if r.resource_type in ("document", "fetch", "xhr")
             or not r.url.startswith(served_site.url) else None)
    definition = first_mention(phone).get_attribute("title")
    name = first_mention(phone).get_attribute("data-term")
    mention, panel = open_panel(phone)
    assert phone.url == served_site.url + path
    # Announced as a dialog named after the term, described by its definition, holding focus.
    expect(panel).to_have_attribute("role", "dialog")
    expect(panel).to_have_accessible_name(name)
    expect(panel).to_have_accessible_description(definition)
    expect(panel).to_be_focused()
    term_page = mention.evaluate("a => a.href")
    assert term_page.startswith(served_site.url + "glossary/")
    expect(panel.get_by_role("link", name="Open the term page")).to_have_attribute("href", term_page)
    # In place: right under (or over) the mention, inside the screen, over no other tooltip.
    box, at = panel.bounding_box(), mention.bounding_box()
    assert box["x"] >= 0 and box["x"] + box["width"] <= PHONE["width"]
    assert abs(box["y"] - (at["y"] + at["height"])) < 12 or abs(box["y"] + box["height"] - at["y"]) < 12
    expect(phone.locator(".md-tooltip2:visible")).to_have_count(0)
    assert not requests, f"the panel fetched {requests}"


def test_esc_and_close_button_close_the_panel_and_return_focus(phone, served_site):
    phone.goto(served_site.url + PLAYBOOK)
    mention, panel = open_panel(phone)
    phone.keyboard.press("Escape")
    expect(panel).to_be_hidden()
    expect(mention).to_be_focused()
    mention, panel = open_panel(phone)
    panel.get_by_role("button", name="Close").tap()
    expect(panel).to_be_hidden()
    expect(mention).to_be_focused()
    assert phone.url == served_site.url + PLAYBOOK


def test_a_tap_elsewhere_closes_the_panel(phone, served_site):
    phone.goto(served_site.url + PLAYBOOK)
    _, panel = open_panel(phone)
    phone.locator("article h1").tap()
    expect(panel).to_be_hidden()
    assert phone.url == served_site.url + PLAYBOOK


def test_second_tap_or_the_panel_link_opens_the_term_page(phone, served_site):
    phone.goto(served_site.url + PLAYBOOK)
    mention, _ = open_panel(phone)
    target = mention.get_attribute("href").rstrip("/").rsplit("/", 1)[-1]
    mention.tap()
    phone.wait_for_url(re.compile(rf"/glossary/{target}/$"))
    phone.go_back()
    _, panel = open_panel(phone)
    panel.get_by_role("link", name="Open the term page").tap()
    phone.wait_for_url(re.compile(rf"/glossary/{target}/$"))
    expect(phone.locator("article .kb-definition")).to_be_visible()


def test_mouse_and_keyboard_still_follow_the_link_on_a_touch_capable_screen(browser, served_site):
    # A laptop with a touch screen: the mouse and the keyboard keep the plain link.
    context = browser.new_context(viewport=DESKTOP, has_touch=True)
    page = context.new_page()
    page.goto(served_site.url + PLAYBOOK)
    first_mention(page).click()
    page.wait_for_url(re.compile(r"/glossary/[a-z0-9-]+/$"))
    expect(page.locator(PANEL)).to_have_count(0)
    page.goto(served_site.url + PLAYBOOK)
    first_mention(page).focus()
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r"/glossary/[a-z0-9-]+/$"))
    context.close()


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_open_panel_passes_every_axe_rule(phone, served_site, scheme):
    phone.emulate_media(color_scheme=scheme)
    phone.goto(served_site.url + PLAYBOOK)
    open_panel(phone)
    # Every rule, best practices included, on the panel and the mention it belongs to.
    context = {"include": [[PANEL], ["a.kb-term--shown"]]}
    results = Axe().run(phone, context=context, options={"resultTypes": ["violations"]})
    assert results.violations_count == 0, results.generate_report()


def test_tap_panel_works_in_the_offline_copy_with_the_network_blocked(browser, offline_copy):
    context, outside = offline_context(browser, viewport=PHONE, has_touch=True, is_mobile=True)
    page = context.new_page()
    page.goto((offline_copy / "playbooks" / "legal-frameworks.html").as_uri())
    mention, panel = open_panel(page)
    assert page.url.endswith("/playbooks/legal-frameworks.html")
    link = panel.get_by_role("link", name="Open the term page")
    expect(link).to_have_attribute("href", re.compile(r"^file://.*/glossary/[a-z0-9-]+\.html$"))
    link.tap()
    page.wait_for_url(re.compile(r"/glossary/[a-z0-9-]+\.html$"))
    expect(page.locator("article .kb-definition")).to_be_visible()
    assert not outside, f"the offline copy asked the network for: {outside}"
    context.close()


@pytest.mark.parametrize("viewport_name, viewport", [("phone", PHONE), ("desktop", DESKTOP)])
@pytest.mark.parametrize("name, path", [("term", TERM), ("playbook", PLAYBOOK)])
def test_screenshots_with_an_open_tap_panel(browser, served_site, name, path, viewport_name, viewport):
    context = browser.new_context(viewport=viewport, has_touch=True, is_mobile=viewport is PHONE)
    page = context.new_page()
    page.goto(served_site.url + path)
    open_panel(page)
    assert screenshot(page, f"tap-panel-{name}-{viewport_name}").stat().st_size > 10_000
    context.close()
