"""The page for residents: handed out at community meetings, read on phones, in plain words.

Its handout is printed on a room's printer, so it must fit two sides of US Letter and carry a QR
code that a phone can scan back to the site.
"""

from __future__ import annotations

import sys
from io import BytesIO

import pytest
import zxingcpp
from PIL import Image
from playwright.sync_api import expect

from browsing import PHONE, REPO, SCREENSHOTS, screenshot
from test_layouts import PRINTER_MARGINS, printed_pages

sys.path.insert(0, str(REPO / "hooks"))
from termbase.loading.readability import MAX_GRADE, reading_grade  # noqa: E402

pytestmark = pytest.mark.browser

RESIDENTS = "residents/"
HANDOUT = "residents/handout/"


def decode_qr(png: bytes) -> list[str]:
    return [result.text for result in zxingcpp.read_barcodes(Image.open(BytesIO(png)))]


def linked_term_ids(page, selector: str) -> set[str]:
    hrefs = page.locator(selector).evaluate_all("links => links.map(a => a.getAttribute('href'))")
    return {href.rstrip("/").rsplit("/", 1)[-1] for href in hrefs}


def test_the_residents_handout_defines_every_term_the_page_links(page, served_site):
    page.goto(served_site.url + RESIDENTS)
    used = linked_term_ids(page, "article a.kb-term")
    # The page links the agreements, the review and the rights it explains.
    assert {"integrated-data-system", "data-sharing-agreement", "de-identified-data", "ferpa"} <= used, used
    page.locator(".kb-handout-link a").click()
    expect(page).to_have_url(served_site.url + HANDOUT)
    # The address changes when the navigation starts: wait for the handout's terms, not the URL.
    expect(page.locator("article .kb-handout-term").first).to_be_visible()
    assert used <= linked_term_ids(page, "article .kb-handout-term h2 > a:not(.headerlink)")


def test_the_residents_handout_prints_on_at_most_two_letter_pages(page, served_site):
    page.goto(served_site.url + HANDOUT)
    assert page.locator("article .kb-handout-term").count() >= 10
    count = printed_pages(page, "Letter")
    assert count <= 2, f"the residents' handout prints on {count} Letter pages"
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.pdf(path=str(SCREENSHOTS / "print-residents-handout.pdf"), format="Letter", margin=PRINTER_MARGINS)


def test_the_printed_residents_handout_carries_one_qr_code_back_to_the_site(page, served_site):
    page.goto(served_site.url + HANDOUT)
    page.emulate_media(media="print")
    page.evaluate("window.dispatchEvent(new Event('beforeprint'))")
    visible = page.locator("svg.kb-qr").evaluate_all(
        "codes => codes.filter(c => c.getBoundingClientRect().width > 0).length")
    assert visible == 1
    code = page.locator(".kb-print-share svg.kb-qr")
    expect(code).to_be_visible()
    # The code scans to the page for residents itself, not to the handout.
    assert decode_qr(code.screenshot()) == [served_site.url + RESIDENTS]
    # Its first line links back to the page (engines may write the relative address differently).
    assert page.locator(".kb-handout-intro a").evaluate("a => a.href") == served_site.url + RESIDENTS


def test_the_residents_page_reads_in_plain_words_on_a_phone(page, served_site):
    page.set_viewport_size(PHONE)
    page.goto(served_site.url + RESIDENTS)
    expect(page.locator("article h1")).to_contain_text("For residents")
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    # What a resident reads, without the list of sources at the end: grade 8 at most, the limit
    # the glossary's plain definitions are held to.
    text = page.locator("article h2#sources").evaluate(
        """sources => {
            const parts = [];
            for (let node = sources.parentElement.firstElementChild; node && node !== sources;
                 node = node.nextElementSibling) parts.push(node.innerText.replaceAll("\u00b6", ""));
            return parts.join("\\n");
        }""")
    assert len(text) > 3000, "the page should be read whole, not a stub"
    grade = reading_grade(text)
    assert grade <= MAX_GRADE, f"Flesch-Kincaid grade {grade:.1f}"
    screenshot(page, "residents-phone")
