"""The line under a page names what changed (the term, the page or the data file behind it) and
links that file's history; pages that no single committed file backs have no such line."""

from __future__ import annotations

import subprocess

import pytest

from sitekit import SiteFactory

REPOSITORY = "example/kb"
GIT = ["git", "-c", "user.name=Test", "-c", "user.email=test@example.org", "-c", "commit.gpgsign=false"]


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    site = SiteFactory(tmp_path_factory.mktemp("footer"))
    site.term("data-use-agreement", "term: Data use agreement\ndefinition: An agreement.\n"
                                    "confused_with: [limited-data-set]\n")
    site.term("limited-data-set", "term: Limited data set\ndefinition: Health data under a data use agreement.\n")
    site.page("playbooks/ethics.md", "# Ethics\n\nSign a data use agreement.\n")
    site.page("session.md", "---\nhandout: true\n---\n# Session\n\nA limited data set.\n")
    for command in (["init", "-q", "-b", "main"], ["add", "-A"], ["commit", "-q", "-m", "Content"]):
        subprocess.run([*GIT, *command], cwd=site.root, check=True, capture_output=True)
    # Written after the commit: git has no date for it yet.
    site.page("new.md", "# New page\n\nNot committed yet.\n")
    result = site.build(env={"KB_REPOSITORY": REPOSITORY})
    assert result.result.returncode == 0, result.output
    return result


@pytest.mark.parametrize("path, says, history_label, source", [
    ("glossary/data-use-agreement/", "This term last changed", "History of this term",
     "glossary/data-use-agreement.yml"),
    ("", "This page last changed", "History of this page", "docs/index.md"),
    ("playbooks/ethics/", "This page last changed", "History of this page", "docs/playbooks/ethics.md"),
    ("reference/data-elements/", "The data file behind this page last changed", "History of the data file",
     "data/data-elements.yml"),
])
def test_footer_names_the_file_behind_the_page(built, path, says, history_label, source):
    line = built.article(path).select_one("p.kb-changed")
    date = line.time["datetime"]
    assert " ".join(line.get_text().split()) == f"{says} {date}. {history_label}"
    assert line.a["href"] == f"https://github.com/{REPOSITORY}/commits/main/{source}"


@pytest.mark.parametrize("path", ["glossary/", "glossary/compare/", "session/handout/", "new/"])
def test_no_history_line_where_no_committed_file_backs_the_page(built, path):
    article = built.article(path)
    assert article.select_one(".kb-share")  # the footer partial ran
    assert article.select_one("p.kb-changed") is None
