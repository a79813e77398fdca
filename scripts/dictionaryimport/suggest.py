"""Suggest each column's shared element and HIPAA identifier, for a person to approve.

A suggestion is written like a value and listed in the column's `suggested`, so the page and the
reviewer see it is not approved yet (as OHDSI Usagi keeps suggested and approved mappings apart).
The identifier comes from the data-set checker's column-name rules; the element from the shared
elements' names and ids, the date formats they are seen in, and columns of the same name that
other dictionaries already map by hand.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from termbase.checker.columncheck import IDENTIFIER, ColumnChecker

from .cells import date_format
from .reading import FIELD_ORDER, ImportedDictionary


MAX_LABEL_WORDS = 6


@dataclass(frozen=True)
class ElementInfo:
    id: str
    name: str
    identifier: str | None
    formats: tuple[str, ...]


def read_elements(path: Path) -> list[ElementInfo]:
    """The shared elements of data/shared-elements.yml; [] when the file is missing or unreadable
    (the build's check reports its mistakes; the importer only loses suggestions)."""
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError, UnicodeDecodeError):
        return []
    items = data.get("elements") if isinstance(data, dict) else None
    elements = []
    for item in items if isinstance(items, list) else []:
        if isinstance(item, dict) and isinstance(item.get("id"), str):
            letter = item.get("identifier")
            elements.append(ElementInfo(item["id"], str(item.get("name") or item["id"]),
                                        letter if isinstance(letter, str) else None,
                                        tuple(str(f) for f in item.get("formats_seen") or ())))
    return elements


def mapped_columns(folder: Path) -> dict[str, str]:
    """Column name (lower case) -> element, from dictionaries where a person set the element.

    A name two dictionaries map to different elements tells nothing, so it is left out.
    """
    found: dict[str, set[str]] = {}
    for file in sorted(folder.glob("*/*.yml")) if folder.is_dir() else []:
        try:
            data = yaml.safe_load(file.read_text(encoding="utf-8"))
        except (OSError, yaml.YAMLError, UnicodeDecodeError):
            continue
        for resource in data.get("resources") or [] if isinstance(data, dict) else []:
            schema = resource.get("schema") if isinstance(resource, dict) else None
            for column in (schema or {}).get("fields") or [] if isinstance(schema, dict) else []:
                if (isinstance(column, dict) and isinstance(column.get("element"), str)
                        and "element" not in (column.get("suggested") or []) and isinstance(column.get("name"), str)):
                    found.setdefault(column["name"].lower(), set()).add(column["element"])
    return {name: next(iter(elements)) for name, elements in found.items() if len(elements) == 1}


class Suggester:
    def __init__(self, elements: list[ElementInfo], checker: ColumnChecker | None,
                 mapped: dict[str, str] | None = None):
        self.elements = elements
        self.checker = checker
        self.mapped = {name: e for name, e in (mapped or {}).items() if e in {el.id for el in elements}}
        self.person_words = frozenset(checker.list_words["person"]) if checker else frozenset()
        self.keys = {element.id: self._element_keys(element) for element in elements}
        self.by_id = {element.id: element for element in elements}

    def element(self, name: str, title: str, fmt: str) -> str | None:
        """The element whose name or id the column's name (or else its title) spells, or None."""
        scores: dict[str, float] = {}
        for text, weight in ((name, 3.0), (title, 2.0)):
            if not text:
                continue
            keys = self._column_keys(text)
            for element_id, element_keys in self.keys.items():
                if keys & element_keys:
                    scores[element_id] = max(scores.get(element_id, 0.0), weight)
        learned = self.mapped.get(name.lower())
        if learned:
            scores[learned] = max(scores.get(learned, 0.0), 2.5)
        if fmt:  # the same date format as the element is seen in breaks a tie
            for element_id in scores:
                if fmt in {date_format(f) for f in self.by_id[element_id].formats}:
                    scores[element_id] += 0.5
        if not scores:
            return None
        best = max(scores.values())
        winners = [e for e, s in scores.items() if s == best]
        return winners[0] if len(winners) == 1 else None

    def identifier(self, name: str, title: str, element: str | None) -> str | None:
        """The Safe Harbor letter the checker's rules give the name (or else the title), or the
        element's letter."""
        if self.checker is not None:
            for text in (name, title):
                if text:
                    result = self.checker.classify(text)
                    if result.reason == IDENTIFIER and result.identifier:
                        return result.identifier
        info = self.by_id.get(element or "")
        return info.identifier if info else None

    def _words(self, text: str) -> list[str]:
        if self.checker is not None:
            return self.checker.words(text)
        return re.findall(r"[a-z0-9]+", re.sub(r"([a-z])([A-Z])", r"\1 \2", text).lower())

    def _column_keys(self, text: str) -> set[str]:
        words = self._words(text)
        keys = _keys(words)
        # "client_first_name" is a first name: a person word in front says whose, not what.
        while len(words) > 1 and words[0] in self.person_words:
            words = words[1:]
            keys |= _keys(words)
        return keys

    def _element_keys(self, element: ElementInfo) -> set[str]:
        keys = _keys(self._words(element.name)) | _keys(element.id.split("-"))
        words = re.findall(r"[a-z0-9]+", element.name.lower())
        if len(words) >= 3:  # "date of birth" -> "dob", "Social Security number" -> "ssn"
            keys.add("".join(w[0] for w in words))
        return keys


def add_suggestions(imported: ImportedDictionary, suggester: Suggester) -> None:
    """Fill in the element and identifier of columns whose sheet did not state them.

    A sheet with an element or identifier column is taken at its word, empty cells included:
    that keeps a dictionary exported from the site and imported again unchanged.
    """
    for table in imported.tables:
        for index, column in enumerate(table.fields):
            suggested = list(column.get("suggested", []))
            label = _label(column)
            if "element" not in table.provided and "element" not in column:
                element = suggester.element(column["name"], label, column.get("format", ""))
                if element:
                    column["element"] = element
                    suggested.append("element")
            if "identifier" not in table.provided and "identifier" not in column:
                letter = suggester.identifier(column["name"], label, column.get("element"))
                if letter:
                    column["identifier"] = letter
                    suggested.append("identifier")
            if suggested:
                column["suggested"] = suggested
            table.fields[index] = ordered(column)


def _label(column: dict[str, Any]) -> str:
    """The column's title, or a description short enough to be one (a "Label" column)."""
    if column.get("title"):
        return column["title"]
    description = column.get("description", "")
    return description if len(description.split()) <= MAX_LABEL_WORDS else ""


def ordered(column: dict[str, Any]) -> dict[str, Any]:
    rank = {key: i for i, key in enumerate(FIELD_ORDER)}
    return dict(sorted(column.items(), key=lambda item: rank.get(item[0], len(rank))))


def _keys(words: list[str]) -> set[str]:
    return {" ".join(words), "".join(words)} if words else set()
