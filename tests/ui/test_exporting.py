"""File ▸ Export action plan from the window: on a worker thread, with progress and Cancel."""

from __future__ import annotations

import threading
import unicodedata
from dataclasses import replace

import pytest
from pypdf import PdfReader
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QWidget

from maturity_workshop.services import exports
from maturity_workshop.ui.workshops.exporting import NAME_BYTES, suggested_name

from .helpers import click_cell, rating_in_db

PDF = "PDF action plan (*.pdf)"


def status(window) -> str:
    return window.statusBar().currentMessage()


def exported(window) -> bool:
    return "Exported to" in status(window)


class HeldRenderer:
    """The real renderer, held at its start until the test lets it go: meanwhile it reports a step
    every 10 ms, as a long export does, so a cancel is heard at once. Held at most 5 s, then it
    fails, so a window that waits for it on the ui thread fails the test instead of hanging it."""

    def __init__(self, real) -> None:
        self.real = real
        self.started, self.release, self.ended = threading.Event(), threading.Event(), threading.Event()
        self.outcome = ""

    def __call__(self, model, state, fmt, exported_on, progress=None, history=None, *more):
        self.started.set()
        try:
            for _ in range(500):
                if self.release.wait(0.01):
                    content = self.real(model, state, fmt, exported_on, progress, history, *more)
                    self.outcome = "rendered"
                    return content
                progress(0, 1)
            raise RuntimeError("the export was held for 5 s: the window never let it go")
        except BaseException as error:
            self.outcome = type(error).__name__
            raise
        finally:
            self.ended.set()


@pytest.fixture
def held(monkeypatch):
    renderer = HeldRenderer(exports.render)
    monkeypatch.setattr(exports, "render", renderer)
    yield renderer
    renderer.release.set()


@pytest.fixture
def out(tmp_path):
    folder = tmp_path / "out"
    folder.mkdir()
    return folder


def progress_widget(window):
    return window.statusBar().findChild(QWidget, "exportProgress")


def test_ctrl_e_exports_the_pdf_with_the_note_being_typed(qtbot, window, out, prompts):
    prompts.file_next(str(out / "plan.pdf"), PDF)
    window.grid.setCurrentIndex(window.grid_model.index_of("testing", 1))
    window.notes.focus_editor()
    qtbot.keyClicks(window.notes.editor, "Typed just before exporting")
    window.commands.export_plan.trigger()
    assert prompts.save_file_started_at.endswith("Platform team - Spring review - 2026-03-12 - action plan.pdf")
    qtbot.waitUntil(lambda: exported(window))
    text = " ".join(page.extract_text() for page in PdfReader(out / "plan.pdf").pages)
    assert "Platform team" in text
    assert "Typed just before exporting" in " ".join(text.split())
    assert [p.name for p in out.iterdir()] == ["plan.pdf"]
    qtbot.waitUntil(lambda: progress_widget(window) is None)


def test_the_pdf_shows_the_progress_since_the_previous_workshop(qtbot, window, out, prompts, service, workshop):
    from datetime import date

    from maturity_workshop.domain import Rating, WorkshopDraft

    later = service.start_workshop(WorkshopDraft("Platform team", "Autumn review", date(2026, 9, 30)))
    service.save_rating(workshop.id, Rating("testing", 0, 1))  # set after the later one started from it
    service.save_rating(later.id, Rating("testing", 1, 2))
    window.show_workshop(later.id)
    prompts.file_next(str(out / "plan.pdf"), PDF)
    window.commands.export_plan.trigger()
    qtbot.waitUntil(lambda: exported(window))
    text = " ".join(" ".join(page.extract_text() for page in PdfReader(out / "plan.pdf").pages).split())
    assert "Since last time: “Spring review”" in text
    assert "▲ +1" in text and "Targets reached since last time: Testing (1)." in text


def test_the_json_carries_the_rooms_rounds_of_votes(qtbot, window, out, prompts, service, workshop, db_path):
    import json

    from maturity_workshop.services.voting import VotingService
    from maturity_workshop.store.votes import VoteWriter

    voting = VotingService(service)
    opened = voting.open_round(workshop.id, "testing")
    writer = VoteWriter(db_path)
    writer.start()
    try:
        for phone, level in (("a" * 22, 1), ("b" * 22, 2), ("c" * 22, 1)):
            writer.submit(opened.id, phone, level).result(timeout=10)
    finally:
        writer.close()
    voting.reveal(opened.id)
    prompts.file_next(str(out / "plan.json"), "JSON, for other tools (*.json)")
    window.commands.export_plan.trigger()
    qtbot.waitUntil(lambda: exported(window))
    [round_] = json.loads((out / "plan.json").read_text(encoding="utf-8"))["voting_rounds"]
    assert (round_["practice_id"], round_["vote_count"], round_["median"], round_["state"]) == ("testing", 3, 1, "revealed")


def test_the_chosen_filter_decides_the_format_and_the_extension(qtbot, window, out, prompts):
    prompts.file_next(str(out / "plan"), "CSV, one row per practice (*.csv)")
    window.commands.export_plan.trigger()
    qtbot.waitUntil(lambda: exported(window))
    assert (out / "plan.csv").read_bytes().startswith(b"\xef\xbb\xbfpractice_id,")


def test_an_unwritable_place_is_a_clear_message(qtbot, window, tmp_path, prompts, warnings_shown):
    prompts.file_next(str(tmp_path / "missing" / "plan.pdf"), PDF)
    window.commands.export_plan.trigger()
    assert warnings_shown and "does not exist" in warnings_shown[-1]
    assert progress_widget(window) is None and window.workshops.export_job is None
    assert "NOT saved" not in window.saved_label.text(), "a failed export loses no change"


def test_a_named_pipe_is_refused_before_any_work(qtbot, window, out, prompts, warnings_shown):
    import os

    os.mkfifo(out / "plan.pdf")
    prompts.file_next(str(out / "plan.pdf"), PDF)
    window.commands.export_plan.trigger()
    assert warnings_shown and "named pipe" in warnings_shown[-1]
    assert window.workshops.export_job is None


def test_cancelling_the_dialog_writes_nothing(qtbot, window, tmp_path, prompts):
    prompts.file_next("", "")
    before = sorted(tmp_path.iterdir())
    window.commands.export_plan.trigger()
    assert sorted(tmp_path.iterdir()) == before
    assert "Exported" not in status(window) and window.workshops.export_job is None


def test_the_grid_stays_usable_while_an_export_runs(qtbot, window, out, prompts, held, db_path, workshop):
    prompts.file_next(str(out / "plan.pdf"), PDF)
    window.commands.export_plan.trigger()
    qtbot.waitUntil(held.started.is_set)
    assert progress_widget(window) is not None and progress_widget(window).isVisible()
    click_cell(qtbot, window, "testing", 2)
    assert rating_in_db(db_path, workshop.id, "testing") == (2, None), "the click was saved during the export"
    assert not exported(window) and list(out.iterdir()) == [], "nothing is said or written before the file is done"
    held.release.set()
    qtbot.waitUntil(lambda: exported(window))
    assert (out / "plan.pdf").read_bytes().startswith(b"%PDF") and [p.name for p in out.iterdir()] == ["plan.pdf"]
    qtbot.waitUntil(lambda: progress_widget(window) is None)


def test_cancel_leaves_no_file_and_the_old_one_untouched(qtbot, window, out, prompts, held):
    (out / "plan.pdf").write_bytes(b"the plan exported last week")
    prompts.file_next(str(out / "plan.pdf"), PDF)
    window.commands.export_plan.trigger()
    qtbot.waitUntil(held.started.is_set)
    qtbot.mouseClick(progress_widget(window).cancel_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: "cancelled" in status(window))
    assert (out / "plan.pdf").read_bytes() == b"the plan exported last week"
    assert [p.name for p in out.iterdir()] == ["plan.pdf"], "no temporary file left"
    assert window.workshops.export_job is None
    qtbot.waitUntil(lambda: progress_widget(window) is None)


def test_a_second_export_waits_for_the_first(qtbot, window, out, prompts, held):
    prompts.file_next(str(out / "plan.pdf"), PDF)
    window.commands.export_plan.trigger()
    qtbot.waitUntil(held.started.is_set)
    window.commands.export_plan.trigger()  # no save dialog: the script holds no second answer
    assert "already running" in status(window)
    held.release.set()
    qtbot.waitUntil(lambda: exported(window))


def test_a_folder_gone_during_the_export_is_a_clear_message(qtbot, window, out, prompts, held, warnings_shown):
    prompts.file_next(str(out / "plan.pdf"), PDF)
    window.commands.export_plan.trigger()
    qtbot.waitUntil(held.started.is_set)
    out.rmdir()  # the USB stick pulled out, say
    held.release.set()
    qtbot.waitUntil(lambda: bool(warnings_shown))
    assert "does not exist" in warnings_shown[-1] and not exported(window)
    assert window.workshops.export_job is None


def test_closing_the_window_during_an_export_cancels_it_cleanly(qtbot, window, out, prompts, held):
    prompts.file_next(str(out / "plan.pdf"), PDF)
    window.commands.export_plan.trigger()
    qtbot.waitUntil(held.started.is_set)
    assert window.close()
    assert held.ended.is_set() and held.outcome == "ExportCancelled", "the close cancelled it and waited"
    assert list(out.iterdir()) == [], "no half file, no temporary file"


def test_the_suggested_name_is_safe_for_any_file_system(service, workshop):
    state = service.load(workshop.id)
    renamed = service.rename_workshop(workshop.id, 'Q1: "rates" <b>/\\?*|')
    state.workshop = renamed
    name = suggested_name(state)
    assert not set('\\/:*?"<>|') & set(name)
    assert name.startswith("Platform team - Q1_ _rates_ _b_")


FAMILY = "👨\u200d👩\u200d👧"  # one grapheme of 5 code points, 18 bytes
LONG_NAMES = {
    "ascii": "Platform" * 25,
    "cjk": "会議の行動計画" * 28,  # 196 characters, 588 bytes
    "emoji": "🚀" * 200,
    "accents": "e\u0301" * 100,  # é written as e + a combining accent
    "families": FAMILY * 40,
}


@pytest.mark.parametrize("kind", list(LONG_NAMES))
def test_a_long_suggested_name_is_cut_in_bytes_between_whole_characters(service, workshop, kind):
    text = LONG_NAMES[kind]
    state = service.load(workshop.id)
    state.workshop = replace(state.workshop, team_name=text, title=text)
    name = suggested_name(state)
    assert len(f"{name}.json".encode()) <= NAME_BYTES + 5 <= 255
    assert name.endswith(" - 2026-03-12 - action plan"), "the date always shows"
    team, title = name.removesuffix(" - 2026-03-12 - action plan").split(" - ")
    for kept in (team, title):
        assert kept.endswith("…") and len(kept) > 10
        start = kept.removesuffix("…")
        assert text.startswith(start)
        following = text[len(start)]
        assert not unicodedata.combining(following) and following != "\u200d" and not start.endswith("\u200d")
        if kind == "families":
            assert len(start) % len(FAMILY) == 0, "an emoji sequence is kept whole"
