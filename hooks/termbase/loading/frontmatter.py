"""Read a page's YAML front matter without an engine (for decisions made before rendering).

The same block `mkdocs.utils.meta.get_data` reads (its pattern, safe YAML, a mapping or nothing),
written here because the core imports nothing from MkDocs: the Zensical build must keep working
once MkDocs is gone. Zensical itself does not depend on MkDocs; its environment has MkDocs today
only because requirements-zensical.txt includes requirements.txt.
"""

from __future__ import annotations

import json
import posixpath
import re

import yaml

from .plaintext import plain_text, text_of_html

_FRONT_MATTER = re.compile(r"\A-{3}[ \t]*\n(.*?\n)(?:-{3}|\.{3})[ \t]*\n", re.DOTALL)  # MkDocs' YAML_RE


def read_front_matter(markdown_text: str) -> dict:
    match = _FRONT_MATTER.match(markdown_text)
    if not match:
        return {}
    try:
        data = yaml.safe_load(match.group(1))
    except yaml.YAMLError:
        return {}  # The engine reports broken front matter itself when it renders the page.
    return data if isinstance(data, dict) else {}


def strip_front_matter(markdown_text: str) -> str:
    """The page body without its front matter block (as engines give it to Markdown)."""
    match = _FRONT_MATTER.match(markdown_text)
    return markdown_text[match.end():] if match else markdown_text


def page_title(markdown_text: str, fallback: str) -> str:
    """The title a page shows, as plain text: its front matter `title` (HTML to the engines),
    else its first `# ` heading (Markdown), else `fallback`. The one rule for every title the
    core names a page by (What's new, the feed, decisions, convenings, handouts)."""
    title = read_front_matter(markdown_text).get("title")
    if isinstance(title, str) and title.strip():
        return text_of_html(title) or fallback
    for line in strip_front_matter(markdown_text).splitlines():
        if line.startswith("# "):
            return plain_text(line[2:].strip().rstrip("#").strip()) or fallback
    return fallback


def title_from_file_name(src_uri: str) -> str:
    """The title of a page that states none: its file name, as words."""
    return posixpath.splitext(posixpath.basename(src_uri))[0].replace("-", " ").capitalize()


def front_matter_block(meta: dict) -> str:
    """YAML front matter holding `meta` as it is (a generated page's, or one the engine reads)."""
    # JSON is valid YAML and escapes everything a YAML scalar could trip on.
    lines = [f"{key}: {json.dumps(value, ensure_ascii=False)}" for key, value in meta.items()]
    return "---\n" + "\n".join(lines) + "\n---\n\n"
