"""What the window does for its controllers: the one, narrow way they reach it.

The controllers (``workshops/``, ``backups/``) own a use case each and talk to the window only
through this interface, never by reading or setting its attributes; the window implements it.
"""

from __future__ import annotations

from datetime import datetime
from typing import Protocol

from PySide6.QtWidgets import QWidget

from ..domain.workshop import Workshop


class Shell(Protocol):
    def dialog_parent(self) -> QWidget:
        """The widget a dialog opens over."""

    def flush_note(self) -> None:
        """Hand on the note being typed and save the time spent, before the workshop shown changes."""

    def show_workshop(self, workshop_id: int | None) -> None:
        """Show that workshop (None: the welcome page)."""

    def show_page(self, page: QWidget | None) -> None:
        """Show ``page`` (the team's history) in place of the open workshop; None: back to it."""

    def show_last_or_welcome(self) -> None:
        """Show the workshop open last, or the first one, or the welcome page."""

    def workshop_changed(self, workshop: Workshop) -> None:
        """The open workshop's title or state changed (and was saved): show it."""

    def saved(self, when: datetime) -> None:
        """A change was committed at ``when``."""

    def failed(self, message: str, saving: bool = True) -> None:
        """A change could not be saved (``saving``; else something else failed, an export say): said
        where the facilitator must see it."""

    def refused(self, message: str) -> None:
        """A gesture that does not apply here: said in passing."""

    def tell(self, message: str, milliseconds: int = 5000) -> None:
        """News for the status bar (a workshop started, a backup restored)."""

    def show_progress(self, widget: QWidget) -> None:
        """Show ``widget`` (an export's progress and its Cancel) in the status bar, until it is
        deleted."""
