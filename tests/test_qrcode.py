"""The Share panel's QR codes: segno's code for each address, drawn as the SVG path the page
carries and decoded by zxing-cpp, as a phone would read it."""

from __future__ import annotations

import re

import pytest
import zxingcpp
from PIL import Image

from termbase.sitefiles.share import qr_matrix, qr_path, qr_svg

LONG = "https://example.org/knowledge-base/" + "glossary/limited-data-set/" * 120
# Bytes each version holds in byte mode at error correction level M (ISO/IEC 18004, table 7).
CAPACITY = (14, 26, 42, 62, 84, 106, 122, 152, 180, 213, 251, 287, 331, 362, 412, 450, 504, 560, 624, 666,
            711, 779, 857, 911, 997, 1059, 1125, 1190, 1264, 1370, 1452, 1538, 1628, 1722, 1809, 1911, 1989,
            2099, 2213, 2331)


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


@pytest.mark.parametrize("version, capacity", list(enumerate(CAPACITY, start=1)))
def test_each_version_is_filled_to_its_capacity_at_level_m_and_decodes(version, capacity):
    text = LONG[:capacity]
    size, modules = qr_matrix(text)
    assert size == 17 + 4 * version and len(modules) == size * size and set(modules) <= {"0", "1"}
    if version < 40:
        assert qr_matrix(LONG[:capacity + 1])[0] == size + 4  # one byte more takes the next version
    assert [result.text for result in zxingcpp.read_barcodes(paint(text, scale=3))] == [text]


def test_too_long_for_any_version_is_a_clear_error():
    with pytest.raises(ValueError, match="do not fit in a QR code"):
        qr_matrix("x" * 2400)


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
