"""Whether each translation still matches its English: from the versions of the term's file.

A translation is out of date when the English definition or plain definition changed in a commit
after the last commit that changed the translation. Versions are taken in the order of the main
line (git's first-parent history), so two commits of one day or one second keep their order.
Rewrapping a text is no change: words are compared with their spacing normalised.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Iterable

import yaml

from .githistory import Commit, RepoHistory
from .model import Term
from .yamlsource import MAX_BYTES, SafeLoader

ENGLISH_FIELDS = ("definition", "plain")


@dataclass(frozen=True)
class TranslationState:
    term_id: str
    language: str
    translated: Commit | None  # the last commit that changed the translation; None: not committed yet
    english_changed: Commit | None  # a later commit that changed the English, if any (the latest)

    @property
    def outdated(self) -> bool:
        return self.english_changed is not None


def translation_states(terms: Iterable[Term], history: RepoHistory) -> dict[tuple[str, str], TranslationState]:
    """(term id, language) -> the state of each translation of `terms`. Without a history (no git,
    a shallow clone) there is nothing to compare: every translation counts as up to date."""
    states = {}
    for term in terms:
        if not term.translations:
            continue
        versions = _fields_by_version(history, term.path) if history.available else []
        for translation in term.translations:
            states[(term.id, translation.language)] = _state(term.id, translation.language, versions)
    return states


def _state(term_id: str, language: str, versions: list[tuple[Commit, tuple, object]]) -> TranslationState:
    english_before = translation_before = _UNSEEN
    english_change = translation_change = -1
    for index, (_, english, translations) in enumerate(versions):
        translation = translations.get(language) if isinstance(translations, dict) else None
        if english != english_before:
            english_change, english_before = index, english
        if translation != translation_before:
            translation_change, translation_before = index, translation
    if translation_change < 0 or translation_before is None:
        return TranslationState(term_id, language, None, None)  # not in any commit yet
    translated = versions[translation_change][0]
    later = versions[english_change][0] if english_change > translation_change else None
    return TranslationState(term_id, language, translated, later)


_UNSEEN = object()


def _fields_by_version(history: RepoHistory, path: str) -> list[tuple[Commit, tuple, object]]:
    """(commit, English texts, translations) of each version of the file that parses, oldest first."""
    versions = history.versions(path)
    # Only versions since the file first held a translation can tell: the English before it was
    # what the first translation translated. A text search is 100 times cheaper than parsing.
    first = next((i for i, v in enumerate(versions) if v.text and "translations:" in v.text), len(versions))
    found = []
    for version in versions[first:]:
        data = _data(version.text)
        if not isinstance(data, dict):
            continue
        english = tuple(_words(data.get(name)) for name in ENGLISH_FIELDS)
        translations = data.get("translations")
        found.append((version.commit, english, _normalised(translations)))
    return found


def _data(text: str | None):
    if not text or len(text) > MAX_BYTES:
        return None
    try:
        return yaml.load(text, Loader=SafeLoader)  # noqa: S506 (a safe loader)
    except yaml.YAMLError:
        return None


def _words(value) -> str:
    return " ".join(value.split()) if isinstance(value, str) else ""


def _normalised(value):
    """Texts with their spacing normalised, at every depth: rewrapping a translation is no change."""
    if isinstance(value, dict):
        return {key: _normalised(item) for key, item in value.items()}
    if isinstance(value, list):
        return [_normalised(item) for item in value]
    return _words(value) if isinstance(value, str) else value
