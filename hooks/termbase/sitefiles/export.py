"""The machine-readable glossary: JSON, CSV, SKOS (JSON-LD) and schema.org DefinedTerm.

Jurisdictions reuse the agreed terms in their own data dictionaries, so every export holds the
published terms only (drafts never), with the same fields and the same URLs as the term pages.
Translations travel with them: a `translations` field in the JSON, columns per language in the CSV
(`term_es`, ...), and SKOS labels and definitions tagged with their language (`"@language": "es"`).
"""

from __future__ import annotations

import csv
import io
import json
from typing import Callable

from ..loading.glossary import Glossary
from ..loading.languages import TRANSLATION_LANGUAGES
from ..loading.model import Term
from ..loading.plaintext import plain_text

UrlOf = Callable[[str], str]
LastChanged = Callable[[str], "str | None"]

JSON_FILE = "glossary.json"
CSV_FILE = "glossary.csv"
SKOS_FILE = "glossary.skos.jsonld"

CSV_COLUMNS = ("id", "term", "aliases", "search_terms", "definition", "status", "replaced_by", "tags", "broader",
               "narrower", "related", "confused_with", "sources", "url", "last_changed")
# Per translation language: the name, other names, definition and review state ("term_es", ...).
TRANSLATED_FIELDS = ("term", "aliases", "definition", "review")
TRANSLATION_COLUMNS = tuple(f"{field}_{language}" for language in TRANSLATION_LANGUAGES for field in TRANSLATED_FIELDS)
# A cell starting with one of these is run as a formula by spreadsheet programs.
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")

SKOS_CONTEXT = {
    "skos": "http://www.w3.org/2004/02/skos/core#",
    "dct": "http://purl.org/dc/terms/",
    "prefLabel": {"@id": "skos:prefLabel", "@language": "en"},
    "altLabel": {"@id": "skos:altLabel", "@language": "en"},
    "hiddenLabel": {"@id": "skos:hiddenLabel", "@language": "en"},
    "definition": {"@id": "skos:definition", "@language": "en"},
    "scopeNote": {"@id": "skos:scopeNote", "@language": "en"},
    "title": {"@id": "dct:title", "@language": "en"},
    "inScheme": {"@id": "skos:inScheme", "@type": "@id"},
    "hasTopConcept": {"@id": "skos:hasTopConcept", "@type": "@id"},
    "broader": {"@id": "skos:broader", "@type": "@id"},
    "narrower": {"@id": "skos:narrower", "@type": "@id"},
    "related": {"@id": "skos:related", "@type": "@id"},
    "modified": {"@id": "dct:modified"},
}


def term_record(term: Term, glossary: Glossary, url_of: UrlOf, last_changed: LastChanged) -> dict:
    """Every field of a published term, relations resolved in both directions, plus its URL."""
    ids = lambda terms: [t.id for t in terms]  # noqa: E731
    return {
        "id": term.id,
        "term": term.term,
        "aliases": list(term.aliases),
        "search_terms": list(term.search_terms),
        "definition": term.definition,
        "status": term.status,
        "replaced_by": term.replaced_by,
        "decisions": [{"date": d.date, "status": d.status, "session": d.session or None, "note": d.note or None}
                      for d in term.decisions],
        "tags": list(term.tags),
        "broader": ids(glossary.broader(term)),
        "narrower": ids(glossary.narrower(term)),
        "related": ids(glossary.related(term)),
        "confused_with": ids(glossary.confused_with(term)),
        "notes": term.notes or None,
        "includes": term.includes or None,
        "governed_by": term.governed_by or None,
        "use_when": term.use_when or None,
        "sources": [{"title": s.title, "url": s.url} for s in term.sources],
        "local_usage": [
            {"jurisdiction": u.jurisdiction, "local_name": u.local_name or None, "note": u.note,
             "source": {"title": u.source.title, "url": u.source.url} if u.source else None}
            for u in term.local_usage
        ],
        "redirect_from": list(term.redirect_from),
        "autolink": term.autolink,
        "url": url_of(term.id),
        "last_changed": last_changed(term.id),
        "translations": {t.language: {"term": t.term, "aliases": list(t.aliases), "definition": t.definition,
                                      "plain": t.plain or None, "review": t.review,
                                      "reviewed_by": t.reviewed_by or None,
                                      "sources": [{"title": s.title, "url": s.url} for s in t.sources]}
                         for t in term.translations},
    }


def glossary_json(records: list[dict], scheme_url: str) -> str:
    return json_one_item_a_line({"glossary": scheme_url, "count": len(records)}, "terms", records)


def json_one_item_a_line(head: dict, list_key: str, items: list) -> str:
    """`head` plus `list_key`: `items`, as JSON with one item a line.

    As easy to diff as indented JSON, but written by json's C encoder: asking it to indent makes
    it fall back to its pure-Python encoder, ten times slower on a large glossary.
    """
    opening = json.dumps(head, ensure_ascii=False)[:-1]
    separator = ", " if head else ""
    body = ",\n".join(json.dumps(item, ensure_ascii=False) for item in items)
    return f"{opening}{separator}{json.dumps(list_key)}: [\n{body}\n]}}\n"


def glossary_csv(records: list[dict]) -> str:
    """One row per term. Written with a BOM so Excel reads it as UTF-8; lists joined with "; "."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(CSV_COLUMNS + TRANSLATION_COLUMNS)
    for record in records:
        cells = {**record, "definition": plain_text(record["definition"]),
                 "sources": [s["url"] for s in record["sources"]]}
        for language, translation in record["translations"].items():
            cells.update({f"{field}_{language}": translation[field] for field in TRANSLATED_FIELDS})
            cells[f"definition_{language}"] = plain_text(translation["definition"])
        writer.writerow([_cell(cells.get(column)) for column in CSV_COLUMNS + TRANSLATION_COLUMNS])
    return "\ufeff" + buffer.getvalue()


def _cell(value) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, list):
        value = "; ".join(value)
    text = str(value)
    # Guard against formula injection: a leading quote makes spreadsheets show the text as text.
    return "'" + text if text.startswith(_FORMULA_START) else text


def skos_jsonld(glossary: Glossary, url_of: UrlOf, last_changed: LastChanged, scheme_url: str) -> str:
    """A skos:ConceptScheme with one skos:Concept per term (JSON-LD)."""
    concepts, top = [], []
    for term in _sorted(glossary):
        concept = {
            "@id": url_of(term.id),
            "@type": "skos:Concept",
            "inScheme": scheme_url,
            "prefLabel": term.term,
            "definition": plain_text(term.definition),
        }
        if term.aliases:
            concept["altLabel"] = list(term.aliases)
        for translation in term.translations:  # the same properties, tagged with their language
            language = translation.language
            concept["prefLabel"] = _with(concept["prefLabel"], _tagged(translation.term, language))
            concept["definition"] = _with(concept["definition"], _tagged(plain_text(translation.definition), language))
            if translation.aliases:
                concept["altLabel"] = [*concept.get("altLabel", ()),
                                       *(_tagged(alias, language) for alias in translation.aliases)]
        if term.search_terms:  # SKOS's label for spellings that search finds but nothing shows
            concept["hiddenLabel"] = list(term.search_terms)
        if term.notes:
            concept["scopeNote"] = plain_text(term.notes)
        for relation, terms in (("broader", glossary.broader(term)), ("narrower", glossary.narrower(term)),
                                ("related", glossary.related(term))):
            if terms:
                concept[relation] = [url_of(t.id) for t in terms]
        changed = last_changed(term.id)
        if changed:
            concept["modified"] = changed
        concepts.append(concept)
        if "broader" not in concept:
            top.append(concept["@id"])
    scheme = {"@id": scheme_url, "@type": "skos:ConceptScheme",
              "title": "Integrated data systems knowledge base glossary", "hasTopConcept": top}
    return json_one_item_a_line({"@context": SKOS_CONTEXT}, "@graph", [scheme, *concepts])


def _tagged(text: str, language: str) -> dict:
    return {"@value": text, "@language": language}


def _with(value, added) -> list:
    """A property's values with one more: the context's default language (English) stays untagged."""
    return [*(value if isinstance(value, list) else [value]), added]


def defined_term_jsonld(term: Term, glossary: Glossary, url_of: UrlOf, index_url: str) -> str:
    """schema.org DefinedTerm for a term page's <head>, safe to place inside a <script> element."""
    data = {
        "@context": "https://schema.org",
        "@type": "DefinedTerm",
        "@id": url_of(term.id),
        "url": url_of(term.id),
        "name": term.term,
        "description": plain_text(term.definition),
        "termCode": term.id,
        "inDefinedTermSet": {"@type": "DefinedTermSet", "@id": index_url, "url": index_url,
                             "name": "Integrated data systems knowledge base glossary"},
    }
    if term.aliases:
        data["alternateName"] = list(term.aliases)
    return script_safe_json(data)


def script_safe_json(data) -> str:
    """JSON that cannot close its <script> element or open a comment, whatever the text holds."""
    text = json.dumps(data, ensure_ascii=False)
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


def export_files(glossary: Glossary, url_of: UrlOf, scheme_url: str,
                 last_changed: LastChanged) -> dict[str, str]:
    """File name (at the site root) -> content, for every machine-readable export."""
    # One record per term, shared by the JSON and the CSV (relations resolved once).
    records = [term_record(t, glossary, url_of, last_changed) for t in _sorted(glossary)]
    return {
        JSON_FILE: glossary_json(records, scheme_url),
        CSV_FILE: glossary_csv(records),
        SKOS_FILE: skos_jsonld(glossary, url_of, last_changed, scheme_url),
    }


def _sorted(glossary: Glossary) -> list[Term]:
    return sorted(glossary, key=lambda t: t.term.casefold())
