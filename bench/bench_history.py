#!/usr/bin/env python3
"""Measure what reading the git history adds to a build, on a generated repository.

Generates a repository with N term files and M commits (terms added, definitions reworded,
renames, status changes, aliases, new pages, drafts; fixed dates) with `git fast-import`, then
times, several rounds each, the steps the build runs: the one `git log` and its parsing, each
published term's history (its versions read as YAML), and the pages made from it (term sections,
What's new, Under discussion, the feed).

    .venv/bin/python bench/bench_history.py  # 3,000 terms, 10,000 commits, 5 rounds
    .venv/bin/python bench/bench_history.py --terms 300 --commits 1000 --rounds 3
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[1]

WORDS = ("data agency record county state program family child parent service outcome contract "
         "health school housing benefit case worker report quality review board steward custodian "
         "policy consent privacy linkage identifier element dictionary evaluation payment baseline "
         "metric cohort equity community license research study audit system sharing agreement").split()


def data_file() -> str:
    """This repository's data-element matrix without the data-set checker's words
    (`column_names`, `column_patterns`): they name this repository's terms, which the generated
    glossary does not have."""
    data = yaml.safe_load((ROOT / "data" / "data-elements.yml").read_text(encoding="utf-8"))
    data.pop("column_names", None)
    for element in data.get("elements", []):
        element.pop("column_patterns", None)
    return yaml.safe_dump(data, allow_unicode=True, sort_keys=False)


START = 1_704_067_200  # 2024-01-01T00:00:00Z; one commit an hour after it


class Corpus:
    """The generated content: current text of every term file, written as a fast-import stream."""

    def __init__(self, terms: int, commits: int, seed: int):
        self.rng = random.Random(seed)
        self.terms = terms
        self.commits = commits
        self.files: dict[str, dict] = {}  # path -> fields
        self.renamed = 0

    def sentence(self, words: int) -> str:
        return " ".join(self.rng.choice(WORDS) for _ in range(words)).capitalize() + "."

    @staticmethod
    def yaml_text(fields: dict) -> str:
        lines = [f"term: {fields['term']}"]
        if fields["aliases"]:
            lines.append("aliases: [" + ", ".join(fields["aliases"]) + "]")
        lines.append(f"definition: >-\n  {fields['definition']}")
        lines.append(f"status: {fields['status']}")
        if fields["redirect_from"]:
            lines.append("redirect_from: [" + ", ".join(fields["redirect_from"]) + "]")
        lines.append("sources:\n  - title: A source\n    url: https://example.org/source")
        return "\n".join(lines) + "\n"

    def stream(self) -> bytes:
        out: list[bytes] = []
        for number in range(self.commits):
            message, operations = self.next_commit(number)
            data = message.encode()
            out.append(b"commit refs/heads/main\n")
            out.append(f"committer Bench <bench@example.org> {START + 3600 * number} +0000\n".encode())
            out.append(b"data %d\n%s\n" % (len(data), data))
            for operation in operations:
                out.append(operation)
        return b"".join(out)

    def put(self, path: str) -> bytes:
        data = self.yaml_text(self.files[path]).encode()
        return b"M 100644 inline %s\ndata %d\n%s\n" % (path.encode(), len(data), data)

    def next_commit(self, number: int) -> tuple[str, list[bytes]]:
        rng = self.rng
        if number < self.terms:  # the first commits add one term each
            path = f"glossary/t{number:05d}.yml"
            status = rng.choices(("adopted", "proposed", "draft"), weights=(8, 1, 1))[0]
            self.files[path] = {"term": f"Term {number} {rng.choice(WORDS)}", "aliases": [],
                                "definition": self.sentence(rng.randint(15, 40)), "status": status,
                                "redirect_from": []}
            return f"Add term {number}", [self.put(path)]
        kind = rng.choices(("definition", "rename", "status", "aliases", "page"), weights=(80, 3, 7, 5, 5))[0]
        path = rng.choice(sorted(self.files)) if kind != "page" else ""
        if kind == "definition":
            words = self.files[path]["definition"].rstrip(".").split()
            for _ in range(rng.randint(1, 4)):
                words[rng.randrange(len(words))] = rng.choice(WORDS)
            self.files[path]["definition"] = " ".join(words).capitalize() + "."
            return f"Reword {path}", [self.put(path)]
        if kind == "rename":
            self.renamed += 1
            new = f"glossary/r{self.renamed:05d}.yml"
            fields = self.files.pop(path)
            fields["redirect_from"].append(Path(path).stem)
            self.files[new] = fields
            return f"Rename {path}", [f"R {path} {new}\n".encode(), self.put(new)]
        if kind == "status":
            self.files[path]["status"] = rng.choice(("adopted", "proposed", "deprecated", "draft"))
            if self.files[path]["status"] == "deprecated":
                self.files[path]["status"] = "adopted"  # a deprecated term needs replaced_by; keep it simple
            return f"Change the status of {path}", [self.put(path)]
        if kind == "aliases":
            self.files[path]["aliases"] = [f"alias {number}"]
            return f"New alias for {path}", [self.put(path)]
        page = f"docs/pages/page-{number:05d}.md"
        text = f"# Page {number}\n\n{self.sentence(120)}\n".encode()
        return f"Add page {number}", [b"M 100644 inline %s\ndata %d\n%s\n" % (page.encode(), len(text), text)]


def make_repository(folder: Path, terms: int, commits: int, seed: int = 7) -> Corpus:
    corpus = Corpus(terms, commits, seed)
    subprocess.run(["git", "init", "-q", "-b", "main", str(folder)], check=True)
    subprocess.run(["git", "fast-import", "--quiet"], cwd=folder, input=corpus.stream(), check=True)
    subprocess.run(["git", "checkout", "-q", "-f", "main"], cwd=folder, check=True)
    return corpus


def timed(function, rounds: int) -> tuple[float, float, object, float]:
    """Median wall time, CPU time (this process and its git children) and git's share, of `function`."""
    walls, cpus, children, result = [], [], [], None
    for _ in range(rounds):
        before = os.times()
        start = time.perf_counter()
        result = function()
        walls.append(time.perf_counter() - start)
        after = os.times()
        cpus.append(sum(after[i] - before[i] for i in range(4)))
        children.append(sum(after[i] - before[i] for i in (2, 3)))
    return statistics.median(walls), statistics.median(cpus), result, statistics.median(children)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--terms", type=int, default=3000)
    parser.add_argument("--commits", type=int, default=10_000)
    parser.add_argument("--rounds", type=int, default=5)
    args = parser.parse_args(argv)
    if args.commits < args.terms:
        parser.error("--commits must be at least --terms (each term is added by its own commit)")

    from termbase.content import check_content
    from termbase.loading.githistory import read_history
    from termbase.loading.history import CONTENT_FOLDERS, TERM_FOLDER, HistoryReader
    from termbase.loading.termhistory import term_history
    from termbase.pages.historypages import FEED_FILE, term_history_sections, under_discussion_page, whats_new_page
    from termbase.pages.whatsnew import site_news
    from termbase.sitefiles.newsfeed import news_feed

    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp) / "repo"
        start = time.perf_counter()
        make_repository(root, args.terms, args.commits)
        (root / "data").mkdir()
        (root / "data" / "data-elements.yml").write_text(data_file(), encoding="utf-8")
        print(f"Generated {args.terms:,} term files in {args.commits:,} commits "
              f"({time.perf_counter() - start:.0f} s); {args.rounds} rounds each, medians.\n")
        rows = []

        wall, cpu, repo, _ = timed(lambda: read_history(root, CONTENT_FOLDERS, (TERM_FOLDER,)), args.rounds)
        versions = sum(len(v) for v in repo.files.values())
        rows.append((f"git log + cat-file, parsed ({versions:,} versions of {len(repo.files):,} files)", wall, cpu))
        glossary = check_content(root).glossary
        wall, cpu, terms, _ = timed(lambda: {t.id: term_history(t, repo) for t in glossary}, args.rounds)
        changes = sum(len(h.changes) for h in terms.values())
        rows.append((f"Histories of {len(glossary):,} published terms ({changes:,} changes)", wall, cpu))

        reader = HistoryReader(root).start()
        check_content(root)
        history = reader.finish(glossary)
        title_of = lambda src_uri: src_uri  # noqa: E731
        pages = sorted(str(p.relative_to(root / "docs")) for p in (root / "docs").rglob("*.md"))

        def render():
            for term in glossary:
                term_history_sections(term, history, title_of)
            news = site_news(glossary, history, pages)
            whats_new_page(glossary, history, news, title_of)
            under_discussion_page(glossary, history, title_of, set(pages))
            url = lambda x: f"https://example.org/{x}"  # noqa: E731
            news_feed(news, glossary, "Bench", url("whats-new/"), url(FEED_FILE), url, url, title_of)
            return news

        wall, cpu, news, _ = timed(render, args.rounds)
        rows.append((f"Term sections, What's new ({len(news):,} items), Under discussion, feed", wall, cpu))

        # What a build pays: the glossary loads while git runs in the background.
        alone, alone_cpu, _, _ = timed(lambda: check_content(root), args.rounds)

        def load_with_history():
            reading = HistoryReader(root).start()
            loaded = check_content(root).glossary
            return reading.finish(loaded)

        both, both_cpu, _, git_cpu = timed(load_with_history, args.rounds)
        rows.append(("Load and check the glossary, without history", alone, alone_cpu))
        rows.append(("The same with the history read alongside", both, both_cpu))

        width = max(len(r[0]) for r in rows)
        print(f"{'Step':<{width}}  {'wall':>7}  {'CPU':>7}")
        for label, wall, cpu in rows:
            print(f"{label:<{width}}  {wall:6.2f}s  {cpu:6.2f}s")
        print(f"\nReading the history adds {both - alone:.2f} s to loading the content; CPU "
              f"{both_cpu - alone_cpu:.2f} s, of which {git_cpu:.2f} s in git, which runs while the glossary "
              f"loads. Its pages take {rows[2][1]:.2f} s more to make.")
        print(f"Machine: {os.cpu_count()} CPUs, load average {os.getloadavg()[0]:.1f} at the end.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
