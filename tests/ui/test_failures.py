"""When a save fails: nothing typed is thrown away, the history stays true, the window stays whole."""

from __future__ import annotations

from PySide6.QtCore import Qt

from ..conditions import locked_by_another_program
from .helpers import click_cell, note_in_db, rating_in_db

BUSY = "The change was not saved: the database is busy in another program. Try again."


def test_a_note_that_fails_to_save_stays_in_the_editor(qtbot, window, service, db_path, workshop, warnings_shown):
    window.grid.setCurrentIndex(window.grid_model.index_of("testing", 1))
    window.notes.focus_editor()
    with locked_by_another_program(service):
        qtbot.keyClicks(window.notes.editor, "Important words")
        window.notes.flush()
        assert warnings_shown == [BUSY]
        assert window.notes.editor.toPlainText() == "Important words"
        assert not window.notes.editor.isReadOnly()
        assert "NOT saved" in window.saved_label.text()
    qtbot.keyClicks(window.notes.editor, "!")  # the database is back: the next key saves it all
    window.notes.flush()
    assert note_in_db(db_path, workshop.id, "testing.consistent") == "Important words!"
    assert window.editor.undo_stack.count() == 1


def test_a_failed_save_is_not_merged_into_the_notes_undo_step(qtbot, window, service, db_path, workshop, warnings_shown):
    window.editor.set_note("testing.consistent", "ab")
    with locked_by_another_program(service):
        window.editor.set_note("testing.consistent", "ab UNSAVED")
    window.editor.undo_stack.undo()
    window.editor.undo_stack.redo()
    assert note_in_db(db_path, workshop.id, "testing.consistent") == "ab"


def test_a_failed_undo_clears_the_history_instead_of_skipping_a_step(qtbot, window, service, db_path, workshop, warnings_shown):
    click_cell(qtbot, window, "testing", 1)
    click_cell(qtbot, window, "build-ci", 2)
    with locked_by_another_program(service):
        window.editor.undo_stack.undo()
    qtbot.waitUntil(lambda: window.editor.undo_stack.count() == 0)
    assert rating_in_db(db_path, workshop.id, "build-ci") == (2, None)
    assert rating_in_db(db_path, workshop.id, "testing") == (1, None)
    window.editor.undo_stack.undo()  # nothing left to undo: the other change stays
    assert rating_in_db(db_path, workshop.id, "testing") == (1, None)
    assert window.grid_model.rating("build-ci").current == 2


def test_a_failed_click_is_not_recorded(qtbot, window, service, db_path, workshop, warnings_shown):
    with locked_by_another_program(service):
        click_cell(qtbot, window, "testing", 2)
    assert warnings_shown == [BUSY]
    assert window.editor.undo_stack.count() == 0
    assert window.grid_model.rating("testing").current is None
    assert rating_in_db(db_path, workshop.id, "testing") is None


def test_switching_workshops_survives_a_busy_database(qtbot, window, service, workshop, warnings_shown):
    from datetime import date

    from maturity_workshop.domain import WorkshopDraft

    other = service.start_workshop(WorkshopDraft("Mobile team", "Kick-off", date(2026, 1, 5)))
    with locked_by_another_program(service):
        window.show_workshop(other.id)
    assert window.editor.workshop_id == other.id
    assert "Mobile team" in window.heading.text()


def test_renaming_keeps_the_undo_history_and_the_focused_cell(qtbot, window, db_path, workshop, prompts):
    click_cell(qtbot, window, "testing", 1)
    focus = window.grid_model.index_of("build-ci", 2)
    window.grid.setCurrentIndex(focus)
    prompts.text_next("Renamed")
    window.workshops.rename_workshop()
    assert "Renamed" in window.heading.text()
    assert window.grid.currentIndex() == focus
    assert window.editor.undo_stack.count() == 1
    window.commands.undo.trigger()
    assert rating_in_db(db_path, workshop.id, "testing") == (None, None)


def test_closing_the_window_with_an_unsaved_note_asks_first(qtbot, window, service, prompts, warnings_shown):
    window.grid.setCurrentIndex(window.grid_model.index_of("testing", 1))
    window.notes.focus_editor()
    qtbot.keyClicks(window.notes.editor, "not saved yet")
    prompts.confirm_next(False)
    with locked_by_another_program(service):  # the note, not saved yet, cannot be saved on closing
        assert window.close() is False
    assert window.isVisible()
    assert prompts.questions and "could not be saved" in prompts.questions[0].message


def test_n_shows_a_hidden_note_panel(qtbot, window):
    window.commands.show_notes.trigger()
    assert not window.notes.isVisible()
    window.grid.setFocus()
    qtbot.keyClick(window.grid, Qt.Key.Key_N)
    assert window.notes.isVisible()
    qtbot.waitUntil(lambda: window.notes.editor.hasFocus())
