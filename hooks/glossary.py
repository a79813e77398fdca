"""MkDocs adapter for the glossary engine: wires build events to the core in `termbase/`.

Only event functions and the build's stages (`Build`) live here; all logic is in the core, which
imports nothing from MkDocs. Hook modules stay loaded across `mkdocs serve` rebuilds, so every
build starts by replacing `build` in `on_config`. Under `mkdocs serve --dirty` (what `tasks.py serve`
runs), `preview` (mkdocs_preview.py) rebuilds only the pages an edit changes; every event below
calls it only then, so `mkdocs build` never runs any of it.
"""

from __future__ import annotations

import json
import logging
from dataclasses import dataclass, field
from pathlib import Path

from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority
from mkdocs.structure.files import File, Files, InclusionLevel

from mkdocs_preview import Preview, forget_search_index
from termbase.build import ConvertingPage, RenderedSite, Site
from termbase.buildcache import BuildCache
from termbase.content import Content, load_content
from termbase.linking.linker import GlossaryLinkExtension
from termbase.linking.searchcopy import SearchCopies
from termbase.linking.urls import SiteUrls
from termbase.loading.problems import InvalidContent
from termbase.plan import plan_site
from termbase.site import SiteSettings, page_extras, site_files
from termbase.sitefiles.alternates import translated_navs


@dataclass
class Build:
    """One build's stages, each set by the event that makes it (build.py says the order)."""

    content: Content
    cache: BuildCache
    links: GlossaryLinkExtension  # in the site's Markdown extensions: hands each page to the linker
    site: Site | None = None  # on_files
    converting: dict[str, ConvertingPage] = field(default_factory=dict)  # between page events
    rendered: RenderedSite | None = None  # on_env
    search_copies: SearchCopies = field(default_factory=SearchCopies)  # pages whose links search skips


build: Build | None = None
log = logging.getLogger("mkdocs.hooks.glossary")
preview = Preview()  # lives as long as the process: what the last build of `serve --dirty` made


def on_startup(command: str, dirty: bool) -> None:
    preview.start(command, dirty)


def on_config(config):
    global build
    root = Path(config.config_file_path).parent
    build = None
    cache = BuildCache.open(root)
    try:
        content = load_content(root, cache)
    except InvalidContent as error:
        raise PluginError("The glossary has problems; nothing was built.\n" + error.report()) from None
    for folder in ("glossary", "data", "dictionaries", "schemas"):  # what `serve` rebuilds on
        if (root / folder).is_dir() and str(root / folder) not in config.watch:
            config.watch.append(str(root / folder))
    build = Build(content, cache, GlossaryLinkExtension())
    config.markdown_extensions.append(build.links)
    if preview.enabled:
        preview.configured(config)
    return config


def on_files(files: Files, config) -> Files:
    hand_written = {f.src_uri: f.content_string for f in files.documentation_pages()}
    plan = plan_site(build.content, hand_written)
    for page in plan.pages:
        inclusion = InclusionLevel.UNDEFINED if page.in_nav else InclusionLevel.NOT_IN_NAV
        files.append(File.generated(config, page.src_uri, content=page.markdown, inclusion=inclusion))
    site = build.site = Site(build.content, plan, SiteUrls({f.src_uri: f.url for f in files.documentation_pages()}),
                             build.cache)
    for path, content in site.short_link_files():
        files.append(File.generated(config, path, content=content))
    # Exports are files of the site (not written after it), so pages can link to them and
    # MkDocs checks those links like any other.
    settings = _settings(config)
    for path, content in site_files(site, settings).items():
        files.append(File.generated(config, path, content=content))
    if preview.enabled:
        preview.plan_build(files, config, site, lambda f: page_extras(
            site, settings, f.src_uri, "" if f.url in (".", "./") else f.url, hand_written=f.generated_by is None))
    return files


def on_nav(nav, config, files):
    if preview.enabled:
        preview.navigation(nav)
    return nav


def on_page_markdown(markdown: str, page, config, files) -> str:
    converted, converting = build.site.start_page(page.file.src_uri, page.url, page.meta, markdown)
    build.converting[page.file.src_uri] = converting
    build.links.link_next_conversion(build.site.linker, converting.context)  # MkDocs converts it next
    if preview.enabled:
        preview.read(page, markdown, converted)
    return converted


def on_page_content(html: str, page, config, files) -> str:
    converting = build.converting.pop(page.file.src_uri)
    if preview.enabled:
        preview.converted(page.file.src_uri, converting.context.mentioned)
    return build.site.page_content(converting, page.title or "", html)


def on_env(env, config, files):
    # Every page is rendered now: fill handouts before search and templates read them. The search
    # plugin reads the content in on_page_context: it gets the text without the links to terms,
    # which only slow its parser down; on_page_context puts them back.
    records = None
    if preview.enabled:  # reads the pages that change after all, before anything below needs them
        records = preview.complete(files, config, build.site)
    rendered = build.rendered = build.site.all_rendered(records)
    site_url = _settings(config).site_url
    for page_file in files.documentation_pages():
        if page_file.page is not None and page_file.page.content:
            src_uri = page_file.src_uri
            finished = rendered.finish_page(src_uri, page_file.page.content, site_url)
            page_file.page.content = build.search_copies.for_search(src_uri, finished)
    return env


@event_priority(-50)  # after the search plugin has read the page
def on_page_context(context, page, config, nav):
    # Search has read the page: put its links back, and fill in "Used in" or "Terms on this page",
    # which search need not read. Filled into the page's content, not the finished output:
    # replacing a marker in the output copies the whole page with its navigation.
    page.content = build.rendered.finish_output(page.file.src_uri,
                                                build.search_copies.linked(page.file.src_uri, page.content))
    extras = page_extras(build.site, _settings(config), page.file.src_uri, page.url,
                         hand_written=page.file.generated_by is None)
    if extras.edit_url:
        page.edit_url = extras.edit_url
    if preview.enabled:
        preview.rendered(page.file.src_uri, extras)
    page.meta["kb"] = extras  # templates read page.meta.kb, as from generated front matter
    return context


def on_post_page(output: str, page, config) -> str:
    # The page is rendered: drop its share data. Left in place, it keeps every page's QR code
    # alive to the end of the build, and it makes `page.meta` non-empty, so Material's nav
    # template looks up icon, subtitle and status in it for that page's entry on every later page.
    page.meta.pop("kb", None)
    return output


@event_priority(-50)  # after the search plugin writes its index, before the offline plugin inlines it
def on_post_build(config):
    path = Path(config.site_dir) / "search" / "search_index.json"
    if path.is_file():
        index = json.loads(path.read_text(encoding="utf-8"))
        if preview.enabled:  # the entries of the pages this build did not render
            index = preview.merged_search_index(index)
        index = build.rendered.search_index(index)
        path.write_text(json.dumps(index, separators=(",", ":")), encoding="utf-8")
    # A partial build uses the cache's entries of the pages it renders only: saved, the others
    # would age out of it (buildcache.py drops what three saving builds did not use).
    problem = None if preview.enabled and preview.partial else build.cache.save()
    if problem:  # not a warning: a strict build of a read-only checkout is still a good build
        log.info("%s; the next build does that work again.", problem)
    if preview.enabled:
        forget_search_index(config)
        preview.finish(build.rendered)


def on_serve(server, config, builder):
    if preview.enabled:
        preview.serving(server)
    return server


def on_build_error(error) -> None:
    if preview.enabled:
        preview.failed()


def _settings(config) -> SiteSettings:
    extra = config.extra or {}
    return SiteSettings(site_url=config.site_url or "http://127.0.0.1:8000/",
                        repository=extra.get("repository", ""), branch=extra.get("branch", "main"),
                        directory_urls=config.use_directory_urls, site_name=config.site_name,
                        translated_navs=translated_navs(extra.get("languages")))
