"""The term as the rest of the engine sees it: immutable, validated, with source lines."""

from __future__ import annotations

from dataclasses import dataclass, field
from types import MappingProxyType
from typing import Mapping

STATUSES = ("draft", "proposed", "adopted", "deprecated")
RELATION_FIELDS = ("related", "broader", "narrower", "confused_with")
# How far a translation's wording was checked: by nobody (machine), by its writer (draft), or by a
# bilingual person or body named in `reviewed_by` (reviewed).
REVIEW_STATES = ("machine", "draft", "reviewed")
TERM_PAGES = "glossary/"  # the folder of the term pages in the site, as of the term files in the repository


def term_page(term_id: str) -> str:
    """The source path of a term's page in the docs tree: the one place that spells it."""
    return f"{TERM_PAGES}{term_id}.md"


def short_link(slug: str) -> str:
    """The site address a term's short link (its id, an alias's slug or an old id) stays at."""
    return f"{TERM_PAGES}{slug}/"


def term_of_page(src_uri: str) -> str | None:
    """The id of the term whose page `src_uri` is (`glossary/<id>.md`), else None."""
    if src_uri.startswith(TERM_PAGES) and src_uri.endswith(".md") and src_uri.count("/") == 1:
        return src_uri[len(TERM_PAGES):-len(".md")]
    return None


@dataclass(frozen=True)
class Source:
    title: str
    url: str


@dataclass(frozen=True)
class LocalUsage:
    jurisdiction: str
    note: str
    local_name: str = ""
    source: Source | None = None


@dataclass(frozen=True)
class Decision:
    """A status the learning community decided on, when, and where (a session page and/or a note)."""

    date: str  # YYYY-MM-DD, checked to be a real day and not in the future
    status: str
    session: str = ""  # a page under docs/, e.g. "convenings/first-convening/governance.md"
    note: str = ""


@dataclass(frozen=True)
class Translation:
    """A term in another language: `translations.<language>` of its file."""

    language: str  # a code of languages.TRANSLATION_LANGUAGES, e.g. "es"
    term: str
    definition: str  # Markdown
    review: str  # one of REVIEW_STATES
    plain: str = ""  # Markdown
    aliases: tuple[str, ...] = ()
    reviewed_by: str = ""  # who checked it: a person or a body; set when review is "reviewed"
    sources: tuple[Source, ...] = ()  # where official wording in the language comes from

    @property
    def names(self) -> tuple[str, ...]:
        return (self.term, *self.aliases)

    @property
    def reviewed(self) -> bool:
        return self.review == "reviewed"


@dataclass(frozen=True)
class Term:
    """One glossary entry, built from `glossary/<id>.yml` after it passed the schema."""

    id: str
    term: str
    definition: str
    path: str  # repository-relative, e.g. "glossary/limited-data-set.yml"
    plain: str = ""  # the definition in everyday words, for residents (Markdown)
    aliases: tuple[str, ...] = ()
    search_terms: tuple[str, ...] = ()  # spellings search finds; never linked
    status: str = "adopted"
    replaced_by: str | None = None
    decisions: tuple[Decision, ...] = ()
    related: tuple[str, ...] = ()
    broader: tuple[str, ...] = ()
    narrower: tuple[str, ...] = ()
    confused_with: tuple[str, ...] = ()
    tags: tuple[str, ...] = ()
    notes: str = ""
    includes: str = ""
    governed_by: str = ""
    use_when: str = ""
    sources: tuple[Source, ...] = ()
    local_usage: tuple[LocalUsage, ...] = ()
    redirect_from: tuple[str, ...] = ()
    autolink: bool = True
    translations: tuple[Translation, ...] = ()  # one per language, in the file's order
    # Line of each top-level field, so later checks can point at the right line.
    lines: Mapping[str, int] = field(default_factory=lambda: MappingProxyType({}), compare=False)

    @property
    def names(self) -> tuple[str, ...]:
        """The term and its aliases: every name a mention can use."""
        return (self.term, *self.aliases)

    @property
    def published(self) -> bool:
        return self.status != "draft"

    @property
    def src_uri(self) -> str:
        """Path of the generated Markdown page inside the docs tree."""
        return term_page(self.id)

    def translation(self, language: str) -> Translation | None:
        return next((t for t in self.translations if t.language == language), None)

    def line_of(self, field_name: str) -> int:
        return self.lines.get(field_name, 1)

    @classmethod
    def from_mapping(cls, term_id: str, path: str, data: Mapping, lines: Mapping[str, int]) -> "Term":
        """Build a Term from a mapping that already passed the JSON Schema."""

        def source(raw: Mapping) -> Source:
            return Source(title=raw["title"].strip(), url=raw["url"].strip())

        return cls(
            id=term_id,
            path=path,
            term=data["term"].strip(),
            definition=data["definition"].strip(),
            plain=data.get("plain", "").strip(),
            aliases=tuple(a.strip() for a in data.get("aliases", ())),
            search_terms=tuple(s.strip() for s in data.get("search_terms", ())),
            status=data.get("status", "adopted"),
            replaced_by=data.get("replaced_by"),
            decisions=tuple(Decision(date=d["date"], status=d["status"], session=d.get("session", ""),
                                     note=d.get("note", "").strip()) for d in data.get("decisions", ())),
            related=tuple(data.get("related", ())),
            broader=tuple(data.get("broader", ())),
            narrower=tuple(data.get("narrower", ())),
            confused_with=tuple(data.get("confused_with", ())),
            tags=tuple(data.get("tags", ())),
            notes=data.get("notes", "").strip(),
            includes=data.get("includes", "").strip(),
            governed_by=data.get("governed_by", "").strip(),
            use_when=data.get("use_when", "").strip(),
            sources=tuple(source(s) for s in data.get("sources", ())),
            local_usage=tuple(
                LocalUsage(
                    jurisdiction=u["jurisdiction"],
                    note=u["note"].strip(),
                    local_name=u.get("local_name", "").strip(),
                    source=source(u["source"]) if "source" in u else None,
                )
                for u in data.get("local_usage", ())
            ),
            redirect_from=tuple(data.get("redirect_from", ())),
            autolink=data.get("autolink", True),
            translations=tuple(
                Translation(
                    language=language,
                    term=raw["term"].strip(),
                    definition=raw["definition"].strip(),
                    review=raw["review"],
                    plain=raw.get("plain", "").strip(),
                    aliases=tuple(a.strip() for a in raw.get("aliases", ())),
                    reviewed_by=raw.get("reviewed_by", "").strip(),
                    sources=tuple(source(s) for s in raw.get("sources", ())),
                )
                for language, raw in data.get("translations", {}).items()
            ),
            lines=MappingProxyType(dict(lines)),
        )
