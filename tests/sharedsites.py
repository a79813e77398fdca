"""Builds of this whole repository, each made once per test run and shared by every test and
every pytest-xdist worker.

Whichever process first asks for a build makes it, holding a file lock in the run's shared
temporary folder; the others wait for the lock, then read the same output. A failed build is
recorded there too, so the others report its messages instead of building again.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import zipfile
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

import pytest
from filelock import FileLock

REPO = Path(__file__).resolve().parents[1]
SERVER = Path(__file__).resolve().parent / "siteserver.py"
# The pytest process that started the run (the xdist controller); tests/conftest.py sets it.
RUN_PID = "KB_TEST_RUN_PID"
BUILD_TIMEOUT = 900  # seconds; a cold build of both engines on a busy 2-core machine stays far below


class BuildFailed(Exception):
    """A build exited non-zero; the message is its output."""


@dataclass(frozen=True)
class ServedBuild:
    url: str  # ends with "/"
    root: Path


def shared_folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The folder every process of this run sees: under xdist each worker's base temporary
    folder is <the run's base>/<worker id>."""
    base = tmp_path_factory.getbasetemp()
    folder = (base.parent if os.environ.get("PYTEST_XDIST_WORKER") else base) / "shared-builds"
    folder.mkdir(exist_ok=True)
    return folder


def once(tmp_path_factory: pytest.TempPathFactory, name: str, make: Callable[[Path], None]) -> Path:
    """The folder `make` filled for `name`, calling it only if no process of this run has."""
    shared = shared_folder(tmp_path_factory)
    folder, done, failed = shared / name, shared / f"{name}.done", shared / f"{name}.failed"
    with FileLock(shared / f"{name}.lock"):
        if not done.exists() and not failed.exists():
            folder.mkdir()
            try:
                make(folder)
            except BuildFailed as error:
                failed.write_text(str(error), encoding="utf-8")
            else:
                done.touch()
    if failed.exists():
        pytest.fail(f"{name}: the build failed\n{failed.read_text(encoding='utf-8')}", pytrace=False)
    return folder


def run(command: list[str | Path], **env: str) -> None:
    environment = {**os.environ, "NO_MKDOCS_2_WARNING": "1", **env}
    result = subprocess.run([str(c) for c in command], cwd=REPO, env=environment, capture_output=True, text=True,
                            timeout=BUILD_TIMEOUT)
    if result.returncode:
        raise BuildFailed(result.stdout + result.stderr)


def build_command(engine: str, out: Path, work: Path) -> list[str | Path]:
    """The strict build of this repository into `out` with one engine."""
    if engine == "zensical":
        return [sys.executable, "hooks/zensical_engine.py", "build", "--work", work, "--site-dir", out]
    # No -q: MkDocs would drop the warnings before --strict counts them, and pass a broken site.
    return [sys.executable, "-m", "mkdocs", "build", "--strict", "-d", out]


def repository_site(tmp_path_factory: pytest.TempPathFactory, engine: str, site_url: str) -> Path:
    """This repository built with `engine` for `site_url`: the folder of the site."""
    def make(folder: Path) -> None:
        run(build_command(engine, folder / "site", folder / "tree"), SITE_URL=site_url)

    name = f"{engine}-" + "".join(c if c.isalnum() else "-" for c in site_url).strip("-")
    return once(tmp_path_factory, name, make) / "site"


def served_repository_site(tmp_path_factory: pytest.TempPathFactory, engine: str) -> ServedBuild:
    """This repository built with `engine` for the address it is served from on 127.0.0.1.

    One server per site for the whole run (siteserver.py): it listens before the build starts,
    so the build knows its port, and stops once the run's main process has ended."""
    def make(folder: Path) -> None:
        site = folder / "site"
        site.mkdir()
        watched = os.environ.get(RUN_PID) or str(os.getpid())
        server = subprocess.Popen([sys.executable, SERVER, site, watched], stdout=subprocess.PIPE,
                                  stdin=subprocess.DEVNULL, text=True, start_new_session=True)
        url = f"http://127.0.0.1:{int(server.stdout.readline())}/"
        server.stdout.close()
        (folder / "server.json").write_text(json.dumps({"url": url, "pid": server.pid}), encoding="utf-8")
        run(build_command(engine, site, folder / "tree"), SITE_URL=url)

    folder = once(tmp_path_factory, f"served-{engine}", make)
    return ServedBuild(json.loads((folder / "server.json").read_text(encoding="utf-8"))["url"], folder / "site")


def offline_copy(tmp_path_factory: pytest.TempPathFactory, engine: str) -> Path:
    """The offline build of `engine`, unzipped from the zip participants download."""
    def make(folder: Path) -> None:
        run([sys.executable, "scripts/build_offline.py", "--engine", engine, "--out", folder / "built"])
        with zipfile.ZipFile(folder / "kb-offline.zip") as archive:
            archive.extractall(folder / "unzipped")

    return once(tmp_path_factory, f"offline-{engine}", make) / "unzipped" / "ids-knowledge-base"
