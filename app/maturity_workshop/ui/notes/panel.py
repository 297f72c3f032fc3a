"""The side panel that edits the focused cell's note.

What is typed is handed on (``noteEdited``) half a second after the last key and at once when the
focus leaves the cell, the panel hides or the window closes (:meth:`flush`). The first key typed
since the last hand-on says so at once (``notePending``), so the status bar can say "Saving…"."""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QLabel, QPlainTextEdit, QVBoxLayout, QWidget

from ...domain.model import Cell, MaturityModel

SAVE_DELAY_MS = 400


class NotesPanel(QWidget):
    noteEdited = Signal(str, str)  # cell id, text
    notePending = Signal(str)  # cell id: typed, and not yet handed on
    read_only_hint = "This workshop is closed: notes are read-only."  # the window says why if not closed

    def __init__(self, model: MaturityModel, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("notesPanel")
        self.maturity_model = model
        self._cell: Cell | None = None
        self._pending = False

        self.heading = QLabel("Note")
        heading_font = QFont(self.font())
        heading_font.setBold(True)
        heading_font.setPointSizeF(heading_font.pointSizeF() * 1.15)
        self.heading.setFont(heading_font)
        self.cell_label = QLabel()
        self.cell_label.setWordWrap(True)
        self.cell_label.setTextFormat(Qt.TextFormat.PlainText)
        self.cell_text = QLabel()
        self.cell_text.setWordWrap(True)
        self.cell_text.setTextFormat(Qt.TextFormat.PlainText)
        italic = QFont(self.font())
        italic.setItalic(True)
        self.cell_text.setFont(italic)
        self.editor = QPlainTextEdit()
        self.editor.setObjectName("noteEditor")
        self.editor.setPlaceholderText("What the team said about this cell…")
        self.editor.setTabChangesFocus(True)
        self.hint = QLabel("Saved as you type.")
        self.hint.setWordWrap(True)

        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        layout.addWidget(self.cell_label)
        layout.addWidget(self.cell_text)
        layout.addWidget(self.editor, 1)
        layout.addWidget(self.hint)

        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(SAVE_DELAY_MS)
        self._timer.timeout.connect(self.flush)
        self.editor.textChanged.connect(self._on_text_changed)
        self.show_cell(None, "", read_only=True)

    @property
    def cell(self) -> Cell | None:
        return self._cell

    def set_read_only_hint(self, hint: str) -> None:
        """What the panel says while it is read-only (the workshop is closed, unless told otherwise)."""
        self.read_only_hint = hint

    def show_cell(self, cell: Cell | None, note: str, read_only: bool) -> None:
        """Edit ``cell``'s note; what was typed for the previous cell is handed on first."""
        self.flush()
        self._cell = cell
        if cell is None:
            self.cell_label.setText("Select a cell to write a note on it.")
            self.cell_text.clear()
        else:
            practice = self.maturity_model.practice(cell.practice_id)
            level = self.maturity_model.level(cell.level)
            self.cell_label.setText(f"{practice.name} · {level.label}")
            self.cell_text.setText(cell.text)
        self._set_text(note)
        self.editor.setReadOnly(read_only or cell is None)
        self.hint.setText(self.read_only_hint if read_only and cell else "Saved as you type.")

    def note_applied(self, cell_id: str, text: str) -> None:
        """The saved note changed (undo, redo): show it, unless it is what the editor holds."""
        if self._cell is not None and self._cell.id == cell_id and not self._pending:
            if self.typed_text() != text:
                self._set_text(text)

    def focus_editor(self) -> None:
        if not self.editor.isReadOnly():
            self.editor.setFocus(Qt.FocusReason.ShortcutFocusReason)

    def typed_text(self) -> str:
        """What is in the editor, character for character. (toPlainText() would turn no-break
        spaces, which French text pasted from a word processor is full of, into plain spaces.)
        Qt keeps paragraphs apart with U+2029, and Shift+Enter makes U+2028: both are line breaks."""
        return self.editor.document().toRawText().replace("\u2029", "\n").replace("\u2028", "\n")

    def has_unsaved_text(self, saved: str) -> bool:
        """Whether the editor holds text that differs from ``saved`` (a save that failed)."""
        if self._cell is None or self.editor.isReadOnly():
            return False
        typed = self.typed_text()
        return typed != saved and bool(typed.strip() or saved)

    def flush(self) -> None:
        """Hand on what was typed and not yet handed on."""
        self._timer.stop()
        if self._pending and self._cell is not None:
            self._pending = False
            self.noteEdited.emit(self._cell.id, self.typed_text())
        self._pending = False

    def _set_text(self, text: str) -> None:
        self.editor.blockSignals(True)
        self.editor.setPlainText(text)
        self.editor.blockSignals(False)
        self._pending = False

    def _on_text_changed(self) -> None:
        if self._cell is None or self.editor.isReadOnly():
            return
        if not self._pending:
            self._pending = True
            self.notePending.emit(self._cell.id)
        self._timer.start()
