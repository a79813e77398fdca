"""What happened to each published term, from the versions of its file in the history.

Only the states in which the term was published count: a version with `status: draft`, or one
that would not have built, is skipped, so no wording from while the term was a draft ever
appears. A change is the difference between two published states in a row; a term that went
from published to draft and back shows one change, attributed to the commit that published it
again.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cached_property
from pathlib import PurePosixPath
from typing import TYPE_CHECKING

import yaml

from .githistory import Commit, FileVersion, RepoHistory
from .model import STATUSES, Term
from .plaintext import plain_text
from .yamlsource import MAX_BYTES, SafeLoader

if TYPE_CHECKING:
    from ..buildcache import BuildCache

# Anything Markdown could turn into markup: a wording without it reads exactly as written.
_MARKDOWN_SYNTAX = re.compile(r"[\\`*_\[\]<>&]|^\s*(?:[-+>#=]|\d+[.)])|^ {4}", re.MULTILINE)

_FOLLOWED = ("term", "definition", "aliases", "status")
_STR = "tag:yaml.org,2002:str"

# Kinds of change, in the order a page lists them.
ID = "id"
NAME = "name"
STATUS = "status"
ALIASES = "aliases"
DEFINITION = "definition"


@dataclass(frozen=True)
class TermState:
    """The fields of a term file that its history follows."""

    id: str
    term: str
    definition: str  # Markdown
    aliases: tuple[str, ...]
    status: str

    @cached_property
    def wording(self) -> str:
        """The definition as readers see it, spacing normalised (re-wrapping is no change)."""
        if _MARKDOWN_SYNTAX.search(self.definition) is None:
            return " ".join(self.definition.split())  # plain prose: no need to render it
        return " ".join(plain_text(self.definition).split())


@dataclass(frozen=True)
class TermChange:
    commit: Commit
    before: TermState
    after: TermState
    kinds: tuple[str, ...]


@dataclass(frozen=True)
class TermHistory:
    term_id: str
    added: Commit | None  # the commit that first published it (None: not in the history yet)
    added_as: str  # its status then
    changes: tuple[TermChange, ...]  # oldest first
    proposed_since: Commit | None  # start of the current run as `proposed`, if it is proposed

    @property
    def recorded(self) -> bool:
        return self.added is not None


def term_history(term: Term, history: RepoHistory, cache: BuildCache | None = None) -> TermHistory:
    """The published states of `term` in the history and the changes between them.

    With a build cache, a version an earlier build read (the same file id and content) is not
    parsed again."""
    published = [(version.commit, state) for version in _lineage(term, history)
                 if (state := cached_state_of(version, cache)) is not None and state.status != "draft"]
    if not published:
        return TermHistory(term.id, None, "", (), None)
    changes = []
    for (_, before), (commit, after) in zip(published, published[1:]):
        kinds = changed_fields(before, after)
        if kinds:
            changes.append(TermChange(commit, before, after, kinds))
    proposed_since = None
    for commit, state in reversed(published):
        if state.status != "proposed":
            break
        proposed_since = commit
    return TermHistory(term.id, published[0][0], published[0][1].status, tuple(changes), proposed_since)


def _lineage(term: Term, history: RepoHistory) -> list[FileVersion]:
    """The file's versions, with those under an old id that git did not see as a rename.

    git pairs a deleted and an added file as a rename only when their texts are alike; an old id
    listed in `redirect_from` joins the two histories whatever the rewrite.
    """
    versions = history.versions(term.path)
    if not versions:
        return []
    earlier: list[FileVersion] = []
    for old_id in term.redirect_from:
        old = history.removed.get(str(PurePosixPath(term.path).with_name(f"{old_id}.yml")), [])
        if old and old[-1].commit.date <= versions[0].commit.date:
            earlier += old[:-1]  # without the deletion itself
    earlier.sort(key=lambda v: v.commit.date)
    return earlier + versions


def cached_state_of(version: FileVersion, cache: BuildCache | None) -> TermState | None:
    """`state_of`, or what an earlier build found in the same content under the same file name
    (a version's blob id is git's digest of its content)."""
    if cache is None or not version.blob or version.text is None:
        return state_of(version)  # a text git did not give is not a verdict to keep

    def fields() -> list | None:
        state = state_of(version)
        return None if state is None else [state.term, state.definition, list(state.aliases), state.status]

    term_id = PurePosixPath(version.path).stem
    stored = cache.get("term versions", f"{version.blob} {term_id}", fields, _fits_fields)
    if stored is None:
        return None
    term, definition, aliases, status = stored
    return TermState(id=term_id, term=term, definition=definition, aliases=tuple(aliases), status=status)


def _fits_fields(value: object) -> bool:
    """None (the version would not have built) or [term, definition, [aliases], status]."""
    if value is None:
        return True
    if not (isinstance(value, list) and len(value) == 4 and isinstance(value[2], list)):
        return False
    term, definition, aliases, status = value
    return all(isinstance(text, (str, type(None))) for text in (term, definition, status, *aliases))


def state_of(version: FileVersion) -> TermState | None:
    """The term as this version had it, or None when the version would not have built."""
    if not version.text or len(version.text) > MAX_BYTES:
        return None
    fields = _followed_fields(version.text)
    if fields is None:
        return None
    term, definition = _text(fields.get("term")), _text(fields.get("definition"))
    status = _text(fields.get("status")) if "status" in fields else "adopted"
    aliases_node = fields.get("aliases")
    if isinstance(aliases_node, yaml.SequenceNode):
        aliases = [_text(item) for item in aliases_node.value]
    else:
        aliases = [] if aliases_node is None or _is_null(aliases_node) else [None]
    if not (term and term.strip() and definition and definition.strip() and status in STATUSES
            and all(alias and alias.strip() for alias in aliases)):
        return None
    return TermState(id=PurePosixPath(version.path).stem, term=term.strip(), definition=definition.strip(),
                     aliases=tuple(alias.strip() for alias in aliases), status=status)


def _followed_fields(text: str) -> dict[str, yaml.Node] | None:
    """The nodes of the followed fields. Read from the node tree, without building Python objects:
    half the cost per version, and an alias bomb in an old version cannot expand."""
    loader = SafeLoader(text)
    try:
        node = loader.get_single_node()
    except (yaml.YAMLError, RecursionError):
        return None
    finally:
        loader.dispose()
    if not isinstance(node, yaml.MappingNode):
        return None
    return {key.value: value for key, value in node.value
            if isinstance(key, yaml.ScalarNode) and key.value in _FOLLOWED}


def _text(node: yaml.Node | None) -> str | None:
    if isinstance(node, yaml.ScalarNode) and node.tag == _STR:
        return node.value
    return None


def _is_null(node: yaml.Node) -> bool:
    return isinstance(node, yaml.ScalarNode) and node.tag == "tag:yaml.org,2002:null"


def changed_fields(before: TermState, after: TermState) -> tuple[str, ...]:
    kinds = []
    if before.id != after.id:
        kinds.append(ID)
    if before.term != after.term:
        kinds.append(NAME)
    if before.status != after.status:
        kinds.append(STATUS)
    if before.aliases != after.aliases:
        kinds.append(ALIASES)
    # Rendering Markdown costs more than comparing: only when the source text differs.
    if before.definition.split() != after.definition.split() and before.wording != after.wording:
        kinds.append(DEFINITION)
    return tuple(kinds)
