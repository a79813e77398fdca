"""A data dictionary's page in a real browser: its column table on a desktop, one card per column
on a phone, and the crosswalk on a phone."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from browsing import DESKTOP, PHONE, screenshot

pytestmark = pytest.mark.browser

DATA_SET = "data-sets/formats/hmis-csv/"
CROSSWALK = "data-sets/crosswalk/"


def test_data_set_page_on_a_desktop(page, served_site):
    page.set_viewport_size(DESKTOP)
    page.goto(served_site.url + DATA_SET)
    table = page.locator("table.kb-dictionary").first
    expect(table).to_be_visible()
    # A table: the headings show, and a row's cells sit side by side.
    expect(table.locator("thead th").first).to_be_visible()
    cells = table.locator("tbody tr").first.locator("td")
    first, second = cells.nth(0).bounding_box(), cells.nth(1).bounding_box()
    assert abs(first["y"] - second["y"]) < 2 and second["x"] > first["x"]
    # Its downloads are files of the site.
    for suffix in ("csv", "xlsx", "datapackage.json"):
        link = page.locator(f"a[href$='hmis-csv.{suffix}']")
        expect(link).to_have_count(1)
        response = page.request.get(served_site.url + "data-sets/formats/hmis-csv." + suffix)
        assert response.ok and len(response.body()) > 1000
    page.locator("#what-its-columns-hold").scroll_into_view_if_needed()
    screenshot(page, "data-set-desktop")


def test_data_set_page_reads_as_one_card_per_column_on_a_phone(page, served_site):
    page.set_viewport_size(PHONE)
    page.goto(served_site.url + DATA_SET)
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    table = page.locator("table.kb-dictionary").first
    article_width = page.locator("article.md-content__inner").bounding_box()["width"]
    rows = table.locator("tbody tr")
    assert rows.count() >= 40
    for i in (0, 1, rows.count() - 1):
        assert rows.nth(i).bounding_box()["width"] >= article_width - 2, f"row {i + 1} is not a full-width card"
    # Each value says what it is, since the headings are hidden on a phone.
    label = rows.first.locator("td").nth(1).evaluate("td => getComputedStyle(td, '::before').content")
    assert "Meaning" in label
    rows.nth(6).scroll_into_view_if_needed()
    screenshot(page, "data-set-phone")


def test_crosswalk_fits_a_phone(page, served_site):
    page.set_viewport_size(PHONE)
    page.goto(served_site.url + CROSSWALK)
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    screenshot(page, "crosswalk-phone")
