"""The QR code the phones scan, made with segno (pure Python, no dependencies), as a matrix of
dark modules or a PNG of about the size the ui asks; no Qt here."""

from __future__ import annotations

import io

import segno

from ..domain.errors import ValidationError

QUIET_ZONE = 4  # modules of light border the standard asks for


def _code(url: str) -> segno.QRCode:
    return segno.make_qr(url, error="m", boost_error=False)


def qr_matrix(url: str) -> tuple[tuple[bool, ...], ...]:
    """The code's modules, row by row, True for dark; without the quiet zone."""
    return tuple(tuple(bool(module) for module in row) for row in _code(url).matrix)


def qr_png(url: str, size: int) -> bytes:
    """A PNG of the code, quiet zone included, at most ``size`` pixels square (whole pixels per
    module, so it stays sharp): the ui draws it at that size, or smaller."""
    code = _code(url)
    modules = code.symbol_size(scale=1, border=QUIET_ZONE)[0]
    scale = size // modules
    if scale < 1:
        raise ValidationError(f"A QR code of this address needs at least {modules} pixels a side.")
    buffer = io.BytesIO()
    code.save(buffer, kind="png", scale=scale, border=QUIET_ZONE)
    return buffer.getvalue()
