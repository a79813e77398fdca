"""Whether a page's HTML may differ from the last build's, from what the last build saw of it.

Never "no" when it does: each check compares something the page shows, and a page that cannot
be told apart is rebuilt.
"""

from __future__ import annotations

import hashlib
import os
import re
from dataclasses import dataclass
from pathlib import Path

from mkdocs.structure.files import File

from termbase.build import PageRecord, Site, backlinks as pages_mentioning
from termbase.loading.glossary import Glossary
from termbase.linking.matcher import Matcher
from termbase.loading.languages import SOURCE_LANGUAGE, language_of
from termbase.loading.model import Term

from .memory import BuildPlan, PageMemory, SiteMemory

DATA_FOLDERS = ("data", "dictionaries")  # read by generated pages besides term pages and handouts
_SNIPPET_LINE = re.compile(r"""^[ \t]*--8<--[ \t]+(["'])([^"'\n]+)\1[ \t]*$""", re.MULTILINE)


@dataclass(frozen=True)
class NameChanges:
    """Names added, removed or given to another term since the last build."""

    english: Matcher | None  # finds the English ones in a page's text
    languages: frozenset[str]  # other languages with a changed name: all their pages are rebuilt


def page_change(page_file: File, url: str, site: Site, before: PageMemory | None, memory: SiteMemory,
                plan: BuildPlan, changed_names: NameChanges | None) -> tuple[str, list[str]]:
    """(why the page must be rebuilt, empty if nothing says so; the terms it shows whose
    definition changed). Share data is compared by the caller."""
    src = page_file.src_uri
    if before is None or before.record is None:
        return "new", []
    if not os.path.isfile(page_file.abs_dest_path):
        return "its HTML is missing", []
    if before.source != plan.sources[src]:
        return "its source changed", []
    if src in plan.includes and (plan.includes[src] is None or plan.includes[src] != before.includes):
        return "a file it includes changed", []
    # The engine's additions, made from this build's content, to the same text as read last time.
    markdown, converting = site.start_page(src, url, dict(before.meta), before.body)
    if markdown != before.markdown:
        return "the engine's additions changed", []
    language = language_of(url or src)
    if changed_names is not None:
        if language != SOURCE_LANGUAGE and language in changed_names.languages:
            return "a name in its language changed", []
        if (language == SOURCE_LANGUAGE and changed_names.english is not None
                and next(changed_names.english.find(markdown), None) is not None):
            return "a name added or removed may be in it", []
    terms, old_terms = site.glossary.terms, memory.glossary.terms
    handout = site.plan.handouts.get(src)
    if (page_file.generated_by is not None and site.term_for_page(src) is None and handout is None
            and memory.data_digest != plan.data_digest):
        return "a data file changed", []
    jurisdiction = converting.local_usage
    if jurisdiction and usages(old_terms, jurisdiction) != usages(terms, jurisdiction):
        return "its local usage table changed", []
    if handout is not None:
        session = memory.pages.get(handout.session)
        if session is None or session.record is None or any(
                old_terms.get(t) != terms.get(t) for t in session.record.mentioned):
            return "a term of its handout changed", []
    # A page with "Terms on this page" shows each term's name and definition; a generated page
    # shows a linked term's name (links, tables) and the tooltips of the mentions found in it.
    shows_all = not site.plan.is_generated_from_yaml(src)
    return "", [t for t in before.record.mentioned
                if seen(old_terms.get(t), shows_all or t in before.linked, language)
                != seen(terms.get(t), shows_all or t in before.linked, language)]


def seen(term: Term | None, linked: bool, language: str = SOURCE_LANGUAGE) -> tuple | None:
    """What a page in `language` shows of a term it mentions: the name and definition its links
    and "Terms on this page" carry (the translation's, on a page in another language) and whether
    mentions are linked; or, for a link a generated page makes itself, only the name."""
    if term is None:
        return None
    if language == SOURCE_LANGUAGE:
        return (term.term, term.definition, term.autolink) if linked else (term.term,)
    translation = term.translation(language)
    return (translation, term.autolink) if linked else (term.term, translation.term if translation else None)


def usages(terms: dict[str, Term], jurisdiction: str) -> list:
    """What a jurisdiction page's local usage table shows (translations: for its page in another language)."""
    return [(term.id, term.term, term.translations, usage) for term in terms.values() for usage in term.local_usage
            if usage.jurisdiction == jurisdiction]


def names(glossary: Glossary) -> frozenset[tuple[str, str, str]]:
    """(language, name, term id) of every name a mention can use, translations' too."""
    return frozenset([(SOURCE_LANGUAGE, name, term.id) for term in glossary for name in term.names]
                     + [(translation.language, name, term.id) for term in glossary
                        for translation in term.translations for name in translation.names])


def changed_names(memory: SiteMemory, glossary: Glossary) -> NameChanges | None:
    """The names added, removed or given to another term since the last build; None if none was."""
    changed = names(glossary) ^ memory.names
    if not changed:
        return None
    english = [(name, term_id) for language, name, term_id in changed if language == SOURCE_LANGUAGE]
    return NameChanges(Matcher(english) if english else None,
                       frozenset(language for language, _, _ in changed if language != SOURCE_LANGUAGE))


def backlinks(records: dict[str, PageRecord], handouts) -> dict[str, list[tuple[str, str]]]:
    """Term id -> (title, URL) of every page that mentions it, as "Used in" lists them."""
    return {term_id: [(record.title, record.url) for record in pages]
            for term_id, pages in pages_mentioning(records.values(), handouts).items()}


def site_signature(config, files: list[File]) -> str:
    """What every page may show: the configuration, the theme overrides, every page's address and
    which other files exist (a link to a file resolves only once the file is there)."""
    digest = hashlib.blake2b(digest_size=16)
    digest.update(Path(config.config_file_path).read_bytes())
    digest.update(repr(sorted((f.src_uri, f.url) for f in files
                              if f.is_documentation_page() or f.generated_by is None)).encode())
    if config.theme.custom_dir:
        digest.update(tree_digest(Path(config.theme.custom_dir), (".",)).encode())
    return digest.hexdigest()


def tree_digest(root: Path, folders: tuple[str, ...]) -> str:
    """Path, size and modification time of every file under `folders` (no file is read)."""
    digest = hashlib.blake2b(digest_size=16)
    for folder in folders:
        for directory, subfolders, files in os.walk(root / folder):
            subfolders.sort()
            for name in sorted(files):
                try:
                    info = os.stat(os.path.join(directory, name))
                except OSError:
                    continue
                digest.update(f"{directory}/{name}\0{info.st_size}\0{info.st_mtime_ns}\n".encode())
    return digest.hexdigest()


def includes_digest(source: str, root: Path) -> str | None:
    """Digest of the files `--8<-- "file"` lines include; None for any other form (blocks,
    sections, URLs, nested includes), which is rebuilt every time."""
    lines = _SNIPPET_LINE.findall(source)
    if source.count("--8<--") != len(lines):
        return None
    digest = hashlib.blake2b(digest_size=16)
    for _, name in lines:
        try:
            text = (root / name).read_bytes()
        except OSError:
            return None
        if b"--8<--" in text:
            return None
        digest.update(text + b"\0")
    return digest.hexdigest()
