"""HistoryReader: making one starts nothing; `start()` reads git in a thread; `finish` works either way."""

from __future__ import annotations

import threading

from historykit import commit, git, term
from sitekit import SiteFactory

from termbase.loading.glossary import Glossary
from termbase.loading.history import HistoryReader
from termbase.loading.loader import load_terms


def _repository(tmp_path):
    site = SiteFactory(tmp_path)
    git(site.root, "init", "-q")
    term(site, "limited-data-set", "Limited data set", "Health data with direct identifiers removed.")
    commit(site, "2026-01-10", "Add limited data set")
    terms, _ = load_terms(site.root / "glossary", site.root)
    return site.root, Glossary(terms)


def _history_threads() -> list[threading.Thread]:
    return [t for t in threading.enumerate() if t.name == "git-history"]


def test_a_new_reader_starts_no_thread_and_finish_reads_the_history_itself(tmp_path):
    root, glossary = _repository(tmp_path)
    reader = HistoryReader(root)
    assert not _history_threads()
    history = reader.finish(glossary)
    assert history.available, history.reason
    assert history.terms["limited-data-set"].added is not None


def test_start_reads_in_a_thread_once_and_returns_the_reader(tmp_path):
    root, glossary = _repository(tmp_path)
    reader = HistoryReader(root)
    assert reader.start() is reader
    thread = reader._thread
    assert thread is not None and thread.name == "git-history"
    reader.start()
    assert reader._thread is thread  # a second call starts nothing new
    history = reader.finish(glossary)
    assert not thread.is_alive()
    assert history.available, history.reason
    assert history.terms["limited-data-set"].added is not None
