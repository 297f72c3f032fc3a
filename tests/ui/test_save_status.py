"""The status bar tells the truth about saving: "Saving…" while a typed note can still be lost,
"All changes saved" only once it is in the database, and what undo and redo did."""

from __future__ import annotations

from PySide6.QtCore import Qt

from ..conditions import locked_by_another_program
from .helpers import click_cell, note_in_db, rating_in_db

SAVED = "All changes saved · "


def _type_a_note(qtbot, window, practice_id: str, level: int, words: str) -> None:
    window.grid.setCurrentIndex(window.grid_model.index_of(practice_id, level))
    window.notes.focus_editor()
    qtbot.keyClicks(window.notes.editor, words)


def test_saving_shows_from_the_first_key_until_the_note_is_in_the_database(qtbot, window, db_path, workshop):
    window.grid.setCurrentIndex(window.grid_model.index_of("testing", 1))
    window.notes.focus_editor()
    qtbot.keyClicks(window.notes.editor, "F")
    assert window.saved_label.text() == "Saving…"
    qtbot.keyClicks(window.notes.editor, "laky tests")
    assert note_in_db(db_path, workshop.id, "testing.consistent") is None
    assert window.saved_label.text() == "Saving…"

    window.editor.set_target("build-ci", 2)  # another change saved meanwhile: the note still waits
    assert rating_in_db(db_path, workshop.id, "build-ci") == (None, 2)
    assert window.saved_label.text() == "Saving…"

    with qtbot.waitSignal(window.editor.noteStored, timeout=2000) as stored:
        pass  # the panel hands the note on 0.4 s after the last key
    assert stored.args == ["testing.consistent", True]
    assert note_in_db(db_path, workshop.id, "testing.consistent") == "Flaky tests"
    assert window.saved_label.text().startswith(SAVED)


def test_a_note_typed_back_to_what_is_saved_stops_saving(qtbot, window):
    _type_a_note(qtbot, window, "testing", 1, "x")
    assert window.saved_label.text() == "Saving…"
    qtbot.keyClick(window.notes.editor, Qt.Key.Key_Backspace)  # the note is empty again, as saved
    window.notes.flush()
    assert window.saved_label.text() == ""


def test_a_note_that_cannot_be_saved_says_so_until_a_note_is_saved(qtbot, window, service, db_path, workshop, warnings_shown):
    click_cell(qtbot, window, "testing", 1)
    with locked_by_another_program(service):
        _type_a_note(qtbot, window, "testing", 2, "Kept in the panel")
        window.notes.flush()
    assert len(warnings_shown) == 1
    assert window.saved_label.text() == "⚠ Note NOT saved"
    window.editor.set_current("build-ci", 1)  # saved, but the note typed still is not
    assert window.saved_label.text() == "⚠ Note NOT saved"

    qtbot.keyClicks(window.notes.editor, "!")
    assert window.saved_label.text() == "Saving…"
    window.notes.flush()
    assert note_in_db(db_path, workshop.id, "testing.quantitatively-managed") == "Kept in the panel!"
    assert window.saved_label.text().startswith(SAVED)


def test_another_change_that_cannot_be_saved_leaves_saving_on_while_a_note_waits(qtbot, window, service, warnings_shown):
    _type_a_note(qtbot, window, "testing", 1, "waiting")
    with locked_by_another_program(service):
        window.editor.set_current("build-ci", 1)
    assert len(warnings_shown) == 1
    assert window.saved_label.text() == "Saving…"
    window.notes.flush()
    assert window.saved_label.text().startswith(SAVED)


def test_undo_and_redo_say_what_they_did(qtbot, window, db_path, workshop):
    click_cell(qtbot, window, "testing", 1)
    assert window.commands.undo.text() == "&Undo Set current level: Testing"
    window.commands.undo.trigger()
    assert rating_in_db(db_path, workshop.id, "testing") == (None, None)
    assert window.statusBar().currentMessage() == "Undone: Set current level: Testing"
    assert window.commands.redo.text() == "&Redo Set current level: Testing"
    window.commands.redo.trigger()
    assert rating_in_db(db_path, workshop.id, "testing") == (1, None)
    assert window.statusBar().currentMessage() == "Redone: Set current level: Testing"
    assert not window.commands.redo.isEnabled()


def test_an_undo_that_cannot_be_saved_does_not_say_undone(qtbot, window, service, db_path, workshop, warnings_shown):
    click_cell(qtbot, window, "testing", 1)
    with locked_by_another_program(service):
        window.commands.undo.trigger()
    assert len(warnings_shown) == 1
    assert window.statusBar().currentMessage() == warnings_shown[0]
    assert rating_in_db(db_path, workshop.id, "testing") == (1, None)
