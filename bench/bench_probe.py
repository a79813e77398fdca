"""Benchmark-only MkDocs hook: where one build's time goes. `bench/bench.py` adds it to both
builds it compares; the site never loads it.

It times every event of every plugin and hook (the engine's, the search plugin's...), the page
template (from the last `on_page_context` to the first `on_post_page`), and a few steps of the
engine that run outside its own events (the linker inside Python-Markdown, QR codes, exports).
It also times MkDocs' own steps between events in both builds (Markdown conversion, reading
and writing pages, copying files), the start-up before the first event, and, as the process
exits, the CPU time of the programs it ran (git). The totals are CPU seconds of the build
process (`time.process_time`), which other work on a shared machine disturbs far less than
wall-clock time. They are written as JSON to the file named by KB_BENCH_PROBE when the build
ends, and again as the process exits.
"""

from __future__ import annotations

import atexit
import functools
import gc
import importlib
import json
import os
import resource
import time
from collections import defaultdict

from mkdocs.plugins import event_priority

# Engine steps that do not map onto one event: "name": "module:attribute path".
ENGINE_STEPS = {
    "linking": "termbase.linking.linker:MentionLinker.run",
    "qr": "termbase.site:qr_svg",
    "exports": "termbase.site:export_files",
    "backlinks": "termbase.build:RenderedSite.finish_output",
}
# MkDocs' own work between events, timed in both builds: what the engine's pages and files cost
# MkDocs itself (Markdown conversion includes the engine's linking, which the report subtracts).
MKDOCS_STEPS = {
    "markdown": "mkdocs.structure.pages:Page.render",
    "reading pages": "mkdocs.structure.pages:Page.read_source",
    "writing files": "mkdocs.utils:write_file",
    "copying files": "mkdocs.structure.files:Files.copy_static_files",
}

seconds: dict[str, float] = defaultdict(float)
calls: dict[str, int] = defaultdict(int)
_template_started: float | None = None
_build_started = 0.0
_collection_started = 0.0


def _on_collection(phase: str, info: dict) -> None:
    """Time spent in Python's garbage collector: it grows with everything a build keeps alive."""
    global _collection_started
    if phase == "start":
        _collection_started = time.process_time()
    else:
        seconds["garbage collection"] += time.process_time() - _collection_started
        calls["garbage collection"] += 1


def _timed(key: str, function):
    @functools.wraps(function)
    def timed(*args, **kwargs):
        start = time.process_time()
        try:
            return function(*args, **kwargs)
        finally:
            seconds[key] += time.process_time() - start
            calls[key] += 1
    timed.__wrapped_by_probe__ = True
    return timed


def _patch_steps(steps: dict[str, str], prefix: str) -> None:
    """Wrap inner steps; fail loudly if one was renamed, so the report never lies."""
    for step, target in steps.items():
        module_name, _, path = target.partition(":")
        try:
            owner = importlib.import_module(module_name)
        except ImportError:
            return  # The build without the engine: nothing to wrap.
        *parents, attribute = path.split(".")
        for parent in parents:
            owner = getattr(owner, parent)
        function = getattr(owner, attribute)
        if not getattr(function, "__wrapped_by_probe__", False):
            setattr(owner, attribute, _timed(f"{prefix}:{step}", function))


def _origin(name: str) -> str:
    if name.endswith("glossary.py"):
        return "engine"
    return name.rsplit("/", 1)[-1]


@event_priority(100)
def on_config(config):
    global _build_started
    _build_started = time.process_time()
    # Everything before this event: the interpreter, MkDocs, the plugins and hooks imported, the
    # configuration read.
    seconds["start-up"] = _build_started
    if _on_collection not in gc.callbacks:
        gc.callbacks.append(_on_collection)
    _patch_steps(ENGINE_STEPS, "engine step")
    _patch_steps(MKDOCS_STEPS, "mkdocs")
    plugins = config.plugins
    for event, methods in plugins.events.items():
        for index, method in enumerate(methods):
            if getattr(method, "__module__", "") == __name__ or getattr(method, "__wrapped_by_probe__", False):
                continue
            origin = _origin(plugins._event_origins.get(method, "other"))
            methods[index] = _timed(f"{origin}:{event}", method)
    return config


@event_priority(-100)
def on_page_context(context, page, config, nav):
    global _template_started
    _template_started = time.process_time()
    return context


@event_priority(100)
def on_post_page(output, page, config):
    global _template_started
    if _template_started is not None:
        seconds["templates"] += time.process_time() - _template_started
        calls["templates"] += 1
        _template_started = None
    return output


@event_priority(-100)
def on_post_build(config):
    if not os.environ.get("KB_BENCH_PROBE"):
        return
    seconds["build"] = time.process_time() - _build_started
    _write()
    atexit.register(_at_exit)


def _at_exit() -> None:
    """The process's CPU time when it starts to exit (the rest of its time is the interpreter
    shutting down), and that of the programs it ran (git), which its own clock does not count."""
    seconds["until exit"] = time.process_time()
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    seconds["child processes"] = children.ru_utime + children.ru_stime
    _write()


def _write() -> None:
    with open(os.environ["KB_BENCH_PROBE"], "w", encoding="utf-8") as handle:
        json.dump({"seconds": dict(seconds), "calls": dict(calls)}, handle, indent=1)
