"""Write a dictionary file, or merge an import into one, keeping what people wrote by hand.

ruamel.yaml reads and writes the existing file as a round trip (scripts/houseyaml.py, shared with
the term forms), so comments, quoting and order stay. A merge takes the spreadsheet's word for the
technical shape of each column (title, type, format, required) and keeps the file's hand-written
fields (description, term, codes, reviewed, and an element or identifier a person approved); it
reports what it kept where the spreadsheet says otherwise. Suggestions not yet approved are
replaced by the new ones.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from typing import Any

import yaml
from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.scalarstring import DoubleQuotedScalarString, LiteralScalarString

from houseyaml import WIDTH, check_reads_back, comparable, dump, folded, insert_in_order, round_trip

from .descriptor import PACKAGE_ORDER
from .reading import FIELD_ORDER, UNKNOWN_TYPE

SCHEMA_COMMENT = "yaml-language-server: $schema=../../schemas/dictionary.schema.json"
FLOW_KEYS = ("suggested", "missingValues", "governed_by", "primaryKey", "constraints", "enum", "source")
FOLDED_KEYS = ("description", "reviewed")
RESOURCE_ORDER = ("name", "title", "path", "description", "schema")
SCHEMA_ORDER = ("missingValues", "primaryKey", "fields")
IMPORT_DECIDES = ("title", "type", "format")  # the spreadsheet is the authority on these
HAND_WRITTEN = ("description", "term", "codes", "reviewed")  # the file keeps these once written
APPROVABLE = ("element", "identifier")  # the file keeps these unless they are only suggested


class MergeError(Exception):
    """The existing file cannot be merged into (not a dictionary); the message says why."""


def new_dictionary_text(descriptor: dict[str, Any]) -> str:
    document = _styled(descriptor, "")
    document.yaml_set_start_comment(SCHEMA_COMMENT)
    text = dump(document)
    check_reads_back(text, descriptor, loose=True, what="the imported values")  # the build reads what was meant
    return text


@dataclass
class Merge:
    text: str
    changes: list[str] = field(default_factory=list)
    kept: list[str] = field(default_factory=list)

    @property
    def changed(self) -> bool:
        return bool(self.changes)


def merge_dictionary(existing: str, imported: dict[str, Any], provided: dict[str, frozenset[str]],
                     package_overrides: dict[str, Any], today: datetime.date) -> Merge:
    """The existing file with the import merged in, the per-column differences, and what was kept.

    `provided` gives, per table, the roles its sheet had a column for: a role the sheet lacks
    changes nothing (a sheet without a title column keeps every title).
    """
    handler = round_trip()  # the house style (the spec's example); a file in another style is re-indented
    try:
        document = handler.load(existing)
        before = yaml.safe_load(existing)
    except Exception as error:  # ruamel and PyYAML raise many kinds  # noqa: BLE001
        raise MergeError(f"cannot be read as YAML ({error.__class__.__name__}: {error})") from None
    if not isinstance(document, CommentedMap) or not isinstance(document.get("resources"), list):
        raise MergeError("is not a data dictionary (no `resources` list)")
    merge = Merge("")
    for key, value in package_overrides.items():
        if value not in (None, "") and document.get(key) != value:
            insert_in_order(document, key, _styled(value, key), PACKAGE_ORDER)
    resources = document["resources"]
    by_name = {r.get("name"): r for r in resources if isinstance(r, dict)}
    for entry in imported["resources"]:
        old = by_name.get(entry["name"])
        if old is None:
            resources.append(_styled(entry, "resource"))
            continue
        schema = old.setdefault("schema", CommentedMap())
        old_fields = {f.get("name"): f for f in schema.get("fields") or [] if isinstance(f, dict)}
        fields = CommentedSeq()
        for column in entry["schema"]["fields"]:
            existing_column = old_fields.get(column["name"])
            if existing_column is None:
                fields.append(_styled(column, "field"))
            else:
                where = f"table {entry['name']}, column {column['name']}"
                fields.append(_merge_column(existing_column, column, provided.get(entry["name"], frozenset()),
                                            where, merge.kept))
        schema["fields"] = fields
    names = [r["name"] for r in imported["resources"]]
    merge.kept += [f"table {name}: not in the spreadsheet, so kept as it is (remove it by hand if it is gone)"
                   for name in kept_tables(before, names)]
    after_data = yaml.safe_load(dump(document, handler))
    merge.changes = describe_changes(before, after_data)
    if merge.changes and document.get("updated") != today:
        insert_in_order(document, "updated", today, PACKAGE_ORDER)
        merge.changes.append(f"updated: {before.get('updated')} -> {today.isoformat()}")
    merge.text = dump(document, handler) if merge.changes else existing
    return merge


def _merge_column(old: CommentedMap, new: dict[str, Any], provided: frozenset[str], where: str,
                  kept: list[str]) -> CommentedMap:
    for key in IMPORT_DECIDES:
        if key not in provided and not (key == "format" and "type" in provided):
            continue  # the sheet has no such column: it says nothing about this field
        if key in new:
            if key == "type" and new[key] == UNKNOWN_TYPE and key in old:
                continue  # a type cell the importer could not read does not undo a known type
            if old.get(key) != new[key]:
                insert_in_order(old, key, _styled(new[key], key), FIELD_ORDER)
        elif key in old and key in provided:  # the sheet has the column and the cell is empty
            del old[key]
    _merge_constraints(old, new, provided)
    for key in HAND_WRITTEN:
        if key in old:
            if key in new and _plain(new[key]) != _plain(old[key]):
                kept.append(f"{where}: {key} (the spreadsheet says otherwise)")
        elif key in new:
            insert_in_order(old, key, _styled(new[key], key), FIELD_ORDER)
    old_suggested = [s for s in old.get("suggested") or []]
    suggested = [s for s in old_suggested if s not in APPROVABLE]
    for key in APPROVABLE:
        if key in old and key not in old_suggested:  # a person approved it
            if key in new and new[key] != old[key]:
                kept.append(f"{where}: {key} {old[key]} (the spreadsheet says {new[key]})")
            continue
        if key in new:
            if old.get(key) != new[key]:
                insert_in_order(old, key, _styled(new[key], key), FIELD_ORDER)
            if key in (new.get("suggested") or []):
                suggested.append(key)
        elif key in old:
            del old[key]
    if suggested:
        if list(old.get("suggested") or []) != suggested:
            insert_in_order(old, "suggested", _styled(suggested, "suggested"), FIELD_ORDER)
    elif "suggested" in old:
        del old["suggested"]
    return old


def _merge_constraints(old: CommentedMap, new: dict[str, Any], provided: frozenset[str]) -> None:
    wanted = new.get("constraints") or {}
    constraints = old.get("constraints")
    sheet_tells_required = "required" in provided or "optional" in provided  # else it keeps the file's
    if sheet_tells_required and "required" not in wanted and isinstance(constraints, dict):
        constraints.pop("required", None)
    updates = {key: wanted[key] for key in ("required", "maxLength")
               if key in wanted and (key != "required" or sheet_tells_required)}
    if updates and not isinstance(constraints, dict):
        constraints = _styled({}, "constraints")
        insert_in_order(old, "constraints", constraints, FIELD_ORDER)
    for key, value in updates.items():
        if constraints.get(key) != value:  # an unchanged value keeps how the file wrote it
            constraints[key] = value
    if isinstance(constraints, dict) and not constraints:
        del old["constraints"]


def describe_changes(before: dict, after: dict) -> list[str]:
    """One line per added, removed or changed column or field, table by table."""
    lines: list[str] = []
    for key in PACKAGE_ORDER:
        if key not in ("resources", "updated") and _plain(before.get(key)) != _plain(after.get(key)):
            lines.append(f"{key}: {_show(before.get(key))} -> {_show(after.get(key))}")
    old_tables = {r.get("name"): r for r in before.get("resources") or [] if isinstance(r, dict)}
    for entry in after.get("resources") or []:
        name = entry.get("name")
        if name not in old_tables:
            count = len(((entry.get("schema") or {}).get("fields")) or [])
            lines.append(f"+ table {name} (added, {count} column{'s' if count != 1 else ''})")
            continue
        old_columns = {c.get("name"): c for c in (old_tables[name].get("schema") or {}).get("fields") or []}
        new_columns = {c.get("name"): c for c in (entry.get("schema") or {}).get("fields") or []}
        for column, values in new_columns.items():
            if column not in old_columns:
                lines.append(f"+ table {name}, column {column} (added)")
                continue
            for key in sorted(set(values) | set(old_columns[column]), key=_field_rank):
                old_value, new_value = old_columns[column].get(key), values.get(key)
                if _plain(old_value) != _plain(new_value):
                    lines.append(f"~ table {name}, column {column}: {key}: {_show(old_value)} -> {_show(new_value)}")
        for column in old_columns:
            if column not in new_columns:
                lines.append(f"- table {name}, column {column} (removed: not in the spreadsheet)")
        if list(old_columns) != list(new_columns) and set(old_columns) == set(new_columns):
            lines.append(f"~ table {name}: columns reordered as in the spreadsheet")
    return lines


def kept_tables(before: dict, tables: list[str]) -> list[str]:
    """Tables of the file the spreadsheet does not have: they stay (remove them by hand if gone)."""
    return [r.get("name") for r in before.get("resources") or [] if isinstance(r, dict) and r.get("name") not in tables]


# -- styles ---------------------------------------------------------------------------------------

def _styled(value: Any, key: str) -> Any:
    """House style: short lists and constraints inline, code labels quoted, long text folded."""
    if isinstance(value, dict):
        mapping = CommentedMap()
        order = _order_for(key)
        items = sorted(value.items(), key=lambda item: order.index(item[0]) if item[0] in order else len(order))
        for name, item in items:
            if key == "codes":
                mapping[DoubleQuotedScalarString(str(name))] = DoubleQuotedScalarString(str(item))
            else:
                mapping[name] = _styled(item, _child_key(key, name))
        if key in FLOW_KEYS:
            mapping.fa.set_flow_style()
        return mapping
    if isinstance(value, list):
        seq = CommentedSeq(_styled(item, _child_key(key, "")) for item in value)
        if key in FLOW_KEYS:
            seq.fa.set_flow_style()
        return seq
    if isinstance(value, str):
        return _string(value, key)
    return value


def _child_key(parent: str, name: str) -> str:
    if parent == "" and name == "resources":
        return "resource"
    if parent == "resource" and name == "schema":
        return "schema"
    if parent == "schema" and name == "fields":
        return "field"
    if parent in ("resource", "field") and name == "":
        return parent
    return name if name else parent


def _order_for(key: str) -> tuple[str, ...]:
    return {"": PACKAGE_ORDER, "resource": RESOURCE_ORDER, "schema": SCHEMA_ORDER, "field": FIELD_ORDER}.get(key, ())


def _string(text: str, key: str) -> Any:
    if "\n" in text.strip():
        return LiteralScalarString(text.strip() + "\n")
    if key in FOLDED_KEYS and len(text) > WIDTH - 20 and text == " ".join(text.split()):
        return folded(text, WIDTH - 8)
    try:
        plain = yaml.safe_load(text) == text and text == text.strip()
    except yaml.YAMLError:
        plain = False
    # PyYAML (YAML 1.1) reads `Yes`, `No`, `01` and dates as other types: quote what it would misread.
    return text if plain and not text.startswith(("'", '"')) else DoubleQuotedScalarString(text)


def _field_rank(key: str) -> int:
    return FIELD_ORDER.index(key) if key in FIELD_ORDER else len(FIELD_ORDER)


def _plain(value: Any) -> Any:
    """Values as a sheet's cells and the file's meet: dates as ISO text, text without fold breaks."""
    return comparable(value, loose=True)


def _show(value: Any) -> str:
    if value is None:
        return "(none)"
    text = str(_plain(value))
    return text if len(text) <= 60 else text[:57] + "..."
