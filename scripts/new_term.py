#!/usr/bin/env python3
"""Start a new glossary term: writes glossary/<id>.yml from a commented template.

    python scripts/new_term.py "Limited data set"

The new term has status `proposed`. The script refuses an id that exists and a name that
collides with another term's name or alias, and never overwrites a file.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from termbase.loading.loader import TERM_ID, load_terms
from termbase.loading.namecollisions import name_collision
from termbase.loading.slugs import slugify

ROOT = Path(__file__).resolve().parents[1]

TEMPLATE = """\
# yaml-language-server: $schema=../schemas/term.schema.json
# Every field is explained in schemas/term.schema.json; editors with YAML support check this file as you type.
# Check it before you commit:  python scripts/check.py

# The name as readers write it.
term: {term}

# Other names and abbreviations (e.g. LDS). Each is linked like the term and gets a short link.
aliases: []
# search_terms: []   # other spellings readers type into search (e.g. a UK spelling); never linked

# One short paragraph, in plain words a newcomer understands. Markdown is allowed.
definition: >-
  TODO: write the definition.

# proposed: shown with an "under discussion" banner until reviewers adopt it.
status: proposed

# What the learning community decided about its status, shown as a timeline on its page:
# decisions:
#   - date: 2026-03-12   # the day, YYYY-MM-DD
#     status: proposed
#     note: Proposed at the second convening   # and/or session: convenings/<folder>/<page>.md

# Topic groups, from this list: privacy-law, disclosure-control, ids-operations, record-linkage,
# ethics-equity, community-engagement, outcomes-evaluation, contracting, programs-funding.
tags: []

# Ids of other terms (their file names without .yml).
related: []
# broader: []        # more general terms
# narrower: []       # more specific terms
# confused_with: []  # terms people mix up with this one; the site compares them side by side

# Longer Markdown: how it differs from its neighbours, why it matters to an IDS, common mistakes.
# notes: |
#   ...

# For comparisons with confused_with terms:
# includes: what data or parties it may include
# governed_by: the rule that governs it, e.g. 45 CFR 164.514(e)
# use_when: when to use it rather than its neighbours

# At least one primary source: the regulation, the agency or the publishing organisation.
sources:
  - title: TODO source title
    url: https://example.org/TODO

# How a jurisdiction names or uses the term (public facts only):
# local_usage:
#   - jurisdiction: iowa
#     local_name: ...
#     note: ...
#     source: {{title: ..., url: https://...}}
"""


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("name", help='the term as readers write it, e.g. "Limited data set"')
    parser.add_argument("--id", help="file name to use instead of the one made from the name")
    parser.add_argument("--root", type=Path, default=ROOT, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)

    name = " ".join(args.name.split())
    term_id = args.id or slugify(name)
    if not name or not TERM_ID.match(term_id or ""):
        return fail(f"cannot make a file name from {args.name!r}; pass --id some-term-id (lower-case kebab-case)")
    glossary_dir = args.root / "glossary"
    for suffix in (".yml", ".yaml"):
        existing = glossary_dir / f"{term_id}{suffix}"
        if existing.exists():
            return fail(f"glossary/{existing.name} already exists; edit it, or choose another --id")
    terms, _ = load_terms(glossary_dir, args.root)  # problems elsewhere must not block a new term
    collision = name_collision(name, terms)
    if collision is not None:
        return fail(f"'{name}' collides with '{collision.other_name}' in {collision.term.path}; "
                    "edit that term instead")
    target = glossary_dir / f"{term_id}.yml"
    glossary_dir.mkdir(exist_ok=True)
    try:
        with target.open("x", encoding="utf-8") as file:  # "x": never overwrite
            file.write(TEMPLATE.format(term=_yaml_string(name)))
    except FileExistsError:
        return fail(f"glossary/{target.name} already exists")
    print(f"Wrote glossary/{target.name}. Fill in the TODOs, then run: python scripts/check.py")
    return 0


def _yaml_string(text: str) -> str:
    escaped = text.replace("\\", "\\\\").replace('"', '\\"')
    return f'"{escaped}"'


def fail(message: str) -> int:
    print(f"new_term: {message}", file=sys.stderr)
    return 1


if __name__ == "__main__":
    sys.exit(main())
