"""The history pages in Chromium: What's new, a term page with changes and Under discussion pass
every axe rule, fit a phone's width, and print the words that changed.

They run on a small site with a real git history (historykit.py), served like the main site.
"""

from __future__ import annotations

import functools
import http.server
import socket
import threading
from dataclasses import dataclass
from pathlib import Path

import pytest
from axe_playwright_python.sync_playwright import Axe
from browsing import DESKTOP, PHONE, SCREENSHOTS, screenshot
from historykit import make_history
from playwright.sync_api import expect
from sitekit import SiteFactory

pytestmark = pytest.mark.browser

PAGES = {
    "whats-new": "whats-new/",
    "term-changes": "glossary/limited-data-set/",
    "under-discussion": "under-discussion/",
}
ALL_RULES = {"resultTypes": ["violations"]}  # no tag filter: every rule axe runs by default


@dataclass(frozen=True)
class HistorySite:
    url: str  # ends with "/"
    root: Path


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


@pytest.fixture(scope="module")
def history_served(tmp_path_factory) -> HistorySite:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    url = f"http://127.0.0.1:{port}/"
    site = SiteFactory(tmp_path_factory.mktemp("history-browser"))
    make_history(site)  # SiteFactory brings the site's own styles and scripts
    built = site.build(env={"SITE_URL": url})
    assert built.result.returncode == 0, built.output
    handler = functools.partial(_QuietHandler, directory=str(built.site))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", port), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield HistorySite(url, built.site)
    server.shutdown()


@pytest.fixture(scope="module")
def axe():
    return Axe()


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["phone", "desktop"])
@pytest.mark.parametrize("name", PAGES)
def test_history_pages_pass_every_axe_rule(page, history_served, axe, name, scheme, viewport):
    page.set_viewport_size(viewport)
    page.emulate_media(color_scheme=scheme)
    page.goto(history_served.url + PAGES[name])
    expect(page.locator("body")).to_have_attribute("data-md-color-scheme", "slate" if scheme == "dark" else "default")
    results = axe.run(page, options=ALL_RULES)
    assert results.violations_count == 0, results.generate_report()


@pytest.mark.parametrize("name", PAGES)
def test_history_pages_read_well_on_a_phone(page, history_served, name):
    page.set_viewport_size(PHONE)
    page.goto(history_served.url + PAGES[name])
    expect(page.locator("article h1")).to_be_visible()
    # Nothing wider than the screen: no sideways scrolling to read a change.
    widths = page.evaluate("() => [document.documentElement.scrollWidth, document.documentElement.clientWidth]")
    assert widths[0] <= widths[1], widths
    text_size = page.locator("article p").first.evaluate("p => parseFloat(getComputedStyle(p).fontSize)")
    assert text_size >= 14
    assert screenshot(page, f"history-{name}-phone").stat().st_size > 10_000
    further = {"term-changes": "#changes", "whats-new": "#month-2026-03"}.get(name)
    if further:
        page.locator(further).evaluate("heading => heading.scrollIntoView()")
        assert screenshot(page, f"history-{name}-phone-further").stat().st_size > 10_000


def test_changed_words_are_struck_and_underlined_and_named_for_screen_readers(page, history_served):
    page.goto(history_served.url + PAGES["term-changes"])
    removed = page.locator(".kb-changes .kb-diff del").first
    added = page.locator(".kb-changes .kb-diff ins").first
    assert "line-through" in removed.evaluate("e => getComputedStyle(e).textDecorationLine")
    assert "underline" in added.evaluate("e => getComputedStyle(e).textDecorationLine")
    # Hidden on screen, but in the accessibility tree: a screen reader says "removed: ...".
    mark = removed.locator(".kb-diff-mark").first
    assert mark.evaluate("e => e.getBoundingClientRect().width") <= 1
    assert removed.evaluate("e => e.textContent").startswith("[removed: ")
    page.emulate_media(media="print")
    expect(mark).to_be_visible()
    assert mark.evaluate("e => e.getBoundingClientRect().width") > 10


def test_under_discussion_prints_each_term_in_one_piece(page, history_served):
    page.goto(history_served.url + PAGES["under-discussion"])
    page.emulate_media(media="print")
    for chrome in (".md-header", ".md-sidebar--primary", "details.kb-share"):
        expect(page.locator(chrome).first).to_be_hidden()
    block = page.locator("section.kb-proposed").first
    expect(block).to_be_visible()
    assert block.evaluate("e => getComputedStyle(e).breakInside") == "avoid"
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.pdf(path=str(SCREENSHOTS / "print-under-discussion.pdf"))


def test_feed_is_discoverable_from_the_page_head(page, history_served):
    page.goto(history_served.url + PAGES["whats-new"])
    href = page.locator('head link[rel="alternate"][type="application/atom+xml"]').get_attribute("href")
    response = page.request.get(history_served.url + "whats-new/" + href)
    assert response.ok and response.text().startswith("<?xml")
