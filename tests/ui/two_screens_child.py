"""Run by test_board_two_screens.py in a process of its own, on an offscreen platform with two
screens (a laptop and a projector, from the JSON file the test writes): presents a workshop and
prints, as JSON, where the board and the console went and what the board showed after a click,
a note and an undo on the console."""

from __future__ import annotations

import json
import sys
from pathlib import Path

from PySide6.QtWidgets import QApplication

from maturity_workshop.services.demo import create_demo_workshop
from maturity_workshop.services.models import default_model
from maturity_workshop.services.workshops import WorkshopService
from maturity_workshop.ui.app import create_application
from maturity_workshop.ui.window.main_window import MainWindow


def cell_image(board, model, practice_id: str, level: int):
    QApplication.processEvents()
    rect = board.grid.visualRect(model.index_of(practice_id, level))
    return board.grid.viewport().grab(rect).toImage()


def main() -> None:
    database = Path(sys.argv[1])
    app = create_application(sys.argv)
    service = WorkshopService.open(database, default_model())
    workshop = create_demo_workshop(service)
    window = MainWindow(service)
    laptop = next(s for s in app.screens() if s.name() == "laptop")
    window.setScreen(laptop)
    window.setGeometry(laptop.availableGeometry())
    window.show_workshop(workshop.id)
    window.show()
    window.commands.present.trigger()
    presenter = window.board.presenter()
    board = presenter.board
    QApplication.processEvents()
    model = window.grid_model
    result = {
        "screens": [s.name() for s in app.screens()],
        "board_screen": board.screen().name(),
        "board_geometry": list(board.geometry().getRect()),
        "board_full_screen": board.isFullScreen(),
        "console_screen": window.screen().name(),
        "console_visible": window.isVisible(),
        "shares": presenter.shares_console_screen,
        "text_px": board.grid.font().pointSizeF() * board.logicalDpiY() / 72,
    }
    window.grid.setCurrentIndex(model.index_of("testing", 3))
    before = cell_image(board, model, "testing", 3)
    window.editor.set_current("testing", 3)
    after_click = cell_image(board, model, "testing", 3)
    window.editor.set_note("testing.optimising", "Said on the console")
    note = board.note.text() if board.note.isVisible() else ""
    window.editor.undo_stack.undo()  # the note
    window.editor.undo_stack.undo()  # the level
    after_undo = cell_image(board, model, "testing", 3)
    result.update(
        click_repainted=after_click != before,
        note_on_board=note,
        note_after_undo=board.note.isVisible(),
        undo_repainted=after_undo == before,
        board_current=board.grid.currentIndex() == model.index_of("testing", 3),
    )
    window.commands.open_workshops.setEnabled(True)
    presenter.before_dialog()
    result["presenting_after_dialog"] = board.isVisible()  # two screens: the board stays up
    print(json.dumps(result), flush=True)
    presenter.leave()
    window.close()
    service.close()


if __name__ == "__main__":
    main()
