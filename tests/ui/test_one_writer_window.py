"""A second window on the same database: told so plainly, offered read-only, and then changes nothing."""

from __future__ import annotations

import os

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QMessageBox

from maturity_workshop import diagnostics
from maturity_workshop.domain import ActionDraft, Rating
from maturity_workshop.store.lock import DatabaseLock, is_locked
from maturity_workshop.ui import app as app_module
from maturity_workshop.ui.app import READ_ONLY_BUTTON, open_service
from maturity_workshop.ui.window.main_window import MainWindow

from ..conditions import lock_file_refused
from .launching import launch_guard
from .helpers import click_cell, db_rows, note_in_db, rating_in_db


class MessageBoxAnswerer:
    """Answers the next modal message box by clicking the button with ``button`` as its text,
    once the box is shown (polled on the event loop, never by sleeping). Records the texts asked."""

    def __init__(self, button: str) -> None:
        self.button = button
        self.asked: list[str] = []
        self._tries = 0

    def arm(self) -> None:
        QTimer.singleShot(0, self._answer)

    def _answer(self) -> None:
        box = QApplication.activeModalWidget()
        if not isinstance(box, QMessageBox) or not box.isVisible():
            self._tries += 1
            if self._tries < 500:  # gives up after a few seconds: no later test gets answered
                QTimer.singleShot(10, self._answer)
            return
        self.asked.append(box.text())
        for candidate in box.buttons():
            if candidate.text().replace("&", "") == self.button:
                candidate.click()
                return
        raise AssertionError(f"no button {self.button!r} among {[b.text() for b in box.buttons()]}")


@pytest.fixture
def saved(service, workshop, db_path):
    service.save_rating(workshop.id, Rating("testing", 1, 2))
    service.save_note(workshop.id, "testing.consistent", "Said in the room")
    service.add_action(workshop.id, ActionDraft("testing", "Write the tests"))
    service.remember_last_workshop(workshop.id)
    return workshop


@pytest.fixture
def held(db_path, saved):
    """Another Maturity Workshop is the writer (a lock of its own, as another process's would be)."""
    lock = DatabaseLock.acquire(db_path, version="0.9.0")
    yield lock
    lock.release()


@pytest.fixture
def read_only_window(qtbot, db_path, held, prompts):
    prompts.confirm_next(True)
    reader = open_service(db_path, prompts)
    assert reader is not None and reader.read_only
    assert prompts.questions, "the facilitator must be asked"
    assert prompts.questions[0].yes == READ_ONLY_BUTTON
    win = MainWindow(reader, prompts)
    qtbot.addWidget(win)
    win.show_last_or_welcome()
    win.resize(1400, 900)
    win.show()
    qtbot.waitExposed(win)
    win.grid.setFocus()
    yield win
    reader.close()


def test_the_second_window_is_told_plainly_and_offered_read_only(read_only_window, held, prompts) -> None:
    question = prompts.questions[0].message
    assert "open in another Maturity Workshop" in question
    assert f"process {os.getpid()}" in question
    assert "Only one can change them at a time" in question
    assert "read-only" in question
    assert held.held, "opening read-only takes no lock"


def test_cancel_opens_nothing(qtbot, db_path, held) -> None:
    """The real question, answered by clicking its Cancel button."""
    answerer = MessageBoxAnswerer("Cancel")
    answerer.arm()
    assert open_service(db_path) is None
    assert answerer.asked and held.held


def test_the_read_only_window_shows_why_and_changes_nothing(qtbot, read_only_window, saved, db_path, warnings_shown):
    win = read_only_window
    assert win.editor.workshop_id == saved.id and win.editor.read_only
    banner = win.read_only_banner
    assert banner.isVisible()
    assert "another Maturity Workshop has them open" in banner.text()

    click_cell(qtbot, win, "testing", 3)
    win.grid.setCurrentIndex(win.grid_model.index_of("build-ci", 2))
    qtbot.keyClick(win.grid, Qt.Key.Key_T)
    qtbot.keyClick(win.grid, Qt.Key.Key_Delete)
    assert "opened read-only because another Maturity Workshop has them open" in win.statusBar().currentMessage()
    assert rating_in_db(db_path, saved.id, "testing") == (1, 2)
    assert rating_in_db(db_path, saved.id, "build-ci") is None
    assert win.grid_model.rating("testing") == Rating("testing", 1, 2)
    assert warnings_shown == [], "a refused gesture is said in the status bar, not in a dialog"

    win.grid.setCurrentIndex(win.grid_model.index_of("testing", 1))
    assert win.notes.editor.isReadOnly()
    assert win.notes.editor.toPlainText() == "Said in the room"
    assert "read-only" in win.notes.hint.text() and "closed" not in win.notes.hint.text()
    assert win.actions_panel.read_only and not win.actions_panel.add_button.isEnabled()
    for action in (win.commands.new_workshop, win.commands.rename_workshop, win.commands.close_workshop, win.commands.delete_workshop,
                   win.commands.set_current, win.commands.set_target, win.commands.clear_practice, win.commands.add_action):
        assert not action.isEnabled(), action.text()
    assert win.commands.close_workshop.text() == "&Close workshop", "the workshop itself is not closed"
    assert win.commands.export_plan.isEnabled(), "reading and exporting still work"
    assert win.commands.undo.isEnabled() is False
    assert note_in_db(db_path, saved.id, "testing.consistent") == "Said in the room"


def test_the_welcome_page_of_a_read_only_window_offers_no_new_workshop(qtbot, db_path, held, prompts):
    reader = open_service(db_path, prompts.confirm_next(True))
    try:
        win = MainWindow(reader, prompts)
        qtbot.addWidget(win)
        win.show_workshop(None)
        assert not win.start_button.isEnabled() and not win.commands.new_workshop.isEnabled()
    finally:
        reader.close()


def test_the_first_window_is_the_writer_and_takes_the_lock(qtbot, db_path, saved):
    service = open_service(db_path)
    try:
        assert not service.read_only and service.lock is not None and is_locked(db_path)
        win = MainWindow(service)
        qtbot.addWidget(win)
        assert not hasattr(win, "read_only_banner")
    finally:
        service.close()
    assert not is_locked(db_path)


def test_a_folder_that_cannot_be_written_offers_read_only(qtbot, db_path, saved, monkeypatch, prompts):
    lock_file_refused(monkeypatch)
    reader = open_service(db_path, prompts.confirm_next(True))
    try:
        assert reader.read_only
        assert f"{db_path.parent} cannot be written" in prompts.questions[0].message
        with pytest.raises(Exception, match="because the folder .* cannot be written"):
            reader.save_rating(saved.id, Rating("testing", 3))
    finally:
        reader.close()


@pytest.fixture
def restore_diagnostics():
    yield
    diagnostics.stop()


def test_run_opens_a_read_only_window_when_another_app_is_the_writer(
    qtbot, db_path, held, saved, restore_diagnostics
):
    """The launch itself: the real question, answered by clicking its button, and the window comes
    up read-only on the last workshop."""
    answerer = MessageBoxAnswerer(READ_ONLY_BUTTON.replace("&", ""))
    answerer.arm()
    seen = {}

    def ready(win) -> None:
        seen.update(
            read_only=win.service.read_only,
            banner=win.read_only_banner.isVisible(),
            workshop=win.editor.workshop_id,
        )
        win.close()

    with launch_guard():
        assert app_module.run(db_path, ready_hook=ready) == 0
    assert seen == {"read_only": True, "banner": True, "workshop": saved.id}
    assert answerer.asked and held.held
    assert db_rows(db_path, "SELECT COUNT(*) FROM workshop") == [(1,)]


def test_the_open_dialog_of_a_read_only_window_only_opens(qtbot, read_only_window, saved):
    from maturity_workshop.ui.workshops.dialogs import OpenWorkshopDialog

    dialog = OpenWorkshopDialog(read_only_window.service, saved.id, read_only_window.prompts, read_only_window)
    qtbot.addWidget(dialog)
    assert dialog.selected() is not None
    assert dialog.open_button.isEnabled()
    assert not dialog.rename_button.isEnabled()
    assert not dialog.close_button.isEnabled()
    assert not dialog.delete_button.isEnabled()
