"""The window draws every script from the fonts bundled with the app, never a box: the test machine
has no CJK, Devanagari or emoji font of its own, as a new laptop may not."""

from __future__ import annotations

import pytest
from PySide6.QtGui import QFont, QFontDatabase, QRawFont, QTextLayout
from PySide6.QtWidgets import QApplication

from maturity_workshop.ui.app import FONT_FAMILY


def glyph_fonts(text: str) -> list[tuple[str, list[int]]]:
    """Each run of ``text`` as the window lays it out: its font's family and its glyphs."""
    layout = QTextLayout(text, QApplication.instance().font())
    layout.beginLayout()
    layout.createLine()
    layout.endLayout()
    return [(run.rawFont().familyName(), list(run.glyphIndexes())) for run in layout.glyphRuns()]


def test_the_application_font_is_the_text_face_then_the_bundled_fallbacks(qapp):
    assert qapp.font().families() == [
        FONT_FAMILY, "WenQuanYi Micro Hei", "Droid Sans Fallback", "Noto Sans Devanagari", "Symbola"
    ]


@pytest.mark.parametrize(
    ("text", "family"),
    [
        ("東京", "WenQuanYi Micro Hei"),
        ("한국어", "WenQuanYi Micro Hei"),
        ("\u3400", "Droid Sans Fallback"),  # CJK Extension A
        ("नमस्ते", "Noto Sans Devanagari"),
        ("🔒", "Symbola"),  # the read-only banner's lock
        ("مرحبا", FONT_FAMILY),
        ("שלום", FONT_FAMILY),
    ],
)
def test_each_script_is_drawn_from_a_bundled_font_never_as_a_box(qapp, text, family):
    # Asked first: Qt 6.11 crashes laying out an emoji that no font has.
    assert family in QFontDatabase.families()
    assert all(QRawFont.fromFont(QFont(family)).supportsCharacter(ord(char)) for char in text)
    runs = glyph_fonts(text)
    assert [name for name, _ in runs] == [family]
    assert all(glyph != 0 for _, glyphs in runs for glyph in glyphs)  # glyph 0 is the box
