"""Checks that need every term at once: references, name collisions, short-link collisions."""

from __future__ import annotations

import re

from .hints import did_you_mean
from .model import RELATION_FIELDS, Term
from .namecollisions import NameOwners
from .problems import Problem
from .slugs import name_forms, normalize_name, slugify

MARKDOWN_FIELDS = ("definition", "plain", "notes", "includes", "governed_by", "use_when")
# Markdown links or raw URLs whose scheme could run code in a browser. A data: URL has a media
# type (maybe empty) then "," or ";", so prose such as "kinds of data: ..." is not one.
UNSAFE_LINK = re.compile(r"\b(?:(?:javascript|vbscript)\s*:|data\s*:[\w/+.-]*[;,])", re.IGNORECASE)


def cross_check(terms: list[Term], broken: set[str] = frozenset()) -> list[Problem]:
    """`broken` are ids whose files failed to load: already reported, so not called unknown."""
    by_id = {t.id: t for t in terms}
    name_slugs = _ids_by_name_slug(terms)
    problems: list[Problem] = []
    for term in terms:
        problems += _reference_problems(term, by_id, broken, name_slugs)
        problems += _unsafe_markup(term)
    problems += _name_collisions(terms)
    problems += _search_term_problems(terms)
    problems += _short_link_collisions(terms, by_id)
    return problems


def _ids_by_name_slug(terms: list[Term]) -> dict[str, str]:
    """'lds' -> 'limited-data-set': an id written from a name or alias points to its term."""
    slugs: dict[str, str] = {}
    for term in terms:
        for name in term.names:
            slugs.setdefault(slugify(name), term.id)
    return slugs


def unknown_term_message(other: str, by_id: dict[str, Term], name_slugs: dict[str, str]) -> str:
    """"unknown term 'x' (no glossary/x.yml); did you mean `y`?" with the closest ids."""
    named = [name_slugs[other]] if other in name_slugs else []
    return f"unknown term '{other}' (no glossary/{other}.yml){did_you_mean(other, by_id, first=named)}"


def _reference_problems(term: Term, by_id: dict[str, Term], broken: set[str],
                        name_slugs: dict[str, str]) -> list[Problem]:
    problems = []

    def report(field: str, message: str):
        problems.append(Problem(term.path, term.line_of(field), field, message))

    for field in RELATION_FIELDS:
        for other in getattr(term, field):
            if other == term.id:
                report(field, f"'{other}' refers to the term itself")
            elif other in broken:
                continue
            elif other not in by_id:
                report(field, unknown_term_message(other, by_id, name_slugs))
            elif term.published and not by_id[other].published:
                report(field, f"'{other}' is a draft and is not published; remove it or adopt that term first")
    if term.status == "deprecated" and not term.replaced_by:
        problems.append(Problem(term.path, term.line_of("status"), "replaced_by",
                                "a deprecated term must name the term to use instead"))
    if term.replaced_by:
        target = by_id.get(term.replaced_by)
        if term.status != "deprecated":
            report("replaced_by", "only a deprecated term can be replaced; set status: deprecated")
        elif term.replaced_by == term.id:
            report("replaced_by", "a term cannot replace itself")
        elif target is None and term.replaced_by not in broken:
            report("replaced_by", unknown_term_message(term.replaced_by, by_id, name_slugs))
        elif target is not None and target.status in ("draft", "deprecated"):
            report("replaced_by", f"'{target.id}' is {target.status}; point to a published, current term")
    return problems


def _unsafe_markup(term: Term) -> list[Problem]:
    problems = []
    for field in MARKDOWN_FIELDS:
        match = UNSAFE_LINK.search(getattr(term, field))
        if match:
            problems.append(Problem(term.path, term.line_of(field), field,
                                    f"'{match.group(0)}' links are not allowed; use an https:// URL"))
    return problems


def _name_collisions(terms: list[Term]) -> list[Problem]:
    """Two names (or a name and the plural of another) must not point at different terms."""
    owners = NameOwners()
    problems = []
    for term in terms:
        if not term.published:
            continue
        for field, name in [("term", term.term)] + [("aliases", a) for a in term.aliases]:
            collision = owners.collision(name, own=term)
            if collision is not None and collision.term.id != term.id:
                problems.append(Problem(term.path, term.line_of(field), field,
                                        f"'{name}' collides with '{collision.other_name}' of {collision.term.path}"))
            elif collision is not None:
                problems.append(Problem(term.path, term.line_of(field), field,
                                        f"'{name}' repeats the name '{collision.other_name}'"))
            owners.claim(term, name)
    return problems


def _search_term_problems(terms: list[Term]) -> list[Problem]:
    """A search term is a spelling no name already covers; another term's name would steal its search."""
    names = {normalize_name(form): t for t in terms if t.published for n in t.names for form in name_forms(n)}
    problems = []
    for term in terms:
        for spelling in term.search_terms:
            owner = names.get(normalize_name(spelling))
            if owner is None:
                continue
            if owner.id == term.id:
                message = f"'{spelling}' is already a name of this term (or its plural); search finds it without it"
            else:
                message = f"'{spelling}' is a name of {owner.path} (or its plural); searching for it must lead there"
            problems.append(Problem(term.path, term.line_of("search_terms"), "search_terms", message))
    return problems


def _short_link_collisions(terms: list[Term], by_id: dict[str, Term]) -> list[Problem]:
    """Each short link (alias slug, old id) must lead to exactly one term and hide no term page."""
    claimed: dict[str, Term] = {}
    problems = []
    for term in terms:
        if not term.published:
            continue
        for old_id in term.redirect_from:
            if old_id in by_id:
                problems.append(Problem(term.path, term.line_of("redirect_from"), "redirect_from",
                                        f"'{old_id}' is the id of {by_id[old_id].path}; an old id must be free"))
            elif old_id in claimed and claimed[old_id].id != term.id:
                problems.append(Problem(term.path, term.line_of("redirect_from"), "redirect_from",
                                        f"'{old_id}' already redirects to {claimed[old_id].path}"))
            else:
                claimed[old_id] = term
    for term in terms:
        if not term.published:
            continue
        for alias in term.aliases:
            slug = slugify(alias)
            if not slug or slug == term.id:
                continue
            holder = claimed.get(slug) or by_id.get(slug)
            if holder is not None and holder.id != term.id:
                problems.append(Problem(term.path, term.line_of("aliases"), "aliases",
                                        f"short link glossary/{slug}/ for '{alias}' is already used by {holder.path}"))
            else:
                claimed.setdefault(slug, term)
    return problems
