"""Benchmark-only MkDocs hook: where one build's time goes. `scripts/bench.py` adds it to both
builds it compares; the site never loads it.

It times every event of every plugin and hook (the engine's, the search plugin's...), the page
template (from the last `on_page_context` to the first `on_post_page`), and a few steps of the
engine that run outside its own events (the linker inside Python-Markdown, QR codes, exports).
The totals are CPU seconds of the build process (`time.process_time`), which other work on a
shared machine disturbs far less than wall-clock time. They are written as JSON to the file
named by KB_BENCH_PROBE when the build ends.
"""

from __future__ import annotations

import functools
import gc
import importlib
import json
import os
import time
from collections import defaultdict

from mkdocs.plugins import event_priority

# Engine steps that do not map onto one event: "name": "module:attribute path".
ENGINE_STEPS = {
    "linking": "termbase.linking.linker:MentionLinker.run",
    "qr": "termbase.site:qr_svg",
    "exports": "termbase.site:export_files",
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


def _patch_engine_steps() -> None:
    """Wrap the engine's inner steps; fail loudly if one was renamed, so the report never lies."""
    for step, target in ENGINE_STEPS.items():
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
            setattr(owner, attribute, _timed(f"engine step:{step}", function))


def _origin(name: str) -> str:
    if name.endswith("glossary.py"):
        return "engine"
    return name.rsplit("/", 1)[-1]


@event_priority(100)
def on_config(config):
    global _build_started
    _build_started = time.process_time()
    if _on_collection not in gc.callbacks:
        gc.callbacks.append(_on_collection)
    _patch_engine_steps()
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
    target = os.environ.get("KB_BENCH_PROBE")
    if not target:
        return
    seconds["build"] = time.process_time() - _build_started
    with open(target, "w", encoding="utf-8") as handle:
        json.dump({"seconds": dict(seconds), "calls": dict(calls)}, handle, indent=1)
