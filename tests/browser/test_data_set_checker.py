"""The data-set checker page in Chromium: it answers, agrees with the command line, keeps the data
on the device, works from the offline copy, and passes axe with every rule."""

from __future__ import annotations

from pathlib import Path
from urllib.parse import urlsplit

import pytest
from axe_playwright_python.sync_playwright import Axe
from bs4 import BeautifulSoup
from playwright.sync_api import expect

from browsing import DESKTOP, PHONE, offline_context, screenshot
from measure_checker import HELD_OUT, LABELS, read_labels, repository_checker

pytestmark = pytest.mark.browser

CHECKER = "tools/data-set-checker/"
KINDS = ("identified", "limited_data_set", "de_identified")
SAMPLE = "client_id,first_name,dob,zip3,age,notes,email_opt_in,provider_npi,race,student_id,treatment_program"
# What the browser's classifier returns, in the order the Python result is compared with.
CLASSIFY_ALL = """names => {
  const checker = new window.kbColumnChecker.Checker(window.kbColumnRules);
  return names.map(name => {
    const r = checker.classify(name);
    return [r.words, r.identifier, r.reason, r.formId, r.matched, r.context, r.hints,
            ["identified", "limited_data_set", "de_identified"].map(k => r.verdicts[k].verdict),
            ["identified", "limited_data_set", "de_identified"].map(k => r.verdicts[k].condition)];
  });
}"""


def open_checker(page, url: str):
    page.goto(url)
    expect(page.locator("#kb-checker")).to_be_visible()
    return page


def check_pasted(page, text: str):
    page.locator("#kb-checker-names").fill(text)
    page.get_by_role("button", name="Check the columns").click()
    expect(page.locator("#kb-checker-result table")).to_be_visible()


def row_cells(page, column: str) -> list[str]:
    row = page.locator("#kb-checker-result tbody tr").filter(has=page.locator(f"th code:text-is('{column}')"))
    return [cell.strip() for cell in row.locator("td").all_inner_texts()]


def test_pasted_header_shows_a_verdict_for_each_column_and_a_summary(page, served_site):
    page.set_viewport_size(DESKTOP)
    open_checker(page, served_site.url + CHECKER)
    check_pasted(page, SAMPLE)
    headings = page.locator("#kb-checker-result thead th").all_inner_texts()
    assert headings == ["Column", "Identifier", "Identified", "Limited data set", "Safe Harbor"]
    assert page.locator("#kb-checker-result tbody tr").count() == 11
    first_name = row_cells(page, "first_name")
    assert first_name[0].startswith("A name")
    assert [cell.split("\n")[0] for cell in first_name[1:]] == ["Allowed", "Not allowed", "Not allowed"]
    zip3 = row_cells(page, "zip3")
    assert zip3[3].startswith("Partly") and "20,000" in zip3[3]
    summary = page.locator(".kb-checker__summary").inner_text()
    assert "This extract is not a limited data set: 1 column must be removed: first_name." in summary
    laws = page.locator(".kb-checker__law").all_inner_texts()
    assert any("FERPA" in text for text in laws) and any("42 CFR Part 2" in text for text in laws)
    assert "cannot see the values" in page.locator(".kb-checker__caveat").inner_text()
    screenshot(page, "data-set-checker-desktop")


def test_every_verdict_links_its_matrix_row_and_glossary_terms(page, served_site):
    open_checker(page, served_site.url + CHECKER)
    check_pasted(page, "first_name\nzip3")
    cell = page.locator("#kb-checker-result tbody tr").first.locator("td").nth(2)
    links = cell.locator("a")
    assert links.first.inner_text() == "Matrix row A"
    assert [links.nth(i).inner_text() for i in range(1, links.count())] == ["Limited data set", "Data use agreement"]
    links.first.click()
    assert page.url == served_site.url + "reference/data-elements/#element-a"
    expect(page.locator("#element-a")).to_be_attached()
    page.go_back()
    open_checker(page, served_site.url + CHECKER)
    check_pasted(page, "first_name")
    page.locator("#kb-checker-result td a", has_text="Data use agreement").first.click()
    expect(page.locator("h1")).to_contain_text("Data use agreement")
    assert page.url == served_site.url + "glossary/data-use-agreement/"


def test_browser_and_command_line_agree_on_every_labelled_name(page, served_site):
    names = [label.column for label in read_labels(LABELS) + read_labels(HELD_OUT)]
    names += ["", "名前", "Straße", "ｚｉｐ３", "client.first.name", "x" * 300, "<b>ssn</b>"]
    open_checker(page, served_site.url + CHECKER)
    in_browser = page.evaluate(CLASSIFY_ALL, names)
    checker = repository_checker()
    differences = []
    for name, got in zip(names, in_browser):
        r = checker.classify(name)
        expected = [list(r.words), r.identifier, r.reason, r.form_id, r.matched, r.context, list(r.hints),
                    [r.verdicts[k].verdict for k in KINDS], [r.verdicts[k].condition for k in KINDS]]
        if got != expected:
            differences.append((name, expected, got))
    assert len(names) > 500 and not differences, differences[:5]


def test_a_chosen_file_is_read_on_the_device_up_to_its_first_line(page, served_site, tmp_path):
    slices = "window.kbSlices = []; const slice = Blob.prototype.slice; " \
             "Blob.prototype.slice = function (...a) { window.kbSlices.push(a); return slice.apply(this, a); };"
    page.add_init_script(slices)
    extract = tmp_path / "extract.csv"
    rows = "".join(f"{i},Zebediah Quux,123-45-{i:04d},02139\n" for i in range(60_000))
    extract.write_text("client_id;first_name;ssn;zip_code\n" + rows, encoding="utf-8")
    assert extract.stat().st_size > 2_000_000
    open_checker(page, served_site.url + CHECKER)
    requests: list[str] = []
    page.on("request", lambda request: requests.append(request.url))
    page.locator("#kb-checker-file").set_input_files(str(extract))
    expect(page.locator("#kb-checker-result table")).to_be_visible()
    assert page.locator("#kb-checker-result tbody tr").count() == 4
    assert row_cells(page, "ssn")[0].startswith("G Social Security number")
    assert page.evaluate("window.kbSlices") == [[0, 65536]]
    assert "Zebediah" not in page.content() and "123-45" not in page.content()
    assert "from the header of extract.csv" in page.locator("#kb-checker-status").inner_text()
    assert requests == [], "checking a file must not make any request"
    # Names typed after choosing a file are what the button checks.
    check_pasted(page, "first_name")
    assert page.locator("#kb-checker-result tbody tr").count() == 1


def test_no_request_leaves_the_browser(page, served_site):
    origin = urlsplit(served_site.url).netloc
    requests: list[str] = []
    page.on("request", lambda request: requests.append(request.url))
    open_checker(page, served_site.url + CHECKER)
    page.wait_for_load_state("networkidle")
    assert any(url.endswith("data-set-rules.js") for url in requests)
    elsewhere = [url for url in requests if urlsplit(url).scheme not in ("data", "blob")
                 and urlsplit(url).netloc != origin]
    assert not elsewhere, elsewhere
    requests.clear()
    check_pasted(page, SAMPLE)
    page.wait_for_load_state("networkidle")
    assert requests == [], "checking pasted names must not make any request"


def test_names_are_shown_as_text_never_run_as_markup(page, served_site):
    hostile = '<img src=x onerror="window.kbPwned=1">'
    open_checker(page, served_site.url + CHECKER)
    check_pasted(page, hostile + "\nssn")
    assert page.evaluate("window.kbPwned") is None
    assert page.locator("#kb-checker-result tbody th code").first.inner_text() == hostile
    assert page.locator("#kb-checker-result img").count() == 0


def test_bad_input_says_what_is_wrong(page, served_site, tmp_path):
    open_checker(page, served_site.url + CHECKER)
    page.get_by_role("button", name="Check the columns").click()
    expect(page.locator("#kb-checker-status")).to_have_text("Paste some column names, or choose a CSV file.")
    binary = tmp_path / "book.xlsx"
    binary.write_bytes(b"PK\x03\x04" + bytes(range(256)) * 16)
    page.locator("#kb-checker-file").set_input_files(str(binary))
    expect(page.locator("#kb-checker-status")).to_contain_text("looks like binary data")


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["phone", "desktop"])
def test_axe_finds_nothing_with_every_rule(page, served_site, viewport, scheme):
    page.set_viewport_size(viewport)
    page.emulate_media(color_scheme=scheme)
    open_checker(page, served_site.url + CHECKER)
    check_pasted(page, SAMPLE + ",,photo_path,hashed_ssn")
    page.get_by_role("button", name="Check the columns").focus()
    results = Axe().run(page)  # every rule axe runs by default, best practices included
    assert results.violations_count == 0, results.generate_report()
    if viewport == PHONE and scheme == "dark":
        screenshot(page, "data-set-checker-phone-dark")


def test_offline_copy_checks_columns_from_disk_with_the_network_blocked(browser, offline_copy):
    context, outside = offline_context(browser)
    page = context.new_page()
    open_checker(page, (offline_copy / "tools" / "data-set-checker.html").as_uri())
    check_pasted(page, "first_name\nzip3")
    link = page.locator("#kb-checker-result td a", has_text="Matrix row A").first
    href = link.get_attribute("href")
    assert href.startswith("file://") and href.endswith("/reference/data-elements.html#element-a")
    target = Path(urlsplit(href).path)
    assert target.exists() and 'id="element-a"' in target.read_text(encoding="utf-8")
    assert not outside, f"the offline checker asked the network for: {outside}"
    context.close()


def test_matrix_and_checker_pages_point_to_each_other(served_site):
    matrix = BeautifulSoup((served_site.root / "reference/data-elements/index.html").read_text(encoding="utf-8"),
                           "html.parser")
    anchors = [tag["id"] for tag in matrix.select("[id^=element-]")]
    assert anchors == [f"element-{letter}" for letter in "abcdefghijklmnopqr"]
    assert matrix.select_one("article a[href$='tools/data-set-checker/']")
    tool = BeautifulSoup((served_site.root / CHECKER / "index.html").read_text(encoding="utf-8"), "html.parser")
    glossary_section = tool.select_one("nav.md-nav--primary li.md-nav__item--section")
    assert "Data-set checker" in glossary_section.get_text()
    legend_rows = tool.select("article table tbody tr")
    assert [row.select_one("a")["href"] for row in legend_rows] == [
        f"../../reference/data-elements/#element-{letter}" for letter in "abcdefghijklmnopqr"]
    rules = (served_site.root / "assets/javascripts/data-set-rules.js").read_text(encoding="utf-8")
    assert rules.startswith("// Generated from data/data-elements.yml") and "window.kbColumnRules = {" in rules
