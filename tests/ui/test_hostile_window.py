"""The window under a full disk, a database locked by another program, a file that cannot be written:
a clear message, the window stays up and whole, what was typed stays, nothing saved is lost, and
editing works again once the condition clears."""

from __future__ import annotations

import pytest
from PySide6.QtGui import QTextCursor

from ..conditions import BIG_NOTE, CONDITIONS
from .helpers import click_cell, db_rows, note_in_db, rating_in_db


@pytest.fixture(autouse=True)
def _never_hang_on_close(prompts):
    """A test failing while a note is unsaved closes its window without asking."""
    prompts.always_confirm = True


@pytest.mark.parametrize("condition", CONDITIONS)
def test_the_window_survives_and_recovers(qtbot, window, service, db_path, workshop, warnings_shown, condition):
    make, words = CONDITIONS[condition]
    click_cell(qtbot, window, "testing", 1)
    window.editor.set_note("build-ci.repeatable", "Kept safe")
    assert rating_in_db(db_path, workshop.id, "testing") == (1, None)

    window.grid.setCurrentIndex(window.grid_model.index_of("testing", 2))
    with make(service):
        window.notes.editor.setPlainText(BIG_NOTE)
        window.notes.flush()
        assert len(warnings_shown) == 1 and words in warnings_shown[0]
        assert warnings_shown[0].startswith("The change was not saved")
        assert "NOT saved" in window.saved_label.text()
        assert window.notes.editor.toPlainText() == BIG_NOTE, "what was typed is kept, to try again"
        assert not window.notes.editor.isReadOnly()
        assert window.isVisible() and window.editor.workshop_id == workshop.id
        assert window.grid_model.note("testing.quantitatively-managed") == ""

    # Nothing saved before was lost, and nothing half-saved appeared.
    assert db_rows(db_path, "PRAGMA integrity_check") == [("ok",)]
    assert rating_in_db(db_path, workshop.id, "testing") == (1, None)
    assert note_in_db(db_path, workshop.id, "build-ci.repeatable") == "Kept safe"
    assert note_in_db(db_path, workshop.id, "testing.quantitatively-managed") is None

    # The condition cleared: the next key saves the note, and clicks save again.
    window.notes.editor.moveCursor(QTextCursor.MoveOperation.End)
    qtbot.keyClicks(window.notes.editor, "!")
    window.notes.flush()
    assert note_in_db(db_path, workshop.id, "testing.quantitatively-managed") == BIG_NOTE + "!"
    click_cell(qtbot, window, "build-ci", 2)
    assert rating_in_db(db_path, workshop.id, "build-ci") == (2, None)
    assert "All changes saved" in window.saved_label.text()
    assert len(warnings_shown) == 1


@pytest.mark.parametrize("condition", ["locked by another program", "read-only file"])
def test_a_refused_click_leaves_the_grid_on_what_is_saved(qtbot, window, service, db_path, workshop, warnings_shown, condition):
    make, words = CONDITIONS[condition]
    click_cell(qtbot, window, "testing", 1)
    with make(service):
        click_cell(qtbot, window, "testing", 3)
        assert len(warnings_shown) == 1 and words in warnings_shown[0]
        assert window.grid_model.rating("testing").current == 1
        assert window.editor.undo_stack.count() == 1, "the refused click is not in the history"
    assert rating_in_db(db_path, workshop.id, "testing") == (1, None)
    click_cell(qtbot, window, "testing", 3)
    assert rating_in_db(db_path, workshop.id, "testing") == (3, None)
    window.editor.undo_stack.undo()
    assert rating_in_db(db_path, workshop.id, "testing") == (1, None)


def test_failures_shown_are_logged(qtbot, window, service, workshop, warnings_shown, caplog):
    make, words = CONDITIONS["disk full"]
    window.grid.setCurrentIndex(window.grid_model.index_of("testing", 2))
    with make(service):
        window.notes.editor.setPlainText(BIG_NOTE)
        window.notes.flush()
    shown = [r for r in caplog.records if r.name == "maturity_workshop.ui.window.main_window"]
    assert shown and words in shown[0].getMessage() and shown[0].getMessage() == f"Shown to the user: {warnings_shown[0]}"
    window.editor.set_note("testing.quantitatively-managed", BIG_NOTE)  # saved now, once the disk has room
    assert not window.notes.has_unsaved_text(window.grid_model.note("testing.quantitatively-managed"))
