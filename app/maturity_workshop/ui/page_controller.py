"""What a controller of a page shown in place of the grid (the team's history, the organisation)
does alike: its shortcut shows the page, or goes back to the grid from it."""

from __future__ import annotations

from PySide6.QtCore import QObject, Slot
from PySide6.QtWidgets import QWidget

from .shell import Shell


class PageController(QObject):
    """``page`` is built on the first :meth:`show`; ``shell`` shows it in place of the grid."""

    shell: Shell
    page: QWidget | None = None

    @property
    def showing(self) -> bool:
        return self.page is not None and not self.page.isHidden()

    @Slot()
    def toggle(self) -> None:
        """The page's shortcut: the page, or back to the grid from it."""
        if self.showing:
            self.back()
        else:
            self.show()

    def show(self) -> None:
        raise NotImplementedError

    @Slot()
    def back(self) -> None:
        self.shell.show_page(None)
