"""A participant reads the site: search by abbreviation, definitions on hover, one click to the term."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from browsing import DESKTOP, PHONE, PLAYBOOK, SESSION, TERM, screenshot, search

pytestmark = pytest.mark.browser


def test_search_finds_a_term_by_its_alias(page, served_site):
    page.goto(served_site.url)
    search(page, "LDS")
    result = page.locator(".md-search-result__item a").first
    expect(result).to_be_visible(timeout=10_000)
    expect(result).to_have_attribute("href", re.compile(r"glossary/limited-data-set/"))
    result.click()
    expect(page.locator("article h1")).to_have_text(re.compile(r"^Limited data set"))


def test_hovering_a_mention_shows_its_definition_and_clicking_opens_the_term(page, served_site):
    page.goto(served_site.url + PLAYBOOK)
    mention = page.locator("article a.kb-term").first
    expect(mention).to_be_visible()
    definition = mention.get_attribute("title")
    assert definition and len(definition) > 40
    mention.hover()
    tooltip = page.locator(".md-tooltip2")
    expect(tooltip).to_be_visible()
    expect(tooltip).to_contain_text(definition[:40])
    target = mention.get_attribute("href")
    mention.click()
    assert page.url.startswith(served_site.url + "glossary/")
    assert page.url.rstrip("/").endswith(target.rstrip("/").rsplit("/", 1)[-1])
    expect(page.locator("article .kb-definition")).to_be_visible()


def test_a_mention_is_reachable_by_keyboard(page, served_site):
    page.goto(served_site.url + SESSION)
    mention = page.locator("article a.kb-term").first
    mention.focus()
    expect(mention).to_be_focused()
    expect(page.locator(".md-tooltip2")).to_be_visible()
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r"/glossary/[a-z0-9-]+/$"))


def test_short_link_of_an_alias_lands_on_the_term(page, served_site):
    page.goto(served_site.url + "glossary/lds/")
    page.wait_for_url(served_site.url + TERM)
    expect(page.locator("article h1")).to_have_text(re.compile(r"^Limited data set"))


def test_every_heading_has_a_copyable_permalink(page, served_site):
    page.goto(served_site.url + PLAYBOOK)
    headings = page.locator("article h2")
    assert headings.count() >= 3
    for i in range(headings.count()):
        heading = headings.nth(i)
        anchor = heading.get_attribute("id")
        expect(heading.locator("a.headerlink")).to_have_attribute("href", f"#{anchor}")


def test_term_page_shows_last_change_history_and_edit_links(page, served_site):
    page.goto(served_site.url + TERM)
    edit = page.locator("a.md-content__button[href*='/edit/']")
    expect(edit).to_have_attribute("href", re.compile(r"/edit/main/glossary/limited-data-set\.yml$"))
    expect(page.locator(".kb-changed time")).to_have_attribute("datetime", re.compile(r"^\d{4}-\d{2}-\d{2}$"))
    expect(page.locator(".kb-changed a")).to_have_attribute(
        "href", re.compile(r"/commits/main/glossary/limited-data-set\.yml$"))


@pytest.mark.parametrize("viewport_name, viewport", [("phone", PHONE), ("desktop", DESKTOP)])
@pytest.mark.parametrize("name, path", [
    ("home", ""), ("glossary-index", "glossary/"), ("term", TERM),
    ("compare", "glossary/compare/"), ("matrix", "reference/data-elements/"),
    ("session", SESSION), ("handout", SESSION + "handout/"), ("playbook", PLAYBOOK),
])
def test_screenshots_of_key_pages(page, served_site, name, path, viewport_name, viewport):
    page.set_viewport_size(viewport)
    page.goto(served_site.url + path)
    expect(page.locator("article h1")).to_be_visible()
    assert screenshot(page, f"{name}-{viewport_name}").stat().st_size > 10_000


@pytest.mark.parametrize("path", ["", TERM, PLAYBOOK, "whats-new/"])
def test_every_request_a_page_makes_succeeds(page, served_site, path):
    """A failed request costs a reader on a slow connection a round trip, and on GitHub Pages the
    whole 404 page: Material's script once fetched a sitemap beside the feed on every page."""
    failed = []
    page.on("response", lambda response: failed.append(f"{response.status} {response.url}")
            if response.status >= 400 else None)
    page.on("requestfailed", lambda request: failed.append(f"failed: {request.url}"))
    page.goto(served_site.url + path, wait_until="networkidle")
    assert not failed, failed
