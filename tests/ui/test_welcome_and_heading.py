"""The window's first face and its heading, as the room sees them."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QSize, Qt
from PySide6.QtWidgets import QApplication

from maturity_workshop.ui.window.main_window import MainWindow
from maturity_workshop.ui.workshops.dialogs import NewWorkshopDialog


@pytest.fixture
def empty_window(qtbot, service, prompts, clock):
    """The window on a database with no workshop yet: the welcome page."""
    win = MainWindow(service, prompts, clock)
    qtbot.addWidget(win)
    win.show_last_or_welcome()
    win.show()
    qtbot.waitExposed(win)
    return win


def test_the_welcome_pages_start_button_has_the_keyboard_and_return_starts_a_workshop(qtbot, empty_window, prompts, service):
    win = empty_window
    assert win.pages.currentWidget() is win.welcome_page
    assert win.focusWidget() is win.start_button
    assert win.start_button.text() == "Start a workshop…  Ctrl+N"

    def start(dialog: NewWorkshopDialog) -> bool:
        dialog.team.setEditText("Checkout squad")
        dialog.accept()
        return dialog.result() == NewWorkshopDialog.DialogCode.Accepted

    prompts.answer(NewWorkshopDialog, start)
    qtbot.keyClick(win.focusWidget(), Qt.Key.Key_Return)
    assert [type(d) for d in prompts.shown] == [NewWorkshopDialog]
    assert [w.team_name for w in service.list_workshops()] == ["Checkout squad"]
    assert win.pages.currentWidget() is win.workshop_page


def test_the_welcome_page_takes_the_keyboard_again_when_the_last_workshop_is_deleted(qtbot, window, prompts, workshop):
    prompts.confirm_next(True)
    window.workshops.delete_workshop()
    assert window.pages.currentWidget() is window.welcome_page
    assert window.focusWidget() is window.start_button
    assert window.open_button.text() == "Open a workshop…  Ctrl+O"


@pytest.mark.parametrize("size", [QSize(1280, 720), QSize(1920, 1080)])
def test_the_workshops_heading_is_larger_than_the_grids_text(qtbot, window, size):
    window.resize(size)
    qtbot.waitUntil(lambda: window.size() == size)
    QApplication.processEvents()
    grid, heading = window.grid.font().pointSizeF(), window.heading.font().pointSizeF()
    assert heading > grid, f"heading {heading} pt, grid {grid} pt at {size.width()}x{size.height()}"
    QApplication.processEvents()
    assert (window.grid.font().pointSizeF(), window.heading.font().pointSizeF()) == (grid, heading), "settled"


def test_the_heading_follows_the_grids_zoom(qtbot, window):
    window.resize(1920, 1080)
    qtbot.waitUntil(lambda: window.size() == QSize(1920, 1080))
    for _ in range(3):
        window.zoom_by(1)
    assert window.heading.font().pointSizeF() > window.grid.font().pointSizeF()
