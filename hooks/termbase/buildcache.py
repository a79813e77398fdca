"""Results that outlive one build, kept in `.cache/termbase/`: QR codes, sanitised pages, and
the data of each term file.

Each is a pure function of its input (a page's address; a page's HTML; a file's bytes) and costs
a quarter to half a millisecond, for every page or term, in every build. Kept between builds, an
unchanged page or file costs a dictionary look-up instead.

- The file is JSON (never pickle): a restored or edited cache can hold wrong strings, not code.
- Its salt is the engine's own source and the sanitiser's version. A change to either starts an
  empty cache, so no result of older code is ever reused.
- Sanitised pages are keyed by a BLAKE2 digest of their HTML. A page that changes by one byte
  is cleaned again.
- It is written only when a build made something new, and keeps only what that build used, so
  it never grows past one site's worth.
- A missing, unreadable or foreign file is an empty cache: the build does the work itself.
"""

from __future__ import annotations

import hashlib
import json
import os
import tempfile
from pathlib import Path
from typing import Any, Callable, TypeVar

CACHE_DIR = Path(".cache") / "termbase"
CACHE_FILE = "build-cache.json"
# Set to "0" to build without reading or writing the cache (to time a cold build).
SWITCH = "KB_BUILD_CACHE"

T = TypeVar("T")


def engine_salt() -> str:
    """A digest of the engine's source files and the sanitiser's version."""
    import nh3

    digest = hashlib.blake2b(digest_size=16)
    package = Path(__file__).resolve().parent
    for source in sorted(package.rglob("*.py")):
        digest.update(source.relative_to(package).as_posix().encode())
        digest.update(source.read_bytes())
    digest.update(getattr(nh3, "__version__", "").encode())
    return digest.hexdigest()


def content_key(text: str) -> str:
    return bytes_key(text.encode("utf-8"))


def bytes_key(data: bytes) -> str:
    return hashlib.blake2b(data, digest_size=16).hexdigest()


class BuildCache:
    """Named sections of key -> JSON value, read once when a build starts, written when it ends."""

    def __init__(self, file: Path | None = None, salt: str = "", entries: dict[str, dict] | None = None):
        self.file = file  # None: remember within this build only
        self.salt = salt
        self._stored = entries or {}
        self._used: dict[str, dict[str, Any]] = {}
        self._made = False

    @classmethod
    def open(cls, root: Path) -> BuildCache:
        """The cache of the site at `root`; an empty one if the file is missing or of other code."""
        if os.environ.get(SWITCH) == "0":
            return cls()
        file, salt = root / CACHE_DIR / CACHE_FILE, engine_salt()
        try:
            stored = json.loads(file.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return cls(file, salt)
        if not isinstance(stored, dict) or stored.get("salt") != salt or not isinstance(stored.get("sections"), dict):
            return cls(file, salt)
        sections = {name: entries for name, entries in stored["sections"].items() if isinstance(entries, dict)}
        return cls(file, salt, sections)

    def get(self, section: str, key: str, make: Callable[[], T]) -> T:
        """The stored value for `key`, or `make()`'s, remembered for the next build."""
        used = self._used.setdefault(section, {})
        if key in used:
            return used[key]
        stored = self._stored.get(section, {})
        if key in stored:
            value = stored[key]
        else:
            value = make()
            self._made = True
        used[key] = value
        return value

    def save(self) -> str | None:
        """Write what this build used, if it made anything new or left anything unused.

        Returns why the file could not be written (the site is built all the same), or None.
        """
        if self.file is None:
            return None
        unused = any(len(self._stored.get(name, {})) > len(self._used.get(name, {})) for name in self._stored)
        if not (self._made or unused):
            return None
        text = json.dumps({"salt": self.salt, "sections": self._used}, ensure_ascii=False, separators=(",", ":"))
        # A temporary file then a rename: a build stopped half-way, or a second build, never
        # leaves half a file.
        temporary = None
        try:
            self.file.parent.mkdir(parents=True, exist_ok=True)
            handle, temporary = tempfile.mkstemp(dir=self.file.parent, prefix=".build-cache-", suffix=".tmp")
            with os.fdopen(handle, "w", encoding="utf-8") as out:
                out.write(text)
            os.replace(temporary, self.file)
        except OSError as error:
            if temporary:
                Path(temporary).unlink(missing_ok=True)
            return f"the build cache {self.file} could not be written ({error.strerror or error})"
        self._stored, self._used, self._made = self._used, {}, False
        return None
