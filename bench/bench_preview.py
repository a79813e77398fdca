#!/usr/bin/env python3
"""Time from saving a file to the served page showing it, under `tasks.py serve`.

    .venv/bin/python bench/bench_preview.py            # 5 edits of a term, 5 of a page
    .venv/bin/python bench/bench_preview.py --full     # the same with every page rebuilt (no --dirty)
    .venv/bin/python bench/bench_preview.py --edits 3 --term data-steward --page sites/iowa.md
    .venv/bin/python bench/bench_preview.py --check    # and compare the served site with a full build

Copies this repository (as git sees it) into a temporary folder and commits it there, starts
`mkdocs serve` on a free port as `tasks.py serve` does (`--dirty`: the fast preview of
hooks/mkdocs_preview.py), then edits, one at a time: a term file's definition, and a hand-written
page, each with a marker no page holds. After each save it asks the served page for its HTML every
20 ms until the marker is in it, and prints that wait, the server's CPU time meanwhile and what the
server said it rebuilt; then the medians. Edits never touch this checkout, and the copy's files
are put back after each edit. With `--check`, the site `serve` holds at the end is compared, file
for file, with a full `mkdocs build` of the copy: run it after changing what pages show.
"""

from __future__ import annotations

import argparse
import os
import re
import secrets
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from dataclasses import dataclass
from pathlib import Path

from benchsites import commit_all, copy_repository

ENV = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
POLL = 0.02  # seconds between two requests for the page
REBUILT = re.compile(r"Preview: rebuilt (\d+) of (\d+) pages[^\n]*")


@dataclass
class Edit:
    seconds: float
    server_cpu: float | None
    rebuilt: str  # the server's "Preview: rebuilt N of M pages" for this edit, if it said one


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def process_cpu(pid: int) -> float | None:
    """CPU seconds used so far by a running process (Linux), or None where /proc is missing."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return None
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def fetch(url: str) -> str:
    try:
        with urllib.request.urlopen(url, timeout=30) as response:
            return response.read().decode("utf-8")
    except OSError:
        return ""


def wait_for(url: str, text: str, seconds: float) -> float | None:
    """Seconds until the page at `url` holds `text`, or None if it did not within `seconds`."""
    start = time.perf_counter()
    while time.perf_counter() - start < seconds:
        if text in fetch(url):
            return time.perf_counter() - start
        time.sleep(POLL)
    return None


def term_with_marker(text: str, marker: str) -> str:
    """The term file with `marker` at the start of its definition (plain or block scalar)."""
    match = re.search(r"^definition:[ \t]*([>|][-+]?)?[ \t]*\n?", text, re.MULTILINE)
    if match is None:
        sys.exit("bench: the term file has no definition: line")
    if match.group(1):  # a block scalar: the marker is its first line, indented like the next
        indent = re.match(r"[ \t]*", text[match.end():]).group(0) or "  "
        return text[:match.end()] + f"{indent}{marker}\n" + text[match.end():]
    return text[:match.end()] + f"{marker} " + text[match.end():]


def page_with_marker(text: str, marker: str) -> str:
    return text.rstrip("\n") + f"\n\n{marker}\n"


def page_url(base: str, src_uri: str) -> str:
    stem = src_uri[:-len(".md")]
    if stem == "index" or stem.endswith("/index"):
        return base + stem[:-len("index")]
    return f"{base}{stem}/"


class Server:
    """`mkdocs serve` on a copy of the repository, its log in a file."""

    def __init__(self, site: Path, full: bool):
        self.site = site
        self.port = free_port()
        self.base = f"http://127.0.0.1:{self.port}/"
        self.log_path = site.parent / "serve.log"
        self._log = self.log_path.open("w", encoding="utf-8")
        self.tmp = site.parent / "tmp"  # serve makes its site folder in TMPDIR
        self.tmp.mkdir()
        command = [sys.executable, "-m", "mkdocs", "serve", "-a", f"127.0.0.1:{self.port}"]
        self.process = subprocess.Popen(command if full else [*command, "--dirty"], cwd=site,
                                        env={**ENV, "TMPDIR": str(self.tmp)}, stdout=self._log, stderr=subprocess.STDOUT)

    def log(self) -> str:
        return self.log_path.read_text(encoding="utf-8", errors="replace")

    def rebuilt(self) -> list[str]:
        """Every "Preview: rebuilt N of M pages" the server has logged."""
        return [match.group(0) for match in REBUILT.finditer(self.log())]

    def files(self) -> dict[str, bytes]:
        """Every file of the site `serve` holds now."""
        folder, = self.tmp.glob("mkdocs_*")
        return {path.relative_to(folder).as_posix(): path.read_bytes() for path in folder.rglob("*") if path.is_file()}

    def stop(self) -> None:
        self.process.terminate()
        try:
            self.process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            self.process.kill()
        self._log.close()


def time_edits(server: Server, path: Path, url: str, edited, edits: int, settle: float) -> list[Edit]:
    """Edit `path` `edits` times (each with a new marker), timing each until `url` shows it."""
    original = path.read_text(encoding="utf-8")
    results, marker = [], ""
    try:
        for number in range(1, edits + 1):
            marker = f"Benchmark marker {number} {secrets.token_hex(4)}"
            said = len(server.rebuilt())
            cpu = process_cpu(server.process.pid)
            path.write_text(edited(original, marker), encoding="utf-8")
            waited = wait_for(url, marker, seconds=120)
            if waited is None:
                sys.exit(f"bench: {url} never showed the edit of {path.name}; see {server.log_path}")
            used = process_cpu(server.process.pid)
            time.sleep(settle)  # the build that showed it has written its last line
            results.append(Edit(waited, used - cpu if used is not None and cpu is not None else None,
                                "; ".join(server.rebuilt()[said:])))
    finally:
        path.write_text(original, encoding="utf-8")
    deadline = time.perf_counter() + 120
    while marker and marker in fetch(url):  # the copy's file is served as it was again
        if time.perf_counter() > deadline:
            sys.exit(f"bench: {url} still shows the last edit of {path.name}; see {server.log_path}")
        time.sleep(POLL)
    time.sleep(settle)
    return results


def check(server: Server) -> bool:
    """Whether the site `serve` holds is, file for file, what a full build of the copy makes."""
    served = server.files()
    full = server.site.parent / "full"
    result = subprocess.run([sys.executable, "-m", "mkdocs", "build", "-q", "-d", str(full)], cwd=server.site,
                            env={**ENV, "SITE_URL": server.base}, capture_output=True, text=True)
    if result.returncode:
        print(f"Check: the full build failed:\n{result.stdout}{result.stderr}")
        return False
    built = {path.relative_to(full).as_posix(): path.read_bytes() for path in full.rglob("*") if path.is_file()}
    different = sorted(name for name in served.keys() | built.keys() if served.get(name) != built.get(name))
    if different:
        print(f"Check: {len(different)} files differ from a full build: {', '.join(different[:20])}")
        return False
    print(f"Check: the served site is the full build's, file for file ({len(built)} files).")
    return True


def report(label: str, results: list[Edit]) -> None:
    for number, edit in enumerate(results, 1):
        cpu = f", server CPU {edit.server_cpu:.2f} s" if edit.server_cpu is not None else ""
        said = f"; {edit.rebuilt}" if edit.rebuilt else ""
        print(f"  {label} {number}: {edit.seconds:.2f} s{cpu}{said}", flush=True)
    cpus = [edit.server_cpu for edit in results if edit.server_cpu is not None]
    cpu = f", server CPU {statistics.median(cpus):.2f} s" if cpus else ""
    print(f"{label}: median {statistics.median(e.seconds for e in results):.2f} s{cpu} "
          f"({len(results)} edits)", flush=True)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--edits", type=int, default=5, help="edits of each kind (default 5)")
    parser.add_argument("--term", default="limited-data-set",
                        help="term whose file is edited (default: limited-data-set, the most mentioned)")
    parser.add_argument("--page", default="playbooks/governance.md", help="hand-written page edited (under docs/)")
    parser.add_argument("--full", action="store_true", help="serve without --dirty: every edit rebuilds every page")
    parser.add_argument("--settle", type=float, default=1.0, help="seconds to wait between edits (default 1)")
    parser.add_argument("--check", action="store_true",
                        help="compare the served site with a full build at the end")
    parser.add_argument("--keep", action="store_true", help="keep the copy and the server's log")
    args = parser.parse_args(argv)
    folder = Path(tempfile.mkdtemp(prefix="kb-preview-"))
    site = folder / "site"
    copy_repository(site)
    commit_all(site)
    term, page = site / "glossary" / f"{args.term}.yml", site / "docs" / args.page
    for path in (term, page):
        if not path.is_file():
            sys.exit(f"bench: {path.relative_to(site)} does not exist")
    print(f"{os.cpu_count()} CPUs, load average {os.getloadavg()[0]:.1f} at start; "
          f"{'every page rebuilt (serve without --dirty)' if args.full else 'the fast preview (serve --dirty)'}",
          flush=True)
    server = Server(site, args.full)
    try:
        if wait_for(server.base, "</html>", seconds=600) is None:
            sys.exit(f"bench: mkdocs serve never served the site; see {server.log_path}")
        time.sleep(args.settle)
        report(f"term {args.term}", time_edits(server, term, page_url(server.base, f"glossary/{args.term}.md"),
                                               term_with_marker, args.edits, args.settle))
        report(f"page {args.page}", time_edits(server, page, page_url(server.base, args.page),
                                               page_with_marker, args.edits, args.settle))
        same = check(server) if args.check else True
    finally:
        server.stop()
        if "Traceback" in server.log():
            print(f"bench: the server printed a traceback; see {server.log_path}", file=sys.stderr)
        if not args.keep:
            shutil.rmtree(folder, ignore_errors=True)
    print(f"load average {os.getloadavg()[0]:.1f} at the end.")
    return 0 if same else 1


if __name__ == "__main__":
    sys.exit(main())
