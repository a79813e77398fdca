"""Read one YAML file safely: size limit, strict UTF-8, safe tags only, no anchors or aliases.

Returns the data with the node tree, so any later check can report the line of a field.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Sequence

import yaml

from ..buildcache import BuildCache, bytes_key
from .problems import Problem

try:  # The C loader is ten times faster; fall back when libyaml is missing.
    from yaml import CSafeLoader as _BaseLoader
except ImportError:  # pragma: no cover - depends on the PyYAML build
    from yaml import SafeLoader as _BaseLoader  # type: ignore[assignment]


class SafeLoader(_BaseLoader):
    """Dates stay text (as in YAML 1.2 and editors): checks then read them, with a line to report,
    instead of PyYAML failing on `2026-02-30` without one."""

    yaml_implicit_resolvers = {
        first: [(tag, pattern) for tag, pattern in resolvers if tag != "tag:yaml.org,2002:timestamp"]
        for first, resolvers in _BaseLoader.yaml_implicit_resolvers.items()
    }

MAX_BYTES = 100_000
# What HTML and XML cannot hold (outside XML 1.0's characters): YAML's reader refuses them raw, but a
# double-quoted escape ("\0", "\x07", "\ud800") makes one, and no page could show it.
_NOT_TEXT = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


@dataclass(frozen=True)
class YamlDocument:
    data: Any
    node: yaml.Node

    def line_of(self, path: Sequence[str | int]) -> int:
        """1-based line of the value at `path` (keys and list indexes); the closest parent if absent."""
        node = self.node
        for step in path:
            child = _child(node, step)
            if child is None:
                break
            node = child
        return node.start_mark.line + 1

    def key_line(self, key: str) -> int:
        """Line of a top-level key (where a reader looks for the field)."""
        if isinstance(self.node, yaml.MappingNode):
            for k, _ in self.node.value:
                if k.value == key:
                    return k.start_mark.line + 1
        return 1

    def key_lines(self) -> dict[str, int]:
        if not isinstance(self.node, yaml.MappingNode):
            return {}
        return {str(k.value): k.start_mark.line + 1 for k, _ in self.node.value}


def _child(node: yaml.Node, step: str | int) -> yaml.Node | None:
    if isinstance(node, yaml.MappingNode):
        for key, value in node.value:
            if key.value == step:
                return value
    elif isinstance(node, yaml.SequenceNode) and isinstance(step, int) and step < len(node.value):
        return node.value[step]
    return None


@dataclass(frozen=True)
class StoredDocument:
    """A file parsed by an earlier build, unchanged since: its data and the lines of its top-level
    keys. A check that needs the line of a deeper field has the file parsed again for it."""

    data: Any
    top_lines: dict[str, int]
    file: Path
    display_path: str

    def key_lines(self) -> dict[str, int]:
        return dict(self.top_lines)

    def key_line(self, key: str) -> int:
        return self.top_lines.get(key, 1)

    def line_of(self, path: Sequence[str | int]) -> int:
        document, _ = read_yaml(self.file, self.display_path)
        return document.line_of(path) if document is not None else 1


def read_yaml_cached(file: Path, display_path: str,
                     cache: BuildCache | None) -> tuple[YamlDocument | StoredDocument | None, list[Problem]]:
    """`read_yaml`, or the data an earlier build read from the same bytes (keyed by their digest).

    Only files that parsed cleanly, into values JSON keeps as they are, are kept.
    """
    if cache is None:
        return read_yaml(file, display_path)
    try:
        raw = file.read_bytes()
    except OSError:
        return read_yaml(file, display_path)  # reports it
    parsed: list = []

    def parse() -> list | None:
        parsed.append(parse_yaml(raw, display_path))
        document = parsed[0][0]
        if document is None:
            return None
        try:
            kept = json.loads(json.dumps(document.data))
        except (TypeError, ValueError):
            return None
        return [kept, document.key_lines()] if kept == document.data else None

    stored = cache.get("yaml", bytes_key(raw), parse, _fits_yaml_entry)
    if parsed:
        return parsed[0]
    if stored is None:
        return parse_yaml(raw, display_path)  # it had problems: report them again
    return StoredDocument(stored[0], stored[1], file, display_path), []


def _fits_yaml_entry(value: object) -> bool:
    """None (the file had problems) or [data, {top-level key: line}]."""
    return value is None or (
        isinstance(value, list) and len(value) == 2 and isinstance(value[1], dict)
        and all(isinstance(line, int) for line in value[1].values()))


def read_yaml(file: Path, display_path: str) -> tuple[YamlDocument | None, list[Problem]]:
    """Parse `file`; on failure return no document and the problems, each with its line."""
    try:
        raw = file.read_bytes()
    except OSError as error:
        return None, [Problem(display_path, 1, "file", f"cannot be read ({error.strerror})")]
    return parse_yaml(raw, display_path)


def parse_yaml(raw: bytes, display_path: str, max_bytes: int = MAX_BYTES,
               what: str = "a term file") -> tuple[YamlDocument | None, list[Problem]]:
    """Parse a file's bytes; on failure return no document and the problems, each with its line.

    `what` names the kind of file in messages ("a term file", "a data dictionary").
    """

    def fail(line: int, field: str, message: str):
        return None, [Problem(display_path, line, field, message)]

    if len(raw) > max_bytes:
        return fail(1, "file", f"is {len(raw):,} bytes; {what} must be under {max_bytes:,} bytes")
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as error:
        line = raw[: error.start].count(b"\n") + 1
        return fail(line, "file", f"is not valid UTF-8 (byte 0x{raw[error.start]:02x}); save it as UTF-8")
    if not text.strip() or all(l.lstrip().startswith("#") or not l.strip() for l in text.splitlines()):
        return fail(1, "file", _empty_message(what))

    loader = SafeLoader(text)
    try:
        node = loader.get_single_node()
        if node is None:
            return fail(1, "file", _empty_message(what))
        alias_line = _first_shared_node(node)
        if alias_line:
            return fail(alias_line, "yaml", f"anchors and aliases (& and *) are not allowed in {what}")
        data = loader.construct_document(node)
        bad_line = _first_unshowable_line(node) if "\\" in text else 0  # only an escape makes one
        if bad_line:
            return fail(bad_line, "yaml", "holds a control or invalid character (written as a \\ escape) "
                                          "that no page can show; remove it")
    except yaml.constructor.ConstructorError as error:
        mark = error.problem_mark or error.context_mark
        line = mark.line + 1 if mark else 1
        problem = (error.problem or "").strip()
        if "tag" in problem:
            return fail(line, "yaml", f"{problem}; only plain YAML values are allowed")
        return fail(line, "yaml", f"{problem or error}")
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        line = mark.line + 1 if mark else 1
        detail = " ".join(filter(None, [error.context, error.problem]))
        return fail(line, "yaml", f"invalid YAML: {detail}")
    except (yaml.YAMLError, RecursionError) as error:
        return fail(1, "yaml", f"invalid YAML: {error}")
    finally:
        loader.dispose()
    return YamlDocument(data=data, node=node), []


def _first_unshowable_line(root: yaml.Node) -> int:
    """Line of the first value or key holding a character that is not text, or 0."""
    stack = [root]
    while stack:
        node = stack.pop()
        if isinstance(node, yaml.ScalarNode):
            if _NOT_TEXT.search(node.value):
                return node.start_mark.line + 1
        elif isinstance(node, yaml.MappingNode):
            stack.extend(item for pair in node.value for item in pair)
        else:
            stack.extend(node.value)
    return 0


def _empty_message(what: str) -> str:
    if what == "a term file":
        return "is empty; a term needs at least 'term' and 'definition'"
    return f"is empty; {what} needs its fields"


def _first_shared_node(root: yaml.Node) -> int:
    """Line of the first node reached twice (a YAML alias), or 0. Stops alias bombs before expansion."""
    seen: set[int] = set()
    stack = [root]
    while stack:
        node = stack.pop()
        if id(node) in seen:
            return node.start_mark.line + 1
        seen.add(id(node))
        if isinstance(node, yaml.MappingNode):
            for key, value in node.value:
                stack.extend((value, key))
        elif isinstance(node, yaml.SequenceNode):
            stack.extend(node.value)
    return 0
