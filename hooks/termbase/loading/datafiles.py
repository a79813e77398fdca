"""Data files behind generated reference pages (the HIPAA data-element matrix)."""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

from .columnpatterns import column_rule_problems
from .fastschema import SchemaValidator
from .problems import InvalidContent, Problem
from .schema import SCHEMAS_DIR, field_label, read_schema
from .yamlsource import read_yaml

if TYPE_CHECKING:
    from .glossary import Glossary

DATA_ELEMENTS_FILE = "data/data-elements.yml"  # repository-relative
MATRIX_PAGE = "reference/data-elements.md"  # the page made from it: the data-element matrix
DATA_ELEMENTS_SCHEMA = SCHEMAS_DIR / "data-elements.schema.json"


@dataclass(frozen=True)
class Rule:
    allowed: str  # yes | no | partly
    condition: str = ""
    citation: str = ""


@dataclass(frozen=True)
class DataElement:
    letter: str
    element: str
    term: str | None
    safe_harbor_citation: str
    identified: Rule
    limited_data_set: Rule
    de_identified: Rule
    column_patterns: tuple[dict, ...] = ()  # for the data-set checker (checker/columnrules.py)


@dataclass(frozen=True)
class DataElementMatrix:
    title: str
    introduction: str
    elements: tuple[DataElement, ...]
    path: str
    column_names: dict = field(default_factory=dict)  # the checker's shared vocabulary, if any


@lru_cache(maxsize=None)
def _validator() -> SchemaValidator:
    return SchemaValidator(read_schema(DATA_ELEMENTS_SCHEMA))


def _message(error) -> str:
    # The checker's words must be written the way names are split: say so in plain words.
    if error.validator == "pattern" and str(error.validator_value).startswith("^(@[a-z_]+|"):
        return (f"'{error.instance}' must be lower-case words (a-z, 0-9) separated by single spaces, "
                "or '@' and a word list's name")
    return error.message


def load_data_elements(file: Path, repo_root: Path, glossary: "Glossary | None" = None) -> DataElementMatrix:
    """Load and validate the matrix; raise InvalidContent naming the file, field and line."""
    display = file.resolve().relative_to(repo_root.resolve()).as_posix() if file.is_absolute() else file.as_posix()
    if not file.exists():
        raise InvalidContent([Problem(display, 1, "file", "data file not found")])
    document, problems = read_yaml(file, display)
    if document is None:
        raise InvalidContent(problems)
    for error in _validator().iter_errors(document.data):
        path = list(error.absolute_path)
        problems.append(Problem(display, document.line_of(path), field_label(path), _message(error)))
    if problems:
        raise InvalidContent(problems)
    data = document.data
    letters = [row["letter"] for row in data["elements"]]
    for index, row in enumerate(data["elements"]):
        if letters.count(row["letter"]) > 1:
            problems.append(Problem(display, document.line_of(["elements", index, "letter"]),
                                    f"elements[{index}].letter", f"'{row['letter']}' appears more than once"))
        term = row.get("term")
        if term and glossary is not None and term not in glossary:
            problems.append(Problem(display, document.line_of(["elements", index, "term"]),
                                    f"elements[{index}].term", f"unknown or unpublished term '{term}'"))
    problems += column_rule_problems(data, document.line_of, display, glossary)
    if problems:
        raise InvalidContent(problems)
    return DataElementMatrix(
        title=data["title"],
        introduction=data["introduction"],
        path=display,
        column_names=data.get("column_names") or {},
        elements=tuple(
            DataElement(
                letter=row["letter"], element=row["element"], term=row.get("term"),
                safe_harbor_citation=row["safe_harbor_citation"],
                identified=Rule(**row["identified"]),
                limited_data_set=Rule(**row["limited_data_set"]),
                de_identified=Rule(**row["de_identified"]),
                column_patterns=tuple(row.get("column_patterns", ())),
            )
            for row in sorted(data["elements"], key=lambda r: r["letter"])
        ),
    )
