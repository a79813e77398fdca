"""URL slugs for names (aliases become short links such as glossary/lds/)."""

import re
import unicodedata


def slugify(name: str) -> str:
    ascii_name = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", ascii_name.lower()).strip("-")


def normalize_name(name: str) -> str:
    """How names are compared for collisions: case and spacing do not count."""
    return " ".join(name.casefold().split())
