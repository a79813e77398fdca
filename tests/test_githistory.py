"""Reading the history: one git log over a real repository, renames, merges, missing history;
the word-level difference; the Atom writer."""

from __future__ import annotations

import xml.etree.ElementTree as ET

import feedparser
from historykit import git
from termbase.loading.githistory import Commit, RepoHistory, read_history
from termbase.loading.glossary import Glossary
from termbase.loading.history import SiteHistory
from termbase.loading.model import Term
from termbase.loading.plaintext import plain_text
from termbase.loading.termhistory import TermState, term_history
from termbase.pages.historypages import whats_new_page
from termbase.pages.whatsnew import PAGES_ADDED, NewsItem
from termbase.pages.worddiff import word_diff
from termbase.sitefiles.feed import FeedEntry, atom_feed, entry_id

FOLDERS = ("glossary", "docs", "data")


def write(root, path: str, text: str) -> None:
    file = root / path
    file.parent.mkdir(parents=True, exist_ok=True)
    file.write_text(text, encoding="utf-8")


def commit(root, date: str, message: str) -> None:
    git(root, "add", "-A")
    git(root, "commit", "-q", "-m", message, date=date)


def test_versions_follow_renames_and_keep_each_text(tmp_path):
    git(tmp_path, "init", "-q", "-b", "main")
    write(tmp_path, "glossary/old-name.yml", "term: Old name\ndefinition: First wording of a long enough text.\n")
    write(tmp_path, "hooks/code.py", "print('not content')\n")
    commit(tmp_path, "2026-01-01", "Add a term")
    git(tmp_path, "mv", "glossary/old-name.yml", "glossary/new-name.yml")
    commit(tmp_path, "2026-02-01", "Rename it")
    write(tmp_path, "glossary/new-name.yml", "term: New name\ndefinition: First wording of a long enough text.\n")
    commit(tmp_path, "2026-03-01", "Rename the term too")
    history = read_history(tmp_path, FOLDERS, ("glossary/",))
    assert history.available
    versions = history.versions("glossary/new-name.yml")
    assert [(v.path, v.commit.day, v.commit.title) for v in versions] == [
        ("glossary/old-name.yml", "2026-01-01", "Add a term"),
        ("glossary/new-name.yml", "2026-02-01", "Rename it"),
        ("glossary/new-name.yml", "2026-03-01", "Rename the term too")]
    assert versions[0].text == versions[1].text  # a pure rename keeps the text
    assert versions[2].text.startswith("term: New name\n")
    assert "hooks/code.py" not in history.files
    assert history.last_changed() == {"glossary/new-name.yml": "2026-03-01"}


def test_main_line_only_and_a_merge_is_titled_by_its_pull_request(tmp_path):
    git(tmp_path, "init", "-q", "-b", "main")
    write(tmp_path, "glossary/a.yml", "term: A\ndefinition: One.\n")
    commit(tmp_path, "2026-01-01", "Add A")
    git(tmp_path, "checkout", "-q", "-b", "proposal")
    write(tmp_path, "glossary/a.yml", "term: A\ndefinition: Work in progress.\n")
    commit(tmp_path, "2026-01-02", "WIP")
    write(tmp_path, "glossary/a.yml", "term: A\ndefinition: Two.\n")
    commit(tmp_path, "2026-01-03", "Reword after review")
    git(tmp_path, "checkout", "-q", "main")
    git(tmp_path, "merge", "-q", "--no-ff", "proposal", "-m", "Merge pull request #7 from someone/proposal",
        "-m", "Reword A after the convening", date="2026-01-04")
    versions = read_history(tmp_path, FOLDERS, ("glossary/",)).versions("glossary/a.yml")
    assert [(v.commit.title, v.text) for v in versions] == [
        ("Add A", "term: A\ndefinition: One.\n"),
        ("Reword A after the convening", "term: A\ndefinition: Two.\n")]


def test_a_deleted_then_restored_file_keeps_its_earlier_versions(tmp_path):
    git(tmp_path, "init", "-q", "-b", "main")
    write(tmp_path, "docs/page.md", "# Page\n")
    commit(tmp_path, "2026-01-01", "Add page")
    (tmp_path / "docs" / "page.md").unlink()
    commit(tmp_path, "2026-02-01", "Remove page")
    write(tmp_path, "docs/page.md", "# Page again\n")
    commit(tmp_path, "2026-03-01", "Restore page")
    history = read_history(tmp_path, FOLDERS)
    assert history.added("docs/page.md").day == "2026-01-01"
    assert [v.blob is None for v in history.versions("docs/page.md")] == [False, True, False]


def test_no_history_says_why(tmp_path):
    outside = read_history(tmp_path, FOLDERS)
    assert not outside.available and "no git history" in outside.reason
    git(tmp_path, "init", "-q", "-b", "main")
    empty = read_history(tmp_path, FOLDERS)
    assert not empty.available and "no commits" in empty.reason


def test_word_diff_marks_words_and_escapes_everything():
    diff = word_diff("Share <b>only</b> the data set.", "Share only the  limited\ndata set & keys.")
    assert diff.before_html == ('Share <del><span class="kb-diff-mark">[removed: </span>&lt;b&gt;only&lt;/b&gt;'
                                '<span class="kb-diff-mark">]</span></del> the data <del><span class="kb-diff-mark">'
                                '[removed: </span>set.<span class="kb-diff-mark">]</span></del>')
    assert "[added: </span>only" in diff.after_html and "[added: </span>limited" in diff.after_html
    assert "set &amp; keys." in diff.after_html
    assert (diff.removed, diff.added) == (2, 5)
    assert word_diff("Same words\nwrapped.", "Same  words wrapped.").added == 0


def test_atom_writer_escapes_text_and_drops_characters_xml_forbids():
    entry = FeedEntry(id=entry_id("abc", "term-changed/x"), title="A <b> & \x1b title",
                      updated="2026-03-12T10:00:00+01:00", link="https://kb.example.org/glossary/x/",
                      summary="Plain", content_html="<p>Before: <del>x</del></p>")
    xml = atom_feed("Site: What's new", "https://kb.example.org/whats-new/feed.xml",
                    "https://kb.example.org/whats-new/", "Site", [entry])
    root = ET.fromstring(xml.encode())
    assert root.find("{http://www.w3.org/2005/Atom}entry/{http://www.w3.org/2005/Atom}title").text == "A <b> &  title"
    parsed = feedparser.parse(xml)
    assert not parsed.bozo and parsed.version == "atom10"
    assert parsed.entries[0].id == entry_id("abc", "term-changed/x") and parsed.entries[0].id.startswith("urn:uuid:")
    assert parsed.feed.updated == "2026-03-12T10:00:00+01:00"


def test_plain_wordings_read_the_same_with_or_without_rendering_the_markdown():
    samples = ["Health data, shared under an agreement (see 45 CFR 164.514(e)).",
               "Two lines\nof one paragraph.", "First paragraph.\n\nSecond: with a colon; and 3.5 percent.",
               "Uses **bold** text.", "A [link](https://example.org/) here.", "- a list\n- of items",
               "1. numbered", "A & B < C", "snake_case_name", "# Heading", "Text\n===", "    code"]
    for definition in samples:
        state = TermState("x", "X", definition, (), "adopted")
        assert state.wording == " ".join(plain_text(definition).split()), definition


def test_whats_new_shows_the_latest_twelve_months_with_changes():
    months = [f"2025-{m:02d}" for m in range(1, 13)] + ["2026-01", "2026-02"]
    news = [NewsItem(PAGES_ADDED, Commit(f"sha{i}", f"{month}-15T12:00:00+00:00", "Add a page"),
                     pages=(f"page-{i}.md",)) for i, month in enumerate(reversed(months))]
    markdown = whats_new_page(Glossary([]), SiteHistory(RepoHistory(available=True)), news, lambda p: p)
    headings = [line for line in markdown.splitlines() if line.startswith("## ")]
    assert headings[0] == "## February 2026 { #month-2026-02 }" and len(headings) == 13
    assert headings[-1] == "## Earlier" and "page-13.md" not in markdown and "page-11.md" in markdown


def test_a_rewritten_and_renamed_term_keeps_its_history_through_redirect_from(tmp_path):
    git(tmp_path, "init", "-q", "-b", "main")
    write(tmp_path, "glossary/old-id.yml", "term: Old\ndefinition: Short.\n")
    commit(tmp_path, "2026-01-01", "Add old")
    (tmp_path / "glossary" / "old-id.yml").unlink()
    write(tmp_path, "glossary/new-id.yml", "term: New name entirely\naliases: [NNE]\nredirect_from: [old-id]\n"
          "definition: A completely different and much longer wording that git cannot pair.\n")
    commit(tmp_path, "2026-02-01", "Rewrite under a new id")
    repo = read_history(tmp_path, FOLDERS, ("glossary/",))
    assert repo.versions("glossary/new-id.yml")[0].commit.day == "2026-02-01"  # git saw a delete and an add
    term = Term(id="new-id", term="New name entirely", definition="x", path="glossary/new-id.yml",
                redirect_from=("old-id",))
    record = term_history(term, repo)
    assert record.added.day == "2026-01-01"
    [change] = record.changes
    assert change.kinds == ("id", "name", "aliases", "definition")
    assert (change.before.id, change.after.id) == ("old-id", "new-id")
