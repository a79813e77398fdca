#!/usr/bin/env python3
"""Validate every glossary term, data file and data dictionary without building the site.

Same rules and messages as the build. Exit 0 when all is well, 1 when any term has a problem.
In GitHub Actions (GITHUB_ACTIONS=true) each problem is also printed as an annotation, so it
shows on the pull request's changed lines.
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from termbase.content import check_content
from termbase.buildcache import BuildCache
from termbase.loading.problems import InvalidContent

ROOT = Path(__file__).resolve().parents[1]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--root", type=Path, default=ROOT, help="repository root (default: this one)")
    parser.add_argument("--github", action="store_true", default=os.environ.get("GITHUB_ACTIONS") == "true",
                        help="also print GitHub Actions annotations (default when GITHUB_ACTIONS=true)")
    args = parser.parse_args(argv)
    try:
        cache = BuildCache.open(args.root)  # what earlier checks and builds of these files found
        content = check_content(args.root, cache)
        cache.save()
    except InvalidContent as report:
        print(report.report(), file=sys.stderr)
        if args.github:
            for problem in report.problems:
                print(problem.github_annotation())
        return 1
    glossary, dictionaries = content.glossary, content.dictionaries
    columns = sum(len(d.columns) for d in dictionaries)
    print(f"{len(glossary)} terms OK ({len(glossary.drafts)} drafts not published); "
          f"{len(dictionaries)} data dictionaries OK ({columns} columns).")
    return 0


if __name__ == "__main__":
    sys.exit(main())
