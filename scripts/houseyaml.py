"""YAML files written the way people write them, for the scripts that write term and dictionary files.

ruamel.yaml reads and writes a file as a round trip, so comments, field order, quoting and folding
stay as people wrote them; new values are folded within the line width and inserted where the
house order puts them. What a script writes must read back, with PyYAML as the build reads it, as
the values it meant (YAML 1.1 reads an unquoted `yes`, `01` or date as something else).
"""

from __future__ import annotations

import datetime
import io
import textwrap
from typing import Any, Sequence

import yaml
from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap
from ruamel.yaml.scalarstring import FoldedScalarString

WIDTH = 100  # the longest line people write in these files


def round_trip() -> YAML:
    """A ruamel handler in the house style (two-space mappings, list items indented by two)."""
    handler = YAML()
    handler.preserve_quotes = True
    handler.indent(mapping=2, sequence=4, offset=2)
    handler.width = 4096  # never re-wrap lines people wrote; folded text carries its own breaks
    return handler


def dump(document: Any, handler: YAML | None = None) -> str:
    buffer = io.StringIO()
    (handler or round_trip()).dump(document, buffer)
    return buffer.getvalue()


def folded(words: str, width: int) -> FoldedScalarString:
    """`>-` text broken into lines of at most `width` characters (`words` single-spaced)."""
    lines = textwrap.wrap(words, width=width, break_long_words=False, break_on_hyphens=False)
    text = FoldedScalarString(words)
    positions, offset = [], 0
    for line in lines[:-1]:
        offset += len(line)
        positions.append(offset)
        offset += 1
    text.fold_pos = positions
    return text


def insert_in_order(mapping: CommentedMap, key: str, value: Any, order: Sequence[str], *,
                    after_earlier: bool = False) -> None:
    """Set `key`, keeping its place if the mapping has it; a new key goes where `order` ranks it.

    By default that is before the first key ranked after it (last if none is, or if `order` lacks
    the key). With `after_earlier`, it is right after the last key ranked before it (first if none
    is): in a file whose keys are not in the house order, the new key then follows its predecessor.
    """
    if key in mapping:
        mapping[key] = value
        return
    rank = order.index(key) if key in order else len(order)
    if after_earlier:
        position = 0
        for index, existing in enumerate(mapping):
            if existing in order and order.index(existing) < rank:
                position = index + 1
    else:
        position = len(mapping)
        for index, existing in enumerate(mapping):
            if existing in order and order.index(existing) > rank:
                position = index
                break
    mapping.insert(position, key, value)


def comparable(value: Any, *, loose: bool = False) -> Any:
    """A value as two readings of it are compared: text with line breaks and runs of spaces folded
    into one space (folding a line is layout, not content). `loose` also reads a date as its ISO
    text, a key as text and a tuple as a list, as a spreadsheet's cells and a file's values meet."""
    if loose and isinstance(value, (datetime.date, datetime.datetime)):
        return value.isoformat()
    if isinstance(value, str):
        return " ".join(value.split())
    if isinstance(value, dict):
        return {(str(k) if loose else k): comparable(v, loose=loose) for k, v in value.items()}
    if isinstance(value, list) or (loose and isinstance(value, tuple)):
        return [comparable(v, loose=loose) for v in value]
    return value


def check_reads_back(text: str, meant: Any, *, loose: bool = False, what: str = "the intended values") -> None:
    """Raise ValueError unless the build (PyYAML) reads `text` as `meant`."""
    if comparable(yaml.safe_load(text), loose=loose) != comparable(meant, loose=loose):
        raise ValueError(f"the written YAML does not read back as {what}")
