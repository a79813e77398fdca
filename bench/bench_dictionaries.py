#!/usr/bin/env python3
"""What data dictionaries cost: the check script, and the engine's dictionary work in a build.

    python3 bench/bench_dictionaries.py                    # 100 data sets x 200 columns, 3 rounds
    python3 bench/bench_dictionaries.py --data-sets 20 --columns 50 --rounds 5

Two copies of this repository, with the same synthetic data sets:
- "engine": the data sets as dictionaries/<site>/<id>.yml; the engine makes their pages (with the
  verdicts, crosswalk, linkage keys, term sections) and their CSV, XLSX and JSON downloads;
- "tables": the same data sets as hand-written Markdown pages, one table of columns each, and no
  dictionaries/ folder: what the site would be if the dictionaries were plain Markdown tables.
Both keep the rest of the engine (terms, linking). Builds of the two take turns, one at a time,
and the ratio of CPU times is compared within each round (the machines are noisy). The first
round runs with an empty build cache (downloads made from scratch); later rounds reuse it.
It also times `scripts/check.py` on the "engine" copy. Prints figures; asserts nothing.
"""

from __future__ import annotations

import argparse
import os
import random
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(Path(__file__).resolve().parent))

from benchsites import copy_repository  # noqa: E402

SITES = ("connecticut", "iowa", "north-carolina", "broward-county-fl", "colorado", "massachusetts",
         "king-county-wa")
DOMAINS = ("homelessness", "child-welfare", "medicaid", "education", "behavioral-health", "income-support")
TYPES = ("string", "integer", "date", "number", "boolean")
# Column names a dictionary might hold, with the shared element each maps to (or none).
KNOWN = [("client_id", "person-id"), ("DOB", "date-of-birth"), ("first_name", "first-name"),
         ("last_name", "last-name"), ("sex", "sex"), ("race", "race"), ("ethnicity", "ethnicity"),
         ("zip5", "zip-code"), ("county_fips", "county"), ("case_id", "case-id"),
         ("household_id", "household-id"), ("entry_date", "program-entry-date"),
         ("exit_date", "program-exit-date"), ("service_date", "service-date")]
WORDS = ("program service status amount reason type code count flag score level outcome benefit "
         "referral placement assessment school grade housing income employment visit").split()


def synthetic_data_sets(count: int, columns: int, seed: int = 11) -> list[tuple[str, str, dict]]:
    """(site, id, descriptor) for `count` identified data sets of `columns` columns each."""
    rng = random.Random(seed)
    out = []
    for index in range(count):
        site = SITES[index % len(SITES)]
        fields = []
        for name, element in KNOWN[: rng.randrange(4, len(KNOWN))]:
            fields.append({"name": name, "title": name.replace("_", " ").title(), "type": "string",
                           "description": f"The person's {name.replace('_', ' ')}.", "element": element})
        while len(fields) < columns:
            name = "_".join(rng.sample(WORDS, 2)) + f"_{len(fields)}"
            field = {"name": name, "type": rng.choice(TYPES),
                     "description": f"The {name.replace('_', ' ')} recorded for the record linkage."}
            if rng.random() < 0.3:
                field["codes"] = {str(c): f"Value {c}" for c in range(1, rng.randrange(3, 8))}
            fields.append(field)
        descriptor = {"name": f"data-set-{index:03d}", "title": f"Synthetic data set {index:03d}",
                      "description": "A synthetic data set for the benchmark.", "jurisdiction": site,
                      "agency": "Synthetic agency", "system": f"System {index % 5}",
                      "domain": DOMAINS[index % len(DOMAINS)], "shared_as": "identified",
                      "governed_by": ["hipaa-privacy-rule"], "updated": "2026-12-01",
                      "resources": [{"name": "main", "path": "main.csv", "schema": {"fields": fields}}]}
        out.append((site, descriptor["name"], descriptor))
    return out


def markdown_page(descriptor: dict) -> str:
    """The same data set as a hand-written page: a title, its description and one table."""
    lines = [f"# {descriptor['title']}", "", descriptor["description"], "",
             "| Column | Meaning | Type | Values | Element |", "|---|---|---|---|---|"]
    for field in descriptor["resources"][0]["schema"]["fields"]:
        codes = "; ".join(f"{k}={v}" for k, v in field.get("codes", {}).items())
        lines.append(f"| `{field['name']}` | {field.get('description', '')} | {field['type']} | {codes} | "
                     f"{field.get('element', '')} |")
    return "\n".join(lines) + "\n"


def make_sites(folder: Path, data_sets: list[tuple[str, str, dict]]) -> tuple[Path, Path]:
    engine, tables = folder / "engine", folder / "tables"
    for site in (engine, tables):
        copy_repository(site)
        shutil.rmtree(site / "dictionaries", ignore_errors=True)
        shutil.rmtree(site / ".cache", ignore_errors=True)
    for site, data_set_id, descriptor in data_sets:
        path = engine / "dictionaries" / site / f"{data_set_id}.yml"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(yaml.safe_dump(descriptor, sort_keys=False, allow_unicode=True), encoding="utf-8")
        page = tables / "docs" / "data-set-tables" / site / f"{data_set_id}.md"
        page.parent.mkdir(parents=True, exist_ok=True)
        page.write_text(markdown_page(descriptor), encoding="utf-8")
    # The tables site lists its pages where the engine's index would; its nav drops the engine's.
    config = (tables / "mkdocs.yml").read_text(encoding="utf-8")
    start = config.index("  - Data dictionaries:\n")
    end = config.index("  - Convenings:\n")
    listed = "".join(f"      - data-set-tables/{s}/{i}.md\n" for s, i, _ in data_sets)
    (tables / "mkdocs.yml").write_text(config[:start] + "  - Data dictionaries:\n" + listed + config[end:],
                                       encoding="utf-8")
    return engine, tables


def cpu_of_children() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def timed(command: list[str], cwd: Path, env: dict[str, str]) -> tuple[float, float]:
    """(wall, CPU) seconds of one run; exits when the command fails."""
    cpu, wall = cpu_of_children(), time.perf_counter()
    result = subprocess.run(command, cwd=cwd, env=env, capture_output=True, text=True)
    if result.returncode:
        sys.exit(f"bench: {' '.join(command)} failed in {cwd}:\n{result.stdout[-2000:]}{result.stderr[-2000:]}")
    return time.perf_counter() - wall, cpu_of_children() - cpu


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data-sets", type=int, default=100)
    parser.add_argument("--columns", type=int, default=200)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--keep", action="store_true", help="keep the two sites (their folder is printed)")
    args = parser.parse_args(argv)
    folder = Path(tempfile.mkdtemp(prefix="bench-dictionaries-"))
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    try:
        data_sets = synthetic_data_sets(args.data_sets, args.columns)
        engine, tables = make_sites(folder, data_sets)
        print(f"{args.data_sets} data sets x {args.columns} columns; load {os.getloadavg()[0]:.2f}; "
              f"CPU seconds unless said otherwise")
        check = [sys.executable, str(ROOT / "scripts" / "check.py"), "--root", str(engine)]
        cold = timed(check, engine, {**env, "KB_BUILD_CACHE": "0"})
        print(f"check.py without the build cache: wall {cold[0]:.2f} s, CPU {cold[1]:.2f} s")
        warm = [timed(check, engine, env) for _ in range(args.rounds + 1)][1:]  # the first fills the cache
        print(f"check.py with the build cache: wall {statistics.median(w for w, _ in warm):.2f} s, "
              f"CPU {statistics.median(c for _, c in warm):.2f} s (median of {args.rounds})")
        shutil.rmtree(engine / ".cache", ignore_errors=True)  # the first build below starts empty
        build = [sys.executable, "-m", "mkdocs", "build", "--strict"]  # no -q: it hides what --strict counts
        for round_number in range(1, args.rounds + 1):
            with_engine = timed(build, engine, env)
            with_tables = timed(build, tables, env)
            label = "first build, empty cache" if round_number == 1 else "build cache in place"
            print(f"round {round_number} ({label}): dictionaries {with_engine[1]:.2f} s, Markdown tables "
                  f"{with_tables[1]:.2f} s, ratio {with_engine[1] / with_tables[1]:.3f} "
                  f"(wall {with_engine[0]:.2f} / {with_tables[0]:.2f} s)")
    finally:
        if args.keep:
            print(f"sites kept in {folder}")
        else:
            shutil.rmtree(folder, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
