"""Presentation mode: the board full screen on the projector while the window stays the
facilitator's console on the laptop's screen, or, with one screen, the board on it.

The projector is the screen chosen in View ▸ Present on (remembered by its name), else a screen
other than the console's, else the console's own."""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QGuiApplication, QScreen
from PySide6.QtWidgets import QWidget

from ...domain.errors import DomainError
from ...services.workshops import WorkshopService
from .sizing import board_sizes
from .window import BoardWindow

SCREEN_KEY = "ui.board_screen"


class Presenter(QObject):
    changed = Signal(bool)  # presenting or not

    def __init__(self, board: BoardWindow, console: QWidget, service: WorkshopService, parent=None) -> None:
        super().__init__(parent)
        self.board, self.console, self.service = board, console, service
        self._screen: QScreen | None = None
        board.leaveRequested.connect(self.leave)

    # -- which screen -----------------------------------------------------------------------------
    @staticmethod
    def screens() -> list[QScreen]:
        return list(QGuiApplication.screens())

    def chosen_screen_name(self) -> str | None:
        try:
            return self.service.get_setting(SCREEN_KEY)
        except DomainError:
            return None

    def choose_screen(self, name: str) -> None:
        """Present on the screen called ``name`` from now on (and at once, if presenting)."""
        try:
            self.service.set_setting(SCREEN_KEY, name)
        except DomainError:
            pass  # a convenience: the board still goes where it is asked, this time
        self._forced = name
        if self.active:
            self.enter()

    _forced: str | None = None

    def board_screen(self) -> QScreen:
        screens = self.screens()
        wanted = self._forced or self.chosen_screen_name()
        for screen in screens:
            if screen.name() == wanted:
                return screen
        console = self.console.screen()
        return next((s for s in screens if s is not console), console)

    @property
    def shares_console_screen(self) -> bool:
        return self.board_screen() is self.console.screen()

    # -- in and out -------------------------------------------------------------------------------
    @property
    def active(self) -> bool:
        return self.board.isVisible()

    def toggle(self) -> None:
        self.leave() if self.active else self.enter()

    def enter(self) -> None:
        screen = self.board_screen()
        if screen is not self._screen:  # follow this screen's size changes, once
            if self._screen is not None:
                self._screen.geometryChanged.disconnect(self._fit_to_screen)
            screen.geometryChanged.connect(self._fit_to_screen)
        self._screen = screen
        self.board.setScreen(screen)
        self.board.setGeometry(screen.geometry())
        self._fit_to_screen()
        self.board.showFullScreen()
        if self.shares_console_screen:  # one screen: the board is where the keys go
            self.board.activateWindow()
            self.board.take_keys()
        self.changed.emit(True)

    def leave(self) -> None:
        if not self.board.isVisible():
            return
        self.board.blank(False)
        self.board.hide()
        self.console.activateWindow()
        self.changed.emit(False)

    def before_dialog(self) -> None:
        """A dialog opens on the console: with one screen, presentation mode is left first, so it
        never opens over the board (or behind it)."""
        if self.active and self.shares_console_screen:
            self.leave()

    def _fit_to_screen(self) -> None:
        screen = self._screen
        if screen is None:
            return
        geometry = screen.geometry()
        self.board.setGeometry(geometry)
        self.board.apply_sizes(board_sizes(geometry.width(), geometry.height(), screen.logicalDotsPerInchY()))

    # -- blank and freeze -------------------------------------------------------------------------
    def blank(self) -> None:
        """B: the board goes black, or back."""
        if self.active:
            self.board.blank(self.board.covered != "blank")

    def freeze(self) -> None:
        """Shift+B: the board keeps showing what it shows now while the console changes, or goes live."""
        if self.active:
            self.board.freeze(self.board.covered != "frozen")
