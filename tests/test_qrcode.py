"""The build's own QR encoder, checked module for module against segno and decoded by zxing-cpp."""

from __future__ import annotations

import re

import pytest
import segno
import zxingcpp
from PIL import Image
from segno import encoder as segno_encoder

from termbase.sitefiles.qrcode import qr_matrix
from termbase.sitefiles.share import qr_path, qr_svg

LONG = "https://example.org/knowledge-base/" + "glossary/limited-data-set/" * 120
# Lengths that reach every version from 1 to 40 at level M, and the edges between them.
LENGTHS = sorted({*range(1, 120), *range(120, 2300, 37), 2331})


@pytest.fixture
def segno_with_spec_padding(monkeypatch):
    """segno adds a whole zero byte when the data already ends on a byte boundary; ISO/IEC 18004
    7.4.10 adds padding bits only to reach the boundary. Scanners ignore both; we follow the
    standard, so compare with segno set to do the same."""
    def write_padding_bits(buff, version, length):
        if length % 8:
            buff.extend([0] * (8 - length % 8))
    monkeypatch.setattr(segno_encoder, "write_padding_bits", write_padding_bits)


def segno_modules(text: str) -> str:
    code = segno.make(text, error="m", mask=0, mode="byte", micro=False, boost_error=False)
    return "".join("".join(str(bit) for bit in row) for row in code.matrix)


@pytest.mark.parametrize("length", LENGTHS)
def test_every_module_matches_segno_for_the_same_mask(segno_with_spec_padding, length):
    text = LONG[:length]
    size, modules = qr_matrix(text)
    assert len(modules) == size * size
    assert modules == segno_modules(text)


def test_too_long_for_any_version_is_a_clear_error():
    with pytest.raises(ValueError, match="do not fit in a QR code"):
        qr_matrix("x" * 2400)


def paint(url: str, scale: int = 6) -> Image.Image:
    """Draw the SVG path the page carries, module by module, as a scanner would see it."""
    size, path = qr_path(url)
    side = size + 4
    image = Image.new("L", (side, side), 255)
    pixels = image.load()
    x = y = 0.0
    for command, dx, dy in re.findall(r"([Mmh])(-?\d+(?:\.5)?)(?: (-?\d+(?:\.5)?))?", path):
        if command == "M":
            x, y = float(dx), float(dy)
        elif command == "m":
            x, y = x + float(dx), y + float(dy)
        else:
            for step in range(int(dx)):
                pixels[int(x) + step, int(y)] = 0
            x += int(dx)
    return image.resize((side * scale, side * scale), Image.NEAREST)


@pytest.mark.parametrize("url", [
    "https://example.org/",
    "https://ids-learning-community.github.io/knowledge-base/glossary/limited-data-set/",
    "http://127.0.0.1:8000/convenings/first-convening/legal-frameworks/handout/",
    "https://example.org/kb/glossary/caf%C3%A9/?q=a&b=%20#section-2",
])
def test_svg_path_decodes_to_the_url(url):
    assert [result.text for result in zxingcpp.read_barcodes(paint(url))] == [url]


def test_svg_is_sized_by_css_and_names_itself():
    svg = qr_svg("https://example.org/", 'QR code for "A & B"')  # 20 bytes: version 2, 25 modules
    assert svg.startswith('<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 29 29" class="kb-qr">')
    assert "<title>QR code for &quot;A &amp; B&quot;</title>" in svg
