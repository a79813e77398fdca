"""Write a term file the way people write them: new files in the house style, changed files
with only the changed fields touched (comments, field order, quoting and folding kept).

ruamel.yaml reads and writes the file as a round trip (scripts/houseyaml.py, shared with the
dictionary importer); every file of the glossary comes back
byte for byte when nothing changes (a test checks that).
"""

from __future__ import annotations

from typing import Any, Mapping

import yaml
from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.scalarstring import LiteralScalarString

from houseyaml import WIDTH, check_reads_back, dump, folded, insert_in_order, round_trip
from termbase.loading.schema import known_fields

SCHEMA_COMMENT = "yaml-language-server: $schema=../schemas/term.schema.json"
# The order people write fields in (as scripts/new_term.py's template); schema fields not listed
# here follow in the schema's order.
HOUSE_ORDER = ("term", "aliases", "definition", "plain", "status", "replaced_by", "tags", "related", "broader",
               "narrower", "confused_with", "notes", "includes", "governed_by", "use_when", "sources", "local_usage",
               "redirect_from", "autolink")
FLOW_LISTS = ("aliases", "tags", "related", "broader", "narrower", "confused_with", "redirect_from")


def new_term_text(fields: Mapping[str, Any]) -> str:
    """A new term file: the editor schema line, then fields in the schema's order."""
    document = CommentedMap()
    for key in _field_order():
        if key in fields:
            document[key] = _styled(key, fields[key])
    document.yaml_set_start_comment(SCHEMA_COMMENT)
    return _dump(document, fields)


def changed_term_text(original: str, set_fields: Mapping[str, Any], additions: Mapping[str, list]) -> str:
    """The original file with `set_fields` replaced and `additions` appended to their lists.

    A field the file does not have yet is inserted where the schema orders it.
    """
    document = round_trip().load(original)
    if not isinstance(document, CommentedMap):
        raise ValueError("the term file is not a mapping")
    expected = {key: value for key, value in yaml.safe_load(original).items()}
    for key, value in set_fields.items():
        _put(document, key, _styled(key, value))
        expected[key] = value
    for key, items in additions.items():
        if key in document and isinstance(document[key], list):
            for item in items:
                document[key].append(_styled_item(key, item))
        else:
            _put(document, key, _styled(key, list(items)))
        expected[key] = list(expected.get(key) or []) + list(items)
    return _dump(document, expected)


def _put(document: CommentedMap, key: str, value: Any) -> None:
    # Right after the last field that comes before it, so that a file whose fields are not in
    # the house order (search_terms before the definition) gets `plain` after its definition.
    insert_in_order(document, key, value, _field_order(), after_earlier=True)


def _field_order() -> list[str]:
    return [*HOUSE_ORDER, *(f for f in known_fields() if f not in HOUSE_ORDER)]


def _styled(key: str, value: Any) -> Any:
    """House style: short lists inline, definitions folded, notes as a literal block."""
    if isinstance(value, list):
        seq = CommentedSeq(_styled_item(key, item) for item in value)
        if key in FLOW_LISTS:
            seq.fa.set_flow_style()
        return seq
    if isinstance(value, str) and key in ("definition", "plain", "includes", "use_when"):
        return _folded(value)
    if isinstance(value, str) and key == "notes":
        return LiteralScalarString(value + "\n")
    if isinstance(value, dict) and key == "translations":
        return _translations(value)
    return value


def _translations(translations: Mapping[str, Mapping[str, Any]]) -> CommentedMap:
    """`translations` in the style of the rest: texts folded within the line width at their depth,
    other names inline, sources one mapping a line."""
    languages = CommentedMap()
    for language, fields in translations.items():
        mapping = CommentedMap()
        for name, value in fields.items():
            if name in ("definition", "plain") and isinstance(value, str):
                mapping[name] = _folded(value, indent=6)
            elif name == "aliases" and isinstance(value, list):
                mapping[name] = CommentedSeq(value)
                mapping[name].fa.set_flow_style()
            elif name == "sources" and isinstance(value, list):
                mapping[name] = CommentedSeq(CommentedMap(source) for source in value)
            else:
                mapping[name] = value
        languages[language] = mapping
    return languages


def _styled_item(key: str, item: Any) -> Any:
    if isinstance(item, dict):
        mapping = CommentedMap()
        for name, value in item.items():
            if isinstance(value, dict):  # a source inside local usage: {title: ..., url: ...}
                inner = CommentedMap(value)
                inner.fa.set_flow_style()
                value = inner
            mapping[name] = value
        return mapping
    return item


def _folded(text: str, indent: int = 2) -> Any:
    """`>-` with lines broken at WIDTH (counting the `indent` of the text's lines), as people write
    definitions; plain text when it has paragraphs."""
    if "\n\n" in text.strip():
        return LiteralScalarString(text.strip() + "\n")
    return folded(" ".join(text.split()), WIDTH - indent)


def _dump(document: CommentedMap, expected: Mapping[str, Any]) -> str:
    text = dump(document)
    # Belt and braces: what the build will read must be exactly what the form asked for.
    check_reads_back(text, dict(expected))
    return text
