"""Test helpers: import the core directly, and build small real sites in a temp folder.

A module of its own (not conftest.py) so that test files can import it by a unique name."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import textwrap
from dataclasses import dataclass
from pathlib import Path

from bs4 import BeautifulSoup

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "scripts"))  # the core is the installed package `termbase`
sys.path.insert(0, str(REPO / "bench"))

from benchsites import drop_nav  # noqa: E402  (small test sites, like the benchmark corpus, bring their own pages)
MKDOCS = [sys.executable, "-m", "mkdocs"]

MINIMAL_DATA_FILE = """\
title: Data elements
introduction: Which identifiers each kind of data set may hold.
elements:
  - letter: A
    element: Names
    safe_harbor_citation: "45 CFR 164.514(b)(2)(i)(A)"
    identified: {allowed: "yes"}
    limited_data_set: {allowed: "no", citation: "45 CFR 164.514(e)(2)(i)"}
    de_identified: {allowed: "no"}
"""


@dataclass
class BuiltSite:
    root: Path
    result: subprocess.CompletedProcess

    @property
    def site(self) -> Path:
        return self.root / "site"

    @property
    def output(self) -> str:
        return self.result.stdout + self.result.stderr

    def html(self, url_path: str) -> BeautifulSoup:
        path = self.site / url_path
        if url_path.endswith("/") or url_path == "":
            path = path / "index.html"
        return BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")

    def article(self, url_path: str):
        return self.html(url_path).select_one("article.md-content__inner")


class SiteFactory:
    """Writes term files, pages and a config into tmp_path, then runs `mkdocs build` for real."""

    def __init__(self, tmp_path: Path):
        self.root = tmp_path / "kb"
        (self.root / "glossary").mkdir(parents=True)
        (self.root / "docs").mkdir()
        (self.root / "data").mkdir()
        (self.root / "data" / "data-elements.yml").write_text(MINIMAL_DATA_FILE, encoding="utf-8")
        # The real stylesheets and scripts: mkdocs.yml lists them, and browser tests need them.
        shutil.copytree(REPO / "docs" / "assets", self.root / "docs" / "assets")
        self.page("index.md", "# Home\n\nWelcome.\n")

    def term(self, term_id: str, text: str, suffix: str = ".yml") -> Path:
        path = self.root / "glossary" / f"{term_id}{suffix}"
        path.write_text(textwrap.dedent(text), encoding="utf-8")
        return path

    def page(self, name: str, text: str) -> Path:
        path = self.root / "docs" / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(textwrap.dedent(text), encoding="utf-8")
        return path

    def build(self, *extra_args: str, strict: bool = True, env: dict | None = None) -> BuiltSite:
        config = (REPO / "mkdocs.yml").read_text(encoding="utf-8")
        config = config.replace("hooks/glossary.py", str(REPO / "hooks" / "glossary.py"))
        config = config.replace("custom_dir: overrides", f"custom_dir: {REPO / 'overrides'}")
        config = drop_nav(config)
        (self.root / "mkdocs.yml").write_text(config, encoding="utf-8")
        # Never -q with --strict: MkDocs then drops the warnings before --strict counts them.
        args = [*MKDOCS, "build", *(["--strict"] if strict else ["-q"]), *extra_args]
        environment = {**os.environ, "NO_MKDOCS_2_WARNING": "1", **(env or {})}
        result = subprocess.run(args, cwd=self.root, capture_output=True, text=True, env=environment, timeout=300)
        return BuiltSite(self.root, result)
