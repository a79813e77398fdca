#!/usr/bin/env python3
"""Compare the two engines: full build time, and the time from saving a term file to the
changed page being served again.

    python scripts/bench_engines.py                          # 3,000 terms, 1,000 pages, 3 rounds
    python scripts/bench_engines.py --terms 300 --pages 100 --rounds 1

Builds the synthetic corpus of scripts/bench.py with MkDocs (hooks) and with Zensical
(generation step + Zensical), alternating, and prints medians and their ratio. Then, for this
repository (a copy) and for the corpus, starts each engine's `serve`, edits a term's
definition, and times until the served term page shows the new wording.
"""

from __future__ import annotations

import argparse
import os
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "scripts"))

from bench import copy_repository, extend_nav, make_corpus  # noqa: E402

ENV = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
REPO_PARTS = ("glossary", "docs", "data", "schemas", "hooks", "overrides", "mkdocs.yml", "CONTRIBUTING.md")


def build_mkdocs(folder: Path) -> float:
    return _timed([sys.executable, "-m", "mkdocs", "build", "-q", "-d", str(folder / "out-mkdocs")], folder)


def build_zensical(folder: Path) -> float:
    return _timed([sys.executable, str(ROOT / "hooks" / "zensical_engine.py"), "build", "--root", str(folder),
                   "--work", str(folder / ".zwork"), "--site-dir", str(folder / "out-zensical")], folder)


def _timed(command: list[str], cwd: Path) -> float:
    start = time.perf_counter()
    result = subprocess.run(command, cwd=cwd, env=ENV, capture_output=True, text=True)
    elapsed = time.perf_counter() - start
    if result.returncode:
        sys.exit(f"build failed in {cwd}: {' '.join(command)}\n{(result.stdout + result.stderr)[-3000:]}")
    return elapsed


def serve_command(engine: str, folder: Path, address: str) -> list[str]:
    if engine == "mkdocs":
        return [sys.executable, "-m", "mkdocs", "serve", "-a", address]
    return [sys.executable, str(ROOT / "hooks" / "zensical_engine.py"), "serve", "--root", str(folder),
            "--work", str(folder / ".zwork-serve"), "-a", address]


def edit_to_visible(engine: str, folder: Path, term_file: Path, url_path: str, rounds: int) -> list[float]:
    """Seconds from saving a term file to its page showing the new definition, per round."""
    port = _free_port()
    server = subprocess.Popen(serve_command(engine, folder, f"127.0.0.1:{port}"), cwd=folder, env=ENV,
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)
    url = f"http://127.0.0.1:{port}/{url_path}"
    times = []
    try:
        _wait_for(url, "</html>", timeout=900)
        original = term_file.read_text(encoding="utf-8")
        for round_ in range(rounds):
            token = f"edited{round_}x{os.getpid()}"
            term_file.write_text(original.replace("definition: ", f"definition: {token} ", 1), encoding="utf-8")
            start = time.perf_counter()
            _wait_for(url, token, timeout=600)
            times.append(time.perf_counter() - start)
            time.sleep(1)
        term_file.write_text(original, encoding="utf-8")
    finally:
        os.killpg(server.pid, 15)
        server.wait(timeout=30)
    return times


def _wait_for(url: str, text: str, timeout: float) -> None:
    deadline = time.perf_counter() + timeout
    while time.perf_counter() < deadline:
        try:
            with urllib.request.urlopen(url, timeout=5) as response:  # noqa: S310 (loopback only)
                if text in response.read().decode("utf-8", "replace"):
                    return
        except OSError:
            pass
        time.sleep(0.02)
    sys.exit(f"timed out waiting for {text!r} at {url}")


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def repo_copy(folder: Path) -> Path:
    copy = folder / "repo"
    for part in REPO_PARTS:
        source = ROOT / part
        (shutil.copytree if source.is_dir() else shutil.copy2)(source, copy / part)
    return copy


def corpus(folder: Path, terms: int, pages: int) -> Path:
    """This repository plus the synthetic corpus, its pages in the navigation (as scripts/bench.py)."""
    site = folder / "corpus"
    site.mkdir()
    copy_repository(site)
    corpus_pages = make_corpus(site, terms, pages)
    config = (site / "mkdocs.yml").read_text(encoding="utf-8")
    (site / "mkdocs.yml").write_text(extend_nav(config, "Corpus", corpus_pages), encoding="utf-8")
    return site


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--terms", type=int, default=3000)
    parser.add_argument("--pages", type=int, default=1000)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--skip-serve", action="store_true", help="only compare full builds")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="kb-engines-") as tmp:
        site = corpus(Path(tmp), args.terms, args.pages)
        times: dict[str, list[float]] = {"mkdocs": [], "zensical": []}
        for _ in range(args.rounds):
            times["mkdocs"].append(build_mkdocs(site))
            times["zensical"].append(build_zensical(site))
        mkdocs, zensical = statistics.median(times["mkdocs"]), statistics.median(times["zensical"])
        print(f"Full build, {args.terms} terms x {args.pages} pages, median of {args.rounds}:")
        print(f"  MkDocs + Material (hooks)      {mkdocs:8.2f} s  {_runs(times['mkdocs'])}")
        print(f"  Zensical (generation + render) {zensical:8.2f} s  {_runs(times['zensical'])}")
        print(f"  Zensical is {mkdocs / zensical:.1f}x faster")
        if args.skip_serve:
            return 0
        repo = repo_copy(Path(tmp))
        print("Edit a term file -> page served again (seconds, each round):")
        for label, folder, term, url in (("this repository", repo, "limited-data-set", "glossary/limited-data-set/"),
                                         ("corpus", site, "t00000", "glossary/t00000/")):
            for engine in ("mkdocs", "zensical"):
                runs = edit_to_visible(engine, folder, folder / "glossary" / f"{term}.yml", url, args.rounds)
                print(f"  {label:16} {engine:9} median {statistics.median(runs):6.2f}  {_runs(runs)}")
    return 0


def _runs(values: list[float]) -> str:
    return "(" + ", ".join(f"{v:.2f}" for v in values) + ")"


if __name__ == "__main__":
    sys.exit(main())
