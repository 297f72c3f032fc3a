"""The window's side of ``diagnostics``: an error nothing caught is shown in a dialog naming the log
file, instead of the app vanishing or going on as if nothing happened."""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal, Slot
from PySide6.QtWidgets import QApplication

from .prompts import Prompts


class ErrorReporter(QObject):
    """Shows :func:`diagnostics.user_message` texts. :meth:`report` may be called from any thread:
    the dialog always opens in the GUI thread. While one is open, further errors (a paint event that
    fails on every repaint...) are only logged, so dialogs never pile up."""

    requested = Signal(str)

    def __init__(self, prompts: Prompts, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.prompts = prompts
        self.requested.connect(self._show)  # direct from the GUI thread, queued from any other
        self._showing = False
        self.shown = 0

    def report(self, message: str) -> None:
        self.requested.emit(message)

    @Slot(str)
    def _show(self, message: str) -> None:
        if self._showing:
            return
        self._showing = True
        try:
            self.shown += 1
            self.prompts.critical(QApplication.activeWindow(), message)
        finally:
            self._showing = False
