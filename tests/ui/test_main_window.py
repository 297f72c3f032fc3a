"""The window driven as a facilitator drives it: clicks and keys that land in the database."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from maturity_workshop.services import WorkshopService
from maturity_workshop.domain.cells import CellState
from maturity_workshop.ui.grid.model import CellRole
from maturity_workshop.ui.window.main_window import MainWindow
from maturity_workshop.ui.notes.panel import SAVE_DELAY_MS

from .helpers import click_cell, note_in_db, rating_in_db


def test_click_sets_the_current_level_in_the_database(qtbot, window, db_path, workshop):
    resets = []
    window.grid_model.modelAboutToBeReset.connect(lambda: resets.append(True))
    index = click_cell(qtbot, window, "testing", 1)
    assert rating_in_db(db_path, workshop.id, "testing") == (1, None)
    assert index.data(CellRole.STATE) == CellState.CURRENT
    assert window.grid_model.index_of("testing", 0).data(CellRole.STATE) == CellState.BEHIND
    assert window.grid_model.index_of("testing", 2).data(CellRole.STATE) == CellState.AHEAD
    assert resets == [], "a click must not reset the model"
    assert "saved" in window.saved_label.text()


def test_shift_click_sets_the_target(qtbot, window, db_path, workshop):
    click_cell(qtbot, window, "build-ci", 0)
    click_cell(qtbot, window, "build-ci", 2, Qt.KeyboardModifier.ShiftModifier)
    assert rating_in_db(db_path, workshop.id, "build-ci") == (0, 2)
    assert window.grid_model.index_of("build-ci", 2).data(CellRole.IS_TARGET) is True


def test_keyboard_alone_runs_a_practice(qtbot, window, db_path, workshop):
    grid = window.grid
    grid.setCurrentIndex(window.grid_model.index_of("build-ci", -1))
    qtbot.keyClick(grid, Qt.Key.Key_Up)
    qtbot.keyClick(grid, Qt.Key.Key_Space)
    assert rating_in_db(db_path, workshop.id, "build-ci") == (0, None)
    qtbot.keyClick(grid, Qt.Key.Key_Up)
    qtbot.keyClick(grid, Qt.Key.Key_Up)
    qtbot.keyClick(grid, Qt.Key.Key_T)
    assert rating_in_db(db_path, workshop.id, "build-ci") == (0, 2)
    qtbot.keyClick(grid, Qt.Key.Key_Right)
    qtbot.keyClick(grid, Qt.Key.Key_Return)
    assert rating_in_db(db_path, workshop.id, "environments-deployment") == (2, None)
    qtbot.keyClick(grid, Qt.Key.Key_Left)
    qtbot.keyClick(grid, Qt.Key.Key_Delete)
    assert rating_in_db(db_path, workshop.id, "build-ci") == (None, None)


def test_n_goes_to_the_focused_cells_note(qtbot, window):
    window.grid.setCurrentIndex(window.grid_model.index_of("testing", 2))
    qtbot.keyClick(window.grid, Qt.Key.Key_N)
    qtbot.waitUntil(lambda: window.notes.editor.hasFocus())
    assert window.notes.cell.id == "testing.quantitatively-managed"


def test_a_typed_note_is_saved_within_half_a_second_and_found_after_reopening(qtbot, window, db_path, workshop, model):
    window.grid.setCurrentIndex(window.grid_model.index_of("testing", 1))
    qtbot.keyClick(window.grid, Qt.Key.Key_N)
    qtbot.keyClicks(window.notes.editor, "Flaky UI tests")
    window.notes.editor.insertPlainText(" — ünïcode ✓")  # QTest types ASCII only
    qtbot.waitUntil(lambda: note_in_db(db_path, workshop.id, "testing.consistent") is not None, timeout=SAVE_DELAY_MS + 500)
    assert note_in_db(db_path, workshop.id, "testing.consistent") == "Flaky UI tests — ünïcode ✓"
    assert window.grid_model.index_of("testing", 1).data(CellRole.HAS_NOTE)
    window.close()

    service = WorkshopService.open(db_path, model)
    try:
        again = MainWindow(service)
        qtbot.addWidget(again)
        again.show_last_or_welcome()
        assert again.editor.workshop_id == workshop.id
        again.grid.setCurrentIndex(again.grid_model.index_of("testing", 1))
        assert again.notes.editor.toPlainText() == "Flaky UI tests — ünïcode ✓"
    finally:
        service.close()


def test_a_note_is_saved_at_once_when_the_focus_leaves_the_cell(qtbot, window, db_path, workshop):
    window.grid.setCurrentIndex(window.grid_model.index_of("data-management", 0))
    window.notes.focus_editor()
    qtbot.keyClicks(window.notes.editor, "Scripts live in the ops repo")
    assert note_in_db(db_path, workshop.id, "data-management.repeatable") is None  # still within the delay
    window.grid.setCurrentIndex(window.grid_model.index_of("data-management", 1))
    assert note_in_db(db_path, workshop.id, "data-management.repeatable") == "Scripts live in the ops repo"


def test_undo_and_redo_of_levels_targets_and_notes_are_saved(qtbot, window, db_path, workshop):
    click_cell(qtbot, window, "testing", 0)
    click_cell(qtbot, window, "testing", 2)
    click_cell(qtbot, window, "testing", 3, Qt.KeyboardModifier.ShiftModifier)
    window.editor.set_note("testing.optimising", "Goal for next year")
    assert rating_in_db(db_path, workshop.id, "testing") == (2, 3)

    qtbot.keyClick(window.grid, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert note_in_db(db_path, workshop.id, "testing.optimising") is None
    qtbot.keyClick(window.grid, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert rating_in_db(db_path, workshop.id, "testing") == (2, None)
    qtbot.keyClick(window.grid, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert rating_in_db(db_path, workshop.id, "testing") == (0, None)
    assert window.grid_model.index_of("testing", 0).data(CellRole.STATE) == CellState.CURRENT

    redo = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier
    qtbot.keyClick(window.grid, Qt.Key.Key_Z, redo)
    qtbot.keyClick(window.grid, Qt.Key.Key_Z, redo)
    qtbot.keyClick(window.grid, Qt.Key.Key_Z, redo)
    assert rating_in_db(db_path, workshop.id, "testing") == (2, 3)
    assert note_in_db(db_path, workshop.id, "testing.optimising") == "Goal for next year"


def test_undo_of_a_note_updates_the_open_note_panel(qtbot, window, db_path, workshop):
    window.grid.setCurrentIndex(window.grid_model.index_of("build-ci", 1))
    window.notes.focus_editor()
    qtbot.keyClicks(window.notes.editor, "first words")
    window.notes.flush()
    assert note_in_db(db_path, workshop.id, "build-ci.consistent") == "first words"
    window.grid.setFocus()
    window.commands.undo.trigger()
    assert window.notes.editor.toPlainText() == ""
    assert note_in_db(db_path, workshop.id, "build-ci.consistent") is None


def test_clear_practice_removes_level_and_target(qtbot, window, db_path, workshop):
    click_cell(qtbot, window, "release-compliance", 1)
    click_cell(qtbot, window, "release-compliance", 2, Qt.KeyboardModifier.ShiftModifier)
    window.grid.setCurrentIndex(window.grid_model.index_of("release-compliance", 1))
    window.commands.clear_practice.trigger()
    assert rating_in_db(db_path, workshop.id, "release-compliance") == (None, None)
    assert window.grid_model.index_of("release-compliance", 1).data(CellRole.STATE) == CellState.UNRATED


def test_a_closed_workshop_opens_read_only(qtbot, window, db_path, workshop):
    click_cell(qtbot, window, "testing", 1)
    window.workshops.toggle_closed()
    assert window.editor.read_only
    assert window.closed_banner.isVisible()
    click_cell(qtbot, window, "testing", 3)
    assert rating_in_db(db_path, workshop.id, "testing") == (1, None)
    assert "closed" in window.statusBar().currentMessage()
    assert window.notes.editor.isReadOnly()
    window.workshops.toggle_closed()
    click_cell(qtbot, window, "testing", 3)
    assert rating_in_db(db_path, workshop.id, "testing") == (3, None)


def test_zoom_keys_change_the_grid_font_and_are_remembered(qtbot, window, service):
    window.resize(1920, 1080)
    qtbot.waitUntil(lambda: window.grid.viewport().width() > 1200)
    size = window.grid.font().pointSizeF()
    qtbot.keyClick(window.grid, Qt.Key.Key_Minus, Qt.KeyboardModifier.ControlModifier)
    smaller = window.grid.font().pointSizeF()
    assert smaller < size
    assert service.get_setting("ui.zoom") == "-1"
    qtbot.keyClick(window.grid, Qt.Key.Key_Minus, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClick(window.grid, Qt.Key.Key_Equal, Qt.KeyboardModifier.ControlModifier)
    assert window.grid.font().pointSizeF() == smaller
    qtbot.keyClick(window.grid, Qt.Key.Key_0, Qt.KeyboardModifier.ControlModifier)
    assert window.grid.font().pointSizeF() == size
    assert service.get_setting("ui.zoom") == "0"


def test_zooming_in_never_cuts_a_word(qtbot, window, service):
    """Past the size at which every word still fits its column, Ctrl+= says so and stops."""
    grid = window.grid
    for _ in range(12):
        qtbot.keyClick(grid, Qt.Key.Key_Equal, Qt.KeyboardModifier.ControlModifier)
    assert "as large as its columns allow" in window.statusBar().currentMessage()
    delegate, font = grid.itemDelegate(), grid.font()
    for row in range(5):
        for column in range(6):
            index = window.grid_model.index(row, column)
            inner = delegate.inner_width(grid.columnWidth(column), font)
            assert delegate.widest_word(index.data(), font) <= inner, index.data()
    assert int(service.get_setting("ui.zoom") or 0) == grid.zoom


def test_every_cell_shows_its_whole_text_at_1920x1080(qtbot, window):
    window.resize(1920, 1080)
    grid = window.grid
    qtbot.waitUntil(lambda: grid.viewport().width() > 1200)
    qtbot.waitUntil(lambda: not grid.verticalScrollBar().isVisible() and not grid.horizontalScrollBar().isVisible())
    for row in range(5):
        for column in range(6):
            index = window.grid_model.index(row, column)
            rect = grid.visualRect(index)
            needed = grid.itemDelegate().height_for(index.data(), rect.width(), grid.font())
            assert grid.viewport().rect().contains(rect), (row, column)
            assert rect.height() >= needed, (row, column)


def test_a_small_window_scrolls_instead_of_cutting_text(qtbot, window):
    window.resize(700, 450)
    qtbot.waitUntil(lambda: window.grid.viewport().width() < 700)
    grid = window.grid
    index = window.grid_model.index(0, 0)
    rect = grid.visualRect(index)
    assert rect.height() >= grid.itemDelegate().height_for(index.data(), rect.width(), grid.font())
    assert grid.verticalScrollBar().maximum() > 0


def test_right_click_menu_offers_the_cell_actions(qtbot, window, monkeypatch):
    shown = []
    monkeypatch.setattr("PySide6.QtWidgets.QMenu.popup", lambda menu, *a: shown.append([x.text() for x in menu.actions()]))
    index = window.grid_model.index_of("testing", 2)
    window._show_cell_menu(window.grid.visualRect(index).center())
    assert window.grid.currentIndex() == index
    assert any("target" in text for text in shown[0])


def test_first_launch_offers_to_start_a_workshop(qtbot, tmp_path, model, warnings_shown):
    service = WorkshopService.open(tmp_path / "first.sqlite3", model)
    try:
        win = MainWindow(service)
        qtbot.addWidget(win)
        win.show_last_or_welcome()
        win.show()
        assert win.pages.currentWidget() is win.welcome_page
        assert win.start_button.isVisible()
    finally:
        service.close()


def test_launch_reopens_the_workshop_open_last(qtbot, service, workshop, warnings_shown):
    from datetime import date

    from maturity_workshop.domain import WorkshopDraft

    other = service.start_workshop(WorkshopDraft("Mobile team", "Kick-off", date(2026, 1, 5)))
    service.remember_last_workshop(workshop.id)
    win = MainWindow(service)
    qtbot.addWidget(win)
    win.show_last_or_welcome()
    assert win.editor.workshop_id == workshop.id != other.id
    assert "Platform team" in win.heading.text()


def test_editing_a_note_does_not_trigger_grid_shortcuts(qtbot, window, db_path, workshop):
    window.grid.setCurrentIndex(window.grid_model.index_of("testing", 1))
    window.notes.focus_editor()
    qtbot.keyClicks(window.notes.editor, "T N and spaces")
    window.notes.flush()
    assert rating_in_db(db_path, workshop.id, "testing") is None
    assert note_in_db(db_path, workshop.id, "testing.consistent") == "T N and spaces"
    assert QApplication.focusWidget() is window.notes.editor


def test_a_note_keeps_no_break_spaces_as_typed(qtbot, window, db_path, workshop):
    window.grid.setCurrentIndex(window.grid_model.index_of("testing", 1))
    window.notes.editor.setPlainText("Prix\u00a0: 10\u00a0€\nligne deux")
    window.notes.flush()
    assert note_in_db(db_path, workshop.id, "testing.consistent") == "Prix\u00a0: 10\u00a0€\nligne deux"
    assert not window.notes.has_unsaved_text(window.grid_model.note("testing.consistent"))
