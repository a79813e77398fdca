"""`serve` picks up term edits, reports a broken term and keeps serving, with either engine."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

from sitekit import MKDOCS, REPO


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def fetch(url: str) -> str:
    try:
        with urllib.request.urlopen(url, timeout=3) as response:
            return response.read().decode("utf-8")
    except OSError:
        return ""


def wait_for(predicate, seconds: float = 30) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if predicate():
            return True
        time.sleep(0.5)
    return False


def serve_command(engine: str, root, work, port: int) -> list[str]:
    if engine == "zensical":
        return [sys.executable, str(REPO / "hooks" / "zensical_engine.py"), "serve", "--root", str(root),
                "--work", str(work), "-a", f"127.0.0.1:{port}"]
    return [*MKDOCS, "serve", "-a", f"127.0.0.1:{port}"]


@pytest.mark.slow  # serves, edits and waits for rebuilds
@pytest.mark.parametrize("engine", ["mkdocs", "zensical"])
def test_serve_rebuilds_on_yaml_change_and_survives_a_broken_term(site, tmp_path, engine):
    term = site.term("data-set", "term: Data set\ndefinition: First wording.\n")
    site.build()  # writes mkdocs.yml
    port = free_port()
    log = (tmp_path / "serve.log").open("w")
    server = subprocess.Popen(serve_command(engine, site.root, tmp_path / "tree", port), cwd=site.root,
                              stdout=log, stderr=subprocess.STDOUT, env={**os.environ, "NO_MKDOCS_2_WARNING": "1"})
    url = f"http://127.0.0.1:{port}/glossary/data-set/"
    try:
        assert wait_for(lambda: "First wording." in fetch(url)), "site never served"
        term.write_text("term: Data set\ndefinition: Second wording.\n", encoding="utf-8")
        assert wait_for(lambda: "Second wording." in fetch(url)), "edit not picked up"
        if engine == "zensical":
            # Regenerating reads every source; reading is no change, so nothing is generated again.
            generated = (tmp_path / "serve.log").read_text().count("Generated ")
            time.sleep(4)
            assert (tmp_path / "serve.log").read_text().count("Generated ") == generated
        term.write_text("term: Data set\ndefintion: typo\n", encoding="utf-8")
        logged = tmp_path / "serve.log"
        assert wait_for(lambda: "glossary/data-set.yml:2: defintion: unknown field" in logged.read_text()), \
            logged.read_text()
        assert server.poll() is None, "server stopped on a broken term"
        term.write_text("term: Data set\ndefinition: Third wording.\n", encoding="utf-8")
        assert wait_for(lambda: "Third wording." in fetch(url)), "server did not recover"
        assert "Traceback" not in logged.read_text()
    finally:
        server.terminate()
        server.wait(timeout=10)
        log.close()
    # Stopping `serve` stops everything it started (Zensical's server used to keep running).
    assert wait_for(lambda: not _processes_mentioning(str(tmp_path)), seconds=10), _processes_mentioning(str(tmp_path))


def _processes_mentioning(text: str) -> list[str]:
    found = []
    for cmdline in Path("/proc").glob("[0-9]*/cmdline"):
        try:
            command = cmdline.read_bytes().replace(b"\0", b" ").decode("utf-8", "replace")
        except OSError:
            continue
        if text in command:
            found.append(command)
    return found
