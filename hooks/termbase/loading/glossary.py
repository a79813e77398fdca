"""The published glossary: terms by id and by name, drafts left out."""

from __future__ import annotations

from collections import defaultdict
from typing import Iterable

from .model import Term
from .slugs import slugify


class Glossary:
    """Every published term, with the lookups the renderers need. Drafts never enter."""

    def __init__(self, terms: Iterable[Term]):
        terms = list(terms)
        self.drafts = frozenset(t.id for t in terms if not t.published)
        self.terms: dict[str, Term] = {t.id: t for t in sorted(
            (t for t in terms if t.published), key=lambda t: t.term.casefold())}
        self._narrower = self._inverse("broader", "narrower")
        self._broader = self._inverse("narrower", "broader")
        self._related = self._inverse("related", "related")
        self._confused = self._inverse("confused_with", "confused_with")
        self._by_jurisdiction: dict[str, list[tuple[Term, object]]] | None = None

    def __iter__(self):
        return iter(self.terms.values())

    def __len__(self) -> int:
        return len(self.terms)

    def __contains__(self, term_id: str) -> bool:
        return term_id in self.terms

    def __getitem__(self, term_id: str) -> Term:
        return self.terms[term_id]

    def _inverse(self, declared: str, own: str) -> dict[str, tuple[str, ...]]:
        """Merge a term's own list with the terms that point at it the other way."""
        merged: dict[str, list[str]] = defaultdict(list)
        for term in self:
            merged[term.id].extend(getattr(term, own))
        for term in self:
            for other in getattr(term, declared):
                if other in self.terms and term.id not in merged[other]:
                    merged[other].append(term.id)
        return {k: tuple(v) for k, v in merged.items()}

    def broader(self, term: Term) -> tuple[Term, ...]:
        return tuple(self.terms[i] for i in self._broader.get(term.id, ()) if i in self.terms)

    def narrower(self, term: Term) -> tuple[Term, ...]:
        return tuple(self.terms[i] for i in self._narrower.get(term.id, ()) if i in self.terms)

    def related(self, term: Term) -> tuple[Term, ...]:
        """Related both ways: if A lists B, B's page shows A too."""
        return tuple(self.terms[i] for i in self._related.get(term.id, ()) if i in self.terms)

    def confused_with(self, term: Term) -> tuple[Term, ...]:
        return tuple(self.terms[i] for i in self._confused.get(term.id, ()) if i in self.terms)

    def tags(self) -> dict[str, list[Term]]:
        grouped: dict[str, list[Term]] = defaultdict(list)
        for term in self:
            for tag in term.tags:
                grouped[tag].append(term)
        return dict(sorted(grouped.items()))

    def short_links(self) -> dict[str, Term]:
        """Extra URL slugs (aliases, old ids) that redirect to a term page."""
        links: dict[str, Term] = {}
        for term in self:
            for slug in [slugify(a) for a in term.aliases] + list(term.redirect_from):
                if slug and slug != term.id and slug not in self.terms:
                    links.setdefault(slug, term)
        return links

    def by_jurisdiction(self) -> dict[str, list[tuple[Term, object]]]:
        """Local usages grouped by jurisdiction, made once: every page asks (do not modify)."""
        if self._by_jurisdiction is None:
            usages: dict[str, list] = defaultdict(list)
            for term in self:
                for usage in term.local_usage:
                    usages[usage.jurisdiction].append((term, usage))
            self._by_jurisdiction = dict(usages)
        return self._by_jurisdiction
