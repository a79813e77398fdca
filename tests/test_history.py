"""The vocabulary's history, built from a real git repository with commits at fixed dates.

See historykit.py for the story the repository tells. Every assertion reads the built site with
a parser: the term pages, What's new, Under discussion and the Atom feed.
"""

from __future__ import annotations

import json
import shutil
import xml.etree.ElementTree as ET

import feedparser
import pytest
from historykit import DRAFT_WORDING, LDS_V1, LDS_V2, LDS_V3, PSEUDONYM_DRAFT, existing_site, git, make_history
from sitekit import BuiltSite, SiteFactory

ATOM = "{http://www.w3.org/2005/Atom}"
SITE_URL = "https://kb.example.org/community/"


@pytest.fixture(scope="module")
def history_site(tmp_path_factory) -> BuiltSite:
    site = SiteFactory(tmp_path_factory.mktemp("history"))
    make_history(site)
    built = site.build(env={"SITE_URL": SITE_URL})
    assert built.result.returncode == 0, built.output
    return built


def changes(built: BuiltSite, term_id: str):
    article = built.article(f"glossary/{term_id}/")
    return article, article.find("h2", id="changes")


def change_items(built: BuiltSite, term_id: str):
    return built.article(f"glossary/{term_id}/").select("ol.kb-changes > li")


def test_term_page_says_when_it_was_added_and_lists_changes_newest_first(history_site):
    article, heading = changes(history_site, "limited-data-set")
    added = article.select_one(".kb-added")
    assert added.time["datetime"] == "2026-01-10"
    assert "Add the first terms" in added.text
    items = change_items(history_site, "limited-data-set")
    assert [li.select_one(".kb-change__head time")["datetime"] for li in items] == ["2026-03-20", "2026-02-15"]
    assert "Name the data use agreement" in items[0].select_one(".kb-change__head").text
    assert items[0].select_one(".kb-change__head").text.count("Definition changed") == 1


def test_definition_change_shows_both_wordings_with_words_marked_in_text(history_site):
    newest, oldest = change_items(history_site, "limited-data-set")
    before = newest.select_one(".kb-diff__before")
    after = newest.select_one(".kb-diff__after")
    # The earlier wording is the second version, the later the third; changed words are marked
    # in text too, so a screen reader or a black-and-white print says what changed.
    assert [d.get_text() for d in before.select("del")] == ["[removed: data]", "[removed: an]"]
    assert [i.get_text() for i in after.select("ins")] == [
        "[added: information]", "[added: only]", "[added: a data use]"]
    assert wordings(newest) == (LDS_V2, LDS_V3)
    assert wordings(oldest) == (LDS_V1, LDS_V2)


def wordings(change) -> tuple[str, str]:
    """Each side of a difference as plain text, without its label and the spoken marks."""
    for mark in change.select(".kb-diff-mark, .kb-diff__label"):
        mark.decompose()
    return tuple(" ".join(change.select_one(f".kb-diff__{side}").get_text(" ").split())
                 for side in ("before", "after"))


def test_renamed_term_keeps_its_history(history_site):
    article, _ = changes(history_site, "data-steward")
    assert article.select_one(".kb-added time")["datetime"] == "2026-01-10"  # added under its old id
    [rename] = change_items(history_site, "data-steward")
    text = rename.get_text(" ", strip=True)
    assert rename.select_one("time")["datetime"] == "2026-04-05"
    assert "Renamed from “Data custodian” to “Data steward”" in text
    assert "glossary/data-custodian/ to glossary/data-steward/" in text
    assert not rename.select(".kb-diff")  # same definition


def test_deprecation_and_unchanged_terms(history_site):
    [deprecation] = change_items(history_site, "old-term")
    assert "Status changed from adopted to deprecated" in deprecation.text
    article, _ = changes(history_site, "data-use-agreement")
    assert not change_items(history_site, "data-use-agreement")
    assert article.select_one(".kb-added").find_next("p").text.startswith("No change")


def test_history_never_shows_wording_from_while_a_term_was_a_draft(history_site):
    article, _ = changes(history_site, "consent-form")
    assert article.select_one(".kb-added time")["datetime"] == "2026-05-10"  # published, not drafted
    assert not change_items(history_site, "consent-form")
    [rework] = change_items(history_site, "pseudonym")
    assert rework.select_one("time")["datetime"] == "2026-06-05"
    assert wordings(rework) == ("A made-up name that stands for a real one.",
                                "A made-up name used instead of a real one, so records can be linked.")
    for path in history_site.site.rglob("*"):
        if path.suffix in (".html", ".xml", ".json", ".csv", ".jsonld"):
            text = path.read_text(encoding="utf-8")
            for hidden in (DRAFT_WORDING, PSEUDONYM_DRAFT, "Secret sauce", "secret-sauce"):
                assert hidden not in text, (hidden, path)


def test_decisions_show_as_a_timeline_linking_the_session(history_site):
    article = history_site.article("glossary/linkage-key/")
    timeline = article.find("h2", id="decisions").find_next("div", class_="kb-timeline")
    [item] = timeline.select("li")
    assert item.time["datetime"] == "2026-04-01"
    assert item.strong.text == "proposed"
    assert item.a.text == "Linking records" and item.a["href"] == "../../convenings/second/linking/"
    exported = json.loads((history_site.site / "glossary.json").read_text(encoding="utf-8"))
    [record] = [t for t in exported["terms"] if t["id"] == "linkage-key"]
    assert record["decisions"] == [{"date": "2026-04-01", "status": "proposed",
                                    "session": "convenings/second/linking.md", "note": None}]


def test_whats_new_groups_changes_by_month_newest_first(history_site):
    article = history_site.article("whats-new/")
    months = [h.get_text(strip=True).rstrip("¶") for h in article.select("h2[id^=month-]")]
    assert months == ["June 2026", "May 2026", "April 2026", "March 2026", "February 2026", "January 2026"]
    april = article.find("h2", id="month-2026-04").find_next("ul", class_="kb-news")
    lines = [li.get_text(" ", strip=True) for li in april.select(":scope > li")]
    assert lines[0].startswith("10 April Deprecated: Old term")
    assert lines[1].startswith("5 April Moved to a new address and renamed: Data steward")
    assert april.select_one("a")["href"] == "../glossary/old-term/"
    march = article.find("h2", id="month-2026-03").find_next("ul", class_="kb-news")
    assert march.select_one(".kb-diff ins") is not None
    january = article.find("h2", id="month-2026-01").find_next("ul", class_="kb-news")
    added = january.select(":scope > li")[0]
    assert added.get_text(" ", strip=True).startswith("10 January 5 terms added:")
    assert [a.text for a in added.select("a")] == ["Data steward", "Data use agreement", "Limited data set",
                                                   "Old term", "Pseudonym"]
    pages = [li for li in article.select(".kb-news > li") if li.strong.text.lower().endswith(("page added:", "pages added:"))]
    assert [a.text for li in pages for a in li.select("a")] == ["Reading guide", "Second convening", "Linking records", "Home"]


def test_whats_new_sums_up_the_changes_since_each_convening(history_site):
    article = history_site.article("whats-new/")
    heading = article.find("h3", id="since-second")
    assert "1 April 2026" in heading.text and heading.a["href"] == "../convenings/second/"
    summary = {li.get_text(" ", strip=True).split(":")[0]: [a.text for a in li.select("a")]
               for li in heading.find_next("ul").select("li")}
    assert summary == {"Terms added": ["Linkage key", "Consent form"],
                       "Definitions changed": ["Pseudonym"],
                       "Renamed or moved": ["Data steward"],
                       "Deprecated": ["Old term"],
                       "Pages added": ["Reading guide"]}


def test_under_discussion_lists_proposed_terms_with_definition_and_date(history_site):
    article = history_site.article("under-discussion/")
    terms = article.select("section.kb-proposed")
    assert [s.h2.a.text for s in terms] == ["Linkage key"]
    [linkage] = terms
    assert linkage.h2.a["href"] == "../glossary/linkage-key/"
    assert linkage.select_one(".kb-definition").get_text(strip=True) == (
        "A code that links records of one person across data sets.")
    when = linkage.select_one(".kb-proposed__when")
    assert when.time["datetime"] == "2026-04-01" and when.a.text == "Linking records"


def test_feed_is_valid_atom_with_absolute_links_and_linked_from_head(history_site):
    raw = (history_site.site / "feed.xml").read_bytes()
    root = ET.fromstring(raw)
    assert root.tag == f"{ATOM}feed"
    assert root.find(f"{ATOM}id").text == SITE_URL + "whats-new/"
    assert root.find(f"{ATOM}updated").text == "2026-06-05T12:00:00+00:00"
    entries = root.findall(f"{ATOM}entry")
    for entry in entries:
        for name in ("id", "title", "updated", "summary"):
            assert entry.find(f"{ATOM}{name}").text, name
    parsed = feedparser.parse(raw)
    assert not parsed.bozo, parsed.get("bozo_exception")
    assert parsed.version == "atom10"
    assert parsed.feed.link == SITE_URL + "whats-new/"
    titles = [e.title for e in parsed.entries]
    assert titles[:3] == ["Definition changed: Pseudonym", "Page added: Reading guide", "Term added: Consent form"]
    assert "Deprecated: Old term" in titles and "Moved to a new address and renamed: Data steward" in titles
    assert all(e.link.startswith(SITE_URL) for e in parsed.entries)
    assert len({e.id for e in parsed.entries}) == len(parsed.entries)
    change = next(e for e in parsed.entries if e.title == "Definition changed: Limited data set"
                  and e.updated.startswith("2026-03-20"))
    assert change.link == SITE_URL + "glossary/limited-data-set/"
    assert "<ins>" in change.content[0].value
    for page in ("whats-new/", "glossary/limited-data-set/"):
        link = history_site.html(page).select_one('head link[rel=alternate][type="application/atom+xml"]')
        target = (history_site.site / page / link["href"]).resolve()
        assert target == (history_site.site / "feed.xml").resolve()


def test_feed_ids_do_not_depend_on_the_site_address(history_site):
    rebuilt = existing_site(history_site.root).build("-d", "site-elsewhere",
                                                      env={"SITE_URL": "https://elsewhere.example.net/"})
    assert rebuilt.result.returncode == 0, rebuilt.output
    first = feedparser.parse((history_site.site / "feed.xml").read_bytes())
    second = feedparser.parse((history_site.root / "site-elsewhere" / "feed.xml").read_bytes())
    assert [e.id for e in first.entries] == [e.id for e in second.entries]
    assert all(e.id.startswith("urn:uuid:") for e in second.entries)
    assert second.entries[0].link.startswith("https://elsewhere.example.net/")


@pytest.mark.parametrize("variant", ["shallow clone", "no .git folder", "no git program"])
def test_builds_strictly_without_history_and_says_so(history_site, tmp_path, variant):
    source = history_site.root
    copy = tmp_path / "copy"
    env = {"SITE_URL": SITE_URL}
    if variant == "shallow clone":
        git(tmp_path, "clone", "-q", "--depth", "1", f"file://{source}", str(copy))
        expected = "shallow clone"
    else:
        shutil.copytree(source, copy, ignore=shutil.ignore_patterns(".git", "site", "site-*", ".cache"))
        expected = "no git history" if variant == "no .git folder" else "git is not installed"
        if variant == "no git program":
            shutil.copytree(source / ".git", copy / ".git")
            env["PATH"] = str(tmp_path / "empty-bin")
    built = existing_site(copy).build(env=env)
    assert built.result.returncode == 0, built.output
    note = built.article("glossary/limited-data-set/").find("h2", id="changes").find_next("p")
    assert "not available" in note.text and expected in note.text
    whats_new = built.article("whats-new/")
    assert expected in whats_new.select_one(".kb-history-missing").text
    assert not whats_new.select(".kb-news")
    assert not ET.fromstring((built.site / "feed.xml").read_bytes()).findall(f"{ATOM}entry")
    assert built.article("under-discussion/").select_one("section.kb-proposed h2 a").text == "Linkage key"
