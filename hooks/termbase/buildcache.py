"""Results that outlive one build, kept in `.cache/termbase/`: QR codes, sanitised pages, the
data of each term file, the fields of each version of a term file in the history, and the
reading grade of each plain definition (which spares a build the import of textstat).

Each is a pure function of its input (a page's address; a page's HTML; a file's bytes; a
version's content) and costs a quarter to half a millisecond, for every page, term or version,
in every build. Kept between builds, an unchanged one costs a dictionary look-up instead.

- The file is JSON (never pickle): a restored or edited cache can hold wrong strings, not code.
- Its salt is the source of the modules that make what it keeps, and the versions of the
  sanitiser and the YAML parser. A change to any starts an empty cache, so no result of other
  code is ever reused.
- Sanitised pages are keyed by a BLAKE2 digest of their HTML. A page that changes by one byte
  is cleaned again.
- It is written only when a build made something new. An entry that three such builds in a row
  did not use is dropped: the online and offline builds of one site (whose pages differ in their
  links) both stay cached, and the file never grows past a few sites' worth.
- A missing, unreadable or foreign file is an empty cache, and a value of the wrong shape is
  made again: the build does the work itself.
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
KEPT_UNUSED = 3  # writes an entry survives without being used
# Set to "0" to build without reading or writing the cache (to time a cold build).
SWITCH = "KB_BUILD_CACHE"

T = TypeVar("T")


# The modules whose results the cache keeps, and this one: a change to any empties the cache.
SALTED_SOURCES = ("buildcache.py", "linking/sanitize.py", "sitefiles/share.py",
                  "loading/yamlsource.py", "loading/termhistory.py", "loading/readability.py",
                  "sitefiles/dictionaryfiles.py", "loading/dictionaries.py", "checker/dictionaryverdicts.py")


def engine_salt() -> str:
    """A digest of the source of the modules whose results the cache keeps, and of the versions
    of the libraries they call (the sanitiser, the YAML parser, the QR encoder)."""
    import nh3
    import segno
    import yaml

    digest = hashlib.blake2b(digest_size=16)
    package = Path(__file__).resolve().parent
    for source in SALTED_SOURCES:
        digest.update(source.encode())
        digest.update((package / source).read_bytes())
    # Module attributes, not importlib.metadata: that scans every installed package (80 ms).
    digest.update(f"nh3 {nh3.__version__} PyYAML {yaml.__version__} segno {segno.__version__}".encode())
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
        self._stored: dict[str, dict[str, list]] = entries or {}  # section -> key -> [value, writes unused]
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
        sections = {name: {key: entry for key, entry in entries.items() if _is_entry(entry)}
                    for name, entries in stored["sections"].items() if isinstance(entries, dict)}
        return cls(file, salt, sections)

    def get(self, section: str, key: str, make: Callable[[], T],
            fits: Callable[[Any], bool] | None = None) -> T:
        """The stored value for `key`, or `make()`'s, remembered for the next build.

        `fits` says whether a stored value has the shape `make` gives: one that does not (a cache
        edited by hand) is made again, not handed to code that would stop on it.
        """
        used = self._used.setdefault(section, {})
        if key in used:
            return used[key]
        stored = self._stored.get(section, {})
        if key in stored and (fits is None or fits(stored[key][0])):
            value = stored[key][0]
        else:
            value = make()
            self._made = True
        used[key] = value
        return value

    def save(self) -> str | None:
        """Write what this build used, and what recent builds used, if this one made anything new.

        Returns why the file could not be written (the site is built all the same), or None.
        """
        if self.file is None or not self._made:
            return None
        sections = {name: {key: [value, 0] for key, value in used.items()} for name, used in self._used.items()}
        for name, entries in self._stored.items():
            kept = sections.setdefault(name, {})
            for key, (value, unused) in entries.items():
                if key not in kept and unused + 1 < KEPT_UNUSED:
                    kept[key] = [value, unused + 1]
        text = json.dumps({"salt": self.salt, "sections": sections}, ensure_ascii=False, separators=(",", ":"))
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
        self._stored, self._used, self._made = sections, {}, False
        return None


def is_text(value: object) -> bool:
    return isinstance(value, str)


def is_list_of(*kinds: type | tuple[type, ...]) -> Callable[[Any], bool]:
    """A check that a value is a list of len(kinds) items, each of its kind."""
    def fits(value: object) -> bool:
        return (isinstance(value, list) and len(value) == len(kinds)
                and all(isinstance(item, kind) for item, kind in zip(value, kinds)))
    return fits


_is_entry = is_list_of(object, int)  # [value, writes unused]
