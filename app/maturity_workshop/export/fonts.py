"""The fonts the PDF is set in, and which of them can draw a given character.

All four are TrueType fonts with glyf outlines, bundled with the app, and embedded in every PDF
as subsets (only the glyphs used), so a PDF reads the same on any machine:

* ``DejaVuSans.ttf`` / ``DejaVuSans-Bold.ttf`` (``resources/fonts``): the text face. Latin,
  Greek, Cyrillic, and the window's marks (● ◎ ✓ ✎). Bitstream Vera licence + public domain.
* ``wqy-microhei.ttc`` (``resources/fonts/fallback``), WenQuanYi Micro Hei: Chinese, Japanese,
  Korean (every Hangul syllable). Apache-2.0.
* ``DroidSansFallbackFull.ttf`` (``resources/fonts/fallback``): the CJK characters Micro Hei
  lacks (Extension A ideographs, Hangul jamo). Apache-2.0.
* ``Symbola_hint.ttf`` (``resources/fonts/fallback``): emoji and other symbols, in monochrome.
  "Free for any use" (George Douros).
* ``NotoSansDevanagari-Regular.ttf`` (``resources/fonts/fallback``): Devanagari, shaped by
  :mod:`.scripts`. SIL Open Font License 1.1.

Arabic and Hebrew are in DejaVu Sans itself (both weights); :mod:`.scripts` joins the Arabic letters
and puts right-to-left text in its visual order.

The fallback fonts have no bold: a bold run of CJK or emoji is set in their regular weight.

:func:`register_fonts` also corrects reportlab's ToUnicode maps for characters beyond U+FFFF
(emoji, CJK Extension B): reportlab writes them as 5-digit hex, which no PDF reader can map back
to text; they must be UTF-16 surrogate pairs. The glyphs drawn are the same either way.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from functools import cache, lru_cache

from reportlab.pdfbase import pdfmetrics, ttfonts
from reportlab.pdfbase.ttfonts import TTFont

from ..locations import resource_path

SANS = "MW-DejaVuSans"
BOLD = "MW-DejaVuSans-Bold"
CJK = "MW-WenQuanYiMicroHei"
CJK_EXTRA = "MW-DroidSansFallback"
SYMBOLS = "MW-Symbola"
DEVANAGARI = "MW-NotoSansDevanagari"


@dataclass(frozen=True)
class BundledFont:
    name: str  # the name the PDF code uses
    parts: tuple[str, ...]  # its file, under the resources folder
    subfont: int = 0  # the face of a TrueType collection (.ttc)


BUNDLED_FONTS = (
    BundledFont(SANS, ("fonts", "DejaVuSans.ttf")),
    BundledFont(BOLD, ("fonts", "DejaVuSans-Bold.ttf")),
    BundledFont(CJK, ("fonts", "fallback", "wqy-microhei.ttc")),
    BundledFont(CJK_EXTRA, ("fonts", "fallback", "DroidSansFallbackFull.ttf")),
    BundledFont(SYMBOLS, ("fonts", "fallback", "Symbola_hint.ttf")),
    BundledFont(DEVANAGARI, ("fonts", "fallback", "NotoSansDevanagari-Regular.ttf")),
)


FALLBACKS = (CJK, CJK_EXTRA, SYMBOLS, DEVANAGARI)
# Private-use characters that :mod:`.scripts` adds to a font for a shaped glyph (a conjunct, a
# ligature), each with the letters it was shaped from: what the PDF's ToUnicode map gives back.
PRIVATE_TEXT: dict[int, str] = {}


# Letters that only print right once shaped (HarfBuzz, in :mod:`.scripts`): Arabic, and the Indic
# scripts from Devanagari to Sinhala. Arabic presentation forms are already shaped.
_SHAPED = (
    (0x0600, 0x06FF, "arabic"), (0x0750, 0x077F, "arabic"), (0x0870, 0x08FF, "arabic"),
    (0x0900, 0x0DFF, "indic"), (0xA8E0, 0xA8FF, "indic"),
)  # fmt: skip


def shaped_script(char: str) -> str | None:
    """"arabic" or "indic" for a letter (or mark) that must be shaped, else None."""
    code = ord(char)
    if code < 0x0600:
        return None
    return next((script for low, high, script in _SHAPED if low <= code <= high), None)


@lru_cache(maxsize=4096)
def needs_scripts(text: str) -> bool:
    """Whether ``text`` has right-to-left letters or letters to shape (see :mod:`.scripts`)."""
    if text.isascii():
        return False
    return any(unicodedata.bidirectional(c) in ("R", "AL") or shaped_script(c) for c in text)


@cache
def register_fonts() -> None:
    """Register the text face with reportlab, once per process. The fallback fonts (9 MB of CJK and
    symbols) are read only when a text has a character DejaVu Sans lacks: see :func:`ensure`."""
    ttfonts.makeToUnicodeCMap = _to_unicode_cmap
    ensure(SANS)
    ensure(BOLD)
    # <b> inside a paragraph picks the family's bold.
    pdfmetrics.registerFontFamily(SANS, normal=SANS, bold=BOLD, italic=SANS, boldItalic=BOLD)
    pdfmetrics.registerFontFamily(BOLD, normal=BOLD, bold=BOLD, italic=BOLD, boldItalic=BOLD)


@cache
def ensure(font_name: str) -> None:
    """Register one bundled font, the first time it is needed."""
    font = next(f for f in BUNDLED_FONTS if f.name == font_name)
    path = str(resource_path(*font.parts))
    pdfmetrics.registerFont(TTFont(font.name, path, subfontIndex=font.subfont))
    if font_name in FALLBACKS:  # they have no bold: they are their own bold
        pdfmetrics.registerFontFamily(font_name, normal=font_name, bold=font_name, italic=font_name,
                                      boldItalic=font_name)


@cache
def coverage(font_name: str) -> frozenset[int]:
    """The code points the font has a real glyph for (not .notdef)."""
    register_fonts()
    ensure(font_name)
    face = pdfmetrics.getFont(font_name).face
    return frozenset(code for code, glyph in face.charToGlyph.items() if glyph)


@cache
def fallback_chain(base_font: str) -> tuple[str, ...]:
    """The fonts tried, in order, for a character of text set in ``base_font``."""
    chain = [base_font]
    for name in (SANS, CJK, CJK_EXTRA, DEVANAGARI, SYMBOLS):
        if name not in chain:
            chain.append(name)
    return tuple(chain)


def font_for(code_point: int, base_font: str) -> str | None:
    """The first font of the chain that can draw the character, or None when none can."""
    for name in fallback_chain(base_font):
        if code_point in coverage(name):
            return name
    return None


def string_width(runs: list[tuple[str, str]], size: float) -> float:
    """The width of text already split into (font, text) runs."""
    return sum(pdfmetrics.stringWidth(text, font, size) for font, text in runs)


def _utf16_hex(code_point: int) -> str:
    return "".join(f"{unit:04X}" for unit in _utf16_units(code_point))


def _unicode_hex(code_point: int) -> str:
    """What a reader copies for the character: a shaped glyph's letters, an Arabic presentation
    form's letter (the joined forms shaping draws), any other character itself."""
    letters = PRIVATE_TEXT.get(code_point)
    if letters is None and (0xFB50 <= code_point <= 0xFDFF or 0xFE70 <= code_point <= 0xFEFF):
        letters = unicodedata.normalize("NFKC", chr(code_point))[::-1]  # a reader reverses it back
    return "".join(map(_utf16_hex, map(ord, letters))) if letters else _utf16_hex(code_point)


def _utf16_units(code_point: int) -> tuple[int, ...]:
    if code_point < 0x10000:
        return (code_point,)
    offset = code_point - 0x10000
    return (0xD800 + (offset >> 10), 0xDC00 + (offset & 0x3FF))


def _to_unicode_cmap(fontname: str, subset: list[int]) -> str:
    """reportlab's ``makeToUnicodeCMap``, with characters beyond U+FFFF as surrogate pairs."""
    return "\n".join(
        [
            "/CIDInit /ProcSet findresource begin",
            "12 dict begin",
            "begincmap",
            "/CIDSystemInfo",
            f"<< /Registry ({fontname})",
            f"/Ordering ({fontname})",
            "/Supplement 0",
            ">> def",
            f"/CMapName /{fontname} def",
            "/CMapType 2 def",
            "1 begincodespacerange",
            f"<00> <{len(subset) - 1:02X}>",
            "endcodespacerange",
            f"{len(subset)} beginbfchar",
            *(f"<{code:02X}> <{_unicode_hex(value)}>" for code, value in enumerate(subset)),
            "endbfchar",
            "endcmap",
            "CMapName currentdict /CMap defineresource pop",
            "end",
            "end",
        ]
    )
