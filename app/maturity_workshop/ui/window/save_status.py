"""The status bar's word on saving, which must never say "saved" while something typed can still
be lost.

* "Saving…" from the first key of a note until the editor says that note is in the database (the
  note panel holds what is typed for 0.4 s before handing it on), however many other changes are
  saved meanwhile;
* "All changes saved · 14:03:22" once nothing waits, with the time of the last change saved;
* "⚠ Note NOT saved" when a note typed could not be written (it stays in the note panel, to try
  again), until a note is saved; "⚠ Last change NOT saved" when any other change could not be.
"""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING

from PySide6.QtWidgets import QLabel, QWidget

if TYPE_CHECKING:
    from ..editing.editor import WorkshopEditor
    from ..notes.panel import NotesPanel

SAVING = "Saving…"
NOTE_NOT_SAVED = "⚠ Note NOT saved"
LAST_CHANGE_NOT_SAVED = "⚠ Last change NOT saved"


class SaveStatus(QLabel):
    def __init__(self, notes: NotesPanel, editor: WorkshopEditor, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("saveStatus")
        self._waiting: str | None = None  # the cell whose typed note is not yet in the database
        self._note_failed = False
        self._failed = False
        self._saved_at: datetime | None = None
        notes.notePending.connect(self.note_waiting)
        editor.noteStored.connect(self.note_stored)

    def note_waiting(self, cell_id: str) -> None:
        """A key was typed in ``cell_id``'s note."""
        self._waiting = cell_id
        self._show()

    def note_stored(self, cell_id: str, stored: bool) -> None:
        """The editor wrote the note handed on (``stored``), or could not."""
        if self._waiting in (None, cell_id):
            self._waiting = None
        self._note_failed = not stored
        self._show()

    def saved(self, when: datetime) -> None:
        """A change was committed at ``when``."""
        self._saved_at, self._failed = when, False
        self._show()

    def failed(self) -> None:
        """A change could not be saved."""
        self._failed = True
        self._show()

    def reset(self) -> None:
        """Another workshop is shown: nothing of it was saved yet in this window."""
        self._waiting, self._note_failed, self._failed, self._saved_at = None, False, False, None
        self._show()

    def _show(self) -> None:
        if self._waiting is not None:
            self.setText(SAVING)
        elif self._note_failed:
            self.setText(NOTE_NOT_SAVED)
        elif self._failed:
            self.setText(LAST_CHANGE_NOT_SAVED)
        elif self._saved_at is not None:
            self.setText(f"All changes saved · {self._saved_at.astimezone().strftime('%H:%M:%S')}")
        else:
            self.clear()
