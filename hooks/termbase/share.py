"""QR codes for the Share panel, made at build time (no network, no JavaScript)."""

from __future__ import annotations

import io

import segno


def qr_svg(url: str, label: str) -> str:
    """An inline SVG QR code for `url`, sized by CSS, with a text alternative for screen readers."""
    # A fixed mask skips segno's eight-mask scoring: five times faster, still decodes reliably
    # (the browser tests decode it from a screenshot).
    code = segno.make(url, error="m", micro=False, mask=0)
    buffer = io.BytesIO()
    code.save(buffer, kind="svg", scale=1, border=2, xmldecl=False, svgns=True, omitsize=True,
              title=label, svgclass="kb-qr", lineclass=None, dark="#000", light="#fff")
    return buffer.getvalue().decode("utf-8")
