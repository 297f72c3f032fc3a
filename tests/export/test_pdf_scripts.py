"""Text from every script in the PDF: right-to-left text read back in its logical order, Arabic
letters joined, Devanagari shaped, and Latin text left to reportlab alone."""

from __future__ import annotations

import re
import subprocess
import unicodedata
from dataclasses import replace

import pytest
from bidi import get_display
from reportlab.pdfbase import pdfmetrics

from maturity_workshop.export import fonts, render_action_plan, styles
from maturity_workshop.export.parts import para
from maturity_workshop.export.scripts import ScriptParagraph, base_level, shape, visual

from . import plans

ARABIC = "مرحبا بالعالم، هذه ملاحظة عربية."
HEBREW = "שלום עולם, זו הערה בעברית."
MIXED = "The build (البناء) takes 9 minutes في المتوسط today."
HINDI = "हिन्दी में नोट: क्षमता, कि, स्थिति।"


@pytest.fixture(autouse=True, scope="module")
def _fonts():
    fonts.register_fonts()


def pdftotext(data: bytes) -> str:
    """What a reader copies out of the PDF: poppler's text, in logical order, without the
    embedding marks it wraps right-to-left runs in."""
    text = subprocess.run(["pdftotext", "-", "-"], input=data, capture_output=True, check=True).stdout
    return re.sub("[\u202a-\u202e]", "", text.decode())


def squash(text: str) -> str:
    return "".join(text.split())


def test_right_to_left_text_reads_back_in_its_logical_order(model):
    state = plans.realistic(model)
    state.notes.update({"build-ci.optimising": ARABIC, "testing.optimising": HEBREW})
    state.notes["data-management.optimising"] = MIXED
    state.actions.append(replace(state.actions[0], id=80, title="تحسين البناء خطوة بخطوة", owner="דנה"))
    state.workshop = plans.workshop(model, team_name="فريق المدفوعات")
    text = squash(pdftotext(render_action_plan(model, state, plans.EXPORTED_ON)))
    # poppler moves a sentence's final stop and a comma about: the words, in order, are the test
    for sentence in (*ARABIC[:-1].split("، "), *HEBREW[:-1].split(", "), "تحسين البناء خطوة بخطوة", "דנה",
                     "فريق المدفوعات"):
        assert squash(sentence) in text, sentence
    for piece in ("The build (", "takes 9 minutes", "today."):  # poppler moves the RTL runs about
        assert squash(piece) in text, piece


def test_a_long_right_to_left_note_keeps_its_lines_in_order_across_pages(model):
    words = [f"{a}{b}{c}" for a in "אבגדה" for b in "וזחטי" for c in "כלמנס"] * 12  # 1,500 words
    state = plans.with_note(model, "testing.optimising", " ".join(words))
    page_texts = pdftotext(render_action_plan(model, state, plans.EXPORTED_ON)).split("\f")
    hebrew = set("אבגדה")
    assert sum(1 for page in page_texts if set(page) & hebrew) >= 2  # it goes on over a page break
    lines = [line.split() for page in page_texts for line in page.splitlines() if set(line) & hebrew]
    assert [word for line in lines for word in line] == words  # lines top to bottom, each right to left


def test_each_line_is_put_in_the_same_visual_order_as_python_bidi_puts_it():
    for line in ("abc שלום def", "שלום 12-34 abc!", MIXED.replace("(", "").replace(")", ""), ARABIC):
        units = [(None, char) for char in line]
        assert "".join(c for _, c in visual(units, base_level(line))) == get_display(line), line
    flipped = "".join(c for _, c in visual([(None, c) for c in "עדכון (pipeline)"], 1))
    assert flipped == "(pipeline) ןוכדע"  # the brackets mirrored: they still open towards the word


def test_a_right_to_left_paragraph_is_set_flush_right_and_a_latin_one_is_not():
    assert isinstance(para(HEBREW, styles.NOTE_BODY), ScriptParagraph)
    assert para(HEBREW, styles.NOTE_BODY).style.alignment == 2  # TA_RIGHT
    assert para(HINDI, styles.NOTE_BODY).style.alignment == 0
    assert type(para("Plain Latin, accents: é ü ø", styles.NOTE_BODY)).__name__ == "Paragraph"


def test_arabic_letters_are_joined():
    face = pdfmetrics.getFont(fonts.SANS).face
    shaped = shape("سلام", fonts.SANS)
    forms = [unicodedata.name(char) for char in shaped]  # in logical order, as the letters are typed
    assert forms == [
        "ARABIC LETTER SEEN INITIAL FORM",
        "ARABIC LIGATURE LAM WITH ALEF FINAL FORM",
        "ARABIC LETTER MEEM",  # not joined to the lam-alef before it: the letter itself
    ]
    isolated = {face.charToGlyph[ord(char)] for char in "سلام"}
    assert face.charToGlyph[ord(shaped[0])] not in isolated  # the seen drawn joined to the next letter
    paragraph = para("مرحبا", styles.BODY_TEXT)
    assert "".join(frag.text for frag in paragraph.frags) == shape("مرحبا", fonts.SANS)


def test_devanagari_prints_shaped_from_its_own_font(model):
    face = pdfmetrics.getFont(fonts.DEVANAGARI).face
    ki = shape("कि", fonts.DEVANAGARI)  # the vowel sign i is drawn before the consonant it follows
    assert len(ki) == 2 and face.charToGlyph[ord(ki[1])] == face.charToGlyph[ord("क")]
    assert face.charToGlyph[ord(ki[0])] != face.charToGlyph[ord("क")]
    ksha = shape("क्ष", fonts.DEVANAGARI)  # ka + virama + ssa: one conjunct glyph
    assert len(ksha) == 1 and face.charToGlyph[ord(ksha)] not in {face.charToGlyph[ord(c)] for c in "क्ष"}
    state = plans.with_note(model, "release-compliance.optimising", HINDI)
    data = render_action_plan(model, state, plans.EXPORTED_ON)
    text = pdftotext(data)
    assert "\ufffd" not in text
    assert squash(HINDI) in squash(text)  # copied back as typed: the glyphs give back their letters
    assert b"NotoSansDevanagari" in data


def test_latin_text_is_neither_shaped_nor_reordered():
    """(reportlab itself imports uharfbuzz when it is installed, but shapes nothing unless asked.)"""
    loaded = plans.render_in_another_process(
        "print(sorted(m for m in sys.modules if m.startswith(('bidi', 'maturity_workshop.export.scripts'))))\n"
    )
    assert loaded.decode().strip() == "[]"
