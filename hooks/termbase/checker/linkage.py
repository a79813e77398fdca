"""Which keys two data sets share, and what kind of record linkage those keys allow.

Reads only the dictionaries' `element` mappings and the shared elements' linkage rules. It
says what the columns make possible, not what law or agreement permits.
"""

from __future__ import annotations

from dataclasses import dataclass
from itertools import combinations

from ..loading.dictionaries import DataSet, Dictionaries
from ..loading.sharedelements import LinkageRule, SharedElement, SharedElements


@dataclass(frozen=True)
class Linkage:
    first: DataSet
    second: DataSet
    shared_keys: tuple[SharedElement, ...]  # linkage elements both hold
    rule: LinkageRule | None  # the first rule both data sets satisfy; None: no linkage on keys


def elements_held(data_set: DataSet) -> set[str]:
    return {c.element for c in data_set.columns if c.element}


def linkage_between(first: DataSet, second: DataSet, elements: SharedElements) -> Linkage:
    same_system = bool(first.system) and first.system.casefold() == second.system.casefold()
    both = elements_held(first) & elements_held(second)
    keys = tuple(e for e in elements.elements if e.id in both and e.is_key
                 and (e.linkage != "within-system" or same_system))
    key_ids = {e.id for e in keys}
    rule = next((r for r in elements.linkage_rules
                 if set(r.needs) <= key_ids and (not r.same_system or same_system)), None)
    return Linkage(first, second, keys, rule)


def all_linkages(dictionaries: Dictionaries) -> list[Linkage]:
    """Every pair of data sets, in the order of the data-set list."""
    return [linkage_between(a, b, dictionaries.elements) for a, b in combinations(dictionaries.data_sets, 2)]
