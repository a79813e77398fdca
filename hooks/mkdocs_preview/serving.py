"""What the fast preview changes in `mkdocs serve` itself, besides the pages it rebuilds: how
soon a saved file is noticed, and templates compiled once per process instead of once per build.
"""

from __future__ import annotations

import jinja2
import jinja2.bccache
from watchdog.observers.polling import PollingObserver

# Seconds between two looks at the watched folders. MkDocs looks every 0.5 s: a quarter of a
# second on average before a rebuild even starts. 0.1 s costs about 2% of one core while idle
# (this repository's ~130 watched files).
POLL_INTERVAL = 0.1


def watch_often(server) -> None:
    """on_serve: make the server's watcher look for changes every POLL_INTERVAL seconds.

    MkDocs makes its polling observer before plugins see the server and offers no setting; the
    paths it already watches are moved to a new observer through its public watch/unwatch.
    Later watches (the `watch` list, glossary/ among them) go to the new one. Where the server
    does not look as expected, it is left as it is.
    """
    watched = dict(getattr(server, "_watched_paths", None) or {})
    if not isinstance(getattr(server, "observer", None), PollingObserver):
        return
    for path, times in watched.items():
        for _ in range(times):
            server.unwatch(path)
    server.observer = PollingObserver(timeout=POLL_INTERVAL)
    for path, times in watched.items():
        for _ in range(times):
            server.watch(path)


class TemplateCode(jinja2.BytecodeCache):
    """Compiled templates kept in memory between the rebuilds of one `serve` process.

    Every build makes a new Jinja environment, which compiled Material's templates again: most
    of a rebuild that renders a few pages. Jinja compiles a template again when its source's
    checksum is not the one kept (an edited override).
    """

    def __init__(self) -> None:
        self._code: dict[str, tuple[str, object]] = {}

    def load_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        kept = self._code.get(bucket.key)
        if kept is not None and kept[0] == bucket.checksum:
            bucket.code = kept[1]

    def dump_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        self._code[bucket.key] = (bucket.checksum, bucket.code)


class TemplateCodes:
    """One TemplateCode for each set of environment options (compiled code depends on them)."""

    def __init__(self) -> None:
        self._caches: dict[str, TemplateCode] = {}

    def keep(self, env: jinja2.Environment) -> None:
        options = repr((sorted(env.extensions), env.autoescape, env.trim_blocks, env.lstrip_blocks,
                        env.keep_trailing_newline, env.newline_sequence, env.optimized, env.finalize is None,
                        env.block_start_string, env.variable_start_string, env.comment_start_string))
        env.bytecode_cache = self._caches.setdefault(options, TemplateCode())
