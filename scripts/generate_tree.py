#!/usr/bin/env python3
"""Write the whole site as plain files for an engine that runs no MkDocs hooks (Zensical).

    python scripts/generate_tree.py                  # into .build/zensical/
    python scripts/generate_tree.py --out DIR

The tree holds hand-written and generated pages, short links and exports; see
hooks/termbase/sitegen.py. Problems in the glossary are reported as by check.py, exit 1.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "hooks"))

from termbase.engineconfig import read_engine_config  # noqa: E402
from termbase.problems import InvalidContent  # noqa: E402
from termbase.sitegen import generate_tree  # noqa: E402

DEFAULT_OUT = ROOT / ".build" / "zensical"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT, help="build folder (default: .build/zensical)")
    parser.add_argument("--root", type=Path, default=ROOT, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    root = args.root.resolve()
    started = time.perf_counter()
    try:
        pages = generate_tree(root, args.out.resolve(), read_engine_config(root / "mkdocs.yml"))
    except InvalidContent as error:
        print("The glossary has problems; nothing was generated.\n" + error.report(), file=sys.stderr)
        return 1
    print(f"Generated {len(pages)} pages into {args.out} in {time.perf_counter() - started:.2f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
