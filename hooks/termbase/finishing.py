"""The glossary's finished pages as a Python-Markdown extension that any engine can load by name.

    markdown_extensions:
      - termbase.finishing:
          build_dir: .build/zensical

Engines that run no MkDocs hooks (Zensical) render the tree the generation step wrote
(`termbase.sitegen`). That step has already converted every page with the site's Markdown
extensions and the glossary's linker, and finished it ("Used in", handouts, "Terms on this page",
sanitizing). Each page starts with a marker naming its source; this extension reads the marker,
skips the conversion and hands the engine the page's finished HTML and table of contents, so every
page is converted once per build, not twice, and adds what the templates show besides the content
to the page's metadata.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

from markdown import Markdown
from markdown.extensions import Extension
from markdown.postprocessors import Postprocessor
from markdown.preprocessors import Preprocessor

from .sitegen import rendered_file

_MARKER = re.compile(r"^<!-- kb-page: (\S+) \w+ -->$")


class MissingPage(RuntimeError):
    """A page carries the marker but the generation step kept no HTML for it."""


class _HandOver(Preprocessor):
    """Reads the marker and loads the finished page; leaves nothing to parse."""

    def __init__(self, md: Markdown, build_dir: Path, page: dict):
        super().__init__(md)
        self.build_dir = build_dir
        self.page = page

    def run(self, lines: list[str]) -> list[str]:
        self.page.clear()
        for line in lines[:3]:
            match = _MARKER.match(line.strip())
            if match:
                path = rendered_file(self.build_dir, match.group(1))
                try:
                    self.page.update(json.loads(path.read_text(encoding="utf-8")))
                except FileNotFoundError:
                    raise MissingPage(f"{path}: missing; generate the tree again "
                                      "(python3 hooks/zensical_engine.py build)") from None
                _add_template_data(self.md, self.page.get("kb"))
                return []
        return lines  # not a page of the generated tree: converted as usual


def _add_template_data(md: Markdown, kb: dict | None) -> None:
    """Give the page's templates `page.meta.kb`. Zensical registers the page it renders as the
    `rendering_context` preprocessor and returns that page's metadata to its templates; it reads
    the navigation's metadata from the front matter, which therefore stays small."""
    if kb is not None and "rendering_context" in md.preprocessors:
        md.preprocessors["rendering_context"].page.meta["kb"] = kb


class _FinishedPage(Postprocessor):
    """Runs last: the finished HTML replaces the (empty) conversion, its headings the table of
    contents the engine reads from `toc_tokens`."""

    def __init__(self, md: Markdown, page: dict):
        super().__init__(md)
        self.page = page

    def run(self, text: str) -> str:
        if not self.page:
            return text
        self.md.toc_tokens = self.page["toc"]
        return self.page["html"]


class GlossaryExtension(Extension):
    def __init__(self, **kwargs):
        self.config = {"build_dir": [".build/zensical", "Folder the generation step wrote"]}
        super().__init__(**kwargs)

    def extendMarkdown(self, md: Markdown) -> None:
        page: dict = {}
        # First of the preprocessors and last of the postprocessors: no other processor sees the
        # page, so none applies twice what the generation step's conversion already applied.
        md.preprocessors.register(_HandOver(md, Path(self.getConfig("build_dir")).resolve(), page),
                                  "kb_hand_over", 1000)
        md.postprocessors.register(_FinishedPage(md, page), "kb_finished_page", -1000)


def makeExtension(**kwargs) -> GlossaryExtension:  # noqa: N802 (Python-Markdown's entry point name)
    return GlossaryExtension(**kwargs)
