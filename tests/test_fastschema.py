"""The compiled first pass of validation never accepts what jsonschema rejects, and accepts the
repository's own files (otherwise it would only add work)."""

from __future__ import annotations

import copy
import json
import re
import unicodedata
from pathlib import Path

import pytest
from jsonschema import Draft202012Validator

from termbase.loading.fastschema import PYTHON_SPACE, FastCheck, for_ecmascript
from termbase.loading.yamlsource import read_yaml

ROOT = Path(__file__).resolve().parents[1]
SCHEMAS = sorted((ROOT / "schemas").glob("*.schema.json"))

# Characters where regular-expression engines disagree about white space, and some that are not.
PROBES = [chr(c) for c in range(0x10000) if not 0xD800 <= c < 0xE000
          and (chr(c).isspace() or unicodedata.category(chr(c)) in ("Cc", "Cf", "Zs", "Zl", "Zp"))] + ["x", "é"]
SHAPES = ["{}", "x{}", "{}x", "a{}b", "https://{}", "https://a{}b", "2026-03-12{}", "a.md{}", "ab-{}", "{}{}"]


def _patterns(schema) -> list[str]:
    if isinstance(schema, dict):
        found = [schema["pattern"]] if isinstance(schema.get("pattern"), str) else []
        return found + [p for key, value in schema.items() if key != "pattern" for p in _patterns(value)]
    if isinstance(schema, list):
        return [p for item in schema for p in _patterns(item)]
    return []


@pytest.mark.parametrize("schema_file", SCHEMAS, ids=lambda p: p.name)
def test_no_pattern_matches_more_than_in_python(schema_file):
    patterns = sorted(set(_patterns(json.loads(schema_file.read_text(encoding="utf-8")))))
    assert patterns
    for pattern in [*patterns, r"a\sb", r"^[\sa]+$", r"^\S+$"]:
        fast = FastCheck({"type": "string", "pattern": pattern})
        wrong = [text for shape in SHAPES for char in PROBES for text in [shape.format(char, char)]
                 if fast.certainly_valid(text) and not re.search(pattern, text)]
        assert wrong == [], pattern


def test_python_white_space_is_listed_in_full():
    listed = re.findall(r"\\u([0-9a-f]{4})", PYTHON_SPACE)
    assert "".join(chr(int(code, 16)) for code in listed) == "".join(
        chr(code) for code in range(0x110000) if re.match(r"\s", chr(code)))


def test_some_patterns_are_left_to_python():
    with pytest.raises(ValueError):
        for_ecmascript(r"[\Sa]")
    # A schema holding such a pattern loses the fast path (every file goes to jsonschema), no more.
    assert FastCheck({"type": "string", "pattern": r"[\Sa]"}).certainly_valid("x") is False
    assert for_ecmascript(r"[]\s]").startswith(r"[\]")  # "]" first in a class stays a literal


BAD_VALUES = [None, 0, 1.5, True, "", " ", "\x1c", "\x85", "\ufeff", "\u3000x\n", "x" * 20001, [], ["a", "a"],
              [None], {}, {"x": 1}, {1: "a"}, "2026-02-30\n", "https://", "Not-Kebab"]


def _mutations(document):
    """The document with each value, at every depth, replaced by each bad value, or removed."""
    def walk(node, path):
        items = node.items() if isinstance(node, dict) else enumerate(node) if isinstance(node, list) else ()
        for key, value in items:
            yield path + [key]
            yield from walk(value, path + [key])

    for path in list(walk(document, [])):
        for replacement in [*BAD_VALUES, "remove"]:
            mutated = copy.deepcopy(document)
            parent = mutated
            for step in path[:-1]:
                parent = parent[step]
            if replacement == "remove":
                del parent[path[-1]]
            else:
                parent[path[-1]] = replacement
            yield mutated


# Fields no term of the repository fills in today.
RARE_FIELDS = {"replaced_by": "data-set", "narrower": ["data-set"], "redirect_from": ["old-id"], "autolink": False,
               "decisions": [{"date": "2026-03-12", "status": "adopted", "session": "a/b.md", "note": "Adopted."}]}


def _every_field_term() -> dict:
    """One term holding every field of the schema, as the repository's term files fill them in."""
    merged: dict = {}
    for path in sorted((ROOT / "glossary").glob("*.yml")):
        for key, value in read_yaml(path, path.name)[0].data.items():
            merged.setdefault(key, value)
    for key, value in RARE_FIELDS.items():
        merged.setdefault(key, value)
    schema = json.loads((ROOT / "schemas" / "term.schema.json").read_text(encoding="utf-8"))
    assert sorted(merged) == sorted(schema["properties"])  # a new field: add it to RARE_FIELDS
    return _trimmed(merged)


def _trimmed(node, keep: int = 2):
    """Lists cut to their first items, at every depth, so the mutations stay few."""
    if isinstance(node, dict):
        return {key: _trimmed(value, keep) for key, value in node.items()}
    if isinstance(node, list):
        return [_trimmed(item, keep) for item in node[:keep]]
    return node


@pytest.mark.parametrize("schema_file, document", [
    ("term.schema.json", "every field"),
    ("data-elements.schema.json", "data/data-elements.yml"),
])
@pytest.mark.slow  # validates thousands of mutated documents
def test_what_jsonschema_rejects_is_never_certainly_valid(schema_file, document):
    schema = json.loads((ROOT / "schemas" / schema_file).read_text(encoding="utf-8"))
    if document == "every field":
        data = _every_field_term()
    else:
        data = _trimmed(read_yaml(ROOT / document, document)[0].data, 1)
    slow, fast = Draft202012Validator(schema), FastCheck(schema)
    assert slow.is_valid(data) and fast.certainly_valid(data)
    rejected = accepted_wrongly = 0
    for mutated in _mutations(data):
        if not slow.is_valid(mutated):
            rejected += 1
            accepted_wrongly += fast.certainly_valid(mutated)
    assert rejected > 100
    assert accepted_wrongly == 0


def test_every_file_of_the_repository_takes_the_fast_path():
    fast = FastCheck(json.loads((ROOT / "schemas" / "term.schema.json").read_text(encoding="utf-8")))
    for path in sorted((ROOT / "glossary").glob("*.yml")):
        assert fast.certainly_valid(read_yaml(path, path.name)[0].data), path.name


def test_a_valid_repository_loads_without_jsonschema_and_a_bad_file_still_gets_its_errors():
    """jsonschema (0.1 s to import) is needed only to explain a file the fast check refuses."""
    import subprocess
    import sys

    script = ("import sys; sys.path.insert(0, 'hooks')\n"
              "from pathlib import Path\n"
              "from termbase.content import load_content\n"
              "from termbase.loading.schema import schema_errors\n"
              "load_content(Path('.'))\n"
              "print('jsonschema' in sys.modules)\n"
              "print(list(schema_errors({'term': 'A'})))\n"
              "print('jsonschema' in sys.modules)\n")
    result = subprocess.run([sys.executable, "-c", script], cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    before, errors, after = result.stdout.splitlines()
    assert before == "False" and after == "True"
    assert "definition" in errors and "is required but missing" in errors
