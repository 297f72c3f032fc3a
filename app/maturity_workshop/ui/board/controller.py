"""Presentation mode and the focus on one practice, for the window: the board made when first
asked for, the commands that drive it, the screens menu, and File ▸ Save board as picture.

The window owns a :class:`BoardController`; it hands it the console's grid view, the commands and
the gestures the board's own grid answers, and reaches the window's status bar and dialogs through
the :class:`~..shell.Shell`."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QModelIndex, QObject, QSize, Signal, Slot
from PySide6.QtWidgets import QWidget

from ...domain.errors import DomainError
from ...services.workshops import WorkshopService
from ..grid.view import GridView
from ..prompts import Prompts
from ..shell import Shell
from ..window.commands import WindowCommands


class BoardController(QObject):
    boardMade = Signal(object)  # the BoardWindow, the first time it is made

    def __init__(
        self,
        service: WorkshopService,
        console: QWidget,
        grid: GridView,
        commands: WindowCommands,
        shell: Shell,
        prompts: Prompts,
        workshop: Callable[[], object],
        set_current_at: Callable[[QModelIndex], None],
        set_target_at: Callable[[QModelIndex], None],
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.service, self.console, self.grid = service, console, grid
        self.commands, self.shell, self.prompts = commands, shell, prompts
        self._workshop, self._set_current_at, self._set_target_at = workshop, set_current_at, set_target_at
        self._presenter = None  # made the first time it is asked for: nothing of the board loads before
        self._instead: QWidget | None = None  # what the board shows in place of the workshop
        c = commands
        c.focus_practice.triggered.connect(self.toggle_focus)
        c.next_practice.triggered.connect(lambda: self.walk_practices(1))
        c.previous_practice.triggered.connect(lambda: self.walk_practices(-1))
        grid.horizontalHeader().sectionClicked.connect(self.header_clicked)
        c.present.triggered.connect(lambda: self.presenter().toggle())
        c.blank_board.triggered.connect(lambda: self.presenter().blank())
        c.freeze_board.triggered.connect(lambda: self.presenter().freeze())
        c.leave_presentation.triggered.connect(self.leave)
        c.notes_on_board.toggled.connect(lambda shown: self.presenter().board.set_notes_shown(shown))
        c.present_on.aboutToShow.connect(self._list_screens)
        c.save_board_picture.triggered.connect(self.save_picture)

    # -- presentation mode ----------------------------------------------------------------------
    @property
    def made(self) -> bool:
        return self._presenter is not None

    def presenter(self):
        """Presentation mode's board and presenter (``ui/board/``), made when first used."""
        if self._presenter is None:
            from .presenter import Presenter
            from .window import BoardWindow

            board = BoardWindow(self.grid.model(), self.grid.selectionModel())
            board.grid.addActions(list(self.commands.on_the_board))
            board.addActions([self.commands.present, self.commands.undo, self.commands.redo])
            board.grid.horizontalHeader().sectionClicked.connect(self.header_clicked)
            board.grid.set_focus_column(self.grid.focus_column)
            board.grid.setCurrentRequested.connect(self._set_current_at)
            board.grid.setTargetRequested.connect(self._set_target_at)
            board.set_notes_shown(self.commands.notes_on_board.isChecked())
            board.show_workshop(self._workshop())
            if self._instead is not None:
                board.show_instead(self._instead)
            self._presenter = Presenter(board, self.console, self.service, self)
            self._presenter.changed.connect(self.commands.present.setChecked)
            self.boardMade.emit(board)
        return self._presenter

    def show_workshop(self, workshop) -> None:
        """The board's heading follows the console's; with no workshop open, presenting ends."""
        if self._presenter is not None:
            if workshop is None:
                self._presenter.leave()
            self._presenter.board.show_workshop(workshop)

    def show_instead(self, view: QWidget | None) -> None:
        """``view`` on the board in place of the workshop, now and when the board is made (the
        organisation's heat map, while its page shows); None: the workshop again."""
        self._instead = view
        if self._presenter is not None:
            self._presenter.board.show_instead(view)

    def leave(self) -> None:
        if self._presenter is not None:
            self._presenter.leave()

    def before_dialog(self) -> None:
        if self._presenter is not None:
            self._presenter.before_dialog()

    def _list_screens(self) -> None:
        menu = self.commands.present_on
        menu.clear()
        presenter = self.presenter()
        chosen = presenter.board_screen()
        for screen in presenter.screens():
            geometry = screen.geometry()
            item = menu.addAction(f"{screen.name()} ({geometry.width()}×{geometry.height()})")
            item.setCheckable(True)
            item.setChecked(screen is chosen)
            item.triggered.connect(lambda _checked=False, name=screen.name(): presenter.choose_screen(name))

    # -- focus on one practice --------------------------------------------------------------------
    @Slot()
    def toggle_focus(self) -> None:
        """F: focus on the focused cell's practice, or, focused already, show all practices again."""
        index = self.grid.currentIndex()
        self.focus_on(None if self.grid.focus_column is not None or not index.isValid() else index.column())

    def focus_on(self, column: int | None) -> None:
        """One practice's cells large, the others narrow with their marks only (None: all alike),
        on the console and on the board."""
        self.grid.set_focus_column(column)
        if self._presenter is not None:
            self._presenter.board.grid.set_focus_column(column)
        self.commands.focus_practice.setChecked(column is not None)

    def walk_practices(self, steps: int) -> None:
        """PgDn / PgUp: the next or previous practice, in the model's order (the focus follows);
        while the board shows something else (the heat map), its next or previous page."""
        if self._instead is not None:
            self._instead.page_by(steps)
            return
        model, index = self.grid.model(), self.grid.currentIndex()
        row = index.row() if index.isValid() else model.rowCount() - 1
        column = max(0, min(model.columnCount() - 1, (index.column() if index.isValid() else 0) + steps))
        self.grid.setCurrentIndex(model.index(row, column))
        if self.grid.focus_column is not None:
            self.focus_on(column)

    @Slot(int)
    def header_clicked(self, column: int) -> None:
        """A click on a practice's name focuses on it; on the focused one, shows all again."""
        index = self.grid.currentIndex()
        self.grid.setCurrentIndex(self.grid.model().index(index.row() if index.isValid() else 0, column))
        self.focus_on(None if self.grid.focus_column == column else column)

    # -- a picture of the board ---------------------------------------------------------------------
    @Slot()
    def save_picture(self) -> None:
        """File ▸ Save board as picture: the board as the projector shows it, as a PNG."""
        if self._workshop() is None:
            self.shell.refused("Start or open a workshop first.")
            return
        from .picture import board_picture, save

        screen = self.presenter().board_screen().geometry()
        size = QSize(screen.width(), screen.height())
        path, _chosen = self.prompts.save_file(
            self.shell.dialog_parent(), "Save board as picture", "board.png", ["PNG picture (*.png)"]
        )
        if not path:
            return
        target = Path(path) if path.lower().endswith(".png") else Path(f"{path}.png")
        try:
            picture = board_picture(self.grid, self._workshop(), self.commands.notes_on_board.isChecked(), size)
            save(picture, target)
        except DomainError as error:
            self.shell.failed(str(error), saving=False)
            return
        self.shell.tell(f"Saved the board ({size.width()}×{size.height()}) as {target}", 10000)
