"""The three kinds of data set the HIPAA Privacy Rule tells apart, and every wording of them.

Identified data (45 CFR 164.502), a limited data set (164.514(e)) and data de-identified by the
Safe Harbor method (164.514(b)(2)). The checker (command line and browser), the data-set pages and
the data dictionaries all name them from here; the browser's checker receives them in the
compiled rules file (pages/checkerpage.py).
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class DataSetKind:
    key: str  # in the matrix, the checker's rules and verdicts: "limited_data_set"
    shared_as: str  # a data dictionary's `shared_as` value: "limited-data-set"
    label: str  # the checker's summary line for the kind: "Safe Harbor: ..."
    column: str  # the checker's table column of verdicts for the kind
    heading: str  # a data-set page's name for a kind the data set could be shared as
    shared_as_label: str  # a data-set page's "Shared as" value
    in_sentence: str  # inside a sentence: "not allowed in a limited data set"
    term: str | None  # the glossary term that "Shared as" links to


DATA_SET_KINDS: tuple[DataSetKind, ...] = (
    DataSetKind("identified", "identified", label="Identified data", column="Identified",
                heading="Identified data", shared_as_label="Identified data", in_sentence="identified data",
                term=None),
    DataSetKind("limited_data_set", "limited-data-set", label="Limited data set", column="Limited data set",
                heading="Limited data set", shared_as_label="Limited data set", in_sentence="a limited data set",
                term="limited-data-set"),
    DataSetKind("de_identified", "de-identified", label="Safe Harbor", column="Safe Harbor",
                heading="Safe Harbor de-identified", shared_as_label="De-identified data",
                in_sentence="Safe Harbor de-identified data", term="de-identified-data"),
)
KINDS: tuple[str, ...] = tuple(kind.key for kind in DATA_SET_KINDS)  # least to most protected
KIND_BY_KEY: dict[str, DataSetKind] = {kind.key: kind for kind in DATA_SET_KINDS}
KIND_BY_SHARED_AS: dict[str, DataSetKind] = {kind.shared_as: kind for kind in DATA_SET_KINDS}


def kinds_for_script() -> list[dict[str, str]]:
    """What the browser's checker shows of each kind, in order, as JSON-ready data."""
    return [{"key": kind.key, "label": kind.label, "column": kind.column} for kind in DATA_SET_KINDS]
