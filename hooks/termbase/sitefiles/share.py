"""QR codes for the Share panel, made at build time (no network, no JavaScript).

segno encodes the address (ISO/IEC 18004) and a table turns each row of modules into an SVG
path. A code depends on nothing but the URL, so any site engine can call `qr_svg`, and the build
cache keeps each page's code between builds: only a first build (or a new address) makes one.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Callable, Sequence

import segno

from ..linking.text import escape

QUIET_ZONE = 2  # modules of white around the code; scanners read 2 reliably on screen and paper
_CHUNK = 8  # modules per table entry: at most 2**8 distinct pieces
_RUNS = re.compile(r"1+")
_MODULES = bytes.maketrans(b"\x00\x01", b"01")


def qr_matrix(text: str) -> tuple[int, str]:
    """(modules per side, the modules row after row as "0"/"1", "1" dark) of the code for `text`.

    Byte mode, error correction level M, mask pattern 0. Any mask is valid (a scanner reads it
    from the code); letting segno try all eight is four fifths of its time, 4 ms a code instead of
    0.9 ms, which a first build without the cache pays for every page.
    """
    try:
        code = segno.make(text, error="m", mode="byte", mask=0, micro=False, boost_error=False)
    except segno.DataOverflowError:
        message = f"{len(text.encode())} bytes do not fit in a QR code at error correction level M"
        raise ValueError(message) from None
    return len(code.matrix), b"".join(code.matrix).translate(_MODULES).decode()


@lru_cache(maxsize=4096)
def qr_path(url: str) -> tuple[int, str]:
    """(modules per side, SVG path data) of the QR code for `url`.

    Horizontal strokes over dark modules with relative moves (about 2.5 KB a code), each row
    written eight modules at a time from a table: a few dozen lookups, not a loop per module.
    """
    size, modules = qr_matrix(url)
    pieces = _PIECES.__getitem__
    rows = ["".join(map(pieces, [modules[a:b] for a, b in row])) for row in _row_pieces(size)]
    return size, f"M{QUIET_ZONE} {QUIET_ZONE}.5" + f"m-{size} 1".join(rows)


@lru_cache(maxsize=None)
def _row_pieces(size: int) -> tuple[tuple[tuple[int, int], ...], ...]:
    """(start, end) of the pieces of each row of a code `size` modules wide."""
    return tuple(tuple((start + i, start + min(i + _CHUNK, size)) for i in range(0, size, _CHUNK))
                 for start in range(0, size * size, size))


def _piece_path(piece: str) -> str:
    """Strokes for the dark runs of a piece of a row; leaves the pen at the piece's right edge."""
    parts, x = [], 0
    for run in _RUNS.finditer(piece):
        if run.start() > x:
            parts.append(f"m{run.start() - x} 0")
        parts.append(f"h{run.end() - run.start()}")
        x = run.end()
    if len(piece) > x:
        parts.append(f"m{len(piece) - x} 0")
    return "".join(parts)


# Every piece of 1 to 8 modules ("0" light, "1" dark) and its path: 510 entries.
_PIECES = {format(n, f"0{width}b"): "" for width in range(1, _CHUNK + 1) for n in range(2 ** width)}
_PIECES = {piece: _piece_path(piece) for piece in _PIECES}


def qr_svg(url: str, label: str, path_of: Callable[[str], Sequence] = qr_path) -> str:
    """An inline SVG QR code for `url`, sized by CSS, with a text alternative for screen readers.

    `path_of` gives `qr_path`'s result, from a cache that outlives the build if the caller has one.
    """
    size, path = path_of(url)
    side = size + 2 * QUIET_ZONE
    return (f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {side} {side}" class="kb-qr">'
            f"<title>{escape(label)}</title>"
            f'<path fill="#fff" d="M0 0h{side}v{side}h-{side}z"/><path stroke="#000" d="{path}"/></svg>')
