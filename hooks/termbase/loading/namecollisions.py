"""Which term already has a name: the one collision rule that the build's check, `new_term.py` and
the term forms share.

Two names collide when, once case and spacing are folded, they are equal or one is a plural of the
other ("Data set", "data  SET", "data sets"): a mention of either could mean both terms.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Iterable

from .model import Term
from .slugs import name_forms, normalize_name


@dataclass(frozen=True)
class NameCollision:
    """`name` collides with `other_name`, which `term` already has."""

    name: str
    term: Term
    other_name: str

    @property
    def same_name(self) -> bool:
        """The same name (up to case and spacing), not only a plural of it."""
        return normalize_name(self.name) == normalize_name(self.other_name)

    @property
    def is_term_name(self) -> bool:
        """`other_name` is the term's name, not one of its aliases."""
        return self.other_name == self.term.term


def compared_forms(name: str) -> list[str]:
    """`name` and its plurals, as names are compared: case and spacing folded first."""
    return name_forms(normalize_name(name))


class NameOwners:
    """Every compared form of some terms' names -> the first term (and its name) that has it."""

    def __init__(self, terms: Iterable[Term] = ()):
        self._owners: dict[str, tuple[Term, str]] = {}
        for term in terms:
            for name in term.names:
                self.claim(term, name)

    def claim(self, term: Term, name: str) -> None:
        """Record `name` and its plurals as `term`'s, unless a term already has them."""
        for form in compared_forms(name):
            self._owners.setdefault(form, (term, name))

    def owner(self, spelling: str) -> Term | None:
        """The term that has `spelling` as a name or as the plural of one, if any."""
        found = self._owners.get(normalize_name(spelling))
        return found[0] if found else None

    def collision(self, name: str, own: Term | None = None) -> NameCollision | None:
        """What `name` collides with: another term's name or plural, or (when `name` is one of
        `own`'s names) a different name of `own` that `name` merely repeats."""
        key = normalize_name(name)
        for form in compared_forms(name):
            found = self._owners.get(form)
            if found is None:
                continue
            term, other_name = found
            if own is None or term.id != own.id:
                return NameCollision(name, term, other_name)
            if other_name != name and form == key:
                return NameCollision(name, term, other_name)
        return None


def name_collision(name: str, terms: Iterable[Term]) -> NameCollision | None:
    """The name of one of `terms` that a new name would collide with, if any."""
    return NameOwners(terms).collision(name)
