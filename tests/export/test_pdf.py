"""The PDF action plan, read back with pypdf: what it says, how it is built, and that hostile text
prints as typed. pypdf's spacing is lossy, so text is compared with white space normalised."""

from __future__ import annotations

import io
import re
import subprocess
import sys
import time
from dataclasses import replace
from datetime import date

import pytest
from pypdf import PdfReader

from maturity_workshop.domain import ActionDraft, ActionPriority, Rating, open_actions_by_due_date
from maturity_workshop.export import render_action_plan

from . import plans
from .pdf_text import contains, pages, squash
from .plans import EXPORTED_ON


def render(model, state, exported_on: date = EXPORTED_ON) -> bytes:
    return render_action_plan(model, state, exported_on)


@pytest.fixture
def realistic_pdf(model) -> bytes:
    return render(model, plans.realistic(model))


# -- content ------------------------------------------------------------------------------------
def test_the_plan_names_the_workshop_every_practice_note_and_action(model, realistic_pdf):
    text = "\n".join(pages(realistic_pdf))
    for expected in (
        "Payments Platform",
        "Autumn maturity review",
        "Wednesday 14 October 2026",
        "Grace Hopper",
        "9 participants",
        model.name,
        f"version {model.version}",
    ):
        assert contains(text, expected), expected
    for practice in model.practices:
        assert contains(text, practice.name), practice.name
    for note in plans.NOTES.values():
        assert contains(text, note), note
    for _, title, owner, *_ in plans.ACTIONS:
        assert contains(text, title), title
        if owner:
            assert contains(text, owner), owner


def test_the_matrix_marks_current_and_target_cells_like_the_window(model, realistic_pdf):
    first = pages(realistic_pdf)[0]
    # one caption per rated practice, plus the legend's
    assert first.count("WE ARE HERE") == len(plans.RATINGS) + 1
    assert first.count("TARGET") == len(plans.RATINGS) + 1
    for cell in model.cells:  # the seed's words are all on the matrix page
        assert contains(first, cell.text), cell.id


def test_each_practice_shows_now_target_and_what_good_looks_like_next(model, realistic_pdf):
    text = "\n".join(pages(realistic_pdf)[2:])
    assert contains(text, "WE ARE HERE · 0 Repeatable")
    assert contains(text, "TARGET · 2 Quantitatively managed")
    # configuration management: 0 -> 2, so both cells above the current one are listed
    for level in (1, 2):
        assert contains(text, model.cell("configuration-management", level).text)
    assert contains(text, "On 1 Consistent · where the team is now")  # the cell a note is on


def test_open_actions_are_listed_by_due_date(model, realistic_pdf):
    state = plans.realistic(model)
    table_page = next(page for page in pages(realistic_pdf) if "Open actions, by due date" in page)
    section = squash(table_page.split("Practice by practice")[0])
    positions = [section.find(squash(action.title)) for action in open_actions_by_due_date(state.actions)]
    assert -1 not in positions
    assert positions == sorted(positions)
    assert "Trackflakytestsweekly" not in section  # done
    assert contains(table_page, "10 Oct 2026 · overdue")


def test_every_page_is_numbered_and_dated(realistic_pdf):
    texts = pages(realistic_pdf)
    assert len(texts) >= 3
    for number, text in enumerate(texts, start=1):
        assert contains(text, f"Page {number} of {len(texts)}")
        assert contains(text, "Exported on 15 October 2026")


def test_metadata(model):
    reader = PdfReader(io.BytesIO(render(model, plans.realistic(model))))
    meta = reader.metadata
    assert "Payments Platform" in meta.title and "Autumn maturity review" in meta.title
    assert meta.author == "Grace Hopper"
    assert model.name in meta.subject
    assert meta.creator == "Maturity Workshop"
    assert meta.creation_date.date() == EXPORTED_ON
    anonymous = PdfReader(io.BytesIO(render(model, plans.empty(model))))
    assert anonymous.metadata.author == "Maturity Workshop"


def test_an_empty_workshop_exports_a_sensible_plan(model):
    texts = pages(render(model, plans.empty(model)))
    text = "\n".join(texts)
    assert "WE ARE HERE" in texts[0]  # the legend only
    assert texts[0].count("WE ARE HERE") == 1
    assert contains(text, "Not rated yet")
    assert contains(text, "No actions yet")
    for practice in model.practices:
        assert contains(text, practice.name)
    assert "participants" not in texts[0] and "facilitated" not in texts[0]


def test_a_workshop_of_the_service_exports(service, workshop, model):
    service.save_rating(workshop.id, Rating("testing", 0, 2))
    service.save_note(workshop.id, "testing.repeatable", "Only unit tests run in CI.")
    service.add_action(
        workshop.id,
        ActionDraft(
            "testing",
            "Automate the smoke tests",
            owner="Ada",
            due_on=date(2026, 4, 1),
            priority=ActionPriority.HIGH,
        ),
    )
    text = "\n".join(pages(render(model, service.load(workshop.id))))
    for expected in (
        "Platform team",
        "Spring review",
        "Only unit tests run in CI.",
        "Automate the smoke tests",
        "1 Apr 2026",
    ):
        assert contains(text, expected), expected


# -- hostile text -------------------------------------------------------------------------------
HOSTILE = ["<b>", "&amp;", "<font name=x>", "<para>", "a < b", "R & D", "</para>", "&lt;", "<br/>", "&#65;"]


@pytest.mark.parametrize("hostile", HOSTILE)
def test_markup_typed_by_the_user_prints_literally(model, hostile):
    state = plans.realistic(model)
    state.workshop = plans.workshop(
        model, team_name=f"Team {hostile}", title=f"Title {hostile}", facilitator=f"Facilitator {hostile}"
    )
    state.notes["testing.optimising"] = f"Note {hostile} end"
    state.actions.append(
        replace(state.actions[0], id=50, title=f"Action {hostile}", owner=f"Owner {hostile}")
    )
    data = render(model, state)
    text = "\n".join(pages(data))
    for expected in (
        f"Team {hostile}",
        f"Title {hostile}",
        f"Facilitator {hostile}",
        f"Note {hostile} end",
        f"Action {hostile}",
        f"Owner {hostile}",
    ):
        assert contains(text, expected), expected
    assert PdfReader(io.BytesIO(data)).metadata.author == f"Facilitator {hostile}"


def test_greek_cyrillic_and_cjk_come_back_exactly(model):
    samples = {
        "build-ci.optimising": "Ελληνικά γράμματα: ΑΒΓΔ αβγδ",
        "testing.optimising": "Кириллица работает: Ёжик",
        "data-management.optimising": "中文测试：持续交付成熟度",
        "release-compliance.optimising": "日本語のテキスト、カタカナ",
        "configuration-management.optimising": "한국어 텍스트 점검",
    }
    state = plans.realistic(model)
    state.notes.update(samples)
    state.actions.append(replace(state.actions[0], id=60, title="行动：修复构建", owner="Дмитрий"))
    text = squash("\n".join(pages(render(model, state))))
    for sample in [*samples.values(), "行动：修复构建", "Дмитрий"]:
        assert squash(sample) in text, sample


def test_emoji_print_from_the_symbol_font_and_joiners_vanish(model):
    state = plans.with_note(model, "testing.optimising", "Ship it 🚀 👍🏽 ❤️ 👨‍👩‍👧 done")
    data = render(model, state)
    text = "\n".join(pages(data))
    assert contains(text, "Ship it 🚀 👍 ❤ 👨👩👧 done")
    for invisible in ("\ufe0f", "\u200d", "\U0001f3fd"):
        assert invisible not in text
    assert b"Symbola" in data


def test_a_character_no_font_has_prints_as_the_replacement_character(model):
    state = plans.with_note(model, "testing.optimising", "private \ue000 and new \U0001fae8 emoji")
    text = "\n".join(pages(render(model, state)))
    assert contains(text, "private \ufffd and new \ufffd emoji")


def test_control_characters_and_lone_surrogates_do_not_break_the_export(model):
    nasty = "before\x00\x01\x08\x0e\x1f\x7f\x85mid\ud800dle\x0bnext\x0cline\tafter\r\nend"
    state = plans.with_note(model, "testing.optimising", nasty)
    state.workshop = plans.workshop(model, title="Title\x00\x07 with\ud83d controls")
    state.actions.append(replace(state.actions[0], id=70, title="Act\x1b[31m now\x00", owner="O\x01wner"))
    data = render(model, state)
    text = "\n".join(pages(data))
    assert contains(text, "before")
    assert contains(text, "mid\ufffddle")
    assert contains(text, "line after")
    assert contains(text, "Title with\ufffd controls")
    assert contains(text, "Act[31m now")
    assert "\x00" not in text and "\x1b" not in text


def test_a_10000_character_note_wraps_across_pages(model):
    words = " ".join(f"w{i:04d}" for i in range(1000))  # 5,999 characters
    unbroken = "x" * 3000
    note = f"{words} {unbroken} {words}"[:10_000]
    assert len(note) == 10_000
    baseline = len(pages(render(model, plans.realistic(model))))
    texts = pages(render(model, plans.with_note(model, "build-ci.optimising", note)))
    assert len(texts) > baseline
    on_pages = [i for i, page in enumerate(texts) if re.search(r"w0\d{3}", page)]
    assert len(set(on_pages)) >= 2  # the note itself spans pages
    every_word = squash("".join(texts))
    for i in range(1000):
        assert f"w{i:04d}" in every_word
    assert sum(len(run) for run in re.findall(r"x{10,}", every_word)) == 3000  # the long word, broken, whole



def test_a_100000_character_note_prints_every_word_in_order(model):
    words = [f"q{i}z" for i in range(13_000)]  # 92,889 characters
    note = " ".join(words).ljust(100_000, ".")  # the longest note allowed
    steps: list[tuple[int, int]] = []
    texts = pages(render_action_plan(model, plans.with_note(model, "testing.consistent", note), EXPORTED_ON,
                                     lambda done, total: steps.append((done, total))))  # fmt: skip
    assert re.findall(r"q\d+z", "".join(texts)) == words, "every word, once, in order"
    note_pages = sum(1 for page in texts if re.search(r"q\d+z", page))
    assert note_pages >= 20 and len(steps) > note_pages, "a step at least for each page, to cancel between"


# -- the file itself ----------------------------------------------------------------------------
def _font_dicts(data: bytes):
    reader = PdfReader(io.BytesIO(data))
    seen = {}
    for page in reader.pages:
        for ref in page["/Resources"]["/Font"].values():
            font = ref.get_object()
            seen[font["/BaseFont"]] = font
    return seen


def test_every_font_is_an_embedded_truetype_subset(model):
    state = plans.with_note(model, "testing.optimising", "中文 한국어 🚀 Ελληνικά")
    fonts = _font_dicts(render(model, state))
    assert {name.split("+")[1] for name in fonts} >= {"DejaVuSans", "DejaVuSans-Bold", "Symbola"}
    for name, font in fonts.items():
        assert font["/Subtype"] == "/TrueType", name
        descriptor = font["/FontDescriptor"].get_object()
        assert "/FontFile2" in descriptor, name
        assert "/ToUnicode" in font, name


def test_the_same_inputs_give_the_same_bytes(model):
    state = plans.realistic(model)
    first = render(model, state)
    assert render(model, state) == first
    assert render(model, state, date(2026, 10, 16)) != first


def test_the_same_bytes_in_another_process(model):
    other = plans.render_in_another_process("sys.stdout.buffer.write(pdf)\n")
    assert other == render(model, plans.realistic(model))


def test_the_export_needs_no_qt_database_or_services():
    script = (
        "import sys, maturity_workshop.export.pdf\n"
        "bad = sorted(m for m in sys.modules if m.split('.')[0] in ('PySide6', 'sqlmodel', 'sqlalchemy')\n"
        "             or m.startswith(('maturity_workshop.ui', 'maturity_workshop.store', "
        "'maturity_workshop.services')))\n"
        "print(','.join(bad))\n"
    )
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True)
    assert result.stdout.strip() == ""


def test_a_realistic_plan_renders_quickly(model):
    state = plans.realistic(model)
    render(model, state)  # fonts loaded once per process
    started = time.perf_counter()
    render(model, state)
    assert time.perf_counter() - started < 3.0


def _page_layout(data: bytes) -> list[dict[str, float]]:
    """Per page: the top of each word (the first time it appears), as a share of the page's height,
    and under "_end" how far down its last line of text (the footer aside) ends."""
    html = subprocess.run(["pdftotext", "-bbox", "-", "-"], input=data, capture_output=True, check=True).stdout
    layout = []
    for page in html.decode().split("<page ")[1:]:
        height = float(re.search(r'height="([\d.]+)"', page).group(1))
        words = re.findall(r'yMin="([\d.]+)" xMax="[\d.]+" yMax="([\d.]+)">([^<]*)</word>', page)
        tops: dict[str, float] = {}
        for top, _, word in words:
            tops.setdefault(word, float(top) / height)
        tops["_end"] = max((float(y) for _, y, _ in words if float(y) < height - 42), default=0) / height
        layout.append(tops)
    return layout


@pytest.mark.parametrize("length", [3_000, 20_000])
@pytest.mark.parametrize("cell", ["release-compliance.optimising", "data-management.optimising"])
def test_a_long_note_starts_where_the_page_has_got_to(model, length, cell):
    """A note too long for the rest of the page starts there and goes on over the page: it never
    moves whole to the next one, leaving most of a page blank before it."""
    note = " ".join(f"n{i:05d}" for i in range(length // 7 + 1))[:length]
    layout = _page_layout(render(model, plans.with_note(model, cell, note)))
    first = next(i for i, words in enumerate(layout) if "n00000" in words)
    at_top = layout[first]["n00000"] - min(layout[first].values()) < 0.08  # only its label above it
    if at_top:
        assert layout[first - 1]["_end"] > 0.75, f"the page before it is {layout[first - 1]['_end']:.0%} full"
    pages_with_it = [i for i, words in enumerate(layout) if any(w.startswith("n0") for w in words)]
    assert len(pages_with_it) <= length // 2500 + 1  # and it fills the pages it is on
