"""Every modal question the window asks, behind one object.

The window, its controllers and its dialogs never call ``QMessageBox``, ``QInputDialog``,
``QFileDialog`` or ``QDialog.exec`` themselves: they ask a :class:`Prompts`. The app passes the real
one; a test passes one that answers from a script and records what was asked, so no test has to
patch Qt's classes one by one, and a question nobody answers fails the test instead of blocking it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from PySide6.QtWidgets import QDialog, QWidget

from .. import APP_NAME


class Prompts:
    """The real dialogs. Each method blocks until the facilitator answers."""

    # Qt's dialog classes are looked up when first used: making their types costs at launch.
    def warn(self, parent: QWidget | None, message: str) -> None:
        """Something went wrong that the facilitator must see (a change not saved, say)."""
        from PySide6.QtWidgets import QMessageBox

        QMessageBox.warning(parent, APP_NAME, message)

    def critical(self, parent: QWidget | None, message: str) -> None:
        """Something the app cannot get past (it cannot start; an error nothing caught)."""
        from PySide6.QtWidgets import QMessageBox

        QMessageBox.critical(parent, APP_NAME, message)

    def confirm(self, parent: QWidget | None, title: str, message: str, yes: str = "", warning: bool = False) -> bool:
        """A yes-or-cancel question; Cancel is the default. ``yes`` names the Yes button."""
        from PySide6.QtWidgets import QMessageBox

        box = QMessageBox(QMessageBox.Icon.Warning if warning else QMessageBox.Icon.Question, title, message,
                          QMessageBox.StandardButton.Cancel, parent)
        accept = box.addButton(yes or "&Yes", QMessageBox.ButtonRole.AcceptRole)
        box.setDefaultButton(QMessageBox.StandardButton.Cancel)
        box.exec()
        return box.clickedButton() is accept

    def text(self, parent: QWidget | None, title: str, label: str, text: str = "") -> str | None:
        """A line of text; None when cancelled."""
        from PySide6.QtWidgets import QInputDialog

        value, ok = QInputDialog.getText(parent, title, label, text=text)
        return value if ok else None

    def save_file(self, parent: QWidget | None, title: str, start: str, filters: list[str]) -> tuple[str, str]:
        """Where to save: (path, the filter chosen); an empty path when cancelled. The dialog asks
        before overwriting an existing file."""
        from PySide6.QtWidgets import QFileDialog

        return QFileDialog.getSaveFileName(parent, title, start, ";;".join(filters))

    def run(self, dialog: QDialog) -> bool:
        """Show one of the app's own dialogs until it is closed; True when it was accepted."""
        return bool(dialog.exec())
