"""The glossary as a Python-Markdown extension that any engine can load by name.

    markdown_extensions:
      - termbase.finishing:
          build_dir: .build/zensical

Engines that run no MkDocs hooks (Zensical) render the tree the generation step wrote
(`termbase.sitegen`). Each page starts with a marker naming its source; this extension reads
it, links mentions with the same linker and matcher as the MkDocs build, and finishes the page
with the sections the first pass computed ("Used in", handouts, "Terms on this page"). It reads
only the JSON files of the build folder, and reloads them when they change (`serve`).
"""

from __future__ import annotations

import json
import re
from pathlib import Path

from markdown import Markdown
from markdown.extensions import Extension
from markdown.postprocessors import Postprocessor
from markdown.preprocessors import Preprocessor
from markdown.treeprocessors import Treeprocessor

from .linking.a11y import name_task_checkboxes
from .linking.linker import MentionLinker, PageContext
from .linking.matcher import Matcher
from .linking.sanitize import clean_html
from .sitegen import LINKER_FILE, PAGES_FILE

_MARKER = re.compile(r"^<!-- kb-page: (\S+) \w+ -->$")


class _BuildData:
    """The build folder's JSON files, read again only when they change on disk."""

    def __init__(self, build_dir: Path):
        self.build_dir = build_dir
        self._stamp: tuple | None = None
        self.pages: dict[str, dict] = {}
        self.matcher: Matcher | None = None
        self.linker_data: dict = {}

    def refresh(self) -> None:
        files = (self.build_dir / PAGES_FILE, self.build_dir / LINKER_FILE)
        stamp = tuple(f.stat().st_mtime_ns for f in files)
        if stamp == self._stamp:
            return
        self.pages = json.loads(files[0].read_text(encoding="utf-8"))
        self.linker_data = json.loads(files[1].read_text(encoding="utf-8"))
        self.matcher = Matcher((name, term_id) for name, term_id in self.linker_data["names"])
        self._stamp = stamp

    def new_linker(self) -> MentionLinker:
        # One linker per Markdown instance: engines may render pages in parallel threads,
        # and a linker holds the context of the page it is converting.
        data = self.linker_data
        return MentionLinker(self.matcher, data["tooltips"], data["urls"], frozenset(data["linkable"]),
                             data["term_names"])


class _PageMarker(Preprocessor):
    """Reads and removes the marker line; sets the linker up for this page."""

    def __init__(self, md: Markdown, data: _BuildData, current: dict, holder: list, state: dict):
        super().__init__(md)
        self.data = data
        self.current = current
        self.holder = holder  # [linker] used by this Markdown instance
        self.state = state

    def run(self, lines: list[str]) -> list[str]:
        self.current.clear()
        self.state["whole_page"] = False
        for index, line in enumerate(lines[:3]):
            match = _MARKER.match(line.strip())
            if match:
                self.data.refresh()
                page = self.data.pages.get(match.group(1), {})
                self.current.update(page)
                linker = self.data.new_linker()
                linker.context = PageContext(page_url=page.get("url", ""), enabled=page.get("autolink", True),
                                             self_term=page.get("self_term"))
                self.holder[:] = [linker]
                return lines[:index] + lines[index + 1:]
        self.holder[:] = []  # not a page of the generated tree: nothing to link
        return lines


class _TreeDone(Treeprocessor):
    """Marks the end of the tree stage: from here on, postprocessors see the whole page.

    Before it, the toc extension runs every postprocessor over each heading's inner HTML (for the
    table of contents and the heading ids); the finished sections must not go into those."""

    def __init__(self, md: Markdown, state: dict):
        super().__init__(md)
        self.state = state

    def run(self, root) -> None:
        self.state["whole_page"] = True


class _PageFinisher(Postprocessor):
    """After raw HTML is restored: sanitize YAML-made pages, then insert the finished sections."""

    def __init__(self, md: Markdown, current: dict, state: dict):
        super().__init__(md)
        self.current = current
        self.state = state

    def run(self, text: str) -> str:
        page = self.current
        if not page or not self.state.get("whole_page"):
            return text
        if page.get("sanitize"):
            text = clean_html(text)
        elif page.get("hand_written"):
            text = name_task_checkboxes(text)
        for placeholder, html in page.get("replace", {}).items():
            text = text.replace(placeholder, html, 1)
        return text + page.get("append", "")


class _Linking(Treeprocessor):
    def __init__(self, md: Markdown, holder: list):
        super().__init__(md)
        self.holder = holder

    def run(self, root) -> None:
        if self.holder:
            self.holder[0].run(root)


class GlossaryExtension(Extension):
    def __init__(self, **kwargs):
        self.config = {"build_dir": [".build/zensical", "Folder the generation step wrote"]}
        super().__init__(**kwargs)

    def extendMarkdown(self, md: Markdown) -> None:
        data = _cached_data(Path(self.getConfig("build_dir")).resolve())
        current: dict = {}
        holder: list[MentionLinker] = []
        state = {"whole_page": False}
        md.preprocessors.register(_PageMarker(md, data, current, holder, state), "kb_page_marker", 100)
        md.treeprocessors.register(_Linking(md, holder), "glossary_links", -10)
        md.treeprocessors.register(_TreeDone(md, state), "kb_tree_done", -1000)
        md.postprocessors.register(_PageFinisher(md, current, state), "kb_page_finisher", 0)


_DATA: dict[Path, _BuildData] = {}


def _cached_data(build_dir: Path) -> _BuildData:
    # Engines create a Markdown instance per page; the data is loaded once per process.
    if build_dir not in _DATA:
        _DATA[build_dir] = _BuildData(build_dir)
        _DATA[build_dir].refresh()
    return _DATA[build_dir]


def makeExtension(**kwargs) -> GlossaryExtension:  # noqa: N802 (Python-Markdown's entry point name)
    return GlossaryExtension(**kwargs)
