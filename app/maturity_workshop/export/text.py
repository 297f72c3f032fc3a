"""Turning text somebody typed into reportlab paragraph markup that prints exactly that text.

Every user string (team, title, facilitator, notes, action fields) and every model string goes
through :func:`markup` (for paragraphs) or :func:`runs` (for text drawn straight on the canvas):

1. **Cleaned** (:func:`clean`): ``\\r\\n``, ``\\r``, vertical tab, form feed, NEL and the Unicode
   line/paragraph separators become line breaks; a tab becomes a space; other control characters
   (C0, DEL, C1) and invisible format characters (zero-width joiners and spaces, soft hyphens,
   bidi controls, BOMs, tag characters), variation selectors (U+FE0E/U+FE0F) and emoji skin-tone
   modifiers are dropped: without colour-emoji shaping they would only print as boxes. A lone
   surrogate becomes U+FFFD; a surrogate pair stored as two code points is joined. Text is put
   in Unicode NFC, so an accent typed as a combining mark prints as the accented letter.
2. **Split into runs** by font: each character is set in the first bundled font that has a glyph
   for it (the paragraph's own font, then DejaVu Sans, WenQuanYi Micro Hei, Droid Sans Fallback,
   Noto Sans Devanagari, Symbola; see :mod:`.fonts`). A text with right-to-left or Arabic or Indic
   letters is then shaped and put in visual order line by line by :mod:`.scripts`.
3. **Replaced when no font has it**: such a character (a private-use character, an emoji newer
   than Symbola, an unassigned code point) prints as U+FFFD REPLACEMENT CHARACTER "\ufffd" in
   DejaVu Sans, the stated fallback. Nothing ever prints as an empty box.
4. **Escaped**: ``&``, ``<`` and ``>`` become entities *before* any ``<font>`` tag is added, so
   ``<b>``, ``&amp;``, ``<font name=x>`` or a lone ``<`` print literally and never act as markup.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache
from xml.sax.saxutils import escape

from . import fonts
from .fonts import needs_scripts

REPLACEMENT = "\ufffd"

_LINE_BREAKS = re.compile("\r\n|[\r\x0b\x0c\x85\u2028\u2029]")
_WHITE_SPACE = re.compile(r"\s+")
_DROPPED_RANGES = (
    (0xFE00, 0xFE0F),  # variation selectors (emoji / text presentation)
    (0xE0100, 0xE01EF),  # variation selectors supplement
    (0x1F3FB, 0x1F3FF),  # emoji skin-tone modifiers
)


def _dropped(char: str) -> bool:
    category = unicodedata.category(char)
    if category == "Cc":  # control characters; line breaks were handled before
        return char != "\n"
    if category == "Cf":  # format characters: ZWJ, ZWSP, soft hyphen, bidi controls, tags, BOM
        return True
    code = ord(char)
    return any(low <= code <= high for low, high in _DROPPED_RANGES)


_ASCII_DROPPED = re.compile("[\x00-\x08\x0e-\x1f\x7f]")


@lru_cache(maxsize=4096)
def clean(text: str) -> str:
    """The text without the characters that cannot print; line breaks kept as ``\\n``."""
    if text.isascii():  # the common case, without a look at every character's category
        return _ASCII_DROPPED.sub("", _LINE_BREAKS.sub("\n", text).replace("\t", " "))
    text = text.encode("utf-16-le", "surrogatepass").decode("utf-16-le", "replace")
    text = _LINE_BREAKS.sub("\n", text).replace("\t", " ")
    text = "".join(char for char in text if not _dropped(char))
    return unicodedata.normalize("NFC", text)


def one_line(text: str, *, strip: bool = True) -> str:
    """Cleaned, with every run of white space (line breaks too) made one space."""
    collapsed = _WHITE_SPACE.sub(" ", clean(text))
    return collapsed.strip() if strip else collapsed


def runs(text: str, base_font: str) -> list[tuple[str, str]]:
    """Cleaned ``text`` (one line) split into (font name, text) runs; see the module docstring."""
    return list(_runs(text, base_font))


@lru_cache(maxsize=4096)
def _runs(text: str, base_font: str) -> tuple[tuple[str, str], ...]:
    result: list[tuple[str, str]] = []
    for char in text:
        code = ord(char)
        if char.isspace() and result and code in fonts.coverage(result[-1][0]):
            font = result[-1][0]
        else:
            font = fonts.font_for(code, base_font)
            if font is None:
                font, char = fonts.font_for(ord(REPLACEMENT), base_font) or base_font, REPLACEMENT
        if result and result[-1][0] == font:
            result[-1] = (font, result[-1][1] + char)
        else:
            result.append((font, char))
    return tuple(result)


def _line_markup(line: str, base_font: str) -> str:
    parts = []
    for font, chunk in runs(line, base_font):
        escaped = escape(chunk)
        parts.append(escaped if font == base_font else f'<font name="{font}">{escaped}</font>')
    return "".join(parts)


def markup(text: str, base_font: str = fonts.SANS, *, keep_lines: bool = True) -> str:
    """Paragraph markup that prints ``text`` as typed, in ``base_font`` with per-character fallback.

    With ``keep_lines`` each line break becomes ``<br/>``; without, lines are joined by a space
    (and a space at either end is kept, for pieces of a sentence).
    """
    cleaned = clean(text) if keep_lines else one_line(text, strip=False)
    return "<br/>".join(_line_markup(line, base_font) for line in cleaned.split("\n"))


def truncate_runs(text: str, base_font: str, size: float, width: float) -> list[tuple[str, str]]:
    """One line of ``text`` as runs, cut with an ellipsis to fit ``width``."""
    parts = runs(one_line(text), base_font)
    if fonts.string_width(parts, size) <= width:
        return parts
    flat = [(font, char) for font, chunk in parts for char in chunk][:400]
    while flat and fonts.string_width([*flat, (base_font, "…")], size) > width:
        flat.pop()
    return _merge([*flat, (base_font, "…")])


def _merge(chars: list[tuple[str, str]]) -> list[tuple[str, str]]:
    merged: list[tuple[str, str]] = []
    for font, char in chars:
        if merged and merged[-1][0] == font:
            merged[-1] = (font, merged[-1][1] + char)
        else:
            merged.append((font, char))
    return merged


def wrap_lines(text: str, base_font: str, size: float, width: float, max_lines: int = 3) -> list[str]:
    """``text`` on one or more lines no wider than ``width`` (a word too long is cut), at most
    ``max_lines``, the last one ending in an ellipsis when text was left out."""
    words = one_line(text)[:300].split(" ")

    def fits(candidate: str) -> bool:
        return fonts.string_width(runs(candidate, base_font), size) <= width

    lines: list[str] = []
    for word in words:
        if lines and fits(f"{lines[-1]} {word}"):
            lines[-1] = f"{lines[-1]} {word}"
            continue
        while word and not fits(word):  # break a word wider than the line
            cut = len(word) - 1
            while cut > 1 and not fits(word[:cut]):
                cut -= 1
            lines.append(word[:cut])
            word = word[cut:]
        if word:
            lines.append(word)
    if len(lines) > max_lines:
        last = lines[max_lines - 1]
        while last and not fits(last + "…"):
            last = last[:-1]
        lines = [*lines[: max_lines - 1], last.rstrip() + "…"]
    return lines


def draw_runs(canv, x: float, y: float, text: str, font: str, size: float, colour, anchor: str = "start"):
    """Draw one line of text with per-character font fallback; returns its width."""
    return draw_parts(canv, x, y, runs(text, font), size, colour, anchor)


def draw_parts(canv, x: float, y: float, parts: list[tuple[str, str]], size: float, colour, anchor="start"):
    """Draw one line already split into (font, text) runs, shaped and in visual order when it
    needs it (see :mod:`.scripts`), in ``colour`` (None: the canvas's fill colour); returns its width."""
    if needs_scripts("".join(chunk for _, chunk in parts)):
        from .scripts import visual_runs  # HarfBuzz and bidi load only for such text

        parts = visual_runs(parts)
    width = fonts.string_width(parts, size)
    x -= {"start": 0.0, "middle": width / 2, "end": width}[anchor]
    if colour is not None:
        canv.setFillColor(colour)
    for run_font, chunk in parts:
        canv.setFont(run_font, size)
        canv.drawString(x, y, chunk)
        x += fonts.string_width([(run_font, chunk)], size)
    return width
