"""The base of every undoable edit: each redo and undo is a write to the database."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtGui import QUndoCommand

if TYPE_CHECKING:
    from .editor import WorkshopEditor


class SavedCommand(QUndoCommand):
    """A command whose every redo and undo is a write to the database.

    Subclasses implement ``_redo`` and ``_undo`` (True when the write succeeded). A first redo that
    fails makes the command obsolete, so the stack never records a change that was not saved; a
    later failure (an undo, or a redo after undo) clears the history instead of skipping a step."""

    editor: WorkshopEditor

    def __init__(self, text: str) -> None:
        super().__init__(text)
        self._applied = False
        self.step_saved = False  # whether the last redo or undo was written

    def _redo(self) -> bool:
        raise NotImplementedError

    def _undo(self) -> bool:
        raise NotImplementedError

    def redo(self) -> None:
        self.step_saved = self._redo()
        if self.step_saved:
            self._applied = True
        elif self._applied:
            self.editor.history_broken()
        else:
            self.setObsolete(True)

    def undo(self) -> None:
        self.step_saved = self._undo()
        if not self.step_saved:
            self.editor.history_broken()
