"""At the convening: the Share panel and its QR code, print, and the offline copy from file://."""

from __future__ import annotations

import re
from io import BytesIO

import pytest
import zxingcpp
from PIL import Image
from playwright.sync_api import expect

from browsing import PLAYBOOK, SCREENSHOTS, SESSION, TERM, offline_context, screenshot, search

pytestmark = pytest.mark.browser



def decode_qr(png: bytes) -> list[str]:
    return [result.text for result in zxingcpp.read_barcodes(Image.open(BytesIO(png)))]


@pytest.mark.parametrize("path", ["", TERM, SESSION])
def test_share_panel_qr_code_decodes_to_the_page_url(page, served_site, path):
    page.goto(served_site.url + path)
    page.locator("details.kb-share summary").click()
    expect(page.locator("#kb-share-url")).to_have_value(served_site.url + path)
    qr = page.locator(".kb-share__qr svg")
    expect(qr).to_be_visible()
    assert decode_qr(qr.screenshot()) == [served_site.url + path]


def test_full_screen_qr_for_a_projector_decodes_from_a_small_image(page, served_site):
    page.set_viewport_size({"width": 1280, "height": 720})
    page.goto(served_site.url + TERM)
    page.locator("details.kb-share summary").click()
    page.locator(".kb-share__qr").click()
    full = page.locator("#kb-qr-full svg")
    expect(full).to_be_visible()
    box = full.bounding_box()
    assert box["height"] > 500, "the projector code should fill most of the screen"
    # Seen from the back of a room the code is small: decode it scaled down to 120 px.
    image = Image.open(BytesIO(full.screenshot())).convert("L").resize((120, 120))
    buffer = BytesIO()
    image.save(buffer, format="PNG")
    assert decode_qr(buffer.getvalue()) == [served_site.url + TERM]
    screenshot(page, "qr-full-screen")
    page.locator(".kb-qr-full__close").click()
    expect(full).to_be_hidden()


def test_copy_link_button_copies_the_page_url(browser, served_site):
    context = browser.new_context(permissions=["clipboard-read", "clipboard-write"])
    page = context.new_page()
    page.goto(served_site.url + TERM)
    page.locator("details.kb-share summary").click()
    page.locator(".kb-share__copy").click()
    assert page.evaluate("navigator.clipboard.readText()") == served_site.url + TERM
    context.close()


@pytest.mark.parametrize("path", [TERM, SESSION, PLAYBOOK])
def test_print_hides_navigation_spells_out_links_and_keeps_the_qr_code(page, served_site, path):
    page.goto(served_site.url + path)
    page.emulate_media(media="print")
    for chrome in (".md-header", ".md-sidebar--primary", ".md-footer", "details.kb-share", ".kb-used-in"):
        expect(page.locator(chrome).first).to_be_hidden()
    expect(page.locator(".kb-print-share svg")).to_be_visible()
    page.evaluate("window.dispatchEvent(new Event('beforeprint'))")
    link = page.locator("article a[data-print-href^='http']").first
    after = link.evaluate("a => getComputedStyle(a, '::after').content")
    assert re.search(r"\(https?://", after), after
    # Definitions are not split over two pages.
    if path == TERM:
        breaks = page.locator(".kb-definition").evaluate("d => getComputedStyle(d).breakInside")
        assert breaks == "avoid"
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.pdf(path=str(SCREENSHOTS / f"print-{path.strip('/').replace('/', '-')}.pdf"))


def test_session_handout_gathers_every_term_of_the_session(page, served_site):
    page.goto(served_site.url + SESSION)
    used = {href.rstrip("/").rsplit("/", 1)[-1] for href in
            page.locator("section.kb-terms-on-page a.kb-term").evaluate_all("links => links.map(a => a.getAttribute('href'))")}
    assert len(used) >= 5
    page.locator(".kb-handout-link a").click()
    page.wait_for_url(re.compile(r"/handout/$"))
    handout_terms = {href.rstrip("/").rsplit("/", 1)[-1] for href in
                     page.locator("article .kb-handout-term h2 > a:not(.headerlink)").evaluate_all(
                         "links => links.map(a => a.getAttribute('href'))")}
    assert used <= handout_terms


def test_offline_copy_searches_and_navigates_from_disk_with_the_network_blocked(browser, offline_copy):
    context, outside = offline_context(browser)
    page = context.new_page()
    page.goto((offline_copy / "index.html").as_uri())
    expect(page.locator("h1")).to_contain_text("Knowledge Base")
    # Which result comes first is the search tests' concern (the engines rank differently).
    result = search(page, "LDS").and_(page.locator("[href*='glossary/limited-data-set.html']")).first
    expect(result).to_be_visible(timeout=15_000)
    result.click()
    expect(page.locator("article h1")).to_have_text(re.compile(r"^Limited data set"))
    assert page.url.startswith("file://") and "/glossary/limited-data-set.html" in page.url
    page.locator("article a.kb-term").first.click()
    expect(page.locator("article .kb-definition")).to_be_visible()
    screenshot(page, "offline-term")
    assert not outside, f"the offline copy asked the network for: {outside}"
    context.close()


def test_offline_copy_references_no_other_origin(offline_copy):
    for path in offline_copy.rglob("*.html"):
        text = path.read_text(encoding="utf-8")
        assert "unpkg.com" not in text and "fonts.googleapis" not in text, path
