#!/usr/bin/env python3
"""The project's commands, runnable with nothing but Python 3.11:

    python3 scripts/tasks.py serve   # build and serve the site at http://127.0.0.1:8000
    python3 scripts/tasks.py test    # run every test (installs Chromium from Debian when missing)
    python3 scripts/tasks.py test --quick   # no browser, nothing marked slow: about a minute
    python3 scripts/tasks.py build   # strict build into site/, with the offline zip
    python3 scripts/tasks.py check   # validate the glossary and data files only

`build` and `serve` take `--engine zensical` to render with Zensical instead of MkDocs +
Material (the default). Each creates .venv/ on first use and installs the pinned dependencies
(again only when a requirements file changes).
"""

from __future__ import annotations

import argparse
import hashlib
import os
import shutil
import subprocess
import sys
import venv
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
VENV = ROOT / ".venv"
PYTHON = VENV / "bin" / "python"
CHROMIUM = Path("/usr/bin/chromium")


def run(*command: str | Path, **kwargs) -> None:
    print("+", " ".join(str(c) for c in command), flush=True)
    subprocess.run([str(c) for c in command], check=True, cwd=ROOT, **kwargs)


def ensure_venv(requirements: str) -> None:
    """Create the virtual environment and install pinned requirements when they changed."""
    if sys.version_info < (3, 11):
        sys.exit("Python 3.11 or newer is needed (Material for MkDocs requires it).")
    # A change in any of them (they include each other), or in how the package is declared.
    files = [*sorted(ROOT.glob("requirements*.txt")), ROOT / "pyproject.toml"]
    digest = hashlib.sha256(b"".join(f.read_bytes() for f in files)).hexdigest()[:16]
    stamp = VENV / f".installed-{requirements}-{digest}"
    if stamp.exists():
        return
    if not PYTHON.exists():
        print("Creating .venv/ ...", flush=True)
        venv.EnvBuilder(with_pip=True).create(VENV)
    run(PYTHON, "-m", "pip", "install", "--disable-pip-version-check", "-q",
        "-r", requirements, "-c", "requirements-lock.txt")
    # The engine core (hooks/termbase) as the package `termbase`, editable: scripts and tests import it.
    run(PYTHON, "-m", "pip", "install", "--disable-pip-version-check", "-q", "--no-deps", "-e", ".")
    stamp.touch()


def ensure_chromium() -> None:
    """Browser tests drive Debian's Chromium (Playwright cannot download its own here)."""
    if CHROMIUM.exists():
        return
    sudo: list[str] = []
    if os.geteuid() != 0:
        # CI runners (GitHub Actions) allow password-less sudo; a desktop asks the user instead.
        if shutil.which("sudo") and subprocess.run(["sudo", "-n", "true"], capture_output=True).returncode == 0:
            sudo = ["sudo", "-n", "DEBIAN_FRONTEND=noninteractive"]
        else:
            sys.exit("Chromium is missing: run as root, or install Debian's package: apt-get install chromium")
    env = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
    run(*sudo, "apt-get", "update", "-qq", env=env)
    run(*sudo, "apt-get", "install", "-y", "-qq", "--no-install-recommends", "chromium", env=env)


def serve(extra: list[str], engine: str = "mkdocs") -> int:
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    os.chdir(ROOT)
    if engine == "zensical":
        ensure_venv("requirements-zensical.txt")
        os.execve(str(PYTHON), [str(PYTHON), "hooks/zensical_engine.py", "serve", *extra], env)
    ensure_venv("requirements.txt")
    # `--dirty` is the fast preview: each edit rebuilds only the pages it changes (hooks/mkdocs_preview/).
    # `--full-rebuilds` rebuilds every page on every edit, as plain `mkdocs serve` does.
    if "--full-rebuilds" in extra:
        extra = [arg for arg in extra if arg != "--full-rebuilds"]
    elif not {"--dirty", "--clean", "-c"} & set(extra):
        extra = ["--dirty", *extra]
    os.execve(str(PYTHON), [str(PYTHON), "-m", "mkdocs", "serve", "-a", "127.0.0.1:8000", *extra], env)


# One pytest-xdist worker per core; the tests that share a module's fixture go to one worker
# (tests/conftest.py), the rest to whichever is free. `-n 0` after the command runs them in one process.
PARALLEL = ["-n", "auto", "--dist", "loadgroup"]
# The quick loop: no browser and nothing marked slow (a whole-site build, a benchmark, a workflow run end
# to end, a live server); the markers are listed in pyproject.toml.
QUICK = ["-m", "not browser and not slow"]


def test(extra: list[str], engine: str = "mkdocs", quick: bool = False) -> int:
    ensure_venv("requirements-test.txt")
    if not quick:
        ensure_chromium()
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    checked = subprocess.run([str(PYTHON), "scripts/check.py"], cwd=ROOT, env=env)
    if checked.returncode:
        return checked.returncode
    selection = QUICK if quick else []
    return subprocess.run([str(PYTHON), "-m", "pytest", *PARALLEL, *selection, *extra], cwd=ROOT, env=env).returncode


def check(extra: list[str], engine: str = "mkdocs") -> int:
    ensure_venv("requirements.txt")
    return subprocess.run([str(PYTHON), "scripts/check.py", *extra], cwd=ROOT).returncode


def build(extra: list[str], engine: str = "mkdocs") -> int:
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    if engine == "zensical":
        ensure_venv("requirements-zensical.txt")
        steps = [[str(PYTHON), "scripts/check.py"],
                 [str(PYTHON), "hooks/zensical_engine.py", "build", *extra],
                 [str(PYTHON), "scripts/build_offline.py", "--engine", "zensical", "--into", "site"]]
    else:
        ensure_venv("requirements.txt")
        steps = [[str(PYTHON), "scripts/check.py"],
                 [str(PYTHON), "-m", "mkdocs", "build", "--strict", *extra],
                 [str(PYTHON), "scripts/build_offline.py", "--into", "site"]]
    for step in steps:
        code = subprocess.run(step, cwd=ROOT, env=env).returncode
        if code:
            return code
    return 0


def main() -> int:
    parser = argparse.ArgumentParser(description="Project commands.", epilog=__doc__)
    parser.add_argument("command", choices=["serve", "test", "build", "check"])
    parser.add_argument("--engine", choices=["mkdocs", "zensical"], default="mkdocs",
                        help="site engine for build and serve (default: mkdocs)")
    parser.add_argument("--quick", action="store_true",
                        help="test: leave out the browser tests and those marked slow (about a minute)")
    args, extra = parser.parse_known_args()
    if args.engine != "mkdocs" and args.command not in ("build", "serve"):
        parser.error("--engine applies to build and serve only")
    if args.quick and args.command != "test":
        parser.error("--quick applies to test only")
    try:
        if args.command == "test":
            return test(extra, quick=args.quick)
        return {"serve": serve, "build": build, "check": check}[args.command](extra, args.engine)
    except subprocess.CalledProcessError as error:
        print(f"Failed: {' '.join(map(str, error.cmd))} (exit {error.returncode})", file=sys.stderr)
        return error.returncode or 1
    except KeyboardInterrupt:
        return 130


if __name__ == "__main__":
    sys.exit(main())
