"""``maturity-workshop snapshot``: a workshop drawn as the board or the console shows it, at a
size asked for, into a PNG; the README's screenshots are made with it (see ``board/picture.py``)."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QSize
from PySide6.QtWidgets import QApplication

from ..domain.errors import DomainError
from .board.picture import board_picture, draw, save
from .board.sizing import board_sizes
from .prompts import Prompts
from .window.main_window import MainWindow

VIEWS = ("present", "console", "history", "compare", "organisation", "organisation-hidden", "organisation-board",
         "organisation-board-hidden")  # fmt: skip


class _Drawn(Prompts):
    """A dialog the window opens, drawn at ``size`` instead of waiting for an answer."""

    def __init__(self, size: QSize) -> None:
        self.size, self.image = size, None

    def run(self, dialog) -> bool:
        self.image = draw(dialog, self.size)
        return False


def snapshot(service, workshop_id: int, output: Path, size: QSize, view: str = "present",
             focus: str | None = None, cell: str | None = None, round_state: str | None = None) -> Path:
    """Render workshop ``workshop_id`` of ``service`` as the board (``present``) or the console
    shows it at ``size`` into the PNG ``output``. ``focus``: a practice id to focus on; ``cell``: a
    cell id to have the keyboard focus (its note shows); ``round_state``: the board with a round of
    votes "open" or "revealed" (``voting/pictures.py``), focused on its practice."""
    QApplication.instance() or QApplication([])
    service.load(workshop_id)  # a workshop that is not there, or cannot be read, says why
    drawn = _Drawn(size)
    window = MainWindow(service, drawn)
    try:
        window.show_workshop(workshop_id)
        if window.editor.state is None or window.editor.workshop_id != workshop_id:
            raise DomainError(f"Workshop {workshop_id} could not be opened for its picture.")
        decorate = None
        if round_state is not None:
            from .voting.marks import on_board
            from .voting.pictures import room_for_picture

            room = room_for_picture(service, workshop_id, round_state, focus)
            focus = room.practice_id
            decorate = lambda board: on_board(board).show(room)  # noqa: E731
        if focus is not None:
            if not service.model.has_practice(focus):
                names = ", ".join(p.id for p in service.model.practices)
                raise DomainError(f"The model has no practice '{focus}' to focus on (it has: {names}).")
            column = window.grid_model.column_of(focus)
            current = window.grid_model.rating(focus).current
            row = window.grid_model.row_of(current) if current is not None else window.grid_model.rowCount() - 1
            window.grid.setCurrentIndex(window.grid_model.index(row, column))
            window.board.focus_on(column)
        if cell is not None:
            if not service.model.has_cell(cell):
                raise DomainError(f"The model has no cell '{cell}' (a cell is named like testing.consistent).")
            found = service.model.cell_by_id(cell)
            window.grid.setCurrentIndex(window.grid_model.index_of(found.practice_id, found.level))
        if view == "present":
            workshop = window.editor.state.workshop
            image = board_picture(window.grid, workshop, window.commands.notes_on_board.isChecked(), size, decorate)
        elif view == "history":
            draw(window, size)
            window.history.show()
            image = draw(window, size)
        elif view.startswith("organisation"):
            draw(window, size)
            window.organisation.show()
            if window.organisation.page is None:
                raise DomainError("The organisation's heat map could not be read for its picture.")
            hidden = view.endswith("-hidden")
            if view.startswith("organisation-board"):  # the board for the room, while the page shows
                window.organisation.hide_names(hidden)  # (remembered in the picture's copy of the file)
                board = window.board.presenter().board
                board.apply_sizes(board_sizes(size.width(), size.height()))
                image = draw(board, size)
            else:
                window.organisation.page.set_hide_names(hidden)  # for the picture only
                image = draw(window, size)
        elif view == "compare":
            window.history.compare()
            if drawn.image is None:
                raise DomainError(f"Workshop {workshop_id} is its team's only one: there is nothing to compare.")
            image = drawn.image
        else:
            draw(window, size)  # laid out at that size first,
            window.fit_panels_to_screen()  # then, as at launch on a screen that size, panels folded if need be
            image = draw(window, size)
        return save(image, output)
    finally:
        window.close()
        window.deleteLater()
