"""Every term page links to the "Change this term" form, every hand-written page to the error
form, with the form's fields filled in through a correctly encoded query string."""

from __future__ import annotations

from urllib.parse import parse_qs, urlsplit

import pytest
import yaml

from sitekit import REPO

TRICKY = "Data shared under a DUA & kept apart: rule #2 of the données « privées » policy, 100% + no ?x=y."


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    from sitekit import SiteFactory
    site = SiteFactory(tmp_path_factory.mktemp("feedback"))
    site.term("data-steward", f"term: Data steward\ndefinition: \"{TRICKY}\"\n")
    site.page("guide.md", "# Guide\n\nAsk the data steward.\n")
    result = site.build(env={"SITE_URL": "https://kb.example.org/base/", "KB_REPOSITORY": "owner/kb"})
    assert result.result.returncode == 0, result.output
    return result


def query(href: str) -> dict[str, str]:
    parts = urlsplit(href)
    assert (parts.scheme, parts.netloc, parts.path) == ("https", "github.com", "/owner/kb/issues/new")
    parsed = parse_qs(parts.query, keep_blank_values=True, strict_parsing=True)
    assert all(len(v) == 1 for v in parsed.values())
    return {k: v[0] for k, v in parsed.items()}


def test_term_page_links_to_the_change_form_with_id_and_definition(built):
    links = built.html("glossary/data-steward/").select(".kb-feedback a")
    assert [a.get_text(strip=True) for a in links] == ["Suggest a change"]
    href = links[0]["href"]
    assert "#" not in href and " " not in href and href.isascii()
    assert query(href) == {"template": "change-a-term.yml", "title": "[Change]: data-steward",
                           "term-id": "data-steward", "definition": TRICKY}


def test_hand_written_pages_link_to_the_error_form_with_their_address(built):
    for path, address in (("guide/", "https://kb.example.org/base/guide/"), ("", "https://kb.example.org/base/")):
        links = built.html(path).select(".kb-feedback a")
        assert [a.get_text(strip=True) for a in links] == ["Report a problem with this page"], path
        assert query(links[0]["href"]) == {"template": "report-an-error.yml", "page": address}


def test_generated_pages_other_than_terms_have_neither_link(built):
    assert built.html("glossary/").select(".kb-feedback") == []


def test_the_linked_forms_have_the_fields_the_links_fill():
    forms = REPO / ".github" / "ISSUE_TEMPLATE"
    change = yaml.safe_load((forms / "change-a-term.yml").read_text(encoding="utf-8"))
    error = yaml.safe_load((forms / "report-an-error.yml").read_text(encoding="utf-8"))
    assert {"term-id", "definition"} <= {item.get("id") for item in change["body"]}
    assert "page" in {item.get("id") for item in error["body"]}
