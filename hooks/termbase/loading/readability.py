"""Plain definitions must read at grade 8 or below: the Flesch-Kincaid grade, as textstat gives it.

A grade depends on how the library counts syllables, so the check names the version it is
calibrated with. textstat 0.7.4 counts them with pyphen's bundled hyphenation dictionaries;
later versions download a pronouncing dictionary at run time, which an offline build cannot.

Scoring a text costs about a tenth of a millisecond, but importing textstat costs 0.1 to 0.25 s
(it imports pkg_resources). A build keeps each text's grade in its cache, so a build whose plain
definitions are all unchanged never imports it.
"""

from __future__ import annotations

from functools import lru_cache
from typing import Iterable

from ..buildcache import BuildCache, content_key
from .plaintext import plain_text
from .model import Term
from .problems import Problem

MAX_GRADE = 8
FORMULA = "Flesch-Kincaid grade"
LIBRARY = "textstat"
LIBRARY_VERSION = "0.7.4"  # the pin in requirements.txt; a grade from another version is not comparable
FIELD = "plain"
INSTALL_HINT = "install the pinned requirements: pip install -r requirements.txt -c requirements-lock.txt"


class ReadabilityUnavailable(Exception):
    """textstat is missing, or is not the version the grade limit is calibrated with."""


def reading_grade(markdown_text: str) -> float:
    """The Flesch-Kincaid grade of the text a reader sees (Markdown marks left out), to one decimal."""
    return _grade_of_text(plain_text(markdown_text))


def _grade_of_text(text: str) -> float:
    return _textstat().flesch_kincaid_grade(text)


def grade_message(grade: float) -> str:
    """What a contributor reads about a text above the limit (the same on the command line and on forms)."""
    return (f"{FORMULA} {grade:.1f} ({LIBRARY} {LIBRARY_VERSION}) is above {MAX_GRADE}; "
            "use shorter sentences and shorter words")


def plain_language_problems(terms: Iterable[Term], cache: BuildCache | None = None) -> list[Problem]:
    """One problem for each term whose `plain` text reads above grade 8."""
    problems: list[Problem] = []
    for term in terms:
        if not term.plain:
            continue
        try:
            grade = _cached_grade(term.plain, cache)
        except ReadabilityUnavailable as error:
            # The same for every term: said once, at the first plain text.
            return [Problem(term.path, term.line_of(FIELD), FIELD, f"cannot be measured: {error}")]
        if grade > MAX_GRADE:
            problems.append(Problem(term.path, term.line_of(FIELD), FIELD, grade_message(grade)))
    return problems


def _cached_grade(markdown_text: str, cache: BuildCache | None) -> float:
    text = plain_text(markdown_text)
    if cache is None:
        return _grade_of_text(text)
    # Keyed by the visible text, so the grade is textstat's alone (salted by this module's source).
    return cache.get("reading-grade", content_key(text), lambda: _grade_of_text(text), _is_grade)


def _is_grade(value: object) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool)


@lru_cache(maxsize=None)
def _textstat():
    """The textstat module, imported on first use and checked to be the calibrated version."""
    try:
        import textstat  # 0.7.4 imports pkg_resources, which comes with setuptools
    except ImportError as error:
        raise ReadabilityUnavailable(f"{LIBRARY} {LIBRARY_VERSION} cannot be imported ({error}); "
                                     f"{INSTALL_HINT}") from None
    from importlib.metadata import PackageNotFoundError, version  # textstat 0.7.4's __version__ says 0.7.2

    try:
        installed = version(LIBRARY)
    except PackageNotFoundError:
        installed = "an unknown version"
    if installed != LIBRARY_VERSION:
        raise ReadabilityUnavailable(f"the grade limit is set for {LIBRARY} {LIBRARY_VERSION}, "
                                     f"but {installed} is installed; {INSTALL_HINT}")
    return textstat
