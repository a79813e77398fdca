"""Generated pages in the languages terms are translated into, and the translation status page.

For each language (Spanish: `es/`), made like the English ones and beside them in its folder:

- one page per translated term, `es/glossary/<id>.md`: the name, the other names, the plain and
  the formal definition in the language; a notice while nobody bilingual has reviewed the wording,
  and one when the English changed after the translation; related terms by their names in the
  language, or by their English names, said to be not yet translated, linking the English page;
- the glossary index, `es/glossary/index.md`: the translated terms A to Z, then the others.

And `glossary/translations.md`, in English for the people who maintain the glossary: per language,
what is translated, missing, out of date and not reviewed.

Every value from YAML is escaped or kept as Markdown on purpose: the pages are sanitised after
rendering, as the English term pages are.
"""

from __future__ import annotations

import textwrap
from dataclasses import dataclass
from itertools import groupby
from typing import Mapping

from ..linking.text import md_escape, md_url, summary
from ..loading.githistory import RepoHistory
from ..loading.glossary import Glossary
from ..loading.languages import LANGUAGES, TRANSLATION_LANGUAGES, comparable
from ..loading.model import Term, Translation
from ..loading.translationhistory import TranslationState, translation_states
from .termpages import front_matter

STATUS_PAGE = "glossary/translations.md"
SEARCH_BOOST = 0.75
REVIEW_WORDS = {"machine": "machine translation", "draft": "draft", "reviewed": "reviewed"}

# What the pages of a language say, in that language.
TEXT = {
    "es": {
        "glossary": "Glosario",
        "glossary_description": "Los términos del glosario traducidos al español, de la A a la Z.",
        "glossary_intro": ("{translated} de los {total} términos del glosario están traducidos al español. Cada uno "
                           "lleva a su página, con su definición en palabras sencillas. Los demás aún no están "
                           "traducidos: llevan a su página en inglés."),
        "letters": "Ir a la letra",
        "a_to_z": "De la A a la Z",
        "see": "ver",
        "untranslated_heading": "Términos aún no traducidos",
        "untranslated_intro": "Estos términos solo tienen página en inglés por ahora.",
        "untranslated": "aún no traducido / not yet translated",
        "also_called": "También llamado",
        "plain": "En palabras sencillas",
        "review_title": "Traducción automática / borrador, sin revisar por una persona bilingüe",
        "review_machine": "Esta página la tradujo una máquina y nadie la ha revisado todavía.",
        "review_draft": "Esta página la tradujo una persona, pero todavía no la ha revisado otra persona bilingüe.",
        "review_english": "Si algo no queda claro, lea la versión en inglés: {link}.",
        "outdated_title": "La versión en inglés cambió después de esta traducción",
        "outdated": ("La definición en inglés cambió el {english}, después del último cambio de esta traducción "
                     "({translated}). Puede que esta página ya no diga lo mismo: lea la versión en inglés, {link}."),
        "confused": "Se confunde a menudo con",
        "related": "Términos relacionados",
        "broader": "Términos más generales",
        "narrower": "Términos más específicos",
        "translation_sources": "Fuentes de la traducción",
        "sources": "Fuentes de la definición (en inglés)",
        "original": "Versión original en inglés, con notas, uso local e historial",
        "months": ("enero", "febrero", "marzo", "abril", "mayo", "junio", "julio", "agosto", "septiembre",
                   "octubre", "noviembre", "diciembre"),
    },
}


@dataclass(frozen=True)
class TranslatedPage:
    src_uri: str
    markdown: str
    in_nav: bool
    links_terms: frozenset[str]  # terms the page links itself (its lists), which count as mentioned


def translation_pages(glossary: Glossary, history: RepoHistory) -> list[TranslatedPage]:
    """Every page in every translation language, and the status page; `history` tells which
    translations are out of date."""
    states = translation_states(glossary, history)
    pages = []
    for language in TRANSLATION_LANGUAGES:
        translated = [term for term in glossary if term.translation(language)]
        if not translated:
            continue
        for term in translated:
            state = states.get((term.id, language))
            pages.append(TranslatedPage(translated_src(term.id, language),
                                        translated_term_page(term, language, glossary, state), False,
                                        frozenset(t.id for t in _listed(term, glossary))))
        pages.append(TranslatedPage(f"{language}/glossary/index.md", translated_index(glossary, language), False,
                                    frozenset()))
    pages.append(TranslatedPage(STATUS_PAGE, status_page(glossary, states, history.available), True, frozenset()))
    return pages


def translated_src(term_id: str, language: str) -> str:
    return f"{LANGUAGES[language].folder}glossary/{term_id}.md"


# -- a term's page ----------------------------------------------------------------------------

def translated_term_page(term: Term, language: str, glossary: Glossary, state: TranslationState | None) -> str:
    text = TEXT[language]
    translation = term.translation(language)
    english = f"[{md_escape(term.term)}](../../glossary/{term.id}.md)"
    # Less weight in search than other pages (English term pages have 2): a Spanish word is rare on
    # the site, so lunr rates it far above its English cognate, and a name both languages share
    # ("FERPA") or a few letters typed ("limi" -> "limitado") found the Spanish page first. Spanish
    # words are only on Spanish pages, so Spanish queries still find them first (measured in a
    # browser: 0.6 to 0.85 keep both true; tests/browser/test_spanish.py and test_search.py).
    parts = [front_matter(title=translation.term, description=summary(translation.definition, 160),
                          search={"boost": SEARCH_BOOST}),
             f"# {md_escape(translation.term)}\n"]
    if not translation.reviewed:
        why = text["review_machine"] if translation.review == "machine" else text["review_draft"]
        parts.append(_admonition("warning kb-translation-review", text["review_title"],
                                 f"{why} {text['review_english'].format(link=english)}"))
    if state is not None and state.outdated:
        parts.append(_admonition("info kb-translation-outdated", text["outdated_title"], text["outdated"].format(
            english=_date(state.english_changed.day, language), translated=_date(state.translated.day, language),
            link=english)))
    if translation.aliases:
        aliases = ", ".join(f"**{md_escape(a)}**" for a in translation.aliases)
        parts.append(f'<p class="kb-aliases" markdown>{text["also_called"]}: {aliases}</p>\n')
    if translation.plain:
        parts.append(_admonition("note kb-plain", text["plain"], translation.plain))
    parts.append(f'<div class="kb-definition" markdown>\n\n{translation.definition}\n\n</div>\n')
    for heading, terms in (("confused", glossary.confused_with(term)), ("related", glossary.related(term)),
                           ("broader", glossary.broader(term)), ("narrower", glossary.narrower(term))):
        if terms:
            items = "\n".join(f"- {_term_item(t, language)}" for t in terms)
            parts.append(f"## {text[heading]}\n\n{items}\n")
    if translation.sources:
        parts.append(f"## {text['translation_sources']}\n\n{_sources(translation)}\n")
    if term.sources:
        items = "\n".join(f"- [{md_escape(s.title)}](<{md_url(s.url)}>)" for s in term.sources)
        parts.append(f'## {text["sources"]}\n\n<div lang="en" markdown>\n\n{items}\n\n</div>\n')
    parts.append(f'<p class="kb-translation-of" markdown>{text["original"]}: '
                 f'<span lang="en" markdown>{english}</span></p>\n')
    return "\n".join(parts)


def _term_item(term: Term, language: str) -> str:
    """A term in a list of a page in `language` (in its glossary folder): by its name in the
    language, or by its English name, marked as not yet translated."""
    translation = term.translation(language)
    if translation:
        return f"[{md_escape(translation.term)}]({term.id}.md): {md_escape(summary(translation.definition))}"
    return (f'<span lang="en" markdown>[{md_escape(term.term)}](../../glossary/{term.id}.md)</span> '
            f'*({TEXT[language]["untranslated"]})*')


def _listed(term: Term, glossary: Glossary) -> list[Term]:
    return [*glossary.confused_with(term), *glossary.related(term), *glossary.broader(term), *glossary.narrower(term)]


def _sources(translation: Translation) -> str:
    return "\n".join(f"- [{md_escape(s.title)}](<{md_url(s.url)}>)" for s in translation.sources)


def _admonition(kind: str, title: str, body: str) -> str:
    return f'!!! {kind} "{title}"\n\n{textwrap.indent(body, "    ")}\n'


def _date(day: str, language: str) -> str:
    """'2026-12-07' as its readers write it ('7 de diciembre de 2026'), in a <time> element."""
    year, month, date = day.split("-")
    return f'<time datetime="{day}">{int(date)} de {TEXT[language]["months"][int(month) - 1]} de {year}</time>'


# -- the glossary index -----------------------------------------------------------------------

def translated_index(glossary: Glossary, language: str) -> str:
    """The glossary in `language`: translated terms A to Z (other names too), then the others."""
    text = TEXT[language]
    entries = []
    for term in glossary:
        translation = term.translation(language)
        if translation:
            entries.append((translation.term, term, None))
            entries += [(alias, term, alias) for alias in translation.aliases]
    entries.sort(key=lambda entry: comparable(entry[0], language))

    def letter(entry) -> str:
        first = comparable(entry[0], language)[:1].upper()
        return first if first.isalpha() else "#"

    groups = [(key, list(items)) for key, items in groupby(entries, key=letter)]
    present = {key for key, _ in groups}
    jumps = " ".join(f"[{_label(k)}](#letter-{_anchor(k)})" if k in present else f'<span aria-hidden="true">{k}</span>'
                     for k in ["#", *"ABCDEFGHIJKLMNOPQRSTUVWXYZ"] if k != "#" or "#" in present)
    translated = sum(1 for term in glossary if term.translation(language))
    parts = [front_matter(title=text["glossary"], description=text["glossary_description"], autolink=False),
             f"# {text['glossary']}\n",
             text["glossary_intro"].format(translated=translated, total=len(glossary)) + "\n",
             f'<nav class="kb-letters" aria-label="{text["letters"]}" markdown>{jumps}</nav>\n',
             f"## {text['a_to_z']}\n"]
    for key, items in groups:
        parts.append(f"### {_label(key)} {{ #letter-{_anchor(key)} }}\n")
        for name, term, alias in items:
            translation = term.translation(language)
            link = f"[{md_escape(translation.term)}]({term.id}.md)"
            if alias:
                parts.append(f"- {md_escape(alias)}: {text['see']} {link}")
            else:
                parts.append(f"- {link}: {md_escape(summary(translation.definition))}")
        parts.append("")
    missing = [term for term in glossary if not term.translation(language)]
    if missing:
        parts.append(f"## {text['untranslated_heading']} {{ #untranslated }}\n\n{text['untranslated_intro']}\n")
        parts.append("\n".join(f"- {_term_item(term, language)}" for term in missing) + "\n")
    return "\n".join(parts)


def _label(letter: str) -> str:
    return "0-9" if letter == "#" else letter


def _anchor(letter: str) -> str:
    return "other" if letter == "#" else letter.lower()


# -- the status page --------------------------------------------------------------------------

def status_page(glossary: Glossary, states: Mapping[tuple[str, str], TranslationState],
                history_available: bool) -> str:
    """Per language: how many terms are translated, reviewed, out of date; which are missing."""
    parts = [front_matter(title="Translation status", autolink=False,
                          description="Which glossary terms are translated, reviewed, out of date or missing."),
             "# Translation status\n",
             "Terms are translated in their own files (`translations`, see the contributing guide, "
             "*Translating a term*). A translation is **out of date** when the English definition or plain "
             "definition changed in a commit after the translation last did; **not reviewed** until a "
             "bilingual person or body checked it (`review: reviewed`, `reviewed_by`).\n"]
    if not history_available:
        parts.append('!!! warning "No history"\n\n    This build has no git history (a shallow clone?): '
                     "translations that are out of date cannot be told apart.\n")
    for language in TRANSLATION_LANGUAGES:
        parts.append(_language_status(glossary, states, language))
    return "\n".join(parts)


def _language_status(glossary: Glossary, states: Mapping[tuple[str, str], TranslationState], language: str) -> str:
    name = LANGUAGES[language].name
    translated = [term for term in glossary if term.translation(language)]
    missing = [term for term in glossary if not term.translation(language)]
    outdated = [term for term in translated if (s := states.get((term.id, language))) and s.outdated]
    unreviewed = [term for term in translated if not term.translation(language).reviewed]
    reviewed = [term for term in translated if term.translation(language).reviewed]
    parts = [f"## {md_escape(name)} ({language}) {{ #{language} }}\n",
             "| State | Terms |\n|---|---|\n"
             f"| Translated | {len(translated)} of {len(glossary)} |\n"
             f"| Reviewed by a bilingual person or body | {len(reviewed)} |\n"
             f"| Not reviewed (machine translation or draft) | {len(unreviewed)} |\n"
             f"| Out of date (the English changed since) | {len(outdated)} |\n"
             f"| Missing | {len(missing)} |\n"]

    def spanish(term: Term) -> str:
        return f"[{md_escape(term.translation(language).term)}](../{translated_src(term.id, language)})"

    def english(term: Term) -> str:
        return f"[{md_escape(term.term)}]({term.id}.md)"

    if outdated:
        rows = ["| Term | Translation | English changed | Translation last changed |", "|---|---|---|---|"]
        for term in outdated:
            state = states[(term.id, language)]
            rows.append(f"| {english(term)} | {spanish(term)} | {state.english_changed.day} | {state.translated.day} |")
        parts.append(f"### Out of date {{ #{language}-outdated }}\n\n" + "\n".join(rows) + "\n")
    if unreviewed:
        rows = ["| Term | Translation | Review |", "|---|---|---|"]
        rows += [f"| {english(t)} | {spanish(t)} | {REVIEW_WORDS[t.translation(language).review]} |"
                 for t in unreviewed]
        parts.append(f"### Not reviewed {{ #{language}-unreviewed }}\n\n" + "\n".join(rows) + "\n")
    if reviewed:
        rows = ["| Term | Translation | Reviewed by |", "|---|---|---|"]
        rows += [f"| {english(t)} | {spanish(t)} | {md_escape(t.translation(language).reviewed_by)} |"
                 for t in reviewed]
        parts.append(f"### Reviewed {{ #{language}-reviewed }}\n\n" + "\n".join(rows) + "\n")
    if missing:
        parts.append(f"### Missing {{ #{language}-missing }}\n\n" + ", ".join(english(t) for t in missing) + "\n")
    return "\n".join(parts)
