#!/usr/bin/env python3
"""Measure what the glossary engine adds to a build, against the same site without it.

For each size (default: 1,000 terms x 300 pages, then 3,000 x 1,000) it adds a synthetic corpus
(terms, and pages of ~700 words that mention them) to a copy of this repository, and builds two
sites alternately from it, several rounds:

- engine: this repository as it is (configuration, theme, overrides, hooks) plus the corpus;
- baseline: the same configuration, Markdown extensions and overrides without the engine's hook,
  with the pages the engine would generate (term pages, index, comparison, data-element matrix)
  written out as ordinary Markdown files.

Both list the corpus pages in the same explicit navigation. Both run with a probe hook
(`bench/bench_probe.py`) that times each plugin event, the page templates and the engine's
inner steps, so the report breaks the engine's extra time down by feature. Also timed: loading
and checking the glossary (`scripts/check.py`) and the engine's work on one ~700-word page.

    .venv/bin/python bench/bench.py                                     # both sizes, 5 rounds each
    .venv/bin/python bench/bench.py --terms 300 --pages 100 --rounds 2  # one size
    .venv/bin/python bench/bench.py --engines                           # MkDocs against Zensical (bench_engines.py)
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

from benchsites import baseline_docs, commit_all, config_without_engine, copy_repository
from benchsites import extend_nav, make_corpus, with_hooks
from termbase.buildcache import CACHE_DIR

ROOT = Path(__file__).resolve().parents[1]

PROBE = ROOT / "bench" / "bench_probe.py"
SIZES = ((1000, 300), (3000, 1000))


@dataclass
class Workspace:
    folder: Path
    engine: Path
    baseline: Path
    corpus_pages: list[str]
    dated: bool


def make_workspace(folder: Path, terms: int, pages: int) -> Workspace:
    engine, baseline = folder / "engine", folder / "baseline"
    engine.mkdir(parents=True)
    baseline.mkdir()
    copy_repository(engine)
    corpus_pages = make_corpus(engine, terms, pages)
    config = (engine / "mkdocs.yml").read_text(encoding="utf-8")
    config = extend_nav(config, "Corpus", corpus_pages)
    engine_hooks = [str(engine / "hooks" / "glossary.py"), str(PROBE)]
    (engine / "mkdocs.yml").write_text(with_hooks(config, engine_hooks), encoding="utf-8")
    dated = commit_all(engine)
    baseline_docs(engine, baseline)
    (baseline / "mkdocs.yml").write_text(config_without_engine(config, engine, [str(PROBE)]), encoding="utf-8")
    return Workspace(folder, engine, baseline, corpus_pages, dated)


# -- timing --------------------------------------------------------------------------------------

@dataclass
class Build:
    seconds: float  # CPU time (user + system) of the build and its child processes
    wall: float
    probe: dict[str, float]


def children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def start_build(site: Path, probe_file: Path, cold: bool = False) -> subprocess.Popen:
    """One `mkdocs build` in a fresh process. `cold`: without the engine's build cache, as the
    first build of a fresh checkout runs (CI without a restored cache)."""
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "KB_BENCH_PROBE": str(probe_file)}
    shutil.rmtree(site / "out", ignore_errors=True)
    if cold:
        shutil.rmtree(site / CACHE_DIR, ignore_errors=True)
    probe_file.unlink(missing_ok=True)
    with open(probe_file.with_suffix(".log"), "w", encoding="utf-8") as log:  # a file: a full pipe would stall it
        return subprocess.Popen([sys.executable, "-m", "mkdocs", "build", "-q", "-d", str(site / "out")],
                                cwd=site, env=env, stdout=subprocess.DEVNULL, stderr=log)


def finished_build(site: Path, probe_file: Path, exit_code: int, usage, wall: float) -> Build:
    """The build's result from the kernel's accounting of its process (os.wait4): its CPU time and
    that of its children (git), never that of a build running beside it."""
    if exit_code:
        log = probe_file.with_suffix(".log").read_text(encoding="utf-8", errors="replace")
        sys.exit(f"bench: the build failed in {site}:\n{log[-3000:]}")
    cpu = usage.ru_utime + usage.ru_stime
    probe = json.loads(probe_file.read_text(encoding="utf-8"))["seconds"]
    # What the process spent after its last word to the probe: the interpreter shutting down.
    probe["shutting down"] = cpu - probe.get("until exit", cpu) - probe.get("child processes", 0.0)
    return Build(cpu, wall, probe)


def timed_builds(sites: list[tuple[Path, Path]], together: bool, cold: bool = False) -> list[Build]:
    """Build each (site, probe file); `together`: all at once, one per core, so that a slow spell
    of the shared machine slows every build of the round alike and their ratio keeps."""
    batches = [sites] if together else [[site] for site in sites]
    builds: dict[Path, Build] = {}
    for batch in batches:
        started = time.perf_counter()
        # The Popen objects stay referenced and learn their exit status: one dropped while its
        # process runs is polled by the next Popen, which could reap it before os.wait4 does.
        running = {}
        for site, probe in batch:
            process = start_build(site, probe, cold)
            running[process.pid] = (process, site, probe)
        while running:
            pid, status, usage = os.wait4(-1, 0)  # whichever ends first, at the time it ends
            if pid in running:
                process, site, probe = running.pop(pid)
                process.returncode = os.waitstatus_to_exitcode(status)
                builds[site] = finished_build(site, probe, process.returncode, usage, time.perf_counter() - started)
    return [builds[site] for site, _ in sites]


@dataclass
class Rounds:
    engine: list[Build] = field(default_factory=list)
    baseline: list[Build] = field(default_factory=list)

    def median(self, arm: str, key: str | None = None) -> float:
        builds = getattr(self, arm)
        return statistics.median(b.seconds if key is None else b.probe.get(key, 0.0) for b in builds)

    def median_sum(self, arm: str, keys: list[str]) -> float:
        return statistics.median(sum(b.probe.get(k, 0.0) for k in keys) for b in getattr(self, arm))

    def ratios(self, wall: bool = False) -> list[float]:
        key = (lambda b: b.wall) if wall else (lambda b: b.seconds)
        return [key(e) / key(b) for e, b in zip(self.engine, self.baseline)]


def run_rounds(space: Workspace, rounds: int, together: bool) -> tuple[Rounds, Rounds]:
    """A first round without the engine's build cache, then `rounds` rounds with the cache the
    previous build left, as every later build (and CI with the workflow's cache) runs."""
    first, results = Rounds(), Rounds()
    for round_ in range(rounds + 1):
        # Alternate which arm starts first, so neither always has the machine to itself first.
        order = ("engine", "baseline") if round_ % 2 == 0 else ("baseline", "engine")
        builds = timed_builds([(getattr(space, arm), space.folder / f"probe-{arm}.json") for arm in order],
                              together, cold=round_ == 0)
        target = first if round_ == 0 else results
        for arm, build in zip(order, builds):
            getattr(target, arm).append(build)
        engine, baseline = target.engine[-1], target.baseline[-1]
        label = "first build, no cache" if round_ == 0 else f"round {round_}"
        print(f"  {label}: engine {engine.seconds:.1f} s CPU ({engine.wall:.1f} s wall), "
              f"without {baseline.seconds:.1f} s CPU ({baseline.wall:.1f} s wall), "
              f"ratio {target.ratios()[-1]:.3f} CPU, {target.ratios(wall=True)[-1]:.3f} wall", flush=True)
    return first, results


# What the engine adds, feature by feature: (label, engine-arm keys, minus engine-arm keys,
# minus baseline-arm keys). Event keys are "origin:event" as the probe names them.
FEATURES = (
    ("loading and validation (on_config)", ["engine:config"], [], []),
    ("page generation and short links (on_files)", ["engine:files"], ["engine step:exports"], []),
    ("navigation (on_nav: the fast preview's, under serve only)", ["engine:nav"], [], []),
    ("exports (JSON, CSV, SKOS)", ["engine step:exports"], [], []),
    ("linking mentions (tree processor)", ["engine step:linking"], [], []),
    ("page sections, sanitising (page events)", ["engine:page_markdown", "engine:page_content"], [], []),
    ("handouts, the copy search reads (on_env)", ["engine:env"], [], []),
    ("backlinks, terms on each page (on_page_context)", ["engine step:backlinks"], [], []),
    ("share data: edit, history, JSON-LD", ["engine:page_context", "engine:post_page"],
     ["engine step:qr", "engine step:backlinks"], []),
    ("QR codes", ["engine step:qr"], [], []),
    ("search-index names and spellings (on_post_build)", ["engine:post_build"], [], []),
    ("footer and head in the templates", ["templates"], [], ["templates"]),
    ("search-index growth", ["search:page_context", "search:post_build"], [],
     ["search:page_context", "search:post_build"]),
)
# What the engine's pages and files cost MkDocs itself, and the process around the build: the
# same steps timed in both builds. The engine's linking runs inside Markdown conversion.
MKDOCS_PARTS = (
    ("start-up: imports, configuration", ["start-up"], [], ["start-up"]),
    ("Markdown conversion besides linking", ["mkdocs:markdown"], ["engine step:linking"], ["mkdocs:markdown"]),
    ("reading pages", ["mkdocs:reading pages"], [], ["mkdocs:reading pages"]),
    ("writing pages and files", ["mkdocs:writing files"], [], ["mkdocs:writing files"]),
    ("copying files (short links, exports, assets)", ["mkdocs:copying files"], [], ["mkdocs:copying files"]),
    ("git, in child processes (history, dates)", ["child processes"], [], ["child processes"]),
    ("shutting down", ["shutting down"], [], ["shutting down"]),
)


def report(rounds: Rounds, pages_total: int) -> None:
    engine, baseline = rounds.median("engine"), rounds.median("baseline")
    print(f"Build with the engine, median of {len(rounds.engine)}: {engine:.1f} s CPU, "
          f"{statistics.median(b.wall for b in rounds.engine):.1f} s wall")
    print(f"Same configuration without the engine, median: {baseline:.1f} s CPU, "
          f"{statistics.median(b.wall for b in rounds.baseline):.1f} s wall")
    for label, ratios in (("CPU time", rounds.ratios()), ("wall time", rounds.ratios(wall=True))):
        spread = f" (rounds {min(ratios):.3f}-{max(ratios):.3f})" if len(ratios) > 1 else ""
        if len(ratios) >= 4:  # the middle half of the rounds says more than the odd one out
            low, _, high = statistics.quantiles(ratios, n=4, method="inclusive")
            spread = f" (middle half of the rounds {low:.3f}-{high:.3f}, all {min(ratios):.3f}-{max(ratios):.3f})"
        ratio = statistics.median(ratios)
        print(f"Ratio engine / without, {label}, median of the paired rounds: {ratio:.3f}{spread} "
              f"= the engine adds {(ratio - 1) * 100:+.1f}%")
    extra = engine - baseline
    print(f"Where the extra {extra:.1f} s of CPU go (medians of in-build CPU timings; {pages_total:,} pages):")
    accounted = 0.0
    for label, plus, minus, base in FEATURES:
        seconds = (rounds.median_sum("engine", plus) - rounds.median_sum("engine", minus)
                   - (rounds.median_sum("baseline", base) if base else 0.0))
        accounted += seconds
        print(f"  {label:<48} {seconds:7.2f} s  {seconds / baseline * 100:5.1f}%  "
              f"{seconds / pages_total * 1000:6.2f} ms/page")
    print("  MkDocs' own work and the process, against the same steps without the engine:")
    for label, plus, minus, base in MKDOCS_PARTS:
        seconds = (rounds.median_sum("engine", plus) - rounds.median_sum("engine", minus)
                   - rounds.median_sum("baseline", base))
        accounted += seconds
        print(f"  {label:<48} {seconds:7.2f} s  {seconds / baseline * 100:5.1f}%")
    rest = extra - accounted
    print(f"  {'rest (navigation, events of other plugins, noise)':<48} {rest:7.2f} s  {rest / baseline * 100:5.1f}%")
    collector = rounds.median("engine", "garbage collection") - rounds.median("baseline", "garbage collection")
    print(f"  of all the above, more garbage collection:       {collector:7.2f} s  {collector / baseline * 100:5.1f}%")
    # An engine event no row names would hide in "rest": say so, so the table gets a row for it.
    named = {key for _, plus, minus, _ in FEATURES for key in plus + minus}
    unnamed = sorted({key for build in rounds.engine for key in build.probe
                      if key.startswith("engine") and key not in named})
    if unnamed:
        print(f"  engine steps not broken down above (in 'rest'): {', '.join(unnamed)}")


# -- the parts timed on their own -------------------------------------------------------------------

def time_check(folder: Path) -> float:
    """CPU seconds of `scripts/check.py` on the folder, the whole process."""
    start = children_cpu()
    check = subprocess.run([sys.executable, str(ROOT / "scripts" / "check.py"), "--root", str(folder)],
                           capture_output=True, text=True)
    seconds = children_cpu() - start
    if check.returncode:
        sys.exit(f"bench: check.py failed:\n{check.stderr[-2000:]}")
    return seconds


def time_one_page(folder: Path, page: str, repeat: int = 20) -> dict[str, float]:
    """CPU milliseconds the engine spends on one hand-written corpus page, step by step, outside
    MkDocs: what it adds to the page's Markdown conversion, its page events, its share data
    (QR code made anew each time, as in a fresh build) and the footer template."""
    import jinja2
    import markdown

    from termbase.build import Site
    from termbase.buildcache import BuildCache
    from termbase.content import load_content
    from termbase.linking.linker import GlossaryLinkExtension
    from termbase.linking.searchcopy import SearchCopies
    from termbase.linking.urls import SiteUrls
    from termbase.plan import plan_site
    from termbase.site import SiteSettings, page_extras
    from termbase.sitefiles.share import qr_path

    content = load_content(folder)
    plan = plan_site(content, {})
    urls = SiteUrls({t.src_uri: f"glossary/{t.id}/" for t in content.glossary} | {"glossary/index.md": "glossary/"})
    site = Site(content, plan, urls, BuildCache())
    links, search_copies = GlossaryLinkExtension(), SearchCopies()
    source = (folder / "docs" / page).read_text(encoding="utf-8")
    url = page[:-3] + "/"
    settings = SiteSettings("https://example.org/kb/", "owner/repo")
    extensions = ["toc", "tables", "attr_list", "md_in_html"]
    plain_md = markdown.Markdown(extensions=extensions)
    linked_md = markdown.Markdown(extensions=[*extensions, links])
    footer = jinja2.Environment(loader=jinja2.FileSystemLoader(folder / "overrides")).get_template(
        "partials/kb-page-footer.html")

    def per_call(*functions) -> list[float]:
        """For each function, the best of fifteen batches: other work on the machine only ever
        adds time, and on a shared machine five batches rarely held one that ran undisturbed. The
        functions take turns batch by batch, so a slow spell of the machine cannot fall on one
        of them only (their difference is what counts)."""
        batches: list[list[float]] = [[] for _ in functions]
        for _ in range(15):
            for function, times in zip(functions, batches):
                start = time.process_time()
                for _ in range(repeat):
                    function()
                times.append((time.process_time() - start) / repeat * 1000)
        return [min(times) for times in batches]

    html, converting = "", None

    def linked() -> None:
        nonlocal html, converting
        _, converting = site.start_page(page, url, {}, source)
        links.link_next_conversion(site.linker, converting.context)
        html = linked_md.reset().convert(source)

    plain, with_links = per_call(lambda: plain_md.reset().convert(source), linked)
    page_html = site.page_content(converting, "Page", html)
    # The page's content as the MkDocs adapter treats it: sections, then (in on_env) the copy search reads.
    sections, = per_call(lambda: search_copies.for_search(page, site.page_content(converting, "Page", html)))
    rendered = site.all_rendered()
    finished, = per_call(lambda: rendered.finish_output(page, page_html))

    def share() -> object:
        qr_path.cache_clear()
        site.cache = BuildCache()  # no QR code from an earlier call or build
        return page_extras(site, settings, page, url, hand_written=True)

    extras, = per_call(share)
    context = share()
    rendered, = per_call(lambda: footer.render(kb=context))
    return {"linking": with_links - plain, "page events": sections, "terms on this page": finished,
            "share data and QR code": extras, "footer template": rendered}


def process_cpu(pid: int) -> float | None:
    """CPU seconds used so far by a running process (Linux), or None where /proc is missing."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return None
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def time_serve(edits: int = 3) -> list[tuple[float, float | None]]:
    """(wall seconds, server CPU seconds) from saving a term file to `mkdocs serve` serving the
    changed page, at this repository's own size (what a contributor waits for in `tasks.py serve`)."""
    import socket
    import urllib.request

    folder = Path(tempfile.mkdtemp(prefix="kb-serve-"))
    site = folder / "site"
    try:
        copy_repository(site)
        commit_all(site)
        with socket.socket() as probe:
            probe.bind(("127.0.0.1", 0))
            port = probe.getsockname()[1]
        term = next(iter(sorted((site / "glossary").glob("*.yml"))))
        url = f"http://127.0.0.1:{port}/glossary/{term.stem}/"
        env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
        server = subprocess.Popen([sys.executable, "-m", "mkdocs", "serve", "-a", f"127.0.0.1:{port}"], cwd=site,
                                  env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)

        def page() -> str:
            try:
                with urllib.request.urlopen(url, timeout=5) as response:
                    return response.read().decode("utf-8")
            except OSError:
                return ""

        def wait_for(text: str, seconds: float = 300) -> bool:
            deadline = time.monotonic() + seconds
            while time.monotonic() < deadline:
                if text in page():
                    return True
                time.sleep(0.05)
            return False

        try:
            if not wait_for("</html>"):
                sys.exit("bench: mkdocs serve never served the site")
            original, waits = term.read_text(encoding="utf-8"), []
            for edit in range(edits):
                marker = f"Edited for the benchmark, round {edit}."
                text = original.replace("definition:", f"definition: {marker}", 1)
                if "definition: >" in original or "definition: |" in original:
                    text = original.replace("definition: >-", f"definition: >-\n  {marker}", 1)
                cpu, start = process_cpu(server.pid), time.perf_counter()
                term.write_text(text, encoding="utf-8")
                if not wait_for(marker):
                    sys.exit("bench: mkdocs serve did not pick up the edit")
                used = process_cpu(server.pid)
                waits.append((time.perf_counter() - start, used - cpu if cpu is not None and used is not None else None))
            return waits
        finally:
            server.terminate()
            server.wait(timeout=30)
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def measure(terms: int, pages: int, rounds: int, keep: bool, together: bool) -> None:
    folder = Path(tempfile.mkdtemp(prefix="kb-bench-"))
    try:
        space = make_workspace(folder, terms, pages)
        pages_total = sum(1 for _ in (space.baseline / "docs").rglob("*.md"))
        print(f"\n== {terms:,} terms x {pages:,} pages of ~700 words, added to this repository "
              f"({pages_total:,} pages in all) in {folder}", flush=True)
        if not space.dated:
            print("  (git unavailable: no 'last changed' dates in either build)")
        check = time_check(space.engine)
        one_page = time_one_page(space.engine, space.corpus_pages[0])
        first, results = run_rounds(space, rounds, together)
        print(f"Builds {'two at a time, one per core' if together else 'one after the other'}; "
              f"the first pair without the engine's build cache (.cache/termbase), then with it.")
        report(results, pages_total)
        print("The first build, without the cache:")
        report(first, pages_total)
        full = results.median("engine")
        print(f"scripts/check.py (whole process): {check:.2f} s CPU = {full / check:.0f}x less than a full build")
        print("The engine on one ~700-word page (CPU): " + ", ".join(f"{k} {v:.2f} ms" for k, v in one_page.items())
              + f"; in all {sum(one_page.values()):.2f} ms")
    finally:
        if not keep:
            shutil.rmtree(folder, ignore_errors=True)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--terms", type=int, help="one size only: number of synthetic terms")
    parser.add_argument("--pages", type=int, help="one size only: number of synthetic pages")
    parser.add_argument("--rounds", type=int, default=5,
                        help="paired rounds with the cache, after the first pair without it (default 5)")
    parser.add_argument("--keep", action="store_true", help="keep the generated sites")
    parser.add_argument("--together", action=argparse.BooleanOptionalAction, default=(os.cpu_count() or 1) >= 2,
                        help="build the two sites of a round at the same time, one per core "
                             "(default: yes with two cores or more)")
    parser.add_argument("--serve", action=argparse.BooleanOptionalAction, default=True,
                        help="also time edit-to-preview with mkdocs serve (default: yes)")
    parser.add_argument("--engines", action="store_true",
                        help="compare MkDocs and Zensical instead (bench_engines.py; its options follow)")
    args, rest = parser.parse_known_args()
    if args.engines:
        import bench_engines

        sizes = ["--terms", str(args.terms), "--pages", str(args.pages)] if args.terms is not None else []
        return bench_engines.main([*sizes, "--rounds", str(args.rounds), *rest])
    if rest:
        parser.error(f"unrecognized arguments: {' '.join(rest)}")
    if (args.terms is None) != (args.pages is None):
        parser.error("give both --terms and --pages, or neither")
    sizes = [(args.terms, args.pages)] if args.terms is not None else SIZES
    print(f"{os.cpu_count()} CPUs, load average {os.getloadavg()[0]:.1f} at start; figures are medians, "
          "compare ratios rather than seconds.")
    if args.serve:
        waits = time_serve()
        walls = [wall for wall, _ in waits]
        cpus = [cpu for _, cpu in waits if cpu is not None]
        cpu = f", the server's CPU {statistics.median(cpus):.1f} s" if cpus else ""
        print(f"Edit to preview with mkdocs serve, this repository: median {statistics.median(walls):.1f} s wall"
              f"{cpu} ({len(waits)} edits; wall: {', '.join(f'{w:.1f}' for w in walls)})", flush=True)
    for terms, pages in sizes:
        measure(terms, pages, args.rounds, args.keep, args.together)
    print(f"\nload average {os.getloadavg()[0]:.1f} at the end.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
