"""A reader follows "Suggest a change" from a term page and lands on the prefilled form.

GitHub is not reached: the browser's request to github.com is answered locally and recorded,
so the test reads the exact address Chromium would have opened.
"""

from __future__ import annotations

import functools
import http.server
import socket
import threading
from urllib.parse import parse_qs, urlsplit

import pytest
from playwright.sync_api import expect

from sitekit import SiteFactory

pytestmark = pytest.mark.browser

# "&" and "#" would end the value or the query if left unencoded; the rest is non-ASCII text.
DEFINITION = "Rules & roles for data: see #3 of the charter — données « partagées », 日本語 too."


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


@pytest.fixture(scope="module")
def small_site(tmp_path_factory):
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    url = f"http://127.0.0.1:{port}/"
    factory = SiteFactory(tmp_path_factory.mktemp("suggest"))
    factory.term("data-governance", f'term: Data governance\ndefinition: "{DEFINITION}"\n')
    factory.page("guide.md", "# Guide\n\nData governance comes first.\n")
    built = factory.build(env={"SITE_URL": url, "KB_REPOSITORY": "owner/kb"})
    assert built.result.returncode == 0, built.output
    server = http.server.ThreadingHTTPServer(("127.0.0.1", port), functools.partial(_Quiet, directory=str(built.site)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield url
    server.shutdown()


def follow(page, start: str, link_name: str) -> dict[str, list[str]]:
    """Click the link like a reader; return the query of the GitHub address the browser asked for."""
    requested: list[str] = []

    def answer(route):
        requested.append(route.request.url)
        route.fulfill(status=200, content_type="text/html", body="<!doctype html><title>New issue</title>")

    page.route("https://github.com/**", answer)
    page.goto(start)
    link = page.get_by_role("link", name=link_name)
    expect(link).to_be_visible()
    link.click()
    page.wait_for_url("https://github.com/**")
    assert len(requested) == 1
    parts = urlsplit(requested[0])
    assert (parts.netloc, parts.path, parts.fragment) == ("github.com", "/owner/kb/issues/new", "")
    return parse_qs(parts.query, keep_blank_values=True, strict_parsing=True)


def test_suggest_a_change_opens_the_change_form_with_id_and_definition(page, small_site):
    fields = follow(page, small_site + "glossary/data-governance/", "Suggest a change")
    assert fields == {"template": ["change-a-term.yml"], "title": ["[Change]: data-governance"],
                      "term-id": ["data-governance"], "definition": [DEFINITION]}


def test_report_a_problem_opens_the_error_form_with_the_page_address(page, small_site):
    fields = follow(page, small_site + "guide/", "Report a problem with this page")
    assert fields == {"template": ["report-an-error.yml"], "page": [small_site + "guide/"]}
