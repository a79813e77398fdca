"""The data set file's content (a Data Package descriptor) from what the sheets held."""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from typing import Any

from termbase.loading.datasetkinds import KIND_BY_SHARED_AS

from .reading import ImportedDictionary

PACKAGE_ORDER = ("name", "title", "description", "jurisdiction", "agency", "publisher", "system", "domain",
                 "shared_as", "governed_by", "source", "updated", "illustration", "resources")
SHEET_PACKAGE_FIELDS = ("title", "description", "agency", "publisher", "system", "domain", "shared_as",
                        "governed_by", "source", "illustration")
SHARED_AS = tuple(KIND_BY_SHARED_AS)
DOMAINS = ("homelessness", "child-welfare", "medicaid", "health", "behavioral-health", "education",
           "early-childhood", "income-support", "workforce", "justice", "housing", "other")
FORMATS = "formats"  # dictionaries/formats/: published formats, no jurisdiction


@dataclass(frozen=True)
class Target:
    jurisdiction: str  # a site id, or "formats"
    data_set: str

    @property
    def path(self) -> str:
        return f"dictionaries/{self.jurisdiction}/{self.data_set}.yml"


def build_descriptor(imported: ImportedDictionary, target: Target, today: datetime.date,
                     given: dict[str, Any] | None = None, default_title: str = "") -> dict[str, Any]:
    """Package fields from `given` (the command line or the form), else the sheet's "Data set"
    rows, else defaults; one resource per imported table."""
    given = {k: v for k, v in (given or {}).items() if v not in (None, "")}
    package: dict[str, Any] = {"name": target.data_set}
    for key in SHEET_PACKAGE_FIELDS:
        value = given.get(key, imported.package.get(key))
        if value not in (None, "", []):
            package[key] = value
    package.setdefault("title", default_title or target.data_set)
    package.setdefault("description", "")
    if target.jurisdiction != FORMATS:
        package["jurisdiction"] = target.jurisdiction
    package.setdefault("shared_as", "identified")
    package["updated"] = today
    package["resources"] = [resource(table) for table in imported.tables]
    return ordered_package(package)


def resource(table) -> dict[str, Any]:
    schema: dict[str, Any] = {}
    if table.missing_values is not None:
        schema["missingValues"] = table.missing_values
    if table.primary_key:
        schema["primaryKey"] = table.primary_key
    schema["fields"] = table.fields
    entry: dict[str, Any] = {"name": table.name, "title": table.title,
                             "path": table.path or f"{table.name}.csv"}
    if table.description:
        entry["description"] = table.description
    entry["schema"] = schema
    return entry


def ordered_package(package: dict[str, Any]) -> dict[str, Any]:
    rank = {key: i for i, key in enumerate(PACKAGE_ORDER)}
    return dict(sorted(package.items(), key=lambda item: rank.get(item[0], len(rank))))


def title_from_file_name(stem: str) -> str:
    words = " ".join(stem.replace("_", " ").replace("-", " ").split())
    return words[:1].upper() + words[1:]
