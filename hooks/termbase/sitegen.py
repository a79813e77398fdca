"""The generation step: the whole site as plain files that any engine can render.

From `glossary/`, `data/` and `docs/` it writes, into a build folder and never into the sources:

- `docs/`: the hand-written pages and assets, and every generated page (terms, index,
  comparison, matrix, handouts), short-link pages and exports;
- `rendered/<page>.json`: each page's finished HTML and table of contents, which the Markdown
  extension in `termbase.finishing` hands to the engine instead of converting the page again,
  and what templates show besides the content (`kb`: share link, QR code, edit and history
  links, last change, structured data), which it adds to the page's metadata.

Backlinks ("Used in"), handouts and "Terms on this page" need every page's mentions before any
page is final, so a first pass converts each page with the site's Markdown extensions and the
glossary's linker. That conversion is the page: the step finishes it (sanitizes pages made from
YAML, fills in the sections that needed every page) and keeps it, so the engine converts nothing.
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
import posixpath
import re
import secrets
import shutil
import sys
import xml.etree.ElementTree as etree
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Callable
from urllib.parse import urlsplit, urlunsplit

from markdown import Markdown
from markdown.extensions import Extension
from markdown.postprocessors import Postprocessor
from markdown.serializers import to_html_string

from .build import Site
from .buildcache import BuildCache
from .content import load_content
from .engineconfig import EngineConfig
from .linking.linker import GlossaryLinkExtension
from .linking.urls import SiteUrls, page_url
from .loading.frontmatter import front_matter_block, read_front_matter, strip_front_matter
from .plan import SitePlan, plan_site
from .site import SiteSettings, page_extras, site_files
from .sitefiles.alternates import translated_navs

# The digest is that of the page's finished HTML, so engines that cache rendered pages by their
# source text (Zensical) render the page again exactly when its HTML changed.
PAGE_MARKER = "<!-- kb-page: {} {} -->"
RENDERED_DIR = "rendered"


def rendered_file(build_dir: Path, src_uri: str) -> Path:
    """Where the generation step keeps a page's finished HTML and table of contents."""
    return build_dir / RENDERED_DIR / f"{src_uri}.json"


# The first pass writes a token where a link's tooltip goes and the kept page gets the tooltips
# after conversion: editing a definition then changes every page that mentions the term without
# converting any of them again (under `serve`, that conversion was most of an edit's cost).
# Private-use characters, which no escaping touches, around a number drawn when the process
# starts: a page that holds such characters (pasted, or put there to break the build) cannot
# name a token of the linker's, so its text stays as written.
_NONCE = secrets.token_hex(8)
_TOOLTIP = f"\ue000kb-tooltip-{_NONCE}:{{}}\ue001"
_TOOLTIP_TOKEN = re.compile(f"\ue000kb-tooltip-{_NONCE}:([^\ue001]*)\ue001")


@dataclass(frozen=True)
class Converted:
    """A page as the first pass converted it: its links carry tokens where the tooltips go."""
    mentioned: tuple[str, ...]
    heading: str
    html: str
    toc: list[dict]


@dataclass
class SourcePage:
    src_uri: str
    meta: dict
    markdown: str  # body without front matter, with engine-made sections added
    hand_written: bool


def generate_tree(root: Path, out: Path, config: EngineConfig) -> dict[str, str]:
    """Write the complete docs tree for `root` into `out`; returns src_uri -> URL of every page."""
    return TreeGenerator(root, out, config).generate()


class TreeGenerator:
    """Writes the tree; `serve` keeps one alive so that pages whose text and the glossary's
    names did not change are not converted again in the first pass."""

    def __init__(self, root: Path, out: Path, config: EngineConfig):
        self.root, self.out, self.config = root, out, config
        self._converted: dict[tuple, Converted] = {}  # first-pass results by page text and glossary names
        self._split: dict[str, tuple[dict, str]] = {}  # page text -> (front matter, body)

    def generate(self) -> dict[str, str]:
        config = self.config
        cache = BuildCache.open(self.root)
        content = load_content(self.root, cache)
        settings = SiteSettings(site_url=config.site_url, repository=config.repository,
                                branch=config.branch, directory_urls=config.directory_urls,
                                site_name=config.site_name, translated_navs=translated_navs(config.languages))
        assets, sources = _hand_written(self.root / "docs")
        plan = plan_site(content, sources)
        pages = _all_pages(plan, sources, self._split_front_matter())
        urls = {src: page_url(src, config.directory_urls) for src in pages}
        # Two registries of the same pages. What the templates show besides the content, and the
        # files beside the pages, hold the pages' public addresses (the share link, the JSON-LD's
        # @id). Links inside pages point at source files ("../glossary/lds.md"), as authors write
        # them: the engine resolves them to its URLs and checks that they exist.
        public = Site(content, plan, SiteUrls(urls), cache)
        by_source = Site(content, plan, SiteUrls({src: src for src in pages}), cache)
        files: dict[str, str | bytes] = dict(public.short_link_files())  # static HTML: final URLs
        files.update(site_files(public, settings))
        extras = {src: page_extras(public, settings, src, urls[src], hand_written=page.hand_written)
                  for src, page in pages.items()}
        rendered, titles = self._first_pass(by_source, pages)
        handed_over: dict[str, str | bytes] = {}
        for src, page in pages.items():
            # The title every engine would give the page, stated so that none has to guess it.
            meta = {**page.meta, "title": titles[src]}
            # The templates' data goes with the kept page, not into the front matter: Zensical's
            # navigation reads the front matter of every page it lists, on every page, and the
            # Share panel's QR code and JSON-LD made that a fifth of its build at 1,000 x 300.
            rendered[src]["kb"] = dataclasses.asdict(extras[src])
            handed_over[f"{src}.json"] = text = json.dumps(rendered[src], ensure_ascii=False)
            digest = hashlib.sha256(text.encode()).hexdigest()[:16]
            files[src] = front_matter_block(meta) + PAGE_MARKER.format(src, digest) + "\n\n" + page.markdown
        _write_tree(self.out / RENDERED_DIR, {}, handed_over)
        _write_tree(self.out / "docs", assets, files)
        problem = cache.save()
        if problem:
            print(f"Note: {problem}; the next build does that work again.",
                  file=sys.stderr, flush=True)
        return urls

    def _split_front_matter(self):
        """Front matter and body of a page's text, parsed once while the text stays the same
        (YAML is slow in pure Python; under `serve` most pages are unchanged between edits)."""
        previous, self._split = self._split, {}

        def split(text: str) -> tuple[dict, str]:
            parts = previous.get(text) or self._split.get(text) or (read_front_matter(text), strip_front_matter(text))
            self._split[text] = parts
            return dict(parts[0]), parts[1]
        return split

    def _first_pass(self, site: Site, pages: dict[str, SourcePage]) -> tuple[dict[str, dict], dict[str, str]]:
        """Convert every page once; return each finished page (HTML and table of contents) and
        its title. `site`'s registry holds source paths."""
        config = self.config
        output, raw_links, links = _Output(), _RawLinks(), GlossaryLinkExtension()
        # Pages in another language: their tokens name the language too ("es:limited-data-set").
        linker = site.linker.with_tooltips(
            {term_id: _TOOLTIP.format(term_id) for term_id in site.content.tooltips},
            {code: {term_id: _TOOLTIP.format(f"{code}:{term_id}") for term_id in translated.tooltips}
             for code, translated in site.linker.translations.items()})
        tooltips = {**site.content.tooltips,
                    **{f"{code}:{term_id}": text for code, translated in site.linker.translations.items()
                       for term_id, text in translated.tooltips.items()}}
        converter = Markdown(extensions=[*config.markdown_extensions, links, output, raw_links],
                             extension_configs=config.extension_configs)
        names = _links_digest(site)
        previous, self._converted = self._converted, {}
        converted, content, titles = {}, {}, {}
        for src, page in pages.items():
            authored = page.markdown if page.hand_written else ""  # before the engine adds its sections
            page.markdown, converting = site.start_page(src, src, page.meta, page.markdown)
            context = converting.context
            key = (src, page.markdown, names, context.enabled, context.self_term)
            done = previous.get(key)
            # A page that includes other files (pymdownx.snippets) is converted every time: its text
            # alone does not say whether it changed.
            if done is None or "--8<--" in page.markdown:
                raw_links.page = (src, page_url(src, config.directory_urls), authored)
                links.link_next_conversion(linker, context)
                converter.reset().convert(page.markdown)
                done = Converted(tuple(context.mentioned), _first_heading(converter), output.text,
                                 getattr(converter, "toc_tokens", []))
            self._converted[key] = converted[src] = done
            context.mentioned[:] = done.mentioned
            title = config.nav_titles.get(src) or str(page.meta.get("title") or done.heading)
            titles[src] = title
            # As the MkDocs build treats a converted page: sanitized if made from YAML, its term
            # list marked, its mentions recorded.
            content[src] = site.page_content(converting, title, _with_tooltips(done.html, tooltips))
        finished = site.all_rendered()
        rendered = {}
        for src in pages:
            # Every page's mentions are known now: handouts and local usage, then "Used in" and
            # "Terms on this page" (which the MkDocs build adds after its search index has read
            # the page).
            html = finished.finish_page(src, content[src], config.site_url)
            html = finished.finish_output(src, html, exclude_from_search=True)
            rendered[src] = {"html": html.strip(), "toc": converted[src].toc}
        return rendered, titles


class _Output(Extension):
    """Keeps the converted page as the last postprocessor leaves it: the finished sections go
    there, before the white space around the page is stripped, as when an engine's last
    postprocessor added them (the kept page is then byte for byte the page it would make)."""

    text = ""

    def extendMarkdown(self, md: Markdown) -> None:
        extension = self

        class Keep(Postprocessor):
            def run(self, text: str) -> str:
                extension.text = text
                return text

        md.postprocessors.register(Keep(md), "kb_keep_output", -1000)


class _RawLinks(Extension):
    """Links in a page's raw HTML, written for Zensical as MkDocs publishes them.

    MkDocs leaves raw HTML as written, so an author gives its links from the page's address
    (`<a href="../kb-offline.zip">` on offline/). Zensical resolves every link of the page it is
    handed from the page's source file, as it does Markdown links (which both engines read so). So
    before the stash goes back into the page, each relative `href` and `src` of the raw HTML the
    author wrote is rewritten from the page's address to its source file, which Zensical turns back
    into the link MkDocs keeps. The HTML the engine adds is left alone: the step made its links
    from source files already."""

    page = ("", "", "")  # (src_uri, site-relative URL, the author's text) of the page being converted

    def extendMarkdown(self, md: Markdown) -> None:
        extension = self

        class FromSourceFile(Postprocessor):
            def run(self, text: str) -> str:
                src_uri, url, authored = extension.page
                blocks = md.htmlStash.rawHtmlBlocks
                for index, block in enumerate(blocks):
                    if isinstance(block, str) and ("href=" in block or "src=" in block) and block in authored:
                        blocks[index] = _RAW_LINK.sub(lambda m: m[1] + _from_source(m[2], src_uri, url) + '"', block)
                return text

        md.postprocessors.register(FromSourceFile(md), "kb_raw_links", 31)  # before raw_html (30)


_RAW_LINK = re.compile(r'(\s(?:href|src)=")([^"]*)"')


def _from_source(link: str, src_uri: str, url: str) -> str:
    """`link`, written on the page at `url`, as seen from the page's source file `src_uri`."""
    parts = urlsplit(link)
    if parts.scheme or parts.netloc or not parts.path or parts.path.startswith("/"):
        return link  # an address, a fragment or a query of the page itself: the same from anywhere
    target = posixpath.normpath(posixpath.join(url[:url.rfind("/") + 1], parts.path))
    path = posixpath.relpath(target, posixpath.dirname(src_uri) or ".") + ("/" if parts.path.endswith("/") else "")
    return urlunsplit(("", "", path, parts.query, parts.fragment))


def _with_tooltips(html: str, tooltips: dict[str, str]) -> str:
    if "\ue000" not in html:
        return html
    return _TOOLTIP_TOKEN.sub(lambda match: _attribute_text(tooltips[match.group(1)]), html)


@lru_cache(maxsize=8192)
def _attribute_text(value: str) -> str:
    """`value` escaped exactly as Python-Markdown writes an attribute (as it wrote the links)."""
    return to_html_string(etree.Element("a", {"title": value}))[len('<a title="'):-len('"></a>')]


def _hand_written(docs: Path) -> tuple[dict[str, Path], dict[str, str]]:
    """Assets (copied as they are) and Markdown pages (read as text) under docs/."""
    assets, sources = {}, {}
    for path in sorted(docs.rglob("*")):
        if path.is_file():
            src = path.relative_to(docs).as_posix()
            if path.suffix == ".md":
                sources[src] = path.read_text(encoding="utf-8-sig")
            else:
                assets[src] = path
    return assets, sources


def _all_pages(plan: SitePlan, sources: dict[str, str],
               split: Callable[[str], tuple[dict, str]]) -> dict[str, SourcePage]:
    pages = {src: SourcePage(src, *split(text), True) for src, text in sources.items()}
    for page in plan.pages:
        pages[page.src_uri] = SourcePage(page.src_uri, *split(page.markdown), False)
    return pages


def _links_digest(site: Site) -> str:
    """What the links of every page read from the glossary, tooltips aside (those are filled in
    after conversion): when it changes, every page is converted again."""
    linker = site.linker
    links = {
        "names": [[name, term.id] for term in site.glossary for name in term.names],
        "term_names": dict(linker.names),
        "urls": dict(linker.term_urls),
        "linkable": sorted(linker.linkable),
        "translated names": [[t.language, name, term.id] for term in site.glossary for t in term.translations
                             for name in t.names],
        "translated linkable": {code: sorted(translated.linkable) for code, translated
                                in linker.translations.items()},
    }
    return hashlib.sha256(_json_text(links).encode()).hexdigest()


def _first_heading(converter: Markdown) -> str:
    """The page title engines fall back to: its first level-1 heading, as plain text."""
    tokens = getattr(converter, "toc_tokens", [])
    return tokens[0]["name"] if tokens and tokens[0]["level"] == 1 else ""


def _write_tree(docs: Path, assets: dict[str, Path], files: dict[str, str | bytes]) -> None:
    """Write files whose content changed and remove stale ones, so a watching engine rebuilds little."""
    wanted = set(assets) | set(files)
    if docs.exists():
        for path in sorted(docs.rglob("*"), reverse=True):
            rel = path.relative_to(docs).as_posix()
            if path.is_file() and rel not in wanted:
                path.unlink()
            elif path.is_dir() and not any(path.iterdir()):
                path.rmdir()
    for rel, source in assets.items():
        target = docs / rel
        if not target.exists() or target.stat().st_mtime < source.stat().st_mtime:
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, target)
    for rel, content in files.items():
        data = content.encode("utf-8") if isinstance(content, str) else content
        target = docs / rel
        if target.exists() and target.read_bytes() == data:
            continue
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(data)


def _json_text(data) -> str:
    return json.dumps(data, ensure_ascii=False, sort_keys=True, indent=1)
