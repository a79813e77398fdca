"""QR codes for page addresses, fast enough to make one for every page of every build.

A general encoder (segno) spends 2-3 ms on a code: it chooses among modes and masks and places
every module with Python loops. A page address needs one case: byte mode, error correction
level M, mask pattern 0 (any mask is valid; scanners read the mask from the code). For that case
everything but the message is the same for all codes of a version, so it is worked out once per
version: the fixed patterns and, for every module, which bit of the message it shows and whether
the mask inverts it. A code then costs one Reed-Solomon pass and one table lookup per module,
about a tenth of a millisecond. The tests check the result module for module against segno.

ISO/IEC 18004:2015 is the reference: 7.4 (data encoding), 7.5 (error correction), 7.7 (module
placement), 7.8 (masking), 7.9-7.10 (format and version information). Tables from segno.consts.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from itertools import cycle, islice, product
from operator import itemgetter

from segno import consts

_LEVEL = consts.ERROR_LEVEL_M
_FORMAT_BITS = consts.FORMAT_INFO[0]  # level M, mask 0
_INVERT = str.maketrans("01", "10")


@dataclass(frozen=True)
class _Version:
    number: int
    size: int  # modules per side
    data_codewords: int
    blocks: tuple[tuple[int, int], ...]  # (data codewords, error correction codewords) per block
    count_bits: int  # length of the byte-count field
    layout: itemgetter  # picks each module, row by row, from message bits + inverted bits + "01"


def qr_matrix(text: str) -> tuple[int, str]:
    """(modules per side, the modules row after row as "0"/"1", "1" dark) of the code for `text`."""
    data = text.encode("utf-8")
    version = _version_for(len(data))
    message = _message(data, version)
    bits = format(int.from_bytes(message, "big"), f"0{len(message) * 8}b")
    return version.size, "".join(version.layout(bits + bits.translate(_INVERT) + "01"))


def _version_for(length: int) -> _Version:
    for number in range(1, 41):
        version = _version(number)
        if 4 + version.count_bits + 8 * length <= version.data_codewords * 8:
            return version
    raise ValueError(f"{length} bytes do not fit in a QR code at error correction level M")


def _message(data: bytes, version: _Version) -> bytes:
    """Data codewords (mode, count, bytes, terminator, padding), then error correction, interleaved."""
    header = (0b0100 << version.count_bits) | len(data)
    value = ((header << (8 * len(data))) | int.from_bytes(data, "big")) << 4  # 4-bit terminator
    codewords = value.to_bytes((4 + version.count_bits + 8 * len(data) + 4) // 8, "big")
    codewords += bytes(islice(cycle((0xEC, 0x11)), version.data_codewords - len(codewords)))
    data_blocks, ecc_blocks, start = [], [], 0
    for data_length, ecc_length in version.blocks:
        block = codewords[start:start + data_length]
        start += data_length
        data_blocks.append(block)
        ecc_blocks.append(_error_correction(block, ecc_length))
    longest = max(len(b) for b in data_blocks)
    data = bytes(b[i] for i in range(longest) for b in data_blocks if i < len(b))
    ecc = bytes(b[i] for i in range(version.blocks[0][1]) for b in ecc_blocks)
    return data + ecc


def _error_correction(block: bytes, length: int) -> bytes:
    """Reed-Solomon remainder, the whole register held in one integer (a shift and an XOR a byte)."""
    products = _generator_products(length)
    shift, mask = 8 * (length - 1), (1 << (8 * length)) - 1
    remainder = 0
    for byte in block:
        remainder = ((remainder << 8) & mask) ^ products[(remainder >> shift) ^ byte]
    return remainder.to_bytes(length, "big")


# -- tables, computed once ----------------------------------------------------------------------

def _galois_tables() -> tuple[list[int], list[int]]:
    exp, log, value = [0] * 512, [0] * 256, 1
    for power in range(255):
        exp[power], log[value] = value, power
        value <<= 1
        if value & 0x100:
            value ^= 0x11D
    for power in range(255, 512):
        exp[power] = exp[power - 255]
    return exp, log


_EXP, _LOG = _galois_tables()


def _multiply(a: int, b: int) -> int:
    return 0 if a == 0 or b == 0 else _EXP[_LOG[a] + _LOG[b]]


@lru_cache(maxsize=None)
def _generator_products(length: int) -> tuple[int, ...]:
    """For each feedback byte f: f times the generator polynomial (without its leading 1), as an int."""
    generator = [1]
    for power in range(length):  # multiply by (x - a^power)
        root = _EXP[power]
        generator = [a ^ _multiply(b, root) for a, b in zip(generator + [0], [0] + generator)]
    tail = generator[1:]
    return tuple(int.from_bytes(bytes(_multiply(f, g) for g in tail), "big") for f in range(256))


@lru_cache(maxsize=None)
def _version(number: int) -> _Version:
    size = 17 + 4 * number
    blocks = tuple((ec.num_data, ec.num_total - ec.num_data)
                   for ec in consts.ECC[number][_LEVEL] for _ in range(ec.num_blocks))
    data_codewords = sum(d for d, _ in blocks)
    message_bits = 8 * sum(d + e for d, e in blocks)
    fixed = _function_patterns(number, size)
    layout, bit = [], 0
    for row, column in _placement_order(size, fixed):
        # Data modules past the message are remainder bits: zero, masked like the rest.
        source = bit if bit < message_bits else None
        inverted = (row + column) % 2 == 0  # mask pattern 0
        fixed[(row, column)] = ("inv" if inverted else "bit", source)
        bit += 1
    zero, one = 2 * message_bits, 2 * message_bits + 1
    indexes = []
    for row, column in product(range(size), repeat=2):
        cell = fixed[(row, column)]
        if isinstance(cell, int):
            indexes.append(one if cell else zero)
        else:
            kind, source = cell
            if source is None:
                indexes.append(one if kind == "inv" else zero)
            else:
                indexes.append(source + message_bits if kind == "inv" else source)
    count_bits = 8 if number < 10 else 16
    return _Version(number, size, data_codewords, blocks, count_bits, itemgetter(*indexes))


def _function_patterns(number: int, size: int) -> dict[tuple[int, int], int]:
    """Every module that does not carry the message, with its colour (1 dark)."""
    cells: dict[tuple[int, int], int] = {}
    for top, left in ((0, 0), (0, size - 7), (size - 7, 0)):  # finders and their separators
        for r, c in product(range(-1, 8), repeat=2):
            row, column = top + r, left + c
            if 0 <= row < size and 0 <= column < size:
                ring = max(abs(r - 3), abs(c - 3))
                cells[(row, column)] = int(ring in (0, 1, 3))
    if number >= 2:
        positions = consts.ALIGNMENT_POS[number - 2]
        corners = {(positions[0], positions[0]), (positions[0], positions[-1]), (positions[-1], positions[0])}
        for centre in product(positions, repeat=2):
            if centre in corners:
                continue
            for r, c in product(range(-2, 3), repeat=2):
                cells[(centre[0] + r, centre[1] + c)] = int(max(abs(r), abs(c)) != 1)
    for i in range(8, size - 8):  # timing patterns
        cells[(6, i)] = cells[(i, 6)] = int(i % 2 == 0)
    for i in range(8):  # format information, as segno places it
        vertical, horizontal = (_FORMAT_BITS >> i) & 1, (_FORMAT_BITS >> (14 - i)) & 1
        cells[(i + (1 if i >= 6 else 0), 8)] = vertical
        cells[(8, i + (1 if i >= 6 else 0))] = horizontal
        cells[(8, size - 1 - i)] = vertical
        cells[(size - 1 - i, 8)] = horizontal
    cells[(size - 8, 8)] = 1  # the dark module
    if number >= 7:
        info = consts.VERSION_INFO[number - 7]
        for i in range(18):
            bit = (info >> i) & 1
            cells[(size - 11 + i % 3, i // 3)] = cells[(i // 3, size - 11 + i % 3)] = bit
    return cells


def _placement_order(size: int, fixed: dict) -> list[tuple[int, int]]:
    """Data modules in the order the message fills them: two-module columns from the right,
    alternately upwards and downwards, skipping the vertical timing pattern (7.7.3)."""
    order = []
    for right in range(size - 1, 0, -2):
        if right <= 6:
            right -= 1
        upwards = (right & 2) == 0
        for vertical in range(size):
            for column in (right, right - 1):
                row = size - 1 - vertical if upwards ^ (column < 6) else vertical
                if (row, column) not in fixed:
                    order.append((row, column))
    return order
