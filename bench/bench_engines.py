#!/usr/bin/env python3
"""Compare the two engines: full build time, and the time from saving a term file to the
changed page being served again.

    .venv/bin/python bench/bench.py --engines  # the same, from the main benchmark
    .venv/bin/python bench/bench_engines.py    # 3,000 terms, 1,000 pages, 3 rounds
    .venv/bin/python bench/bench_engines.py --terms 300 --pages 100 --rounds 1

Builds the synthetic corpus of bench/benchsites.py with MkDocs (hooks) and with Zensical
(generation step + Zensical), alternating, and prints medians and their ratio, in wall-clock and
in CPU time (user + system of the build and its children: on a shared machine the wall clock
says more about the neighbours than about the build). Each round also builds the same site
without the engine with each engine (as bench/bench.py's baseline: the same configuration and
theme, the generated pages written out as ordinary Markdown, no hook, no generation step, no
glossary extension): the ratio of those two is the best any work on the engine could reach.
Then, for this repository (a copy) and for
the corpus, starts each engine's `serve`, edits a term's definition, and times until the served
term page shows the new wording.
"""

from __future__ import annotations

import argparse
import os
import resource
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

from benchsites import baseline_docs, commit_all, config_without_engine, copy_repository, extend_nav, make_corpus

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "hooks"))  # the Zensical adapter is a file there, not part of the package

from zensical_engine import ZENSICAL_OVERRIDES, write_config, zensical  # noqa: E402

ENV = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
REPO_PARTS = ("glossary", "docs", "data", "schemas", "hooks", "overrides", "overrides-zensical", "mkdocs.yml",
              "CONTRIBUTING.md")


def build_mkdocs(folder: Path) -> tuple[float, float]:
    return _timed([sys.executable, "-m", "mkdocs", "build", "-q", "-d", str(folder / "out-mkdocs")], folder)


def build_zensical(folder: Path) -> tuple[float, float]:
    return _timed([sys.executable, str(ROOT / "hooks" / "zensical_engine.py"), "build", "--root", str(folder),
                   "--work", str(folder / ".zwork"), "--site-dir", str(folder / "out-zensical")], folder)


def plain_site(site: Path) -> Path:
    """The site without the engine, next to `site`: its generated pages as ordinary Markdown files,
    no hook, the same configuration, navigation and theme overrides."""
    plain = site.parent / "plain"
    plain.mkdir()
    baseline_docs(site, plain)
    config = config_without_engine((site / "mkdocs.yml").read_text(encoding="utf-8"), site, [])
    (plain / "mkdocs.yml").write_text(config, encoding="utf-8")
    if (site / ZENSICAL_OVERRIDES).is_dir():
        shutil.copytree(site / ZENSICAL_OVERRIDES, plain / ZENSICAL_OVERRIDES)
    # Zensical's configuration as the adapter writes it (theme overrides, its style sheet), less
    # the glossary extension; docs/ is already where that configuration looks.
    write_config(plain, plain, glossary=False)
    return plain


def build_plain_mkdocs(folder: Path) -> tuple[float, float]:
    return _timed([sys.executable, "-m", "mkdocs", "build", "-q", "-d", str(folder / "out-mkdocs")], folder)


def build_plain_zensical(folder: Path) -> tuple[float, float]:
    return _timed(zensical("build", "--strict", "--clean", "-f", str(folder / "zensical.yml")), folder)


def _timed(command: list[str], cwd: Path, env: dict[str, str] | None = None) -> tuple[float, float]:
    """(wall, CPU) seconds of one build in a fresh process."""
    cpu, start = _children_cpu(), time.perf_counter()
    result = subprocess.run(command, cwd=cwd, env={**ENV, **(env or {})}, capture_output=True, text=True)
    elapsed, cpu = time.perf_counter() - start, _children_cpu() - cpu
    if result.returncode:
        sys.exit(f"build failed in {cwd}: {' '.join(command)}\n{(result.stdout + result.stderr)[-3000:]}")
    return elapsed, cpu


def _children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


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
        _wait_for(url, "</html>", timeout=1800)
        original = term_file.read_text(encoding="utf-8")
        for round_ in range(rounds):
            token = f"edited{round_}x{os.getpid()}"
            term_file.write_text(original.replace("definition: ", f"definition: {token} ", 1), encoding="utf-8")
            start = time.perf_counter()
            _wait_for(url, token, timeout=1200)
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
    commit_all(copy)  # a history to read, as in CI: pages carry their last change
    return copy


def corpus(folder: Path, terms: int, pages: int) -> Path:
    """This repository plus the synthetic corpus, its pages in the navigation (as bench/bench.py)."""
    site = folder / "corpus"
    site.mkdir()
    copy_repository(site)
    corpus_pages = make_corpus(site, terms, pages)
    config = (site / "mkdocs.yml").read_text(encoding="utf-8")
    (site / "mkdocs.yml").write_text(extend_nav(config, "Corpus", corpus_pages), encoding="utf-8")
    commit_all(site)
    return site


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--terms", type=int, default=3000)
    parser.add_argument("--pages", type=int, default=1000)
    parser.add_argument("--rounds", type=int, default=3, help="full builds per engine")
    parser.add_argument("--serve-rounds", type=int, default=3, help="edits per engine and size under serve")
    parser.add_argument("--corpus-serve-rounds", type=int,
                        help="edits per engine at the benchmark's size (default: --serve-rounds; a MkDocs "
                             "rebuild of the corpus takes minutes)")
    parser.add_argument("--skip-build", action="store_true", help="only time edits under serve")
    parser.add_argument("--skip-serve", action="store_true", help="only compare full builds")
    parser.add_argument("--skip-plain", action="store_true", help="do not build the site without the engine")
    parser.add_argument("--serve-engines", default="mkdocs,zensical", help="engines whose serve is timed")
    parser.add_argument("--repo-only", action="store_true", help="time edits under serve at this repository's size only")
    parser.add_argument("--corpus-only", action="store_true", help="time edits under serve at the benchmark's size only")
    args = parser.parse_args(argv)
    print(f"{os.cpu_count()} CPUs, load average {_load()} at start", flush=True)
    with tempfile.TemporaryDirectory(prefix="kb-engines-") as tmp:
        site = corpus(Path(tmp), args.terms, args.pages)
        if not args.skip_build:
            plain = None if args.skip_plain else plain_site(site)
            compare_builds(site, args.terms, args.pages, args.rounds, plain)
        if args.skip_serve:
            print(f"load average {_load()} at the end")
            return 0
        repo = repo_copy(Path(tmp))
        print("Edit a term file -> page served again (wall seconds, each round):", flush=True)
        sizes = [] if args.corpus_only else [
            ("this repository", repo, "limited-data-set", "glossary/limited-data-set/", args.serve_rounds)]
        if not args.repo_only:
            sizes.append((f"{args.terms} x {args.pages}", site, "t00000", "glossary/t00000/",
                          args.corpus_serve_rounds or args.serve_rounds))
        for label, folder, term, url, rounds in sizes:
            for engine in filter(None, args.serve_engines.split(",")):
                runs = edit_to_visible(engine, folder, folder / "glossary" / f"{term}.yml", url, rounds)
                print(f"  {label:16} {engine:9} median {statistics.median(runs):6.2f}  {_runs(runs)}"
                      f"  load {_load()}", flush=True)
    print(f"load average {_load()} at the end")
    return 0


ARMS = (  # (key, label, build, site folder: the corpus or the same site without the engine)
    ("mkdocs", "MkDocs + Material (hooks)", build_mkdocs, "site"),
    ("zensical", "Zensical (generation + render)", build_zensical, "site"),
    ("plain-mkdocs", "MkDocs + Material, no engine", build_plain_mkdocs, "plain"),
    ("plain-zensical", "Zensical, no engine", build_plain_zensical, "plain"),
)


def compare_builds(site: Path, terms: int, pages: int, rounds: int, plain: Path | None) -> None:
    """Alternate the engines, so both see the same neighbours; the ratio is taken per pair."""
    arms = [arm for arm in ARMS if plain or arm[3] == "site"]
    walls: dict[str, list[float]] = {key: [] for key, *_ in arms}
    cpus: dict[str, list[float]] = {key: [] for key, *_ in arms}
    for _ in range(rounds):
        for key, _label, build, folder in arms:
            wall, cpu = build(site if folder == "site" else plain)
            walls[key].append(wall)
            cpus[key].append(cpu)
        print("  round: " + ", ".join(f"{label} {walls[key][-1]:.1f} s ({cpus[key][-1]:.1f} s CPU)"
                                      for key, label, *_ in arms) + f", load {_load()}", flush=True)
    median = statistics.median
    print(f"Full build, {terms} terms x {pages} pages, median of {rounds} (wall, then CPU):")
    for key, label, *_ in arms:
        print(f"  {label:32} {median(walls[key]):8.2f} s  {_runs(walls[key])}"
              f"  CPU {median(cpus[key]):.2f} s {_runs(cpus[key])}")

    def ratio(slow: str, fast: str, what: str) -> None:
        wall_ratio = median([a / b for a, b in zip(walls[slow], walls[fast])])
        cpu_ratio = median([a / b for a, b in zip(cpus[slow], cpus[fast])])
        print(f"  {what}: {wall_ratio:.2f} in wall-clock time, {cpu_ratio:.2f} in CPU time", flush=True)

    ratio("mkdocs", "zensical", "MkDocs time / Zensical time")
    print("    (medians of the per-round ratios; above 1, Zensical is faster)")
    if plain:
        ratio("plain-mkdocs", "plain-zensical",
              "Without the engine, MkDocs time / Zensical time (the best the engine could reach)")
        ratio("mkdocs", "plain-mkdocs", "MkDocs: with the engine / without")
        ratio("zensical", "plain-zensical", "Zensical: with the engine / without")


def _load() -> str:
    return "/".join(f"{value:.1f}" for value in os.getloadavg())


def _runs(values: list[float]) -> str:
    return "(" + ", ".join(f"{v:.2f}" for v in values) + ")"


if __name__ == "__main__":
    sys.exit(main())
