"""The one name-collision rule the build's check, new_term.py and the term forms share."""

from __future__ import annotations

import pytest

from termbase.loading.model import Term
from termbase.loading.namecollisions import NameOwners, name_collision


def term(term_id: str, name: str, *aliases: str) -> Term:
    return Term(id=term_id, term=name, definition="D.", path=f"glossary/{term_id}.yml", aliases=aliases)


TERMS = [term("data-set", "Data set"), term("limited-data-set", "Limited data set", "LDS"),
         term("data-use-agreement", "Data use agreement", "DUA")]


@pytest.mark.parametrize(("name", "expected"), [
    # (a new name, (the term it collides with, that term's name, same name?, the term's main name?))
    ("data  SET", ("data-set", "Data set", True, True)),
    ("Data sets", ("data-set", "Data set", False, True)),
    ("lds", ("limited-data-set", "LDS", True, False)),
    ("DUAs", ("data-use-agreement", "DUA", False, False)),
    ("Data use agreements", ("data-use-agreement", "Data use agreement", False, True)),
    ("Data", None),
    ("Data set registry", None),
])
def test_a_name_collides_when_it_or_its_plural_is_another_terms_name_or_plural(name, expected):
    collision = name_collision(name, TERMS)
    if expected is None:
        assert collision is None
    else:
        assert (collision.term.id, collision.other_name, collision.same_name, collision.is_term_name) == expected


def test_a_terms_own_names_do_not_collide_with_it_but_a_repeated_spelling_is_reported():
    owners = NameOwners()
    sets = term("limited-data-sets", "Limited data sets", "Limited data set", "limited data  SETS")
    owners.claim(sets, "Limited data sets")
    assert owners.collision("Limited data set", own=sets) is None  # its singular: a name of its own
    repeat = owners.collision("limited data  SETS", own=sets)  # the same name again, spelled otherwise
    assert repeat is not None and repeat.term is sets and repeat.other_name == "Limited data sets"
    other = term("other", "Other", "limited data sets")
    assert owners.collision("limited data sets", own=other).term is sets


def test_owner_finds_the_term_of_a_name_or_plural_and_nothing_else():
    owners = NameOwners(TERMS)
    assert owners.owner("Limited  data sets").id == "limited-data-set"
    assert owners.owner("dua").id == "data-use-agreement"
    assert owners.owner("agreement") is None
