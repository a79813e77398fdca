"""Everyone can use it: no request leaves the site, and axe finds no WCAG 2.1 AA violation."""

from __future__ import annotations

from urllib.parse import urlsplit

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import expect

from browsing import DESKTOP, PHONE, SESSION, TERM, search

pytestmark = pytest.mark.browser

PAGES = {
    "home": "",
    "glossary index": "glossary/",
    "term": TERM,
    "session": SESSION,
    "playbook": "playbooks/racial-equity/",
}
WCAG_AA = {"runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]},
           "resultTypes": ["violations"]}


@pytest.fixture(scope="module")
def axe():
    return Axe()


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["phone", "desktop"])
@pytest.mark.parametrize("name", PAGES)
def test_no_wcag_violations(page, served_site, axe, name, scheme, viewport):
    page.set_viewport_size(viewport)
    page.emulate_media(color_scheme=scheme)
    page.goto(served_site.url + PAGES[name])
    expected = "slate" if scheme == "dark" else "default"
    expect(page.locator("body")).to_have_attribute("data-md-color-scheme", expected)
    results = axe.run(page, options=WCAG_AA)
    assert results.violations_count == 0, results.generate_report()


def test_every_request_goes_to_the_site_itself(page, served_site):
    origin = urlsplit(served_site.url).netloc
    requests = []
    page.on("request", lambda request: requests.append(request.url))
    for path in PAGES.values():
        page.goto(served_site.url + path)
        page.wait_for_load_state("networkidle")
    expect(search(page, "consent").first).to_be_visible(timeout=10_000)
    page.wait_for_load_state("networkidle")
    assert requests
    elsewhere = [url for url in requests
                 if urlsplit(url).scheme not in ("data", "blob") and urlsplit(url).netloc != origin]
    assert not elsewhere, elsewhere
