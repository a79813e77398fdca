"""The fast preview (`mkdocs serve --dirty`, what `tasks.py serve` runs) rebuilds only what an edit
changes, and leaves the site a full build makes; `mkdocs build --strict` never runs it."""

from __future__ import annotations

import os
import re
import socket
import subprocess
import sys
import textwrap
import time
import urllib.request
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from sitekit import MKDOCS, REPO  # first: it puts hooks/ and bench/ on the path

from benchsites import commit_all  # noqa: E402
from termbase.loading.plaintext import plain_text  # noqa: E402

REBUILT = re.compile(r"Preview: rebuilt (\d+) of (\d+) pages")


class Served:
    """`mkdocs serve --dirty` on a small site, its site folder in a temporary folder of its own."""

    def __init__(self, root: Path, work: Path):
        with socket.socket() as probe:
            probe.bind(("127.0.0.1", 0))
            self.port = probe.getsockname()[1]
        self.base = f"http://127.0.0.1:{self.port}/"
        self.tmp = work / "tmp"
        self.tmp.mkdir()
        self.log_path = work / "serve.log"
        self._log = self.log_path.open("w", encoding="utf-8")
        # TMPDIR: serve writes the site into a folder it makes there, which the test reads.
        env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "TMPDIR": str(self.tmp)}
        self.process = subprocess.Popen([*MKDOCS, "serve", "--dirty", "-a", f"127.0.0.1:{self.port}"], cwd=root,
                                        env=env, stdout=self._log, stderr=subprocess.STDOUT)

    def html(self, path: str) -> str:
        try:
            with urllib.request.urlopen(self.base + path, timeout=30) as response:
                return response.read().decode("utf-8")
        except OSError:
            return ""

    def page(self, path: str) -> BeautifulSoup:
        return BeautifulSoup(self.html(path), "html.parser")

    def wait_for(self, path: str, text: str, seconds: float = 120) -> bool:
        deadline = time.monotonic() + seconds
        while time.monotonic() < deadline:
            if text in self.html(path):
                return True
            time.sleep(0.2)
        return False

    def log(self) -> str:
        return self.log_path.read_text(encoding="utf-8", errors="replace")

    def rebuilt(self) -> list[tuple[int, int]]:
        return [(int(done), int(total)) for done, total in REBUILT.findall(self.log())]

    def site_dir(self) -> Path:
        folders = list(self.tmp.glob("mkdocs_*"))
        assert len(folders) == 1, folders
        return folders[0]

    def stop(self) -> None:
        self.process.terminate()
        self.process.wait(timeout=30)
        self._log.close()


def write(path: Path, text: str) -> None:
    path.write_text(textwrap.dedent(text), encoding="utf-8")


def tree(folder: Path) -> dict[str, bytes]:
    return {path.relative_to(folder).as_posix(): path.read_bytes() for path in sorted(folder.rglob("*"))
            if path.is_file()}


def differences(one: dict[str, bytes], other: dict[str, bytes]) -> list[str]:
    return sorted({name for name in one.keys() | other.keys() if one.get(name) != other.get(name)})


def link_to(page: BeautifulSoup, term_id: str):
    return page.select_one(f'article a.kb-term[href$="glossary/{term_id}/"]')


STEWARD = """\
term: Data steward
definition: A person who looks after a data set.
local_usage:
  - jurisdiction: iowa
    local_name: {name}
    note: Signs every request.
"""


@pytest.fixture
def small_site(site):
    site.term("data-set", "term: Data set\ndefinition: First wording of data set.\n")
    site.term("data-steward", STEWARD.format(name="Data access lead"))
    site.page("uses.md", "# Uses\n\nEvery data set has a steward.\n")
    site.page("other.md", "# Other\n\nNothing to link here but a record set.\n")
    site.page("session.md", "---\nhandout: true\n---\n# Session\n\nWe met about the data set.\n")
    site.page("sites/iowa.md", "---\njurisdiction: iowa\n---\n# Iowa\n\nIowa's team.\n")
    built = site.build()  # also writes mkdocs.yml
    assert built.result.returncode == 0, built.output
    # Committed: dates come from git (without history, the feed is dated by the clock).
    assert commit_all(site.root)
    return site


@pytest.mark.slow  # serves, edits and waits for rebuilds
def test_preview_rebuilds_what_an_edit_changes_and_ends_as_a_full_build(small_site, tmp_path):
    root = small_site.root
    served = Served(root, tmp_path)
    try:
        assert served.wait_for("glossary/data-set/", "First wording of data set."), served.log()
        assert served.rebuilt()[-1][0] == served.rebuilt()[-1][1]  # the first build is full

        # A new definition: on the term's page, in the session's handout, and in the tooltip and
        # the term list of the page that mentions it, which is not rebuilt (the log says so).
        new = 'Second wording: "quoted" & *emphasised* <data> set.'
        term = f"term: Data set\ndefinition: '{new}'\n"
        write(root / "glossary" / "data-set.yml", term)
        assert served.wait_for("glossary/data-set/", "Second wording"), served.log()
        uses = served.page("uses/")
        assert link_to(uses, "data-set")["title"] == plain_text(new)
        listed = uses.select_one("section.kb-terms-on-page a[href$='glossary/data-set/']")
        assert listed["title"] == plain_text(new)
        assert "Second wording" in listed.parent.get_text()
        assert "Second wording" in served.page("session/handout/").get_text()
        done, total = served.rebuilt()[-1]
        assert 0 < done < total, served.log()
        assert "new tooltips written into" in served.log()

        # A new other name: the page that has it links it.
        write(root / "glossary" / "data-set.yml", term + "aliases: [record set]\n")
        assert served.wait_for("other/", 'href="../glossary/data-set/"'), served.log()

        # A page that starts mentioning a term: it gets the link, the term page its "Used in".
        write(root / "docs" / "other.md", "# Other\n\nThe data steward signs off on a record set.\n")
        assert served.wait_for("other/", 'href="../glossary/data-steward/"'), served.log()
        used_in = served.page("glossary/data-steward/").select("ul.kb-used-in a")
        assert "Other" in [a.get_text() for a in used_in]
        done, total = served.rebuilt()[-1]
        assert done < total

        # Local usage: the jurisdiction page's table.
        write(root / "glossary" / "data-steward.yml", STEWARD.format(name="Data access chief"))
        assert served.wait_for("sites/iowa/", "Data access chief"), served.log()

        # A mistake in a term file: reported, the server keeps serving, and the next good build
        # compares with the last good one.
        write(root / "glossary" / "data-steward.yml", "term: Data steward\ndefintion: typo\n")
        deadline = time.monotonic() + 120
        while "glossary/data-steward.yml:2: defintion: unknown field" not in served.log():
            assert time.monotonic() < deadline, served.log()
            time.sleep(0.2)
        assert served.process.poll() is None
        write(root / "glossary" / "data-steward.yml", STEWARD.format(name="Data access chief, again"))
        assert served.wait_for("sites/iowa/", "Data access chief, again"), served.log()
        done, total = served.rebuilt()[-1]
        assert done < total, served.log()

        # A title in the navigation: every page shows it, so every page is rebuilt.
        write(root / "docs" / "other.md", "# Another title\n\nThe data steward signs off on a record set.\n")
        assert served.wait_for("uses/", "Another title"), served.log()
        assert "a title or front matter in the navigation changed" in served.log()

        # A removed term: its page is gone from the served site.
        (root / "glossary" / "data-steward.yml").unlink()
        deadline = time.monotonic() + 60
        while "Data steward" in served.html("glossary/data-steward/") and time.monotonic() < deadline:
            time.sleep(0.2)
        preview = tree(served.site_dir())
    finally:
        served.stop()
    assert "Traceback" not in served.log()
    assert "A 'dirty' build" not in served.log()  # MkDocs' warning: the preview keeps navigation right

    # What the preview left is, file for file, what a full build of the edited sources makes.
    full = tmp_path / "full"
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "SITE_URL": served.base}
    result = subprocess.run([*MKDOCS, "build", "-q", "-d", str(full)], cwd=root, env=env, capture_output=True,
                            text=True, timeout=300)
    assert result.returncode == 0, result.stdout + result.stderr
    assert differences(preview, tree(full)) == []


def test_strict_build_never_runs_the_preview(small_site, tmp_path):
    """Built once as usual, and once with every step of the preview made to fail: the same site."""
    root = small_site.root
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    usual = subprocess.run([*MKDOCS, "build", "--strict", "-d", str(tmp_path / "usual")], cwd=root, env=env,
                           capture_output=True, text=True, timeout=300)
    assert usual.returncode == 0, usual.stdout + usual.stderr
    refusing = textwrap.dedent(f"""
        import sys
        sys.path.insert(0, {str(REPO / "hooks")!r})
        import mkdocs_preview

        def refuse(*args, **kwargs):
            raise AssertionError("the preview ran in a build")

        for name in dir(mkdocs_preview.Preview):
            if not name.startswith("_") and name != "start":  # start() is what says "not serve --dirty"
                setattr(mkdocs_preview.Preview, name, refuse)
        from mkdocs.__main__ import cli
        cli(["build", "--strict", "-d", {str(tmp_path / "refusing")!r}])
        """)
    refused = subprocess.run([sys.executable, "-c", refusing], cwd=root, env=env, capture_output=True, text=True,
                             timeout=300)
    assert refused.returncode == 0, refused.stdout + refused.stderr
    assert "Preview:" not in usual.stderr + refused.stderr
    assert differences(tree(tmp_path / "usual"), tree(tmp_path / "refusing")) == []


@pytest.mark.slow  # runs the benchmark
def test_benchmark_times_both_kinds_of_edit_and_finds_the_served_site_equal_to_a_full_build():
    """bench/bench_preview.py at its smallest, on a copy of this repository."""
    result = subprocess.run([sys.executable, "bench/bench_preview.py", "--edits", "1", "--settle", "0.3", "--check"],
                            cwd=REPO, capture_output=True, text=True, timeout=1800)
    assert result.returncode == 0, result.stdout + result.stderr
    report = result.stdout
    assert re.search(r"^term limited-data-set: median \d+\.\d\d s, server CPU", report, re.MULTILINE), report
    assert re.search(r"^page playbooks/governance\.md: median \d+\.\d\d s", report, re.MULTILINE), report
    assert re.search(r"Preview: rebuilt \d+ of \d+ pages", report), report
    assert "Check: the served site is the full build's, file for file" in report
    assert "Traceback" not in result.stderr
