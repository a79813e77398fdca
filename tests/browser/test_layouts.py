"""Layouts that must hold in a real browser: the data-element matrix on a desktop and on a
phone, and session handouts printed by Chromium onto two sides of paper."""

from __future__ import annotations

from io import BytesIO

import pytest
from playwright.sync_api import expect
from pypdf import PdfReader

from browsing import DESKTOP, PHONE, SCREENSHOTS, screenshot

pytestmark = pytest.mark.browser

MATRIX = "reference/data-elements/"
ETHICS_HANDOUT = "convenings/first-convening/ethics/handout/"
# What a room's printer leaves around the page (Chromium's own default is about 10 mm).
PRINTER_MARGINS = {side: "10mm" for side in ("top", "right", "bottom", "left")}


def printed_pages(page, paper: str) -> int:
    pdf = page.pdf(format=paper, margin=PRINTER_MARGINS)
    return len(PdfReader(BytesIO(pdf)).pages)


def test_matrix_takes_the_content_width_on_a_desktop(page, served_site):
    page.set_viewport_size(DESKTOP)
    page.goto(served_site.url + MATRIX)
    expect(page.locator(".md-sidebar--secondary")).to_be_hidden()  # no table of contents beside it
    table = page.locator("table.kb-matrix")
    article = page.locator("article.md-content__inner").bounding_box()
    assert table.bounding_box()["width"] >= article["width"] - 2
    assert article["width"] >= 900, "the table should get the width the contents column took"
    # No cell of running text is squeezed into a tall, narrow column.
    widths = page.locator("table.kb-matrix tbody th, table.kb-matrix tbody td").evaluate_all(
        "cells => cells.filter(c => c.innerText.length > 60).map(c => c.getBoundingClientRect().width)")
    assert len(widths) >= 18 and min(widths) >= 200, widths
    # Column headings stay in view under the site header while the 18 rows scroll by.
    page.locator("table.kb-matrix tbody tr").nth(9).scroll_into_view_if_needed()
    heading = page.locator("table.kb-matrix thead th").nth(2).bounding_box()
    header = page.locator(".md-header").bounding_box()
    assert header["height"] - 1 <= heading["y"] <= header["height"] + 1
    table.locator("tbody tr").nth(1).scroll_into_view_if_needed()
    screenshot(page, "matrix-table-desktop")


def test_matrix_reads_as_one_card_per_identifier_on_a_phone(page, served_site):
    page.set_viewport_size(PHONE)
    page.goto(served_site.url + MATRIX)
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    table = page.locator("table.kb-matrix")
    assert table.evaluate("t => t.scrollWidth <= t.clientWidth")
    article_width = page.locator("article.md-content__inner").bounding_box()["width"]
    rows = table.locator("tbody tr")
    assert rows.count() == 18
    for i in range(rows.count()):
        assert rows.nth(i).bounding_box()["width"] >= article_width - 2, f"row {i + 1} is not a full-width card"
    # Each value is labelled on screen; the column headings are kept for screen readers only.
    label = rows.first.locator("td").nth(1).evaluate("td => getComputedStyle(td, '::before').content")
    assert "Limited data set" in label, label
    assert table.locator("thead").bounding_box()["height"] <= 1
    snapshot = rows.first.aria_snapshot()  # still a table row with a row header and cells
    assert "rowheader" in snapshot and 'cell "Allowed"' in snapshot, snapshot
    rows.nth(2).scroll_into_view_if_needed()
    screenshot(page, "matrix-table-phone")


@pytest.mark.parametrize("paper", ["Letter", "A4"])
def test_the_printed_ethics_handout_fits_two_sides_of_paper(page, served_site, paper):
    page.goto(served_site.url + ETHICS_HANDOUT)
    assert page.locator("article .kb-handout-term").count() >= 18
    assert printed_pages(page, paper) == 2  # six Letter pages before handouts were laid out for print


def test_every_session_handout_of_a_convening_fits_two_sides(page, served_site):
    handouts = sorted(p.parent.relative_to(served_site.root).as_posix() + "/"
                      for p in served_site.root.glob("convenings/*/*/handout/index.html"))
    assert len(handouts) >= 5
    pages = {}
    for path in handouts:
        page.goto(served_site.url + path)
        pages[path] = printed_pages(page, "Letter")
    assert all(count <= 2 for count in pages.values()), pages


def test_printed_handout_has_two_columns_short_links_and_one_qr_code(page, served_site):
    page.set_viewport_size({"width": 794, "height": 1123})  # A4 at 96 dpi, for the screenshot
    page.goto(served_site.url + ETHICS_HANDOUT)
    page.emulate_media(media="print")
    page.evaluate("window.dispatchEvent(new Event('beforeprint'))")
    terms = page.locator(".kb-handout-terms")
    assert terms.evaluate("t => getComputedStyle(t).columnCount") == "2"
    first = page.locator(".kb-handout-term").first
    expect(first.locator(".kb-handout-short")).to_have_text("glossary/algorithmic-bias/")
    heading_link = first.locator("h2 a:not(.headerlink)")
    assert heading_link.evaluate("a => getComputedStyle(a, '::after').content") in ("none", "normal")
    assert page.locator(".kb-handout-intro .kb-handout-site").inner_text() == served_site.url
    visible_codes = page.locator("svg.kb-qr").evaluate_all(
        "codes => codes.filter(c => c.getBoundingClientRect().width > 0).length")
    assert visible_codes == 1
    screenshot(page, "handout-print")
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.pdf(path=str(SCREENSHOTS / "print-ethics-handout.pdf"), format="Letter", margin=PRINTER_MARGINS)
