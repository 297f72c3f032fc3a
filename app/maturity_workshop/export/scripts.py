"""Right-to-left and complex scripts in the PDF: Arabic letters joined, Devanagari vowel signs and
conjuncts in their place, and right-to-left text (Arabic, Hebrew, mixed with Latin) read from the
right.

Imported only for a text that has such characters (:func:`.fonts.needs_scripts`): Latin text never
pays for it, and launching the window never loads it.

* **Shaping** (uharfbuzz): each run of Arabic or Indic letters, in the font :mod:`.fonts` chose
  for it, is shaped by HarfBuzz, and each glyph it gives becomes a character that draws that glyph
  with HarfBuzz's advance: the character the font maps to it (Arabic presentation forms), or a
  private-use character added to the font for it (a conjunct, a ligature), whose ToUnicode entry
  gives back the letters it was made of. Shaping happens before reportlab breaks the lines, so the
  widths it measures are the shaped ones; no run is shaped across a space. Other runs are left
  alone: shaping Latin would cost 20 times as much for nothing.
* **Bidi** (python-bidi's UAX #9 algorithm): :class:`ScriptParagraph` breaks its lines in logical
  order, as reportlab does, and reorders each broken line into visual order only when it draws it
  (reordering the whole paragraph first would put its lines in the wrong order). A paragraph whose
  first strong letter is right-to-left is set flush right.

Shaped Arabic runs are stored in logical order (HarfBuzz's right-to-left output reversed back), so
the per-line reordering puts them back as HarfBuzz laid them out.
"""

from __future__ import annotations

import copy
import unicodedata
from functools import cache

import uharfbuzz as hb
from bidi import algorithm as uax9
from bidi.mirror import MIRRORED
from reportlab.lib.enums import TA_LEFT, TA_RIGHT
from reportlab.lib.styles import ParagraphStyle
from reportlab.pdfbase import pdfmetrics
from reportlab.platypus import Paragraph

from .fonts import PRIVATE_TEXT, shaped_script

_PRIVATE_START = 0xF0000  # Supplementary Private Use Area-A: never typed text (it prints as "�")
_private: dict[tuple[str, int, int, str], int] = {}  # (font, glyph, advance, letters) -> character


def shape(text: str, font_name: str) -> str:
    """``text`` (set in ``font_name``) with each Arabic or Indic run replaced by its shaped glyphs."""
    out = []
    start = 0
    while start < len(text):
        script = shaped_script(text[start])
        end = start + 1
        while end < len(text) and shaped_script(text[end]) == script:
            end += 1
        piece = text[start:end]
        out.append(_shape_run(piece, font_name) if script else piece)
        start = end
    return "".join(out)


@cache
def _shape_run(text: str, font_name: str) -> str:
    font = pdfmetrics.getFont(font_name)
    buffer = hb.Buffer()
    buffer.add_codepoints([ord(char) for char in text])
    buffer.guess_segment_properties()
    hb.shape(_hb_font(font_name), buffer, {"kern": True, "liga": True})
    rtl = buffer.direction == "rtl"
    scale = 1000 / font.face.unitsPerEm
    clusters: dict[int, list[tuple[int, int]]] = {}  # first letter -> its glyphs and advances
    for info, position in zip(buffer.glyph_infos, buffer.glyph_positions):
        clusters.setdefault(info.cluster, []).append((info.codepoint, round(position.x_advance * scale)))
    starts = sorted(clusters) + [len(text)]
    # Logical order for right-to-left text: the line's reordering puts it back when it is drawn.
    order = reversed(starts[:-1]) if rtl else starts[:-1]
    out = []
    for start in order:
        end = starts[starts.index(start) + 1]
        out.extend(_characters(font, clusters[start], text[start:end], rtl))
    return "".join(map(chr, reversed(out) if rtl else out))


@cache
def _hb_font(font_name: str) -> hb.Font:
    face = pdfmetrics.getFont(font_name).face
    return hb.Font(hb.Face(hb.Blob(face._ttf_data)))


def _characters(font, glyphs: list[tuple[int, int]], letters: str, rtl: bool) -> list[int]:
    """Characters that draw one cluster's ``glyphs`` (each with its advance) in ``font``: the
    characters the font maps to them when it has one for each, else private ones that share out
    ``letters`` between them in the order they are drawn (what a reader copies)."""
    face = font.face
    mapped = []
    for glyph, advance in glyphs:
        codes = sorted(face.glyphToChar.get(glyph) or [], key=lambda c: (chr(c) not in letters, c))
        same = [c for c in codes if round(face.charWidths.get(c, face.defaultWidth)) == advance]
        mapped.append(same[0] if same else None)
    if None not in mapped:
        return mapped
    shares = [letters[i] for i in range(min(len(glyphs), len(letters)) - 1)]
    shares.append(letters[len(shares):])
    shares += [""] * (len(glyphs) - len(shares))
    if rtl:  # a reader reverses what a right-to-left glyph gives back
        shares = [share[::-1] for share in reversed(shares)]
    return [_private_character(font, glyph, advance, share) for (glyph, advance), share in zip(glyphs, shares)]


def _private_character(font, glyph: int, advance: int, letters: str) -> int:
    key = (font.fontName, glyph, advance, letters)
    if key not in _private:
        code = _PRIVATE_START + len(_private)
        _private[key] = code
        PRIVATE_TEXT[code] = letters or "\u200c"  # a glyph with no letter of its own: a non-joiner
        font.face.charToGlyph[code] = glyph
        font.face.charWidths[code] = advance
    return _private[key]


# -- the visual order of a broken line ----------------------------------------------------------
def base_level(text: str) -> int:
    """1 when the first strong letter of ``text`` is right-to-left, else 0."""
    return uax9.get_base_level(text)


def visual(units: list[tuple[object, str]], level: int) -> list[tuple[object, str]]:
    """One line's (style, character) units, from logical to visual order (UAX #9, rules L1-L4)."""
    if not units:
        return units
    stand_in = "".join(PRIVATE_TEXT.get(ord(char), char)[0] for _, char in units)
    levels = _levels(stand_in, level)
    for index in range(len(units) - 1, -1, -1):  # L1: trailing white space takes the base level
        if not stand_in[index].isspace():
            break
        levels[index] = level
    order = list(range(len(units)))
    for at in range(max(levels), 0, -1):  # L2: reverse each run at this level or higher
        start = None
        for position in range(len(order) + 1):
            inside = position < len(order) and levels[order[position]] >= at
            if inside and start is None:
                start = position
            elif not inside and start is not None:
                order[start:position] = reversed(order[start:position])
                start = None
    result = []
    for index in order:
        style, char = units[index]
        if levels[index] % 2 and unicodedata.mirrored(char):
            char = MIRRORED.get(char, char)  # L4: "(" reads ")" from the right
        result.append((style, char))
    return result


def _levels(text: str, level: int) -> list[int]:
    storage = uax9.get_empty_storage()
    storage["base_level"] = level
    storage["base_dir"] = ("L", "R")[level]
    uax9.get_embedding_levels(text, storage)
    uax9.explicit_embed_and_overrides(storage)
    uax9.resolve_weak_types(storage)
    uax9.resolve_neutral_types(storage, False)
    uax9.resolve_implicit_levels(storage, False)
    return [char["level"] for char in storage["chars"]]


def visual_runs(runs: list[tuple[str, str]]) -> list[tuple[str, str]]:
    """(font, text) runs of one line, shaped and in visual order, for drawing on the canvas."""
    units = [(font, char) for font, chunk in runs for char in shape(chunk, font)]
    level = base_level("".join(chunk for _, chunk in runs))
    merged: list[tuple[str, str]] = []
    for font, char in visual(units, level):
        if merged and merged[-1][0] == font:
            merged[-1] = (font, merged[-1][1] + char)
        else:
            merged.append((font, char))
    return merged


class ScriptParagraph(Paragraph):
    """A paragraph of right-to-left or complex-script text: shaped as it is built, each line put in
    visual order as it is drawn."""

    def __init__(self, text, style: ParagraphStyle, *args, **kwargs) -> None:
        shaped = kwargs.get("frags") is not None  # a piece of a paragraph split across pages
        super().__init__(text, style, *args, **kwargs)
        if not shaped:
            for frag in self.frags:
                if getattr(frag, "text", ""):
                    frag.text = shape(frag.text, frag.fontName)
        plain = "".join(PRIVATE_TEXT.get(ord(c), c) for f in self.frags for c in getattr(f, "text", ""))
        self._level = base_level(plain)
        if self._level and self.style.alignment == TA_LEFT:
            self.style = ParagraphStyle(f"{self.style.name}-rtl", parent=self.style, alignment=TA_RIGHT)

    def draw(self) -> None:
        logical = self.blPara
        self.blPara = self._visual(logical)
        try:
            super().draw()
        finally:
            self.blPara = logical

    def _visual(self, para):
        para = copy.copy(para)
        if para.kind == 0:  # one style: each line is (extra space, words)
            para.lines = [
                (extra, ["".join(c for _, c in visual([(None, c) for c in " ".join(words)], self._level))])
                for extra, words in para.lines
            ]
            return para
        lines = []
        for line in para.lines:
            units = [(frag, char) for frag in line.words for char in getattr(frag, "text", "")]
            words = []
            for frag, char in visual(units, self._level):
                if words and words[-1][0] is frag:
                    words[-1][1].append(char)
                else:
                    words.append((frag, [char]))
            line = copy.copy(line)
            line.words = [frag.clone(text="".join(chars)) for frag, chars in words]
            lines.append(line)
        para.lines = lines
        return para
