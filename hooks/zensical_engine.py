#!/usr/bin/env python3
"""Zensical adapter: build or serve the site with Zensical instead of MkDocs.

    python3 scripts/tasks.py build --engine zensical    # strict build into site/
    python3 scripts/tasks.py serve --engine zensical    # http://127.0.0.1:8000, regenerates on edits

Zensical reads mkdocs.yml but runs no MkDocs hooks. So the generation step of the core
(termbase.sitegen) writes the whole site as plain files into a work folder (.build/zensical/),
with each page converted and finished, and a configuration that inherits mkdocs.yml and loads a
Python-Markdown extension (termbase.finishing) that hands Zensical those pages; Zensical renders
the site around them. Like hooks/glossary.py for MkDocs, this file only wires the engine to the
core.
"""

from __future__ import annotations

import argparse
import os
import shutil
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

from termbase.engineconfig import ConfigError, read_engine_config
from termbase.loading.problems import InvalidContent
from termbase.sitegen import TreeGenerator

HOOKS = Path(__file__).resolve().parent
ROOT = HOOKS.parent

WORK = ROOT / ".build" / "zensical"
WATCHED = ("glossary", "data", "docs", "schemas")
CHANGES = frozenset({"created", "modified", "deleted", "moved"})  # watchdog's event types
CONFIG_NAME = "zensical.yml"


def write_config(root: Path, work: Path, *, glossary: bool = True) -> Path:
    """A configuration in the work folder: mkdocs.yml, rendering the generated tree.

    Zensical resolves paths from the configuration file and keeps docs and site inside its
    folder, so the theme overrides are named from there. Without `glossary` it loads no glossary
    extension (the benchmark's site without the engine)."""
    relative = lambda path: os.path.relpath(path, work)  # noqa: E731
    custom_dir = read_engine_config(root / "mkdocs.yml").custom_dir
    theme = f"theme:\n  custom_dir: {relative(theme_overrides(root, custom_dir, work))}\n" if custom_dir else ""
    # Lists add to the inherited ones: this style sheet comes after the site's own.
    extra_css = f"extra_css:\n  - {ZENSICAL_CSS}\n" if (root / ZENSICAL_OVERRIDES / ZENSICAL_CSS).is_file() else ""
    config = work / CONFIG_NAME
    extensions = f"markdown_extensions:\n  - termbase.finishing:\n      build_dir: {work.as_posix()}\n"
    config.write_text(
        "# Written by hooks/zensical_engine.py; do not edit.\n"
        f"INHERIT: {relative(root / 'mkdocs.yml')}\n"
        "docs_dir: docs\n"
        "site_dir: site\n"
        f"{theme}"
        f"{extra_css}"
        f"{extensions if glossary else ''}",
        encoding="utf-8")
    return config


# Overrides of Material partials that Zensical's own theme does differently: its search is a
# button that opens a dialog of its own, already named, which Material's markup would break.
MATERIAL_ONLY = ("partials/search.html",)
# What only Zensical's theme needs, laid over the overrides: its own versions of overridden
# partials, and a style sheet (Material never sees either).
ZENSICAL_OVERRIDES = "overrides-zensical"
ZENSICAL_CSS = "assets/stylesheets/kb-zensical.css"


def theme_overrides(root: Path, custom_dir: Path, work: Path) -> Path:
    """The theme overrides for Zensical: ours less the Material-only partials, with
    overrides-zensical/ on top."""
    target = work / "overrides"
    if target.exists():
        shutil.rmtree(target)
    shutil.copytree(custom_dir, target, ignore=lambda folder, names: [
        n for n in names if (Path(folder) / n).relative_to(custom_dir).as_posix() in MATERIAL_ONLY])
    if (root / ZENSICAL_OVERRIDES).is_dir():
        shutil.copytree(root / ZENSICAL_OVERRIDES, target, dirs_exist_ok=True)
    return target


def generate(generator: TreeGenerator) -> bool:
    started = time.perf_counter()
    try:
        pages = generator.generate()
    except InvalidContent as error:
        print("The glossary has problems; nothing was generated.\n" + error.report(), file=sys.stderr, flush=True)
        return False
    print(f"Generated {len(pages)} pages in {time.perf_counter() - started:.2f} s", flush=True)
    return True


def zensical(*args: str) -> list[str]:
    return [str(Path(sys.executable).with_name("zensical")), *args]


def engine_env() -> dict[str, str]:
    # Zensical imports termbase.finishing from this adapter's hooks/: the core that generated the tree,
    # also when the adapter runs on a copy of the repository (tests, benchmarks).
    return {**os.environ, "PYTHONPATH": os.pathsep.join(filter(None, [str(HOOKS), os.environ.get("PYTHONPATH")]))}


def build(root: Path, work: Path, site_dir: Path) -> int:
    generator = TreeGenerator(root, work, read_engine_config(root / "mkdocs.yml"))
    if not generate(generator):
        return 1
    config = write_config(root, work)
    result = subprocess.run(zensical("build", "--strict", "--clean", "-f", str(config)),
                            cwd=root, env=engine_env())
    if result.returncode:
        return result.returncode
    # Zensical writes inside its project folder (the work folder); move the site where asked.
    if site_dir.exists():
        shutil.rmtree(site_dir)
    shutil.move(str(work / "site"), site_dir)
    return 0


def serve(root: Path, work: Path, address: str) -> int:
    from watchdog.events import FileSystemEventHandler
    from watchdog.observers import Observer

    generator = TreeGenerator(root, work, read_engine_config(root / "mkdocs.yml"))
    if not generate(generator):
        return 1
    pending = threading.Event()

    class Changed(FileSystemEventHandler):
        def on_any_event(self, event) -> None:
            # Only changes: watchdog also reports files being opened and closed, and the generation
            # step opens every source, so reacting to those regenerated the tree in an endless loop.
            if not event.is_directory and event.event_type in CHANGES:
                pending.set()

    def regenerate_on_change() -> None:
        # Writes only files whose content changed, so Zensical renders only those pages again.
        # A broken term file is reported and the last good tree stays served.
        while True:
            pending.wait()
            time.sleep(0.05)  # an editor saves in several steps: one regeneration for the burst
            pending.clear()
            generate(generator)

    observer = Observer()
    for folder in WATCHED:
        if (root / folder).is_dir():
            observer.schedule(Changed(), str(root / folder), recursive=True)
    # Files next to mkdocs.yml that pages include (pymdownx.snippets: CONTRIBUTING.md): Zensical
    # renders the page the generation step kept, so the step must convert it again.
    observer.schedule(Changed(), str(root), recursive=False)
    observer.start()
    threading.Thread(target=regenerate_on_change, daemon=True).start()
    config = write_config(root, work)
    # Terminated, end Zensical too (subprocess.run kills its process when interrupted): it was left
    # serving on its own.
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(128 + signal.SIGTERM))
    try:
        return subprocess.run(zensical("serve", "-f", str(config), "-a", address),
                              cwd=root, env=engine_env()).returncode
    except KeyboardInterrupt:
        return 130
    finally:
        observer.stop()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("command", choices=["build", "serve"])
    parser.add_argument("-d", "--site-dir", type=Path, default=ROOT / "site", help="where build puts the site")
    parser.add_argument("-a", "--dev-addr", default="127.0.0.1:8000", help="address serve listens on")
    parser.add_argument("--work", type=Path, default=WORK, help="folder for the generated tree")
    parser.add_argument("--root", type=Path, default=ROOT, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    root, work = args.root.resolve(), args.work.resolve()
    try:
        if args.command == "build":
            return build(root, work, args.site_dir.resolve())
        return serve(root, work, args.dev_addr)
    except ConfigError as error:
        print(error, file=sys.stderr)
        return 1


if __name__ == "__main__":
    sys.exit(main())
