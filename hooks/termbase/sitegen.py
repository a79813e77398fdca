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

from .build import BuildState, load_content
from .engineconfig import EngineConfig
from .linking.linker import GlossaryLinkExtension, MentionLinker
from .linking.urls import page_url
from .loading.frontmatter import read_front_matter, strip_front_matter
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
        state = load_content(self.root)
        settings = SiteSettings(site_url=config.site_url, repository=config.repository,
                                branch=config.branch, directory_urls=config.directory_urls,
                                site_name=config.site_name, translated_navs=translated_navs(config.languages))
        assets, sources = _hand_written(self.root / "docs")
        pages = _all_pages(state, sources, self._split_front_matter())
        urls = {src: page_url(src, config.directory_urls) for src in pages}
        state.remember_urls(urls)

        files: dict[str, str | bytes] = dict(state.short_link_files())  # static HTML: final URLs
        files.update(site_files(state, settings))
        # What the templates show besides the content holds public addresses (the share link, the
        # JSON-LD's @id): made while the table of URLs holds them.
        extras = {src: page_extras(state, settings, src, urls[src], hand_written=page.hand_written)
                  for src, page in pages.items()}
        # From here on, links inside pages point at source files ("../glossary/lds.md"), as authors
        # write them: the engine resolves them to its URLs and checks that they exist.
        state.remember_urls({src: src for src in pages})
        rendered, titles = self._first_pass(state, pages)
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
            files[src] = _front_matter(meta) + PAGE_MARKER.format(src, digest) + "\n\n" + page.markdown
        _write_tree(self.out / RENDERED_DIR, {}, handed_over)
        _write_tree(self.out / "docs", assets, files)
        problem = state.cache.save()
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

    def _first_pass(self, state: BuildState, pages: dict[str, SourcePage]) -> tuple[dict[str, dict], dict[str, str]]:
        """Convert every page once; return each finished page (HTML and table of contents) and
        its title."""
        config = self.config
        output, raw_links = _Output(), _RawLinks()
        site = state.linker
        linker = MentionLinker(site.matcher, {term_id: _TOOLTIP.format(term_id) for term_id in state.tooltips},
                               site.term_urls, site.linkable, site.names)
        # Pages in another language: their tokens name the language too ("es:limited-data-set").
        linker.translations = {code: translated.with_tooltips(
            {term_id: _TOOLTIP.format(f"{code}:{term_id}") for term_id in translated.tooltips}, linker)
            for code, translated in site.translations.items()}
        tooltips = {**state.tooltips, **{f"{code}:{term_id}": text for code, translated in site.translations.items()
                                         for term_id, text in translated.tooltips.items()}}
        converter = Markdown(extensions=[*config.markdown_extensions, GlossaryLinkExtension(lambda: linker), output,
                                         raw_links], extension_configs=config.extension_configs)
        names = _links_digest(state)
        previous, self._converted = self._converted, {}
        converted, content, titles = {}, {}, {}
        for src, page in pages.items():
            authored = page.markdown if page.hand_written else ""  # before the engine adds its sections
            page.markdown = state.page_markdown(src, src, page.meta, page.markdown)
            context = linker.context = site.context
            key = (src, page.markdown, names, context.enabled, context.self_term)
            done = previous.get(key)
            # A page that includes other files (pymdownx.snippets) is converted every time: its text
            # alone does not say whether it changed.
            if done is None or "--8<--" in page.markdown:
                raw_links.page = (src, page_url(src, config.directory_urls), authored)
                converter.reset().convert(page.markdown)
                done = Converted(tuple(context.mentioned), _first_heading(converter), output.text,
                                 getattr(converter, "toc_tokens", []))
            self._converted[key] = converted[src] = done
            context.mentioned[:] = done.mentioned
            title = config.nav_titles.get(src) or str(page.meta.get("title") or done.heading)
            titles[src] = title
            # As the MkDocs build treats a converted page: sanitized if made from YAML, its term
            # list marked, its mentions recorded.
            content[src] = state.page_content(src, title, src, _with_tooltips(done.html, tooltips))
        rendered = {}
        for src in pages:
            # Every page's mentions are known now: handouts and local usage, then "Used in" and
            # "Terms on this page" (which the MkDocs build adds after its search index has read
            # the page).
            html = state.finish_page(src, content[src], config.site_url)
            html = state.finish_output(src, html, exclude_from_search=True)
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


def _all_pages(state: BuildState, sources: dict[str, str],
               split: Callable[[str], tuple[dict, str]]) -> dict[str, SourcePage]:
    pages = {src: SourcePage(src, *split(text), True) for src, text in sources.items()}
    for src, markdown, _in_nav in state.generated_pages(set(sources)):
        pages[src] = SourcePage(src, *split(markdown), False)
    for src, text in sources.items():
        handout = state.handout_page(src, text)
        if handout:
            pages[handout[0]] = SourcePage(handout[0], *split(handout[1]), False)
    return pages


def _links_digest(state: BuildState) -> str:
    """What the links of every page read from the glossary, tooltips aside (those are filled in
    after conversion): when it changes, every page is converted again."""
    links = {
        "names": [[name, term.id] for term in state.glossary for name in term.names],
        "term_names": state.linker.names,
        "urls": state.linker.term_urls,
        "linkable": sorted(state.linker.linkable),
        "translated names": [[t.language, name, term.id] for term in state.glossary for t in term.translations
                             for name in t.names],
        "translated linkable": {code: sorted(translated.linkable) for code, translated
                                in state.linker.translations.items()},
    }
    return hashlib.sha256(_json_text(links).encode()).hexdigest()


def _first_heading(converter: Markdown) -> str:
    """The page title engines fall back to: its first level-1 heading, as plain text."""
    tokens = getattr(converter, "toc_tokens", [])
    return tokens[0]["name"] if tokens and tokens[0]["level"] == 1 else ""


def _front_matter(meta: dict) -> str:
    # JSON is valid YAML and escapes everything a YAML scalar could trip on.
    lines = [f"{key}: {json.dumps(value, ensure_ascii=False)}" for key, value in meta.items()]
    return "---\n" + "\n".join(lines) + "\n---\n\n"


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
