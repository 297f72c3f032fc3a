"""The PDF's text helpers: cleaning, per-character font fallback and escaping; and the PDF's colours
against the window's."""

from __future__ import annotations

import subprocess
import sys

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus import Paragraph

from maturity_workshop.export import fonts, styles
from maturity_workshop.export.text import (
    REPLACEMENT,
    clean,
    markup,
    one_line,
    runs,
    truncate_runs,
    wrap_lines,
)


@pytest.fixture(autouse=True, scope="module")
def _fonts():
    fonts.register_fonts()


def test_clean_keeps_line_breaks_and_drops_what_cannot_print():
    assert clean("a\r\nb\rc\x0bd\x0ce\u2028f") == "a\nb\nc\nd\ne\nf"
    assert clean("tab\there") == "tab here"
    assert clean("x\x00\x01\x08\x0e\x1f\x7f\x9fy") == "xy"
    assert clean("zero\u200bwidth\u200djoin\ufeffbom\u00adshy") == "zerowidthjoinbomshy"
    assert clean("❤\ufe0f 👍\U0001f3fd") == "❤ 👍"
    assert clean("lone \ud800 surrogate") == f"lone {REPLACEMENT} surrogate"
    assert clean("pair \ud83d\ude80") == "pair 🚀"  # a pair stored as two code points is joined
    assert clean("e\u0301") == "é"  # NFC


def test_markup_escapes_before_adding_font_tags():
    assert markup("<b>&amp;</b> & <") == "&lt;b&gt;&amp;amp;&lt;/b&gt; &amp; &lt;"
    assert markup("a\nb") == "a<br/>b"
    assert markup("a\nb", keep_lines=False) == "a b"
    assert markup("<中>") == f'&lt;<font name="{fonts.CJK}">中</font>&gt;'


@pytest.mark.parametrize(
    ("char", "font"),
    [
        ("A", fonts.SANS),
        ("Ж", fonts.SANS),
        ("λ", fonts.SANS),
        ("●", fonts.SANS),
        ("中", fonts.CJK),
        ("ア", fonts.CJK),
        ("한", fonts.CJK),
        ("\u3400", fonts.CJK_EXTRA),  # CJK Extension A: Droid Sans Fallback only
        ("🚀", fonts.SYMBOLS),
        ("✅", fonts.SYMBOLS),
    ],
)
def test_each_character_gets_a_font_that_has_it(char, font):
    assert runs(char, fonts.SANS) == [(font, char)]


def test_bold_text_falls_back_to_the_regular_face_before_the_other_fonts():
    assert fonts.fallback_chain(fonts.BOLD)[:2] == (fonts.BOLD, fonts.SANS)


def test_a_character_no_font_has_becomes_the_replacement_character():
    assert runs("a\ue000b", fonts.SANS) == [(fonts.SANS, f"a{REPLACEMENT}b")]
    assert ord(REPLACEMENT) in fonts.coverage(fonts.SANS)


def test_spaces_stay_in_the_run_they_follow():
    assert runs("中 文 a", fonts.SANS) == [(fonts.CJK, "中 文 "), (fonts.SANS, "a")]


def test_one_line_truncate_and_wrap():
    assert one_line("  a \n\t b  ") == "a b"
    short = truncate_runs("short", fonts.SANS, 8, 500)
    assert short == [(fonts.SANS, "short")]
    cut = "".join(chunk for _, chunk in truncate_runs("word " * 100, fonts.SANS, 8, 100))
    assert cut.endswith("…") and len(cut) < 40
    lines = wrap_lines("Release management & compliance", fonts.BOLD, 8, 110)
    assert lines == ["Release management &", "compliance"]
    long_word = wrap_lines("x" * 200, fonts.SANS, 8, 60, max_lines=3)
    assert len(long_word) == 3 and long_word[-1].endswith("…")


_STYLE = ParagraphStyle("t", fontName=fonts.SANS)
_TYPED = st.one_of(
    st.text(),
    st.text(alphabet=st.characters(exclude_categories=())),  # surrogates and controls too
    st.text(alphabet="<>&;#/=\"' abfontnamepr\n\t\x00\x0c\ud800中한🚀\ufe0f\u200d"),  # markup-ish
)


@settings(max_examples=400, deadline=None)
@given(_TYPED)
def test_any_text_parses_as_a_paragraph_and_prints_as_typed(text):
    """Whatever is typed, reportlab's parser accepts the markup and the paragraph's text is the
    cleaned text (white space collapsed, line breaks apart, unknown characters replaced)."""
    paragraph = Paragraph(markup(text), _STYLE)
    printed = "".join(getattr(frag, "text", "") for frag in paragraph.frags)
    expected = "".join(chunk for line in clean(text).split("\n") for _, chunk in runs(line, fonts.SANS))
    assert " ".join(printed.split()) == " ".join(expected.split())


def test_the_cell_colours_and_captions_are_the_windows():
    theme = pytest.importorskip("maturity_workshop.ui.grid.theme")
    from maturity_workshop.domain.cells import CellState
    from maturity_workshop.export.matrix import BACKGROUND, TEXT

    def same(colour, qcolor) -> bool:
        return colour.hexval()[2:].lower() == qcolor.name()[1:].lower()

    for state in CellState:  # one enum: the window and the PDF draw the same states
        assert same(BACKGROUND[state], theme.BACKGROUND[state]), state
        assert same(TEXT[state], theme.TEXT[state]), state
    for name in ("GRID_LINE", "TARGET", "TARGET_TEXT", "NOTE_MARK"):
        assert same(getattr(styles, name), getattr(theme, name)), name
    for name in ("CURRENT_CAPTION", "TARGET_CAPTION", "BEHIND_CAPTION", "NOTE_CAPTION"):
        assert getattr(styles, name) == getattr(theme, name), name


def test_the_data_exports_do_not_load_reportlab():
    script = (
        "import sys, maturity_workshop.export.data\n"
        "print(any(m.startswith('reportlab') for m in sys.modules))"
    )
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True)
    assert result.stdout.strip() == "False"
