"""Data dictionaries (dictionaries/<site>/<data-set>.yml, dictionaries/formats/<format>.yml).

Each file is a Frictionless Data Package (v1) descriptor whose tables carry Table Schema v1
fields, with this project's own properties (who holds the data, how it is shared, which shared
element and HIPAA identifier each column holds, code labels). Two checks read it: this
project's JSON Schema (the whole shape, with field and line) and the `frictionless` library
(the Data Package and Table Schema parts). Then the cross-checks: ids that must exist elsewhere,
and duplicate columns. Whether a column may be in the data set is the checker's question
(checker/dictionaryverdicts.py).
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any, Callable, Iterable, Sequence

from .fastschema import SchemaValidator
from .hints import did_you_mean
from .jurisdictions import JURISDICTIONS
from .problems import InvalidContent, Problem
from .datasetkinds import KIND_BY_SHARED_AS
from .schema import SCHEMAS_DIR, explain_error, field_label, read_schema
from .sharedelements import SharedElements
from .yamlsource import YamlDocument, parse_yaml

if TYPE_CHECKING:
    from ..buildcache import BuildCache

if TYPE_CHECKING:
    from .glossary import Glossary

DICTIONARIES_DIR = "dictionaries"  # repository-relative
FORMATS_FOLDER = "formats"  # published formats that are not one site's own
DICTIONARY_SCHEMA = SCHEMAS_DIR / "dictionary.schema.json"
DATA_SETS_DIR = "data-sets"  # where their pages go, docs-relative
MAX_DICTIONARY_BYTES = 1_000_000  # a 500-column table with code lists fits many times over


@dataclass(frozen=True)
class SourceSpec:
    title: str
    url: str
    version: str = ""


@dataclass(frozen=True)
class Column:
    table: str  # the resource's name
    name: str
    type: str
    where: tuple  # its path in the file, for line_of
    title: str = ""
    description: str = ""
    format: str = ""
    required: bool = False
    enum: tuple = ()
    codes: tuple[tuple[str, str], ...] = ()
    term: str | None = None
    element: str | None = None
    identifier: str | None = None  # as the file declares it: A-R or "none"
    reviewed: str = ""
    suggested: tuple[str, ...] = ()


@dataclass(frozen=True)
class Table:
    name: str
    path: str
    title: str
    description: str
    missing_values: tuple[str, ...]
    columns: tuple[Column, ...]


@dataclass(frozen=True, eq=False)
class DataSet:
    id: str
    folder: str  # a site id, or "formats"
    path: str  # repository-relative, for messages and edit links
    title: str
    description: str
    domain: str
    shared_as: str
    updated: str
    tables: tuple[Table, ...]
    descriptor: dict = field(repr=False)  # the file as read, for downloads
    jurisdiction: str | None = None
    agency: str = ""
    publisher: str = ""
    system: str = ""
    governed_by: tuple[str, ...] = ()
    source: SourceSpec | None = None
    illustration: bool = False
    line_of: Callable[[Sequence], int] = field(default=lambda where: 1, repr=False)  # line of a path in the file

    @property
    def columns(self) -> tuple[Column, ...]:
        return tuple(c for t in self.tables for c in t.columns)

    @property
    def is_format(self) -> bool:
        return self.folder == FORMATS_FOLDER

    @property
    def src_uri(self) -> str:
        return f"{DATA_SETS_DIR}/{self.folder}/{self.id}.md"

    @property
    def kind(self) -> str:
        """The matrix's name for how the data set is shared (identified, limited_data_set...)."""
        return KIND_BY_SHARED_AS[self.shared_as].key

    def column_name(self, column: Column) -> str:
        """How pages name a column: with its table when the data set has several."""
        return f"{column.table}.{column.name}" if len(self.tables) > 1 else column.name

    def column_label(self, column: Column) -> str:
        """How messages name a column: `<table>.<column>`, as schema messages do."""
        return f"{column.table}.{column.name}"


@dataclass(frozen=True)
class Dictionaries:
    data_sets: tuple[DataSet, ...]
    elements: SharedElements

    def __iter__(self):
        return iter(self.data_sets)

    def __len__(self) -> int:
        return len(self.data_sets)

    def by_folder(self) -> dict[str, list[DataSet]]:
        groups: dict[str, list[DataSet]] = {}
        for data_set in self.data_sets:
            groups.setdefault(data_set.folder, []).append(data_set)
        return groups

    def for_jurisdiction(self, jurisdiction: str) -> list[DataSet]:
        return [d for d in self.data_sets if d.folder == jurisdiction]

    def columns_for_term(self, term_id: str) -> list[tuple[DataSet, Column]]:
        """Columns that hold a term: named in the column, or through the column's shared element."""
        element_terms = {e.id: e.term for e in self.elements.elements}
        return [(d, c) for d in self.data_sets for c in d.columns
                if c.term == term_id or (c.element and element_terms.get(c.element) == term_id)]


@lru_cache(maxsize=None)
def _validator() -> SchemaValidator:
    return SchemaValidator(read_schema(DICTIONARY_SCHEMA))


@lru_cache(maxsize=None)
def _schema_bytes() -> bytes:
    return DICTIONARY_SCHEMA.read_bytes()


def dictionary_files(folder: Path) -> list[Path]:
    return sorted(p for p in folder.glob("*/*") if p.suffix in (".yml", ".yaml")) if folder.is_dir() else []


def load_dictionaries(folder: Path, repo_root: Path, elements: SharedElements,
                      glossary: "Glossary | None" = None, cache: "BuildCache | None" = None) -> Dictionaries:
    """Read and check every dictionary under `folder`; raise InvalidContent with every problem."""
    problems: list[Problem] = []
    data_sets: list[DataSet] = []
    stray = sorted(p for p in folder.glob("*") if p.is_file()) if folder.is_dir() else []
    for path in stray:
        problems.append(Problem(_display(path, repo_root), 1, "file",
                                f"belongs in a folder: {DICTIONARIES_DIR}/<site id>/ or {DICTIONARIES_DIR}/"
                                f"{FORMATS_FOLDER}/"))
    for path in dictionary_files(folder):
        display = _display(path, repo_root)
        try:
            data_sets.append(load_dictionary(path, display, elements, glossary, cache))
        except InvalidContent as error:
            problems += error.problems
    if problems:
        raise InvalidContent(problems)
    return Dictionaries(tuple(sorted(data_sets, key=lambda d: (d.folder, d.title.casefold()))), elements)


def load_dictionary(path: Path, display: str, elements: SharedElements, glossary: "Glossary | None" = None,
                    cache: "BuildCache | None" = None) -> DataSet:
    try:
        raw = path.read_bytes()
    except OSError as error:
        raise InvalidContent([Problem(display, 1, "file", f"cannot be read ({error.strerror})")]) from None
    lines = _Lines(raw, display)
    data, problems = _read_valid(raw, display, lines, cache)
    if data is None:
        raise InvalidContent(problems)
    problems = _cross_problems(path, display, data, lines, elements, glossary)
    if problems:
        raise InvalidContent(problems)
    lines.forget()
    return _data_set(path, display, data, lines.line_of)


class _Lines:
    """Lines of a file's values, from its node tree, composed only when a message needs one:
    composing costs more than the rest of reading a large dictionary."""

    def __init__(self, raw: bytes, display: str):
        self.raw, self.display = raw, display
        self._document: YamlDocument | None = None

    @property
    def document(self) -> YamlDocument | None:
        if self._document is None:
            self._document = parse_yaml(self.raw, self.display, max_bytes=MAX_DICTIONARY_BYTES,
                                        what="a data dictionary")[0]
        return self._document

    def line_of(self, where: Sequence) -> int:
        return self.document.line_of(list(where)) if self.document is not None else 1

    def forget(self) -> None:
        """Drop the node tree of a file found valid; a later message composes it again. Kept for
        the whole build, the trees of 100 large dictionaries (a million objects) made each of
        Python's full garbage collections slower, 1.4 s of a 3.6 s check."""
        self._document = None


def _read_valid(raw: bytes, display: str, lines: _Lines, cache: "BuildCache | None") -> tuple[Any, list[Problem]]:
    """The file's data when it parses and passes both schema checks, else None and the problems.

    A valid file's data is kept in the build cache by the digest of its bytes: parsing and the
    frictionless check cost about 0.3 s for a 200-column dictionary.
    """
    made: list[tuple[Any, list[Problem]]] = []

    def check() -> Any:
        made.append(_parse_and_validate(raw, display, lines))
        data, problems = made[0]
        return None if problems else data

    if cache is None:
        return _parse_and_validate(raw, display, lines)
    from ..buildcache import bytes_key

    # Keyed by the schema too: a file valid under yesterday's schema may not be under today's.
    key = bytes_key(raw + _schema_bytes())
    data = cache.get("dictionaries", key, check, lambda value: value is None or isinstance(value, dict))
    if made:
        return made[0]
    if data is None:
        return _parse_and_validate(raw, display, lines)  # it had problems: report them again
    return data, []


def _parse_and_validate(raw: bytes, display: str, lines: _Lines) -> tuple[Any, list[Problem]]:
    document, problems = parse_yaml(raw, display, max_bytes=MAX_DICTIONARY_BYTES, what="a data dictionary")
    if document is None:
        return None, problems
    lines._document = document
    data = document.data
    for error in _validator().iter_errors(data):
        for where, message in _schema_messages(error):
            problems.append(Problem(display, document.line_of(where), _label(data, where), message))
    if not problems:
        problems = _frictionless_problems(data, document, display)
    return (None if problems else data), problems


def _display(path: Path, repo_root: Path) -> str:
    try:
        return path.resolve().relative_to(repo_root.resolve()).as_posix()
    except ValueError:
        return path.as_posix()


def _label(data: Any, where: list) -> str:
    """`client.SSN.identifier` rather than `resources[0].schema.fields[6].identifier`."""
    if len(where) >= 5 and where[0] == "resources" and where[2:4] == ["schema", "fields"]:
        try:
            table = data["resources"][where[1]]
            column = table["schema"]["fields"][where[4]]
            prefix = f"{table.get('name', where[1])}.{column.get('name', where[4])}"
            return prefix + ("." + field_label(where[5:]) if len(where) > 5 else "")
        except (IndexError, KeyError, TypeError, AttributeError):
            pass
    return field_label(where)


def _schema_messages(error) -> list[tuple[list, str]]:
    """The term schema's wording (schema.explain_error), with two messages of this file's own."""
    where = list(error.absolute_path)
    if error.validator == "not" and where and where[-1] in ("example", "examples"):
        return [(where, "never store sample values: they could be protected information; describe the values "
                        "instead")]
    if error.validator == "additionalProperties":  # one message for the mapping, naming every stray field
        allowed = list(error.schema.get("properties", {}))
        extra = sorted(set(error.instance) - set(allowed), key=str)
        hints = "".join(did_you_mean(str(name), allowed) for name in extra)
        return [(where, f"unknown field{'s' if len(extra) > 1 else ''} {', '.join(map(repr, extra))}{hints}")]
    return [(path, message) for path, _, message in explain_error(error)]


def _frictionless_problems(data: dict, document: YamlDocument, display: str) -> list[Problem]:
    """The Data Package and Table Schema checks of the maintained library, on the file's own shape."""
    if _frictionless_accepts(data):
        return []
    from frictionless import Package  # imported here: 0.2 s that only dictionaries need

    report = Package.validate_descriptor(data)
    if report.valid:
        return []
    return [Problem(display, document.line_of(["resources"]), "resources",
                    f"not a valid Data Package (frictionless): {error.message}") for error in report.errors]


# Column properties whose value cannot change frictionless's verdict on a column once this project's
# schema has passed: frictionless only checks that name, title and description are text (the schema
# makes them so), and it does not read the project's own properties.
_NOT_JUDGED = frozenset({"name", "title", "description", "term", "element", "identifier", "codes", "reviewed",
                         "suggested"})
_SOME_NAME = "column"  # the name every column shape is checked under


def _frictionless_accepts(data: dict) -> bool:
    """True when `Package.validate_descriptor(data)` would certainly find nothing; False when it
    might (then it runs, and every message still comes from it).

    frictionless checks each column on its own, at about 0.1 ms a column, and finds the same in
    every column of one shape: so each distinct shape (the column without the properties above)
    is checked once, as a one-column Table Schema, and the package itself with one column a table
    (and those its primary key names). What frictionless checks across columns (names unique,
    primary key among them) is checked here on every column; foreign keys and profiles, which
    this leaves to frictionless, send the file to the full check.
    """
    if "profile" in data:
        return False
    resources = []
    for resource in data["resources"]:
        schema = resource["schema"]
        if "profile" in resource or "foreignKeys" in schema:
            return False
        fields = schema["fields"]
        names = [field["name"] for field in fields]
        key = schema.get("primaryKey", [])
        key = [key] if isinstance(key, str) else key
        if len(set(names)) != len(names) or not set(key) <= set(names):
            return False
        if not all(_column_shape_accepted(field) for field in fields):
            return False
        kept = [field for index, field in enumerate(fields) if index == 0 or field["name"] in key]
        resources.append({**resource, "schema": {**schema, "fields": kept}})
    from frictionless import Package

    return Package.validate_descriptor({**data, "resources": resources}).valid


_ACCEPTED_SHAPES: dict[str, bool] = {}  # a column shape as JSON -> frictionless accepts it


def _column_shape_accepted(field: dict) -> bool:
    shape = {name: value for name, value in field.items() if name not in _NOT_JUDGED}
    shape["name"] = _SOME_NAME
    try:
        key = json.dumps(shape, sort_keys=True, allow_nan=True)
    except (TypeError, ValueError):  # not a JSON value: let frictionless judge the whole file
        return False
    if key not in _ACCEPTED_SHAPES:
        from frictionless import Schema

        _ACCEPTED_SHAPES[key] = Schema.validate_descriptor({"fields": [shape]}).valid
    return _ACCEPTED_SHAPES[key]


def _cross_problems(path: Path, display: str, data: dict, lines: _Lines, elements: SharedElements,
                    glossary: "Glossary | None") -> list[Problem]:
    problems: list[Problem] = []

    def add(where: list, message: str) -> None:
        problems.append(Problem(display, lines.line_of(where), _label(data, where), message))

    folder = path.parent.name
    if data["name"] != path.stem:
        add(["name"], f"'{data['name']}' must be the file's name, '{path.stem}'")
    if folder == FORMATS_FOLDER:
        if "jurisdiction" in data:
            add(["jurisdiction"], f"a published format under {DICTIONARIES_DIR}/{FORMATS_FOLDER}/ belongs to no "
                                  "site; move the file to the site's folder or remove the field")
        if "source" not in data:
            add(["source"], "a published format needs its specification: source with title, url and version")
    elif folder not in JURISDICTIONS:
        add([], f"the folder '{folder}' is not a site id{did_you_mean(folder, [*JURISDICTIONS, FORMATS_FOLDER])}; "
                f"use {DICTIONARIES_DIR}/<site id>/ (one of: {', '.join(JURISDICTIONS)}) or "
                f"{DICTIONARIES_DIR}/{FORMATS_FOLDER}/")
    elif data.get("jurisdiction") is None:
        add([], f"jurisdiction is required but missing; this file's folder says '{folder}'")
    elif data["jurisdiction"] != folder:
        hint = did_you_mean(data["jurisdiction"], JURISDICTIONS) if data["jurisdiction"] not in JURISDICTIONS else ""
        add(["jurisdiction"], f"'{data['jurisdiction']}' is not this file's folder, '{folder}'{hint}")
    if glossary is not None:
        for index, term in enumerate(data.get("governed_by", [])):
            if term not in glossary:
                add(["governed_by", index], f"unknown or unpublished term '{term}'"
                                            + did_you_mean(term, [t.id for t in glossary]))
    tables = [t["name"] for t in data["resources"]]
    for t_index, table in enumerate(data["resources"]):
        if tables.index(table["name"]) != t_index:
            add(["resources", t_index, "name"], f"a table named '{table['name']}' is already listed")
        names: dict[str, list] = {}
        for c_index, column in enumerate(table["schema"]["fields"]):
            where = ["resources", t_index, "schema", "fields", c_index]
            key = column["name"].strip().casefold()
            if key in names:
                add(where + ["name"], f"column '{column['name']}' appears twice in table '{table['name']}' "
                                      f"(first at line {lines.line_of(names[key])})")
            else:
                names[key] = where + ["name"]
            _check_column(column, where, add, elements, glossary)
    return problems


def _check_column(column: dict, where: list, add, elements: SharedElements, glossary: "Glossary | None") -> None:
    term, element = column.get("term"), column.get("element")
    if term and glossary is not None and term not in glossary:
        add(where + ["term"], f"unknown or unpublished term '{term}'" + did_you_mean(term, [t.id for t in glossary]))
    if element and element not in elements:
        ids = [e.id for e in elements.elements]
        add(where + ["element"], f"unknown shared element '{element}'" + (
            did_you_mean(element, ids) or (f"; known elements are in data/shared-elements.yml" if ids
                                           else "; this site has no data/shared-elements.yml")))
    for name in column.get("suggested", []):
        if name not in column:
            add(where + ["suggested"], f"lists '{name}' as suggested, but the column has no {name}")
    enum = column.get("constraints", {}).get("enum")
    codes = column.get("codes")
    if enum and codes:
        allowed = {str(v) for v in enum}
        unknown = [code for code in codes if str(code) not in allowed]
        if unknown:
            add(where + ["codes"], f"code{'s' if len(unknown) > 1 else ''} {', '.join(map(repr, unknown))} "
                                   "not in constraints.enum; list every code in both, or drop the enum")


def _data_set(path: Path, display: str, data: dict, line_of: Callable[[Sequence], int]) -> DataSet:
    tables = []
    for t_index, table in enumerate(data["resources"]):
        columns = []
        for c_index, raw in enumerate(table["schema"]["fields"]):
            constraints = raw.get("constraints", {})
            columns.append(Column(
                table=table["name"], name=raw["name"].strip(), type=raw["type"],
                where=("resources", t_index, "schema", "fields", c_index),
                title=raw.get("title", ""), description=raw.get("description", ""), format=raw.get("format", ""),
                required=bool(constraints.get("required")), enum=tuple(constraints.get("enum", ())),
                codes=tuple((str(k), str(v)) for k, v in (raw.get("codes") or {}).items()),
                term=raw.get("term"), element=raw.get("element"), identifier=raw.get("identifier"),
                reviewed=raw.get("reviewed", ""), suggested=tuple(raw.get("suggested", ()))))
        tables.append(Table(name=table["name"], path=table["path"], title=table.get("title", table["path"]),
                            description=table.get("description", ""),
                            missing_values=tuple(table["schema"].get("missingValues", ())),
                            columns=tuple(columns)))
    source = data.get("source")
    return DataSet(
        id=data["name"], folder=path.parent.name, path=display, title=data["title"],
        description=data["description"], domain=data["domain"], shared_as=data["shared_as"],
        updated=data["updated"], tables=tuple(tables), descriptor=data,
        jurisdiction=data.get("jurisdiction"), agency=data.get("agency", ""), publisher=data.get("publisher", ""),
        system=data.get("system", ""), governed_by=tuple(data.get("governed_by", ())),
        source=SourceSpec(source["title"], source["url"], source.get("version", "")) if source else None,
        illustration=bool(data.get("illustration")), line_of=line_of,
    )


def all_columns(dictionaries: Iterable[DataSet]) -> Iterable[tuple[DataSet, Column]]:
    return ((d, c) for d in dictionaries for c in d.columns)
