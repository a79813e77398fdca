"""The preview's steps, called by the adapter's events (hooks/glossary.py) under `serve --dirty`."""

from __future__ import annotations

import hashlib
import logging
import os
from dataclasses import replace
from pathlib import Path
from typing import Callable

# MkDocs' own way of reading a page (its events, its conversion): a page read late is read
# exactly as the build reads every other.
from mkdocs.commands.build import _populate_page
from mkdocs.structure.files import File, Files

from termbase.build import PageRecord, RenderedSite, Site
from termbase.loading.languages import SOURCE_LANGUAGE, language_of
from termbase.site import PageExtras

from .changes import DATA_FOLDERS, backlinks, changed_names, includes_digest, names, page_change, site_signature
from .changes import tree_digest
from .memory import BuildPlan, GlossaryVersion, PageMemory, SiteMemory
from .serving import ThemeOnce, watch_often
from .tooltips import PageShape, rewritten

log = logging.getLogger("mkdocs.hooks.glossary")

# MkDocs warns on every `--dirty` build that the navigation may be wrong: the preview keeps it right.
_DIRTY_WARNING = "A 'dirty' build is being performed"

ExtrasOf = Callable[[File], PageExtras]


class Preview:
    """Lives as long as the `serve` process (hook modules stay loaded between rebuilds)."""

    def __init__(self) -> None:
        self.enabled = False
        self.memory: SiteMemory | None = None
        self.plan: BuildPlan | None = None
        self._theme = ThemeOnce()

    def start(self, command: str, dirty: bool) -> None:
        """on_startup: only `mkdocs serve --dirty` previews; every other build is a full one."""
        self.enabled = command == "serve" and dirty
        if self.enabled:
            logging.getLogger("mkdocs.commands.build").addFilter(_without_dirty_warning)

    def configured(self, config) -> None:
        """on_config: list and compile the theme's templates once per `serve`, not once per build."""
        self._theme.install(config.theme)

    def serving(self, server) -> None:
        """on_serve: notice a saved file sooner."""
        watch_often(server)

    def failed(self) -> None:
        """on_build_error: a build that failed once it began to write (MkDocs writes after on_env)
        may have left part of itself in the site folder: the next build is full. One that failed
        before (a mistake in a term file) changed nothing there."""
        if self.plan is not None and self.plan.writing:
            self.memory = None
        self.plan = None

    # -- 1. before pages are read ---------------------------------------------------------------
    def plan_build(self, files: Files, config, site: Site, extras_of: ExtrasOf) -> None:
        """on_files: decide which pages to read and render, and which generated files to write;
        make their `is_modified()` say so."""
        root = Path(config.config_file_path).parent
        pages = [f for f in files if f.is_documentation_page()]
        plan = self.plan = BuildPlan(signature=site_signature(config, list(files)),
                                     data_digest=tree_digest(root, DATA_FOLDERS),
                                     outputs={f.abs_dest_path for f in files})
        memory = self.memory
        if memory is None:
            plan.reason = "first build"
        elif memory.signature != plan.signature:
            plan.reason = "the configuration, the theme or the list of files changed"
        if memory is not None:
            _remove_files(memory.outputs - plan.outputs, config.site_dir)
        for page_file in pages:
            source = plan.sources[page_file.src_uri] = page_file.content_string
            if "--8<--" in source:
                plan.includes[page_file.src_uri] = includes_digest(source, root)
        names_changed = changed_names(memory, site.glossary) if memory is not None and not plan.reason else None
        for page_file in pages:
            why = plan.reason or self._why_rebuild(page_file, site, names_changed, extras_of)
            if why:
                plan.stale.add(page_file.src_uri)
                if not plan.reason:
                    log.debug("Preview: rebuilding %s: %s", page_file.src_uri, why)
            page_file.is_modified = _is_stale(plan.stale, page_file.src_uri)
        for other in files:
            if other.generated_by is not None and not other.is_documentation_page():
                digest = plan.file_digests[other.src_uri] = _digest(other.content_bytes)
                same = (not plan.reason and memory is not None and memory.file_digests.get(other.src_uri) == digest
                        and os.path.isfile(other.abs_dest_path))
                other.is_modified = _constant(not same)

    def _why_rebuild(self, page_file: File, site: Site, names_changed, extras_of: ExtrasOf) -> str:
        """Why the page must be read and rendered; empty if its last HTML stands, or stands
        with new tooltips (kept in the plan, written once the build is done)."""
        plan, memory, src = self.plan, self.memory, page_file.src_uri
        before = memory.pages.get(src)
        why, terms = page_change(page_file, _page_url(page_file), site, before, memory, plan, names_changed)
        if why:
            return why
        extras = extras_of(page_file)
        plan.memories[src] = replace(before, extras=extras)
        if extras != before.extras:
            return "its share data changed"
        if terms:
            # Pages in another language carry the translations' tooltips: rebuilt.
            html = (self._tooltips_rewritten(page_file, site, before, terms)
                    if language_of(src) == SOURCE_LANGUAGE else None)
            if html is None:
                return f"it shows {', '.join(terms)}"
            plan.rewritten[src] = (page_file.abs_dest_path, html)
        return ""

    def _tooltips_rewritten(self, page_file: File, site: Site, before: PageMemory,
                            term_ids: list[str]) -> str | None:
        try:
            html = Path(page_file.abs_dest_path).read_text(encoding="utf-8")
        except OSError:
            return None
        src = page_file.src_uri
        has_term_list = not site.plan.is_generated_from_yaml(src) and before.meta.get("autolink", True) is not False
        shape = PageShape(url=before.record.url, linked=frozenset(before.linked), has_term_list=has_term_list,
                          sanitize=site.clean if site.plan.is_cleaned(src) else None)
        return rewritten(html, shape, term_ids, self.memory.glossary,
                         GlossaryVersion(site.glossary, site.content.tooltips), site.linker.term_urls, site.url_of)

    def navigation(self, nav) -> None:
        """on_nav: the pages the navigation lists (their titles are on every page)."""
        if self.plan is not None:
            self.plan.nav_pages = {page.file.src_uri for page in nav.pages}

    # -- while pages are read and rendered ------------------------------------------------------
    def read(self, page, body: str, markdown: str) -> None:
        """on_page_markdown: the page as read, and the Markdown it is converted from."""
        plan, src = self.plan, page.file.src_uri
        if plan is None or src not in plan.sources:
            return  # nothing remembered: rebuilt next time
        plan.memories[src] = PageMemory(source=plan.sources[src], meta=dict(page.meta), body=body,
                                        markdown=markdown, includes=plan.includes.get(src))

    def converted(self, src: str, linked: list[str]) -> None:
        """on_page_content: the terms the linker found in the page (links with tooltips)."""
        if self.plan is not None and src in self.plan.memories:
            self.plan.memories[src].linked = tuple(linked)

    def rendered(self, src: str, extras: PageExtras) -> None:
        """on_page_context: the share data the page is rendered with."""
        if self.plan is not None and src in self.plan.memories:
            self.plan.memories[src].extras = extras

    # -- 2. every chosen page read, before any template runs ------------------------------------
    def complete(self, files: Files, config, site: Site) -> dict[str, PageRecord] | None:
        """on_env: read the pages that change after all; give the others back what other pages
        read of them. Returns every page's record (mentions) in the order a full build makes them."""
        plan, memory = self.plan, self.memory
        if plan is None:
            return None
        pages = [f for f in files if f.is_documentation_page() and f.page is not None]
        plan.page_urls = [(f.src_uri, f.page.url) for f in pages]
        if not plan.reason and memory is not None:
            late = self._read_late(pages, site)
            for page_file in pages:
                if page_file.src_uri in late:
                    plan.stale.add(page_file.src_uri)
                    _populate_page(page_file.page, config, files)
        records = self._records(pages, site)
        for page_file in pages:
            src, page = page_file.src_uri, page_file.page
            kept = plan.memories.get(src)
            if kept is None:
                continue
            if src in plan.stale:
                kept.title, kept.anchors, kept.record = page.title, page.present_anchor_ids, records.get(src)
            else:
                # MkDocs read nothing of this page: the navigation, the footer's previous and next
                # links and the anchor check of links from other pages read these.
                page.markdown, page.meta, page.title = kept.markdown, dict(kept.meta), kept.title
                page.present_anchor_ids = kept.anchors
        plan.writing = True
        return records

    def _read_late(self, pages: list[File], site: Site) -> set[str]:
        """Pages not chosen before that change: term pages whose "Used in" changed, handouts whose
        session page's mentions or title changed; all of them if a title in the navigation did."""
        plan, memory = self.plan, self.memory
        for page_file in pages:
            src = page_file.src_uri
            if src in plan.stale and src in plan.nav_pages:
                before, now = memory.pages.get(src), plan.memories.get(src)
                if before is None or now is None or before.title != page_file.page.title or before.meta != now.meta:
                    plan.reason = "a title or front matter in the navigation changed"
                    return {f.src_uri for f in pages} - plan.stale
        records = self._records(pages, site)
        now = backlinks(records, site.plan.handouts)
        late = {site.glossary[t].src_uri for t in now.keys() | memory.backlinks.keys()
                if t in site.glossary and now.get(t) != memory.backlinks.get(t)}
        for handout in site.plan.handouts.values():
            before = memory.pages.get(handout.session)
            if handout.session in plan.stale and (before is None or before.record != records.get(handout.session)):
                late.add(handout.src_uri)
        return late - plan.stale

    def _records(self, pages: list[File], site: Site) -> dict[str, PageRecord]:
        """Each page's record in the order of the files, as a full build makes them: "Used in"
        lists pages of the same title in that order."""
        plan, memory = self.plan, self.memory
        records = {}
        for page_file in pages:
            src = page_file.src_uri
            if src in plan.stale:
                record = site.records.get(src)
            else:
                record = memory.pages[src].record if memory is not None and src in memory.pages else None
            if record is not None:
                records[src] = record
        return records

    # -- 3. after the build ---------------------------------------------------------------------
    @property
    def partial(self) -> bool:
        """Whether this build renders only some pages."""
        return self.plan is not None and not self.plan.reason

    def merged_search_index(self, index: dict) -> dict:
        """on_post_build: the search index of every page, this build's entries for the pages it
        rendered and the last build's for the others, in the order of the pages (as a full build
        writes them)."""
        plan, memory = self.plan, self.memory
        if plan is None:
            return index
        written: dict[str, list[dict]] = {}
        for entry in index.get("docs", []):
            written.setdefault(entry["location"].split("#", 1)[0], []).append(entry)
        docs = []
        for src, url in plan.page_urls:
            if src in plan.stale or memory is None:
                entries = written.get(url, [])
            else:
                entries = memory.pages[src].search_entries if src in memory.pages else []
            if src in plan.memories:
                plan.memories[src].search_entries = entries
            docs.extend(entries)
        return {**index, "docs": docs}

    def finish(self, rendered: RenderedSite) -> None:
        """on_post_build: write the rewritten tooltips, keep this build for the next to compare
        with, and say how much was rebuilt."""
        plan, self.plan = self.plan, None
        if plan is None:
            return
        self.memory = SiteMemory(
            signature=plan.signature, data_digest=plan.data_digest,
            glossary=GlossaryVersion(rendered.site.glossary, rendered.site.content.tooltips),
            names=names(rendered.site.glossary), pages=plan.memories,
            backlinks=backlinks(rendered.records, rendered.site.plan.handouts), file_digests=plan.file_digests,
            outputs=plan.outputs)
        rewritten_pages = [page for src, page in plan.rewritten.items() if src not in plan.stale]
        for path, html in rewritten_pages:
            Path(path).write_text(html, encoding="utf-8")
        note = f" ({plan.reason})" if plan.reason else ""
        if rewritten_pages:
            note += f"; new tooltips written into {len(rewritten_pages)} more"
        log.info("Preview: rebuilt %d of %d pages%s", len(plan.stale), len(plan.page_urls), note)


def forget_search_index(config) -> None:
    """on_post_build: Material's search plugin merges a `--dirty` build's entries into its last
    index as if one page had been rebuilt; the preview merges them itself (`merged_search_index`)."""
    for plugin in config.plugins.values():
        if hasattr(plugin, "search_index_prev"):
            plugin.search_index_prev = None


def _without_dirty_warning(record: logging.LogRecord) -> bool:
    return not str(record.msg).startswith(_DIRTY_WARNING)


def _is_stale(stale: set[str], src: str) -> Callable[[], bool]:
    """A page's `is_modified`: MkDocs asks when it reads the page and again when it renders it,
    so a page added to `stale` after the first question is rendered too."""
    return lambda: src in stale


def _constant(value: bool) -> Callable[[], bool]:
    return lambda: value


def _page_url(page_file: File) -> str:
    """`Page.url`: the file's URL, empty for the home page."""
    return "" if page_file.url in (".", "./") else page_file.url


def _digest(data: bytes) -> str:
    return hashlib.blake2b(data, digest_size=16).hexdigest()


def _remove_files(paths: set[str], site_dir: str) -> None:
    """Files the last build wrote for sources that are gone (a removed term's page)."""
    site = os.path.abspath(site_dir) + os.sep
    for path in paths:
        if os.path.abspath(path).startswith(site):
            try:
                os.remove(path)
            except OSError:
                pass
