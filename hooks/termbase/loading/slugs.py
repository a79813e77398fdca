"""Names and their forms: URL slugs (aliases become short links such as glossary/lds/), the form
names are compared in, and their plurals (which the linker and the collision checks share)."""

import re
import unicodedata


def slugify(name: str) -> str:
    ascii_name = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", ascii_name.lower()).strip("-")


def normalize_name(name: str) -> str:
    """How names are compared for collisions: case and spacing do not count."""
    return " ".join(name.casefold().split())


def name_forms(name: str) -> list[str]:
    """The name and its simple English plurals (the last word changes)."""
    forms = [name]
    if name[-1:].isalpha() and not name.isupper():
        lower = name.lower()
        if lower.endswith(("s", "x", "z", "ch", "sh")):
            forms.append(name + "es")
        elif lower.endswith("y") and lower[-2:-1] not in "aeiou":
            forms.append(name[:-1] + "ies")
        else:
            forms.append(name + "s")
    elif name.isupper() and name.isalpha():
        forms.append(name + "s")  # IRBs, MOUs
    return forms
