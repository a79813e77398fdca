#!/usr/bin/env python3
"""Measure what the glossary engine adds to a build, on a synthetic corpus.

Generates N terms and M pages of ~700 words that mention them, then builds the site
alternately with the hooks and as plain Markdown without hooks (the same pages, the term pages
written out as ordinary files), and prints medians and their ratio. Also times the pieces:
loading and checking the glossary (scripts/check.py) and linking one page.

    python scripts/bench.py                      # 3,000 terms, 1,000 pages, 3 rounds
    python scripts/bench.py --terms 300 --pages 100 --rounds 2
"""

from __future__ import annotations

import argparse
import os
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "hooks"))

from termbase.build import check_content, load_content  # noqa: E402

WORDS = ("data agency record county state program family child parent service outcome contract "
         "health school housing benefit case worker report quality review board steward custodian "
         "policy consent privacy linkage identifier element dictionary evaluation payment baseline "
         "metric cohort equity community license research study audit system sharing agreement "
         "request access table field value file source method model match score weight").split()
DATA_FILE = (ROOT / "data" / "data-elements.yml").read_text(encoding="utf-8")  # the real matrix


def make_corpus(folder: Path, terms: int, pages: int, seed: int = 7) -> list[str]:
    rng = random.Random(seed)
    names: list[str] = []
    seen: set[str] = set()
    while len(names) < terms:
        name = " ".join(rng.sample(WORDS, rng.choice((2, 3)))) + f" {rng.choice('abcdefghjkmnpqrstuvwxyz')}{len(names)}"
        if name not in seen:
            seen.add(name)
            names.append(name)
    (folder / "glossary").mkdir(parents=True)
    (folder / "data").mkdir()
    (folder / "data" / "data-elements.yml").write_text(DATA_FILE, encoding="utf-8")
    for i, name in enumerate(names):
        related = ", ".join(f"t{rng.randrange(terms):05d}" for _ in range(2))
        related = ", ".join(sorted({r.strip() for r in related.split(",")} - {f"t{i:05d}"}))
        (folder / "glossary" / f"t{i:05d}.yml").write_text(
            f"term: {name}\naliases: [alias {name}]\ndefinition: A synthetic term about {rng.choice(WORDS)} "
            f"and {names[rng.randrange(terms)]}.\ntags: [tag-{i % 12}]\nrelated: [{related}]\n"
            f"sources:\n  - title: Source {i}\n    url: https://example.org/{i}\n", encoding="utf-8")
    docs = folder / "docs"
    (docs / "pages").mkdir(parents=True)
    (docs / "index.md").write_text("# Home\n\nSynthetic corpus.\n", encoding="utf-8")
    for p in range(pages):
        paragraphs = []
        for _ in range(7):
            words = [rng.choice(WORDS) for _ in range(95)]
            for _ in range(4):
                words.insert(rng.randrange(len(words)), names[rng.randrange(terms)])
            paragraphs.append(" ".join(words).capitalize() + ".")
        body = "\n\n".join(f"## Part {k}\n\n{para}" if k % 3 == 0 else para for k, para in enumerate(paragraphs))
        (docs / "pages" / f"page-{p:04d}.md").write_text(f"# Page {p}\n\n{body}\n", encoding="utf-8")
    return names


def drop_nav(config: str) -> str:
    """The corpus has its own pages: remove the site's nav block and keep everything after it."""
    lines, skipping = [], False
    for line in config.splitlines():
        if line.startswith("nav:"):
            skipping = True
            continue
        if skipping and (line.startswith((" ", "-")) or not line.strip()):
            continue
        skipping = False
        lines.append(line)
    return "\n".join(lines) + "\n"


def write_configs(folder: Path) -> None:
    base = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    base = base.replace("custom_dir: overrides", f"custom_dir: {ROOT / 'overrides'}")
    base = drop_nav(base)
    hooks = base.replace("hooks/glossary.py", str(ROOT / "hooks" / "glossary.py"))
    plain = base.replace("hooks:\n  - hooks/glossary.py\n", "")
    if plain == base or "hooks" not in hooks.split("\nplugins:")[0]:
        sys.exit("bench: could not find the hooks section in mkdocs.yml")
    plain += "\nnot_in_nav: |\n  /glossary/*.md\n"
    (folder / "hooks.yml").write_text(hooks, encoding="utf-8")
    (folder / "plain.yml").write_text(plain, encoding="utf-8")


def plain_copy(folder: Path) -> Path:
    """The same site as plain Markdown: generated pages written out as files, no hooks."""
    plain = folder / "plain"
    shutil.copytree(folder / "docs", plain / "docs")
    state = load_content(folder)
    existing = {str(p.relative_to(folder / "docs")) for p in (folder / "docs").rglob("*.md")}
    for src_uri, content, _ in state.generated_pages(existing):
        target = plain / "docs" / src_uri
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(content, encoding="utf-8")
    shutil.copy(folder / "plain.yml", plain / "mkdocs.yml")
    return plain


def timed_build(cwd: Path, config: str) -> float:
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    start = time.perf_counter()
    result = subprocess.run([sys.executable, "-m", "mkdocs", "build", "-q", "-f", config, "-d", str(cwd / "out")],
                            cwd=cwd, env=env, capture_output=True, text=True)
    elapsed = time.perf_counter() - start
    if result.returncode:
        sys.exit(f"build failed in {cwd}:\n{result.stderr[-3000:]}")
    return elapsed


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--terms", type=int, default=3000)
    parser.add_argument("--pages", type=int, default=1000)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--keep", action="store_true", help="keep the generated corpus")
    args = parser.parse_args()

    folder = Path(tempfile.mkdtemp(prefix="kb-bench-"))
    try:
        make_corpus(folder, args.terms, args.pages)
        write_configs(folder)
        shutil.copy(folder / "hooks.yml", folder / "mkdocs.yml")
        plain = plain_copy(folder)
        print(f"Corpus: {args.terms:,} terms, {args.pages:,} pages of ~700 words, in {folder}")

        start = time.perf_counter()
        check_content(folder)
        load = time.perf_counter() - start
        start = time.perf_counter()
        check = subprocess.run([sys.executable, str(ROOT / "scripts" / "check.py"), "--root", str(folder)],
                               capture_output=True, text=True)
        check_seconds = time.perf_counter() - start
        if check.returncode:
            sys.exit(check.stderr[-2000:])

        state = load_content(folder)
        sample = (folder / "docs" / "pages" / "page-0000.md").read_text(encoding="utf-8")
        import markdown
        ext = state.link_extension()
        start = time.perf_counter()
        for _ in range(20):
            state.page_markdown("pages/page-0000.md", "pages/page-0000/", {}, sample)
            markdown.markdown(sample, extensions=["toc", ext])
        link_ms = (time.perf_counter() - start) / 20 * 1000
        start = time.perf_counter()
        for _ in range(20):
            markdown.markdown(sample, extensions=["toc"])
        plain_ms = (time.perf_counter() - start) / 20 * 1000

        shutil.rmtree(folder / ".cache", ignore_errors=True)
        cold = timed_build(folder, "mkdocs.yml")
        print(f"  cold build with hooks (no QR cache yet): {cold:.1f} s", flush=True)
        with_hooks, without = [], []
        for round_ in range(args.rounds):
            with_hooks.append(timed_build(folder, "mkdocs.yml"))
            without.append(timed_build(plain, "mkdocs.yml"))
            print(f"  round {round_ + 1}: hooks {with_hooks[-1]:.1f} s, plain {without[-1]:.1f} s", flush=True)
        hooks_median, plain_median = statistics.median(with_hooks), statistics.median(without)
        print(f"Load + validate {args.terms:,} terms and the data file: {load:.2f} s")
        print(f"scripts/check.py (whole process): {check_seconds:.2f} s "
              f"= {hooks_median / check_seconds:.0f}x faster than a full build")
        print(f"Markdown of one ~700-word page: {plain_ms:.1f} ms plain, {link_ms:.1f} ms with linking "
              f"(+{link_ms - plain_ms:.1f} ms)")
        print(f"Build with hooks, first (cold QR cache): {cold:.1f} s = {cold / plain_median:.3f} x plain")
        print(f"Build with hooks, median of {args.rounds}: {hooks_median:.1f} s")
        print(f"Build without hooks (same pages), median: {plain_median:.1f} s")
        print(f"Ratio hooks / plain: {hooks_median / plain_median:.3f} "
              f"(+{(hooks_median / plain_median - 1) * 100:.1f}%)")
    finally:
        if not args.keep:
            shutil.rmtree(folder, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
