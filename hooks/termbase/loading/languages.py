"""The site's languages: English, the language of every source page, and the languages terms are
translated into.

A translated page lives at the same path as its English page under the language's folder
(`glossary/lds/` in Spanish is `es/glossary/lds/`, `residents.md` is `es/residents.md`), the
convention of mkdocs-static-i18n's folder layout. So a page's language is read from its address,
and the address of its counterpart follows from it, for page URLs, `.html` addresses of the offline
copy and source paths alike.

Why not mkdocs-static-i18n (1.3.1, tried on a two-page site with a hook like ours): it rebuilds the
whole site once per language, running every hook again; its `on_files` stops with a TypeError on
any `File.generated` page (it reads `abs_src_path`, which generated pages do not have), and pages
generated after it get no language (`glossary/x.es.md` became `glossary/x.es/`); Zensical runs no
MkDocs plugin at all. So the engine makes the Spanish pages itself, both engines give each page its
language, selector entries and navigation (sitefiles/alternates.py), and the theme overrides show
them (overrides/partials/language.html, alternate.html, nav.html).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Callable

from .slugs import name_forms
from .spanishforms import fold_accents, spanish_name_forms

SOURCE_LANGUAGE = "en"


@dataclass(frozen=True)
class Language:
    code: str  # BCP 47, as in `<html lang>` and `hreflang`
    name: str  # in the language itself, as the language selector shows it

    @property
    def folder(self) -> str:
        """Where its pages live: "" for English (the site's root), "es/" for Spanish."""
        return "" if self.code == SOURCE_LANGUAGE else f"{self.code}/"


ENGLISH = Language(SOURCE_LANGUAGE, "English")
SPANISH = Language("es", "Español")
LANGUAGES: dict[str, Language] = {language.code: language for language in (ENGLISH, SPANISH)}
# Languages a term may be translated into: the `translations` keys of term files.
TRANSLATION_LANGUAGES = tuple(code for code in LANGUAGES if code != SOURCE_LANGUAGE)


# How each language forms the names a mention may use (plurals), and how it compares them: Spanish
# without accents, which readers often leave out.
NAME_FORMS: dict[str, Callable[[str], list[str]]] = {"en": name_forms, "es": spanish_name_forms}
FOLDING: dict[str, Callable[[str], str]] = {"es": fold_accents}


def comparable(name: str, code: str) -> str:
    """How two names in `code` are compared: case, spacing and (in Spanish) accents do not count."""
    return " ".join(FOLDING.get(code, str)(name).casefold().split())


def language_of(address: str) -> str:
    """The language of a page from its site-relative URL or docs-relative source path."""
    first = address.lstrip("/").split("/", 1)[0]
    return first if first in TRANSLATION_LANGUAGES and "/" in address.lstrip("/") else SOURCE_LANGUAGE


def in_language(address: str, code: str) -> str:
    """The address of the same page in `code` (an English address, or one already in `code`)."""
    english = english_address(address)
    return LANGUAGES[code].folder + english


def english_address(address: str) -> str:
    """The English counterpart of an address in any language."""
    code = language_of(address)
    return address[len(LANGUAGES[code].folder):] if code != SOURCE_LANGUAGE else address
