"""The shared data elements (data/shared-elements.yml): what data dictionaries map their columns
to, so one element can be compared across many local column names, and which elements together
let two data sets be linked."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

from .fastschema import SchemaValidator
from .problems import InvalidContent, Problem
from .schema import SCHEMAS_DIR, explain_error, field_label, read_schema
from .yamlsource import read_yaml

if TYPE_CHECKING:
    from .glossary import Glossary

SHARED_ELEMENTS_FILE = "data/shared-elements.yml"  # repository-relative
SHARED_ELEMENTS_SCHEMA = SCHEMAS_DIR / "shared-elements.schema.json"


@dataclass(frozen=True)
class SharedElement:
    id: str
    name: str
    definition: str
    linkage: str  # direct | within-system | supporting | none
    identifier: str | None = None  # HIPAA Safe Harbor letter
    term: str | None = None
    formats_seen: tuple[str, ...] = ()

    @property
    def is_key(self) -> bool:
        return self.linkage != "none"


@dataclass(frozen=True)
class LinkageRule:
    kind: str  # deterministic | probabilistic
    label: str
    needs: tuple[str, ...]
    same_system: bool = False


@dataclass(frozen=True)
class SharedElements:
    title: str
    introduction: str
    elements: tuple[SharedElement, ...]
    linkage_rules: tuple[LinkageRule, ...]
    path: str

    def __contains__(self, element_id: str) -> bool:
        return any(e.id == element_id for e in self.elements)

    def __getitem__(self, element_id: str) -> SharedElement:
        return self.by_id()[element_id]

    def by_id(self) -> dict[str, SharedElement]:
        return {e.id: e for e in self.elements}


NO_ELEMENTS = SharedElements("Shared data elements", "", (), (), SHARED_ELEMENTS_FILE)


@lru_cache(maxsize=None)
def _validator() -> SchemaValidator:
    return SchemaValidator(read_schema(SHARED_ELEMENTS_SCHEMA))


def load_shared_elements(file: Path, display: str, glossary: "Glossary | None" = None) -> SharedElements:
    """Load and check the file; a site without one has no elements. Raise InvalidContent."""
    if not file.exists():
        return NO_ELEMENTS
    document, problems = read_yaml(file, display)
    if document is None:
        raise InvalidContent(problems)
    for error in _validator().iter_errors(document.data):
        for path, label, message in explain_error(error):
            problems.append(Problem(display, document.line_of(path), label, message))
    if problems:
        raise InvalidContent(problems)
    data = document.data
    ids = [row["id"] for row in data["elements"]]
    for index, row in enumerate(data["elements"]):
        where = ["elements", index]
        if ids.count(row["id"]) > 1 and ids.index(row["id"]) != index:
            problems.append(Problem(display, document.line_of(where + ["id"]), field_label(where + ["id"]),
                                    f"'{row['id']}' appears more than once"))
        term = row.get("term")
        if term and glossary is not None and term not in glossary:
            problems.append(Problem(display, document.line_of(where + ["term"]), field_label(where + ["term"]),
                                    f"unknown or unpublished term '{term}'"))
    for index, rule in enumerate(data["linkage_rules"]):
        for position, needed in enumerate(rule["needs"]):
            if needed not in ids:
                where = ["linkage_rules", index, "needs", position]
                problems.append(Problem(display, document.line_of(where), field_label(where),
                                        f"unknown element '{needed}'"))
    if problems:
        raise InvalidContent(problems)
    return SharedElements(
        title=data["title"], introduction=data["introduction"], path=display,
        elements=tuple(SharedElement(id=row["id"], name=row["name"], definition=row["definition"],
                                     linkage=row["linkage"], identifier=row.get("identifier"),
                                     term=row.get("term"), formats_seen=tuple(row.get("formats_seen", ())))
                       for row in data["elements"]),
        linkage_rules=tuple(LinkageRule(kind=r["kind"], label=r["label"], needs=tuple(r["needs"]),
                                        same_system=bool(r.get("same_system")))
                            for r in data["linkage_rules"]),
    )
