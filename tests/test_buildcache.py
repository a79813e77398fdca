"""The build cache (termbase.buildcache): what a build keeps for the next one, and what it must
never reuse."""

from __future__ import annotations

import json
from pathlib import Path

from benchsites import commit_all
from sitekit import SiteFactory
from termbase.buildcache import CACHE_DIR, CACHE_FILE, BuildCache

TERM = """\
term: Limited data set
definition: Protected health information without direct identifiers.
"""
PAGE = "# Notes\n\nWe shared a limited data set.\n"


def cache_file(root: Path) -> Path:
    return root / CACHE_DIR / CACHE_FILE


def never(*_):
    raise AssertionError("made again, although the cache holds it")


def test_a_value_is_made_once_then_read_from_the_next_builds_cache(tmp_path):
    first = BuildCache.open(tmp_path)
    assert first.get("qr", "https://example.org/", lambda: [21, "M2 2"]) == [21, "M2 2"]
    assert first.save() is None
    second = BuildCache.open(tmp_path)
    assert second.get("qr", "https://example.org/", never) == [21, "M2 2"]


def test_a_cache_written_by_other_code_or_broken_is_empty(tmp_path):
    BuildCache.open(tmp_path).get("qr", "k", lambda: "old")
    file = cache_file(tmp_path)
    cache = BuildCache.open(tmp_path)
    cache.get("qr", "k", lambda: "old")
    cache.save()
    stored = json.loads(file.read_text(encoding="utf-8"))
    file.write_text(json.dumps({**stored, "salt": "another version"}), encoding="utf-8")
    assert BuildCache.open(tmp_path).get("qr", "k", lambda: "new") == "new"
    for broken in ("{not json", "[]", '{"salt": 1}', "", json.dumps({**stored, "sections": {"qr": {"k": "no age"}}})):
        file.write_text(broken, encoding="utf-8")
        assert BuildCache.open(tmp_path).get("qr", "k", lambda: "new") == "new"


def test_an_entry_no_build_used_is_dropped_after_three_writes(tmp_path):
    cache = BuildCache.open(tmp_path)
    for key in ("a", "b"):
        cache.get("qr", key, lambda: key)
    cache.save()
    for build in range(1, 5):
        cache = BuildCache.open(tmp_path)
        cache.get("qr", "a", never)
        cache.get("qr", f"new {build}", lambda: "made")  # something new, so the build writes
        cache.save()
        stored = json.loads(cache_file(tmp_path).read_text(encoding="utf-8"))["sections"]["qr"]
        assert ("b" in stored) == (build < 3), build
    assert stored["a"] == ["a", 0]
    assert set(stored) == {"a", "new 2", "new 3", "new 4"}


def test_a_build_that_made_nothing_new_does_not_write(tmp_path):
    cache = BuildCache.open(tmp_path)
    cache.get("qr", "a", lambda: "a")
    cache.save()
    before = cache_file(tmp_path).stat().st_mtime_ns
    cache = BuildCache.open(tmp_path)
    cache.get("qr", "a", never)
    assert cache.save() is None
    assert cache_file(tmp_path).stat().st_mtime_ns == before


def test_switched_off_it_neither_reads_nor_writes(tmp_path, monkeypatch):
    cache = BuildCache.open(tmp_path)
    cache.get("qr", "a", lambda: "a")
    cache.save()
    before = cache_file(tmp_path).read_bytes()
    monkeypatch.setenv("KB_BUILD_CACHE", "0")
    cache = BuildCache.open(tmp_path)
    assert cache.get("qr", "a", lambda: "made") == "made"
    cache.get("qr", "b", lambda: "b")
    assert cache.save() is None
    assert cache_file(tmp_path).read_bytes() == before


def built_pages(root: Path) -> dict[str, bytes]:
    site = root / "site"
    return {p.relative_to(site).as_posix(): p.read_bytes() for p in sorted(site.rglob("*")) if p.is_file()}


def test_a_second_build_with_the_cache_writes_the_same_site(site: SiteFactory):
    site.term("limited-data-set", TERM)
    site.page("notes.md", PAGE)
    assert commit_all(site.root)  # dates from git: without them the feed says "now"
    first = site.build()
    assert first.result.returncode == 0, first.output
    stored = json.loads(cache_file(site.root).read_text(encoding="utf-8"))["sections"]
    assert stored["qr"] and stored["sanitised"] and stored["yaml"]  # codes, cleaned pages, the term file
    pages = built_pages(site.root)
    second = site.build()
    assert second.result.returncode == 0, second.output
    assert built_pages(site.root) == pages


def test_a_changed_term_is_sanitised_again_in_a_warm_build(site: SiteFactory):
    """The cache is keyed by the page's HTML: a hostile edit is new HTML, so it is cleaned."""
    path = site.term("limited-data-set", TERM)
    site.page("notes.md", PAGE)
    assert site.build().result.returncode == 0
    path.write_text(TERM.replace("identifiers.", 'identifiers, edited. <script>alert(1)</script>'
                                 ' <img src="x" onerror="alert(2)">'), encoding="utf-8")
    built = site.build()
    assert built.result.returncode == 0, built.output
    article = built.article("glossary/limited-data-set/")
    assert "identifiers, edited." in article.get_text()  # the new file, not the last build's page
    assert article.find("script") is None
    assert not [tag for tag in article.find_all(True) if "onerror" in tag.attrs]


def test_a_cache_that_holds_other_html_for_a_page_is_not_used_once_the_engine_changes(site: SiteFactory):
    """Entries carry the engine's salt: a file from other code (here: a forged one) is ignored."""
    site.term("limited-data-set", TERM)
    site.page("notes.md", PAGE)
    assert site.build().result.returncode == 0
    file = cache_file(site.root)
    stored = json.loads(file.read_text(encoding="utf-8"))
    stored["salt"] = "0" * 32
    stored["sections"]["sanitised"] = {key: "<p>forged</p>" for key in stored["sections"]["sanitised"]}
    file.write_text(json.dumps(stored), encoding="utf-8")
    built = site.build()
    assert "forged" not in str(built.article("glossary/limited-data-set/"))


def test_values_of_the_wrong_shape_in_a_cache_edited_by_hand_are_made_again(site: SiteFactory):
    """The right salt, the wrong values: the build makes them again and writes the same site."""
    site.term("limited-data-set", TERM)
    site.page("notes.md", PAGE)
    assert commit_all(site.root)
    assert site.build().result.returncode == 0
    pages = built_pages(site.root)
    file = cache_file(site.root)
    stored = json.loads(file.read_text(encoding="utf-8"))
    assert set(stored["sections"]) == {"qr", "sanitised", "yaml", "term versions"}
    wrong = {"qr": ["21", 5], "sanitised": ["<p>a list</p>"], "yaml": {"term": "a mapping"},
             "term versions": ["one", "two"]}
    for section, entries in stored["sections"].items():
        for entry in entries.values():
            entry[0] = wrong[section]
    file.write_text(json.dumps(stored), encoding="utf-8")
    built = site.build()
    assert built.result.returncode == 0, built.output
    assert "Traceback" not in built.output
    assert built_pages(site.root) == pages


def test_a_cache_folder_that_cannot_be_written_does_not_fail_a_strict_build(site: SiteFactory):
    site.term("limited-data-set", TERM)
    site.page("notes.md", PAGE)
    blocker = site.root / CACHE_DIR
    blocker.parent.mkdir(parents=True)
    blocker.write_text("a file where the cache's folder would go", encoding="utf-8")  # even root cannot
    built = site.build()
    assert built.result.returncode == 0, built.output
    assert blocker.read_text(encoding="utf-8").startswith("a file")


def test_a_term_file_read_from_the_cache_is_still_checked_with_its_lines(site: SiteFactory):
    """A file parsed in an earlier build still meets the checks that depend on other files: a
    session page that went away, with the line of the field deep in the file."""
    site.page("convenings/first/notes.md", "# First session\n\nNotes.\n")
    site.term("limited-data-set", TERM + "decisions:\n  - date: 2026-03-12\n    status: adopted\n"
              "    session: convenings/first/notes.md\n")
    assert site.build().result.returncode == 0
    assert json.loads(cache_file(site.root).read_text(encoding="utf-8"))["sections"]["yaml"]
    (site.root / "docs" / "convenings" / "first" / "notes.md").unlink()
    built = site.build()
    assert built.result.returncode == 1
    assert ("glossary/limited-data-set.yml:6: decisions[0].session: no page docs/convenings/first/notes.md"
            in built.output)


def test_the_salt_covers_every_module_whose_results_are_kept():
    """A change to the code that makes a kept result must empty the cache."""
    import sys

    from termbase.buildcache import SALTED_SOURCES
    from termbase.linking.sanitize import clean_html
    from termbase.loading.termhistory import state_of
    from termbase.loading.yamlsource import parse_yaml
    from termbase.sitefiles.share import qr_matrix, qr_path

    package = Path(sys.modules[BuildCache.__module__].__file__).parent
    for function in (clean_html, parse_yaml, qr_matrix, qr_path, state_of):
        source = Path(sys.modules[function.__module__].__file__).relative_to(package).as_posix()
        assert source in SALTED_SOURCES, function


def test_term_histories_from_the_cache_are_those_worked_out_from_git(tmp_path, monkeypatch):
    """Versions of term files are kept by git's id of their content: the histories from the cache
    are equal to those read from scratch, and no version is parsed again."""
    from historykit import make_history

    import termbase.loading.termhistory as termhistory
    from termbase.buildcache import BuildCache
    from termbase.content import load_content

    site = SiteFactory(tmp_path)
    make_history(site)
    monkeypatch.setenv("KB_BUILD_CACHE", "0")
    from_scratch = load_content(site.root).history.terms
    monkeypatch.delenv("KB_BUILD_CACHE")
    cache = BuildCache.open(site.root)
    first = load_content(site.root, cache)
    assert first.history.terms == from_scratch
    assert cache.save() is None
    assert json.loads(cache_file(site.root).read_text(encoding="utf-8"))["sections"]["term versions"]
    monkeypatch.setattr(termhistory, "state_of", never)
    assert load_content(site.root).history.terms == from_scratch
    assert any(history.changes for history in from_scratch.values())  # the story has changes to compare
