"""Checks of the `translations` of term files that the schema cannot express.

- A translation marked `review: reviewed` names who reviewed it (`reviewed_by`): a reader trusts
  the wording because someone answers for it.
- Its names do not repeat each other, and no two terms share a name (or its plural) in one
  language: the linker of that language could not tell them apart.
- Its Markdown holds no link that could run code (as for the English fields).

Problems carry the line of the field. A file the build cache kept has only its top-level lines,
so the file is read again, only when it has a problem.
"""

from __future__ import annotations

from pathlib import Path
from typing import Iterable

from .crosscheck import UNSAFE_LINK
from .languages import NAME_FORMS, comparable
from .model import Term, Translation
from .problems import Problem
from .yamlsource import read_yaml

MARKDOWN_FIELDS = ("definition", "plain")


def translation_problems(terms: Iterable[Term], root: Path) -> list[Problem]:
    """Every problem of every term's translations; `root` is the repository the paths start from."""
    terms = list(terms)
    found: list[tuple[Term, str, tuple[str | int, ...], str]] = []  # term, label, path in the file, message
    for term in terms:
        for translation in term.translations:
            found += [(term, *problem) for problem in _own_problems(translation)]
    found += _shared_names(terms)
    return [Problem(term.path, _line(root, term, path), label, message) for term, label, path, message in found]


def _own_problems(translation: Translation) -> list[tuple[str, tuple, str]]:
    prefix = ("translations", translation.language)
    label = f"translations.{translation.language}"
    problems = []
    if translation.reviewed and not translation.reviewed_by:
        problems.append((f"{label}.reviewed_by", prefix + ("review",),
                         "is required when review is 'reviewed': name the bilingual person (and role) or the "
                         "body that checked the wording; until then use review: draft"))
    seen: dict[str, str] = {}
    for index, name in enumerate(translation.names):
        key = comparable(name, translation.language)
        if key in seen:
            path = prefix + (("aliases", index - 1) if index else ("term",))
            problems.append((f"{label}.aliases", path, f"'{name}' repeats the name '{seen[key]}'"))
        seen.setdefault(key, name)
    for field in MARKDOWN_FIELDS:
        match = UNSAFE_LINK.search(getattr(translation, field))
        if match:
            problems.append((f"{label}.{field}", prefix + (field,),
                             f"'{match.group(0)}' links are not allowed; use an https:// URL"))
    return problems


def _shared_names(terms: list[Term]) -> list[tuple[Term, str, tuple, str]]:
    """A name, or a form of it, that two published terms use in the same language."""
    owners: dict[tuple[str, str], tuple[Term, str]] = {}  # (language, compared form) -> (term, name)
    problems = []
    for term in terms:
        if not term.published:
            continue
        for translation in term.translations:
            language = translation.language
            for index, name in enumerate(translation.names):
                for form in NAME_FORMS[language](name):
                    key = (language, comparable(form, language))
                    other = owners.setdefault(key, (term, name))
                    if other[0].id != term.id:
                        field = "aliases" if index else "term"
                        path = ("translations", language, *(("aliases", index - 1) if index else ("term",)))
                        problems.append((term, f"translations.{language}.{field}", path,
                                         f"'{name}' collides with '{other[1]}' of {other[0].path}"))
                        break
    return problems


def _line(root: Path, term: Term, path: tuple) -> int:
    document, _ = read_yaml(root / term.path, term.path)
    return document.line_of(list(path)) if document is not None else term.line_of("translations")
