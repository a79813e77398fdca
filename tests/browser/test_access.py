"""Nothing is fetched from another origin (accessibility: see test_axe.py)."""

from __future__ import annotations

from urllib.parse import urlsplit

import pytest
from playwright.sync_api import expect

from browsing import SESSION, TERM, search

pytestmark = pytest.mark.browser

PAGES = {
    "home": "",
    "glossary index": "glossary/",
    "term": TERM,
    "session": SESSION,
    "playbook": "playbooks/racial-equity/",
}


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
