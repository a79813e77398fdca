"""Check the answers of a term form and turn them into a term edit, or into problems per field.

Every problem names the form field the proposer sees ("Sources, line 2"), never a file or a
line of YAML: the proposer never saw the file.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any, Mapping
from urllib.parse import urlsplit

from termbase.loading.crosscheck import UNSAFE_LINK
from termbase.loading.hints import did_you_mean
from termbase.loading.jurisdictions import JURISDICTIONS
from termbase.loading.loader import TERM_ID
from termbase.loading.model import Term
from termbase.loading.namecollisions import NameOwners, name_collision
from termbase.loading.slugs import normalize_name, slugify
from termbase.pages.termpages import TOPIC_TITLES

from .issue_body import IssueForm, split_list

# An HTML tag, closing tag, comment or declaration: `<b>`, `</p>`, `<svg/onload=...>`, `<!--`.
# `<18 years` and `<https://...>` (a Markdown autolink) are not tags.
_HTML = re.compile(r"(?:<\s*(?:/\s*)?[a-zA-Z][a-zA-Z0-9-]*(?=[\s/>]|$)|<\s*[!?])[^>\n]{0,40}>?", re.MULTILINE)
_MARKDOWN_LINK = re.compile(r"^\[(?P<title>[^\]]+)\]\((?P<url>[^)\s]+)\)$")
_TITLE_DASH_URL = re.compile(r"^(?P<title>.+?)\s+[-–—]\s+<?(?P<url>\S+?)>?$")
_LIST_MARK = re.compile(r"^(?:[-*+]|\d+[.)])\s+")
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


@dataclass(frozen=True)
class FormProblem:
    """One thing to fix, shown as `**<field>**: <message>`."""

    field: str
    message: str


@dataclass
class TermEdit:
    """What the form asks for: fields to set and list items to add to `glossary/<term_id>.yml`."""

    term_id: str
    is_new: bool
    name: str
    set_fields: dict[str, Any] = field(default_factory=dict)
    additions: dict[str, list] = field(default_factory=dict)
    # Where each YAML field came from in the form, to turn check messages into form fields.
    labels: dict[str, str] = field(default_factory=dict)
    source_labels: dict[int, str] = field(default_factory=dict)  # index in `sources` -> "Sources, line 2"
    reason: str = ""


class _Collector:
    def __init__(self, form: IssueForm):
        self.form = form
        self.problems: list[FormProblem] = []

    def add(self, field_id: str, message: str, line: int | None = None) -> None:
        label = self.form.label(field_id) + (f", line {line}" if line else "")
        self.problems.append(FormProblem(label, message))


def read_new_term(form: IssueForm, answers: Mapping[str, str], terms: list[Term]) -> tuple[TermEdit | None, list[FormProblem]]:
    """A new term from the "Propose a term" form; status `proposed` until reviewers adopt it."""
    report = _Collector(form)
    _reject_markup(form, answers, report)
    name = " ".join(answers.get("term", "").split())
    term_id = slugify(name)
    existing_ids = {t.id for t in terms}
    if not name:
        report.add("term", "is empty; write the term as readers write it")
    elif not TERM_ID.match(term_id):
        report.add("term", "needs at least one letter or digit (the page address is made from it)")
    elif term_id in existing_ids:
        report.add("term", f"the glossary already has a term with the address '{term_id}'; "
                           "use the “Suggest a change” link on its page instead")
    else:
        _name_collision(report, "term", name, terms)
    aliases = _aliases(report, answers.get("aliases", ""), name, terms)
    edit = TermEdit(term_id=term_id, is_new=True, name=name)
    edit.set_fields["term"] = name
    if aliases:
        edit.set_fields["aliases"] = aliases
    definition = _required_text(report, answers, "definition")
    edit.set_fields["definition"] = definition
    plain = _markdown_text(answers.get("plain", ""))
    if plain:  # optional; the build's check grades it
        edit.set_fields["plain"] = plain
    edit.set_fields["status"] = "proposed"
    tags = _tags(report, answers.get("tags", ""), "tags")
    if tags:
        edit.set_fields["tags"] = tags
    elif not answers.get("tags", "").strip():
        report.add("tags", "choose at least one topic")
    related = _related(report, answers.get("related", ""), terms, own_id=term_id)
    if related:
        edit.set_fields["related"] = related
    edit.set_fields["notes"] = _required_text(report, answers, "notes")
    sources = _sources(report, answers.get("sources", ""), "sources")
    if not sources and not any(p.field.startswith(form.label("sources")) for p in report.problems):
        report.add("sources", "give at least one source, as `Title - https://...`")
    edit.set_fields["sources"] = [s for s, _ in sources]
    edit.source_labels = {i: _line_label(form, "sources", line) for i, (_, line) in enumerate(sources)}
    usage = _local_usage(report, answers)
    if usage:
        edit.set_fields["local_usage"] = [usage]
    edit.labels = _yaml_field_labels(form)
    return (None if report.problems else edit), report.problems


def read_change(form: IssueForm, answers: Mapping[str, str], terms: list[Term],
                current: Mapping[str, Any] | None) -> tuple[TermEdit | None, list[FormProblem]]:
    """Changes to an existing term from the "Change this term" form: new wording and additions.

    `current` is the term file's data (None when the id names no term). Nothing is removed:
    lists only grow, so a form can never delete what others wrote.
    """
    report = _Collector(form)
    _reject_markup(form, answers, report)
    term_id = answers.get("term-id", "").strip().strip("`").strip().lower()
    by_id = {t.id: t for t in terms}
    if not TERM_ID.match(term_id):
        report.add("term-id", f"'{term_id}' is not a term id: lower-case letters, digits and hyphens, "
                         "e.g. `limited-data-set`" + did_you_mean(slugify(term_id), by_id))
        return None, report.problems
    if current is None:
        report.add("term-id", f"no term has the id '{term_id}'{did_you_mean(term_id, by_id)}")
        return None, report.problems
    edit = TermEdit(term_id=term_id, is_new=False, name=str(current.get("term", term_id)))
    reason = answers.get("reason", "").strip()
    if not reason:
        report.add("reason", "is empty; say in a sentence what was wrong or missing")
    edit.reason = reason
    definition = _markdown_text(answers.get("definition", ""))
    if definition and " ".join(definition.split()) != " ".join(str(current.get("definition", "")).split()):
        edit.set_fields["definition"] = definition
    plain = _markdown_text(answers.get("plain", ""))
    if plain and " ".join(plain.split()) != " ".join(str(current.get("plain", "")).split()):
        edit.set_fields["plain"] = plain
    others = [t for t in terms if t.id != term_id]
    known_names = {normalize_name(n) for n in [current.get("term", ""), *current.get("aliases", [])] if n}
    aliases = [a for a in _aliases(report, answers.get("aliases", ""), edit.name, others)
               if normalize_name(a) not in known_names]
    new_tags = [t for t in _tags(report, answers.get("tags", ""), "tags") if t not in current.get("tags", [])]
    related = [r for r in _related(report, answers.get("related", ""), terms, own_id=term_id)
               if r not in current.get("related", [])]
    sources = _sources(report, answers.get("sources", ""), "sources")
    known_urls = {s.get("url") for s in current.get("sources", []) if isinstance(s, dict)}
    sources = [(s, line) for s, line in sources if s["url"] not in known_urls]
    usage = _local_usage(report, answers)
    translations = _translations(report, answers, current)
    if translations is not None:
        edit.set_fields["translations"] = translations
    for key, items in (("aliases", aliases), ("tags", new_tags), ("related", related),
                       ("sources", [s for s, _ in sources]), ("local_usage", [usage] if usage else [])):
        if items:
            edit.additions[key] = items
    offset = len(current.get("sources", []))
    edit.source_labels = {offset + i: _line_label(form, "sources", line) for i, (_, line) in enumerate(sources)}
    if not report.problems and not edit.set_fields and not edit.additions:
        report.add("definition", "nothing to change: the definition is the current one and no field adds anything")
    edit.labels = _yaml_field_labels(form)
    return (None if report.problems else edit), report.problems


# -- fields ------------------------------------------------------------------------------------

# The Spanish fields of the "Change this term" form -> the fields of `translations.es`.
SPANISH_FIELDS = {"term-es": "term", "definition-es": "definition", "plain-es": "plain"}


def _translations(report: _Collector, answers: Mapping[str, str], current: Mapping[str, Any]) -> dict | None:
    """The term's `translations` with the Spanish answers in them, or None when they change nothing.

    A Spanish text from the form is a person's draft (`review: draft`) until a second bilingual
    person reviews it in the pull request: changed wording is no longer what a reviewer checked.
    """
    if not any(field in report.form.fields_by_id() for field in SPANISH_FIELDS):
        return None
    translations = dict(current.get("translations") or {})
    spanish = dict(translations.get("es") or {})
    changed = False
    for field_id, key in SPANISH_FIELDS.items():
        answer = answers.get(field_id, "")
        value = " ".join(answer.split()) if key == "term" else _markdown_text(answer)
        if value and " ".join(value.split()) != " ".join(str(spanish.get(key, "")).split()):
            spanish[key] = value
            changed = True
    known_urls = {s.get("url") for s in spanish.get("sources", []) if isinstance(s, dict)}
    sources = [s for s, _ in _sources(report, answers.get("sources-es", ""), "sources-es")
               if s["url"] not in known_urls]
    if sources:
        spanish["sources"] = [*spanish.get("sources", []), *sources]
        changed = True
    if not changed:
        return None
    for field_id, key in (("term-es", "term"), ("definition-es", "definition")):
        if not spanish.get(key):
            report.add(field_id, "is needed: a term's first Spanish text has its Spanish name and Spanish definition")
    spanish["review"] = "draft"
    spanish.pop("reviewed_by", None)
    translations["es"] = {key: spanish[key] for key in ("term", "aliases", "definition", "plain", "review", "sources")
                          if key in spanish}
    return translations


def _reject_markup(form: IssueForm, answers: Mapping[str, str], report: _Collector) -> None:
    """No HTML and no script links in any answer: the site renders Markdown, never raw HTML."""
    for f in form.fields:
        answer = answers.get(f.id, "")
        tag = _HTML.search(answer)
        if tag:
            report.add(f.id, f"contains HTML (`{tag.group(0).strip().replace('`', '')}`); write plain text "
                             "or Markdown (to write “less than”, put a space after `<`)")
        unsafe = UNSAFE_LINK.search(answer)
        if unsafe:
            report.add(f.id, f"contains a `{unsafe.group(0)}` link; only https:// and http:// links are allowed")
        if _CONTROL.search(answer):
            report.add(f.id, "contains invisible control characters; retype it as plain text")


def _required_text(report: _Collector, answers: Mapping[str, str], field_id: str) -> str:
    text = _markdown_text(answers.get(field_id, ""))
    if not text:
        report.add(field_id, "is empty")
    return text


def _markdown_text(answer: str) -> str:
    lines = [line.rstrip() for line in answer.replace("\r\n", "\n").split("\n")]
    return "\n".join(lines).strip()


def _aliases(report: _Collector, answer: str, name: str, terms: list[Term]) -> list[str]:
    aliases: list[str] = []
    for alias in split_list(answer):
        if normalize_name(alias) == normalize_name(name) or normalize_name(alias) in map(normalize_name, aliases):
            continue
        if _name_collision(report, "aliases", alias, terms):
            continue
        aliases.append(alias)
    return aliases


def _name_collision(report: _Collector, field_id: str, name: str, terms: list[Term]) -> bool:
    """True (and a problem) when `name` or its plural is already a name of another term."""
    collision = name_collision(name, terms)
    if collision is None:
        return False
    kind = "the name" if collision.is_term_name else "another name"
    if collision.same_name:
        told = f"'{name}' is already {kind} of the term `{collision.term.id}`"
    else:
        told = f"'{name}' is too close to '{collision.other_name}', {kind} of the term `{collision.term.id}`"
    report.add(field_id, told + "; suggest a change to that term instead")
    return True


def _tags(report: _Collector, answer: str, field_id: str) -> list[str]:
    by_title = {title.casefold(): tag for tag, title in TOPIC_TITLES.items()}
    by_title.update({tag: tag for tag in TOPIC_TITLES})
    tags: list[str] = []
    for item in split_list(answer):
        tag = by_title.get(item.casefold())
        if tag is None:
            report.add(field_id, f"'{item}' is not a topic; choose from: {', '.join(TOPIC_TITLES.values())}")
        elif tag not in tags:
            tags.append(tag)
    return tags


def _related(report: _Collector, answer: str, terms: list[Term], own_id: str) -> list[str]:
    """Names, aliases, plurals or ids of existing terms -> their ids."""
    by_id = {t.id: t for t in terms}
    owners = NameOwners(terms)
    ids: list[str] = []
    for item in split_list(answer):
        item = item.strip("`")
        named = owners.owner(item)
        found = item if item in by_id else (named.id if named else None) or (
            slugify(item) if slugify(item) in by_id else None)
        if found is None:
            report.add("related", f"no glossary term is called '{item}'{did_you_mean(slugify(item), by_id)}")
        elif found != own_id and found not in ids:
            ids.append(found)
    return ids


def _sources(report: _Collector, answer: str, field_id: str) -> list[tuple[dict[str, str], int]]:
    """Each non-empty line is `Title - URL` or `[Title](URL)`; returns (source, line number)."""
    sources: list[tuple[dict[str, str], int]] = []
    for number, line in enumerate(answer.split("\n"), start=1):
        line = _LIST_MARK.sub("", line.strip())
        if not line:
            continue
        source = _parse_source(line)
        if source is None:
            report.add(field_id, "write it as `Title - https://...` or `[Title](https://...)`", number)
            continue
        problem = _url_problem(source["url"])
        if problem:
            report.add(field_id, problem, number)
            continue
        sources.append((source, number))
    return sources


def _parse_source(line: str) -> dict[str, str] | None:
    match = _MARKDOWN_LINK.match(line) or _TITLE_DASH_URL.match(line)
    if not match:
        return None
    title = " ".join(match.group("title").split()).strip(" :-–—")
    return {"title": title, "url": match.group("url")} if title else None


def _url_problem(url: str) -> str | None:
    try:
        parts = urlsplit(url)
    except ValueError:
        return f"'{url}' is not a web address"
    if parts.scheme.lower() not in ("http", "https") or not parts.hostname:
        return f"'{url}' is not an https:// or http:// web address"
    return None


def _local_usage(report: _Collector, answers: Mapping[str, str]) -> dict | None:
    chosen = answers.get("jurisdiction", "").strip()
    local_name = " ".join(answers.get("local-name", "").split())
    note = _markdown_text(answers.get("local-note", ""))
    source_line = answers.get("local-source", "").strip()
    if not chosen:
        if local_name or note or source_line:
            report.add("jurisdiction", "choose the jurisdiction that uses this name or meaning")
        return None
    by_name = {name.casefold(): jid for jid, name in JURISDICTIONS.items()} | {jid: jid for jid in JURISDICTIONS}
    jurisdiction = by_name.get(chosen.casefold())
    if jurisdiction is None:
        report.add("jurisdiction", f"'{chosen}' is not one of: {', '.join(JURISDICTIONS.values())}")
        return None
    if not note:
        report.add("local-note", "is needed when you choose a jurisdiction: say how it uses the term")
    usage: dict[str, Any] = {"jurisdiction": jurisdiction}
    if local_name:
        usage["local_name"] = local_name
    usage["note"] = note
    if source_line:
        source = _parse_source(_LIST_MARK.sub("", source_line))
        problem = ("write it as `Title - https://...` or `[Title](https://...)`" if source is None
                   else _url_problem(source["url"]))
        if problem:
            report.add("local-source", problem)
        else:
            usage["source"] = source
    return usage


def _line_label(form: IssueForm, field_id: str, line: int) -> str:
    return f"{form.label(field_id)}, line {line}"


def _yaml_field_labels(form: IssueForm) -> dict[str, str]:
    """Term file field -> the form field it came from."""
    mapping = {"term": "term", "aliases": "aliases", "definition": "definition", "plain": "plain",
               "translations.es.term": "term-es", "translations.es.aliases": "term-es",
               "translations.es.definition": "definition-es", "translations.es.plain": "plain-es",
               "translations.es.sources": "sources-es", "translations.es": "term-es", "translations": "term-es",
               "notes": "notes", "tags": "tags", "related": "related", "sources": "sources",
               "local_usage.jurisdiction": "jurisdiction", "local_usage.local_name": "local-name",
               "local_usage.note": "local-note", "local_usage.source": "local-source", "local_usage": "jurisdiction"}
    ids = {f.id for f in form.fields}
    return {key: form.label(fid) for key, fid in mapping.items() if fid in ids}
