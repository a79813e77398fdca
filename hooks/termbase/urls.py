"""Relative URLs between pages, so the site works from any sub-path and from file://."""

from __future__ import annotations

import posixpath


def relative_url(target: str, current: str) -> str:
    """URL of `target` seen from the page at `current` (both site-relative, as MkDocs gives them)."""
    start = current if current.endswith("/") or not current else posixpath.dirname(current)
    start = start.rstrip("/") or "."
    target_path = target.rstrip("/") or "."
    rel = posixpath.relpath(target_path, start)
    if (target.endswith("/") or not target) and not rel.endswith("/"):
        rel += "/"
    return "./" if rel in (".", "./") else rel
