"""Presentation mode: the board for the room, driven live by the window as the facilitator's console."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QFontMetrics
from PySide6.QtWidgets import QApplication

from maturity_workshop.domain import ActionDraft
from maturity_workshop.ui.board.grid import MIN_SHARE
from maturity_workshop.ui.board.sizing import CELL_PX, LABEL_PX, board_sizes
from maturity_workshop.ui.workshops.dialogs import OpenWorkshopDialog

from .helpers import click_cell, rating_in_db

SIZES = [(1024, 768), (1280, 720), (1280, 800), (1920, 1080), (1920, 1200), (2560, 1440), (3840, 2160)]


def _present(qtbot, window):
    window.commands.present.trigger()
    board = window.board.presenter().board
    qtbot.waitUntil(board.isVisible)
    return board


def _lay_out(qtbot, board, width: int, height: int) -> None:
    board.setFixedSize(width, height)
    board.apply_sizes(board_sizes(width, height, board.logicalDpiY()))
    board.show()
    qtbot.waitExposed(board)
    QApplication.processEvents()


def test_f5_shows_the_board_full_screen_and_esc_on_the_grid_leaves(qtbot, window) -> None:
    board = _present(qtbot, window)
    assert board.isFullScreen()
    assert board.geometry() == window.board.presenter().board_screen().geometry()
    assert window.commands.present.isChecked()
    assert board.heading.text() == "\u2068Platform team\u2069 · \u2068Spring review\u2069"
    qtbot.keyClick(board.grid, Qt.Key.Key_Escape)
    assert not board.isVisible() and not window.commands.present.isChecked()
    window.commands.present.trigger()
    assert board.isVisible()
    window.commands.present.trigger()  # F5 again leaves too
    assert not board.isVisible()


def test_the_board_and_the_console_are_two_views_of_one_workshop(qtbot, window, db_path, workshop) -> None:
    board = _present(qtbot, window)
    assert board.grid.model() is window.grid_model
    assert board.grid.selectionModel() is window.grid.selectionModel()
    click_cell(qtbot, window, "testing", 2)  # on the console
    index = window.grid_model.index_of("testing", 2)
    assert board.grid.currentIndex() == index
    assert index.data(0) and window.grid_model.rating("testing").current == 2
    # and the board answers a click and keys itself (one screen: it has the keyboard)
    cell = window.grid_model.index_of("build-ci", 1)
    qtbot.mouseClick(board.grid.viewport(), Qt.MouseButton.LeftButton, pos=board.grid.visualRect(cell).center())
    assert rating_in_db(db_path, workshop.id, "build-ci") == (1, None)
    board.grid.setCurrentIndex(window.grid_model.index_of("build-ci", 3))
    qtbot.keyClick(board.grid, Qt.Key.Key_T)
    assert rating_in_db(db_path, workshop.id, "build-ci") == (1, 3)
    window.commands.undo.trigger()
    assert rating_in_db(db_path, workshop.id, "build-ci") == (1, None)
    assert window.grid_model.rating("build-ci").target is None


def test_the_focused_cells_note_floats_on_the_board_unless_kept_off(qtbot, window) -> None:
    board = _present(qtbot, window)
    window.editor.set_note("testing.consistent", "Acceptance tests cover payments only.")
    window.grid.setCurrentIndex(window.grid_model.index_of("testing", 1))
    assert board.note.isVisible()
    assert "Testing · 1 Consistent" in board.note.text() and "payments only" in board.note.text()
    assert board.grid.geometry().contains(board.note.geometry())
    window.commands.notes_on_board.trigger()
    assert not board.note.isVisible()
    window.commands.notes_on_board.trigger()
    assert board.note.isVisible()
    window.grid.setCurrentIndex(window.grid_model.index_of("testing", 2))  # a cell with no note
    assert not board.note.isVisible()


def test_b_blanks_and_shift_b_freezes_the_board(qtbot, window, service, workshop) -> None:
    board = _present(qtbot, window)
    window.grid.setFocus()
    qtbot.keyClick(window.grid, Qt.Key.Key_B)
    assert board.covered == "blank" and board.cover.pixmap().isNull()
    qtbot.keyClick(window.grid, Qt.Key.Key_B)
    assert board.covered == ""
    qtbot.keyClick(window.grid, Qt.Key.Key_B, Qt.KeyboardModifier.ShiftModifier)
    assert board.covered == "frozen"
    frozen = board.cover.pixmap().toImage()
    click_cell(qtbot, window, "testing", 3)  # the console works on; the room still sees the picture
    assert board.cover.pixmap().toImage() == frozen
    qtbot.keyClick(window.grid, Qt.Key.Key_B, Qt.KeyboardModifier.ShiftModifier)
    assert board.covered == ""
    qtbot.keyClick(window.grid, Qt.Key.Key_Escape)
    assert not board.isVisible()
    window.commands.present.trigger()
    assert board.covered == "", "a blank board is live again the next time"


def test_with_one_screen_a_dialog_leaves_presentation_mode_first(qtbot, window, prompts) -> None:
    board = _present(qtbot, window)
    assert window.board.presenter().shares_console_screen
    seen = []
    prompts.answer(OpenWorkshopDialog, lambda dialog: seen.append(board.isVisible()) or False)
    window.commands.open_workshops.trigger()
    assert seen == [False]


@pytest.mark.parametrize("width, height", SIZES)
def test_every_cell_reads_whole_on_the_board_at_every_size(qtbot, window, service, workshop, width, height) -> None:
    for cell in ("build-ci.optimising", "testing.repeatable", "configuration-management.consistent"):
        window.editor.set_note(cell, "A note")
    service.add_action(workshop.id, ActionDraft("testing", "An action"))
    window.editor.set_current("testing", 1)
    window.editor.set_target("testing", 3)
    board = window.board.presenter().board
    _lay_out(qtbot, board, width, height)
    grid, model = board.grid, window.grid_model
    scale = min(width / 1920, height / 1080)
    viewport = grid.viewport().rect()
    for row in range(model.rowCount()):
        for column in range(model.columnCount()):
            index = model.index(row, column)
            rect = grid.visualRect(index)
            needed = grid.itemDelegate().height_for(index.data(), rect.width(), grid.font())
            assert viewport.contains(rect), (index.data(), rect, viewport)
            assert rect.height() >= needed, index.data()
    assert grid.verticalScrollBar().maximum() == 0 and grid.horizontalScrollBar().maximum() == 0
    text_px = grid.font().pointSizeF() * board.logicalDpiY() / 72
    label_px = grid.horizontalHeader().font().pointSizeF() * board.logicalDpiY() / 72
    assert text_px >= CELL_PX * scale * MIN_SHARE - 0.01
    if scale >= 1:  # the room's size, whole: 22 px text (16 px cap height) at 1920x1080
        assert text_px >= CELL_PX * scale - 0.01
        assert QFontMetrics(grid.font()).capHeight() >= 16 * scale - 0.5
    assert label_px >= LABEL_PX * scale - 0.01 >= 17 * scale
    for label in (board.heading, *board.legend):
        assert label.font().pointSizeF() * board.logicalDpiY() / 72 >= 17 * scale
    assert board.heading.width() <= width


def test_a_long_name_never_widens_the_board(qtbot, window, service, workshop) -> None:
    service.rename_workshop(workshop.id, "A very long workshop title " * 7)
    window.show_workshop(workshop.id)
    board = window.board.presenter().board
    _lay_out(qtbot, board, 1280, 720)
    assert board.minimumSizeHint().width() <= 1280
    assert board.heading.toolTip().startswith("\u2068Platform team\u2069 · \u2068A very long")


def test_the_projector_is_chosen_in_a_menu_and_remembered_by_name(qtbot, window, service) -> None:
    window.commands.present_on.aboutToShow.emit()
    items = window.commands.present_on.actions()
    screens = QApplication.screens()
    assert [item.text().split(" (")[0] for item in items] == [s.name() for s in screens]
    assert sum(item.isChecked() for item in items) == 1
    items[0].trigger()
    assert service.get_setting("ui.board_screen") == screens[0].name()
    assert window.board.presenter().board_screen() is screens[0]


def test_f_focuses_on_one_practice_and_pgdn_walks_in_the_models_order(qtbot, window, model) -> None:
    board = window.board.presenter().board
    _lay_out(qtbot, board, 1920, 1080)
    window.grid.setCurrentIndex(window.grid_model.index_of("testing", 1))
    qtbot.keyClick(window.grid, Qt.Key.Key_F)
    column = window.grid_model.column_of("testing")
    for grid in (window.grid, board.grid):
        assert grid.focus_column == column
        others = [grid.columnWidth(c) for c in range(6) if c != column]
        assert grid.columnWidth(column) > 3 * max(others)
    assert window.commands.focus_practice.isChecked()
    text_px = board.grid.font().pointSizeF() * board.logicalDpiY() / 72
    assert text_px >= 40, "the practice the room talks about is large on the board"
    viewport = board.grid.viewport().rect()
    for row in range(5):
        index = window.grid_model.index(row, column)
        rect = board.grid.visualRect(index)
        assert viewport.contains(rect)
        assert rect.height() >= board.grid.itemDelegate().height_for(index.data(), rect.width(), board.grid.font(), column)
    qtbot.keyClick(window.grid, Qt.Key.Key_PageDown)
    following = model.practices[model.practice_index("testing") + 1].id
    assert window.grid.focus_column == window.grid_model.column_of(following) == board.grid.focus_column
    assert window.grid_model.cell_at(window.grid.currentIndex()).practice_id == following
    qtbot.keyClick(window.grid, Qt.Key.Key_PageUp)
    qtbot.keyClick(window.grid, Qt.Key.Key_Return)  # Enter keeps setting the level
    assert window.grid_model.rating("testing").current == 1
    qtbot.keyClick(window.grid, Qt.Key.Key_F)
    assert window.grid.focus_column is None and board.grid.focus_column is None
    assert len({window.grid.columnWidth(c) for c in range(6)}) == 1


def test_a_click_on_a_practices_name_focuses_on_it(qtbot, window) -> None:
    header = window.grid.horizontalHeader()
    column = window.grid_model.column_of("data-management")
    qtbot.mouseClick(header.viewport(), Qt.MouseButton.LeftButton, pos=QPoint(header.sectionViewportPosition(column) + 5, 5))
    assert window.grid.focus_column == column
    qtbot.mouseClick(header.viewport(), Qt.MouseButton.LeftButton, pos=QPoint(header.sectionViewportPosition(column) + 5, 5))
    assert window.grid.focus_column is None


def test_at_1280x720_the_side_panels_fold_into_a_strip_and_the_grid_never_scrolls(qtbot, window) -> None:
    window.resize(1280, 720)
    qtbot.waitUntil(lambda: window.width() == 1280)
    window.fit_panels_to_screen()
    qtbot.waitUntil(lambda: window.side_strip.isVisible())
    assert not window.side.isVisible()
    grid = window.grid
    qtbot.waitUntil(lambda: grid.verticalScrollBar().maximum() == 0)
    assert grid.horizontalScrollBar().maximum() == 0
    for row in range(5):
        for column in range(6):
            index = window.grid_model.index(row, column)
            assert grid.viewport().rect().contains(grid.visualRect(index))
    qtbot.mouseClick(window.side_strip.buttons[0], Qt.MouseButton.LeftButton)  # the note panel comes back
    assert window.notes.isVisible() and not window.side_strip.isVisible()


def test_a_window_with_room_keeps_its_side_panels(qtbot, window) -> None:
    window.resize(1920, 1080)
    qtbot.waitUntil(lambda: window.width() == 1920)
    window.fit_panels_to_screen()
    assert window.side.isVisible() and not window.side_strip.isVisible()


def test_a_failed_backup_told_once_never_takes_the_board_down_again(qtbot, window, service, warnings_shown) -> None:
    service.backups.report("the disk is full")  # told in a dialog, once
    board = _present(qtbot, window)
    service.backups.report("the disk is still full")
    assert board.isVisible(), "the status bar says it; the room keeps its board"
    assert len(warnings_shown) == 1 and "still full" in window.statusBar().currentMessage()
