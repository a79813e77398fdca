"""What the fast preview changes in `mkdocs serve` itself, besides the pages it rebuilds: how
soon a saved file is noticed, and the theme's templates listed and compiled once per process
instead of once per build (every build makes a new Jinja environment).
"""

from __future__ import annotations

import jinja2
import jinja2.bccache
from watchdog.observers.polling import PollingObserver

# Seconds between two looks at the watched folders. MkDocs looks every 0.5 s: a quarter of a
# second on average before a rebuild even starts. 0.1 s costs about 2% of one core while idle
# (this repository's ~130 watched files).
POLL_INTERVAL = 0.1
# Seconds without a new change before the rebuild starts (MkDocs: 0.1). An editor's save (write,
# or write and rename) takes milliseconds; one seen across two looks gives two rebuilds either way.
QUIET_BEFORE_BUILD = 0.05


def watch_often(server) -> None:
    """on_serve: make the server's watcher look for changes every POLL_INTERVAL seconds, and
    start a rebuild QUIET_BEFORE_BUILD seconds after the last change.

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
    server.build_delay = QUIET_BEFORE_BUILD


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


class ThemeOnce:
    """Keeps, for the whole process, what each build's new Jinja environment would redo: the
    compiled templates, and the listing of the theme's folders (MkDocs lists ~14,500 files of
    Material's, icons included, to find its ~40 assets). The overrides folder is listed every time.
    """

    def __init__(self) -> None:
        self._code: dict[str, TemplateCode] = {}
        self._listed: dict[str, list[str]] = {}

    def install(self, theme) -> None:
        """on_config: the theme's environments from now on keep both."""
        make_env = theme.get_env

        def get_env() -> jinja2.Environment:
            env = make_env()
            env.loader = _ListedOnce(env.loader, self._listed, theme.custom_dir)
            env.bytecode_cache = self._code_for(env)
            return env

        theme.get_env = get_env

    def _code_for(self, env: jinja2.Environment) -> TemplateCode:
        # Compiled code depends on the environment's options; MkDocs makes every build's alike.
        options = repr((sorted(env.extensions), env.autoescape, env.trim_blocks, env.lstrip_blocks,
                        env.keep_trailing_newline, env.newline_sequence, env.optimized, env.finalize is None,
                        env.block_start_string, env.variable_start_string, env.comment_start_string))
        return self._code.setdefault(options, TemplateCode())


class _ListedOnce(jinja2.FileSystemLoader):
    """The theme's loader, listing each folder but `fresh` once. It leaves out files in hidden
    folders (Material's .icons), which MkDocs, the one caller, leaves out anyway."""

    def __init__(self, loader: jinja2.FileSystemLoader, listed: dict[str, list[str]], fresh: str | None):
        super().__init__(loader.searchpath, loader.encoding, loader.followlinks)
        self._listed, self._fresh = listed, fresh

    def list_templates(self) -> list[str]:
        found: set[str] = set()
        for folder in self.searchpath:
            names = self._listed.get(folder) if folder != self._fresh else None
            if names is None:
                names = [name for name in jinja2.FileSystemLoader(folder, self.encoding, self.followlinks)
                         .list_templates() if not any(part.startswith(".") for part in name.split("/"))]
                if folder != self._fresh:
                    self._listed[folder] = names
            found.update(names)
        return sorted(found)
