"""The "Change this term" form takes a Spanish translation, so bilingual staff can help without Git:
recorded `issues` events run through the script as the workflow runs it."""

from __future__ import annotations

from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest
import yaml

from formkit import answer, convert, scratch_repository
from sitekit import REPO
from termbase.loading.loader import load_glossary
from termbase.sitefiles.feedback import suggest_change_url


@pytest.fixture
def repo(tmp_path) -> Path:
    return scratch_repository(tmp_path)


def test_the_change_form_offers_optional_spanish_fields_after_the_plain_definition():
    form = yaml.safe_load((REPO / ".github" / "ISSUE_TEMPLATE" / "change-a-term.yml").read_text(encoding="utf-8"))
    ids = [item.get("id") for item in form["body"]]
    assert ids[ids.index("plain") + 1:ids.index("plain") + 5] == ["term-es", "definition-es", "plain-es", "sources-es"]
    for field in form["body"][ids.index("term-es"):ids.index("sources-es") + 1]:
        assert field["validations"]["required"] is False


def test_a_first_spanish_translation_becomes_a_draft_in_the_term_file(repo, tmp_path):
    path = repo / "glossary" / "safe-harbor-method.yml"
    before = path.read_text(encoding="utf-8")
    result = convert("change-spanish", repo, tmp_path / "out")
    assert result.returncode == 0, result.stdout + result.stderr
    after = path.read_text(encoding="utf-8")
    assert after.startswith(before)  # only added: every line people wrote stays as it was
    spanish = yaml.safe_load(after)["translations"]["es"]
    assert spanish == {
        "term": answer("change-spanish", "Spanish name"),
        "definition": " ".join(answer("change-spanish", "Spanish definition").split()),
        "plain": " ".join(answer("change-spanish", "Spanish plain-language definition").split()),
        "review": "draft",
        "sources": [{"title": "County language access office glossary", "url": "https://example.org/glosario"}]}
    assert max(len(line) for line in after[len(before):].splitlines()) <= 100  # folded like the rest
    body = (tmp_path / "out" / "pr-body.md").read_text(encoding="utf-8")
    assert "The Spanish text is marked `review: draft`" in body
    # The build reads it: the term now has a Spanish page.
    assert load_glossary(repo / "glossary", repo)["safe-harbor-method"].translation("es").review == "draft"


def test_a_change_to_a_spanish_text_keeps_the_others_and_asks_for_a_review_again(repo, tmp_path):
    path = repo / "glossary" / "limited-data-set.yml"
    before = yaml.safe_load(path.read_text(encoding="utf-8"))
    result = convert("change-spanish-plain", repo, tmp_path / "out")
    assert result.returncode == 0, result.stdout + result.stderr
    after = yaml.safe_load(path.read_text(encoding="utf-8"))
    wanted = " ".join(answer("change-spanish-plain", "Spanish plain-language definition").split())
    assert after["translations"]["es"] == {**before["translations"]["es"], "plain": wanted, "review": "draft"}
    assert {k: v for k, v in after.items() if k != "translations"} == {
        k: v for k, v in before.items() if k != "translations"}


def test_a_first_spanish_text_needs_its_name_and_definition_told_as_form_fields(repo, tmp_path):
    before = (repo / "glossary" / "aggregation.yml").read_bytes()
    result = convert("spanish-without-name", repo, tmp_path / "out")
    assert result.returncode == 1 and result.stderr == ""
    problems = [line for line in result.stdout.splitlines() if line.startswith("- ")]
    assert problems == [
        "- **Spanish name**: is needed: a term's first Spanish text has its Spanish name and Spanish definition",
        "- **Spanish definition**: is needed: a term's first Spanish text has its Spanish name and Spanish definition"]
    assert (repo / "glossary" / "aggregation.yml").read_bytes() == before


def test_suggest_a_change_fills_in_the_spanish_texts():
    glossary = load_glossary(REPO / "glossary", REPO)
    spanish = glossary["limited-data-set"].translation("es")
    query = parse_qs(urlsplit(suggest_change_url("owner/repo", glossary["limited-data-set"])).query)
    assert (query["term-es"], query["definition-es"], query["plain-es"]) == (
        [spanish.term], [spanish.definition], [spanish.plain])
    assert "term-es" not in parse_qs(urlsplit(suggest_change_url("owner/repo", glossary["aggregation"])).query)
