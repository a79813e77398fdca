"""The jurisdictions that can record local usage, by id, with the names the site shows.

Both come from the term schema's `jurisdiction` definition (`enum` and `enumDescriptions`, the
keyword VS Code and the YAML language server show beside each value), so the list editors check
term files against is the list the engine knows: add a jurisdiction there, with its page under
docs/sites/.
"""

from __future__ import annotations

from .schema import SCHEMA_PATH, term_schema


def _jurisdictions(definition: dict) -> dict[str, str]:
    ids, names = definition["enum"], definition.get("enumDescriptions", [])
    if len(ids) != len(names):
        # A mistake in the engine's own schema, not in content: it stops every build until fixed.
        raise ValueError(f"{SCHEMA_PATH}: $defs.jurisdiction: enumDescriptions must give one name per "
                         f"enum id ({len(ids)} ids, {len(names)} names)")
    return dict(zip(ids, names))


JURISDICTIONS: dict[str, str] = _jurisdictions(term_schema()["$defs"]["jurisdiction"])
