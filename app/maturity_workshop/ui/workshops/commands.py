"""The window's workshop commands: start, carry over, export, open, rename, close, delete.

A mixin of :class:`~.main_window.MainWindow`: it uses the window's service, editor, panels and
feedback slots, and keeps the window module to composing the window itself."""

from __future__ import annotations

from PySide6.QtCore import Slot
from PySide6.QtWidgets import QInputDialog

from ...domain.errors import DomainError
from ...domain.workshop import Workshop
from ..actions.dialogs import CarryOverDialog
from .exporting import ask_and_export
from .dialogs import NewWorkshopDialog, OpenWorkshopDialog, confirm_delete


class WorkshopManagement:
    @Slot()
    def new_workshop(self) -> None:
        self.notes.flush()
        team = self.editor.state.workshop.team_name if self.editor.state else ""
        dialog = NewWorkshopDialog(self.service, self, team_name=team)
        if dialog.exec() and dialog.workshop is not None:
            carried = self._offer_carry_over(dialog.workshop)
            self.show_workshop(dialog.workshop.id)
            message = f"Started “{dialog.workshop.title}” for {dialog.workshop.team_name}."
            if carried:
                message += f" Carried over {carried} open action{'s' if carried != 1 else ''}."
            self.statusBar().showMessage(message, 5000)

    def _offer_carry_over(self, workshop: Workshop) -> int:
        """Offer the open actions of the team's previous workshop; returns how many were carried.
        Part of starting the workshop, so not on the undo stack."""
        try:
            pending = self.service.previous_open_actions(workshop.id)
            if not pending:
                return 0
            source = next((w for w in self.service.list_workshops() if w.id == pending[0].workshop_id), None)
        except DomainError as error:
            self._on_failed(str(error))
            return 0
        dialog = CarryOverDialog(self.model, pending, source, self)
        if not dialog.exec():
            return 0
        chosen = dialog.selected_actions()
        try:
            return len(self.service.carry_over(workshop.id, chosen)) if chosen else 0
        except DomainError as error:
            self._on_failed(str(error))
            return 0

    @Slot()
    def export_plan(self) -> None:
        """File ▸ Export action plan (Ctrl+E): what is on screen, the note being typed included."""
        self.notes.flush()
        if self.editor.state is None:
            self._on_refused("Start or open a workshop first.")
            return
        try:
            path = ask_and_export(self, self.model, self.editor.state, self._export_folder)
        except DomainError as error:
            self._on_failed(str(error))
            return
        if path is not None:
            self._export_folder = str(path.parent)
            self.statusBar().showMessage(f"Exported to {path}", 10000)

    @Slot()
    def open_workshops(self) -> None:
        self.notes.flush()
        current = self.editor.workshop_id
        dialog = OpenWorkshopDialog(self.service, current, self)
        accepted = dialog.exec()
        if accepted and dialog.chosen_id is not None:
            self.show_workshop(dialog.chosen_id)
        elif current is not None and current in dialog.deleted_ids:
            self.open_last_or_welcome()
        elif current is not None and current in dialog.changed_ids:
            self.show_workshop(current)

    @Slot()
    def rename_workshop(self) -> None:
        state = self.editor.state
        if state is None:
            return
        title, ok = QInputDialog.getText(self, "Rename workshop", "New title:", text=state.workshop.title)
        if ok:
            self._run(lambda: self.service.rename_workshop(state.workshop.id, title))

    @Slot()
    def toggle_closed(self) -> None:
        state = self.editor.state
        if state is not None:
            self.notes.flush()
            self._run(lambda: self.service.set_closed(state.workshop.id, not state.workshop.closed))

    @Slot()
    def delete_workshop(self) -> None:
        state = self.editor.state
        if state is None:
            return
        workshop = state.workshop
        if not confirm_delete(self, workshop):
            return
        try:
            self.service.delete_workshop(workshop.id)
        except DomainError as error:
            self._on_failed(str(error))
            return
        self.show_workshop(None)
        self.statusBar().showMessage(f"Deleted “{workshop.title}”. Ctrl+O opens another workshop.", 8000)

    def _run(self, change) -> None:
        """A change to the workshop itself (title, closed): saved, then shown. The undo history
        stays, except when the workshop closes: a closed workshop has nothing to undo."""
        try:
            workshop = change()
            if workshop.closed:
                self.editor.undo_stack.clear()
            self.editor.reload()
        except DomainError as error:
            self._on_failed(str(error))
            return
        self._show_heading(workshop)
        self._sync_notes_panel()
        self._sync_actions_panel()
        self._update_actions()
        self._on_saved(workshop.updated_at)

