#!/usr/bin/env python3
"""Build the offline copy of the site and package it as a zip.

    python scripts/build_offline.py                 # writes site-offline/ and kb-offline.zip
    python scripts/build_offline.py --into site     # also places kb-offline.zip inside site/
    python scripts/build_offline.py --engine zensical

The copy works opened from disk (file://): Material's offline plugin writes "page.html" links
and inlines the search index, and the search worker shim is served from the site itself
(extra.polyfills in mkdocs.yml), so nothing is fetched from the network. Zensical reads the same
`offline` setting and makes the same kind of copy from the tree the generation step writes.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
ZIP_NAME = "kb-offline.zip"
FOLDER_IN_ZIP = "ids-knowledge-base"
START_HERE = """Integrated data systems knowledge base: offline copy
=====================================================

1. Unzip this file (on Windows: right-click, "Extract All"; on a phone, use the Files app).
2. Open the folder and double-click index.html. It opens in your browser; no internet needed.

Search, navigation and the glossary all work from the files. Shared links and QR codes point
to the online site.
"""


ENGINES = ("mkdocs", "zensical")


def build_offline(out_dir: Path, config: Path = ROOT / "mkdocs.yml", engine: str = "mkdocs") -> None:
    env = {**os.environ, "OFFLINE": "true", "NO_MKDOCS_2_WARNING": "1"}
    if engine == "zensical":
        # A tree of its own: the online build's tree (.build/zensical/) has directory URLs.
        command = [sys.executable, str(ROOT / "hooks" / "zensical_engine.py"), "build", "--root", str(config.parent),
                   "--work", str(config.parent / ".build" / "zensical-offline"), "--site-dir", str(out_dir)]
    else:
        command = [sys.executable, "-m", "mkdocs", "build", "--strict", "--config-file", str(config),
                   "--site-dir", str(out_dir)]
    result = subprocess.run(command, cwd=config.parent, env=env)
    if result.returncode:
        raise SystemExit(f"The offline build failed (exit {result.returncode}); see the messages above.")


def make_zip(site_dir: Path, zip_path: Path) -> int:
    """Zip site_dir under one top folder; returns the number of files. Skips any earlier zip."""
    count = 0
    zip_path.parent.mkdir(parents=True, exist_ok=True)
    with zipfile.ZipFile(zip_path, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
        archive.writestr(f"{FOLDER_IN_ZIP}/START-HERE.txt", START_HERE)
        for path in sorted(site_dir.rglob("*")):
            if path.is_file() and path.name != ZIP_NAME:
                archive.write(path, f"{FOLDER_IN_ZIP}/{path.relative_to(site_dir).as_posix()}")
                count += 1
    return count


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=ROOT / "site-offline", help="folder for the offline build")
    parser.add_argument("--into", type=Path, help="also copy the zip into this folder (the online site)")
    parser.add_argument("--engine", choices=ENGINES, default="mkdocs", help="site engine (default: mkdocs)")
    parser.add_argument("--config-file", type=Path, default=ROOT / "mkdocs.yml", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)

    out = args.out.resolve()
    if out.exists():
        shutil.rmtree(out)
    build_offline(out, args.config_file.resolve(), args.engine)
    zip_path = out.parent / ZIP_NAME
    files = make_zip(out, zip_path)
    print(f"Offline copy: {out} ({files} files); zip: {zip_path} ({zip_path.stat().st_size / 1e6:.1f} MB)")
    if args.into:
        if not args.into.is_dir():
            print(f"{args.into}: not a folder; build the site first.", file=sys.stderr)
            return 2
        shutil.copy2(zip_path, args.into / ZIP_NAME)
        print(f"Copied to {args.into / ZIP_NAME}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
