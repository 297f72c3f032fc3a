"""The workshop commands: start (and carry over), export, open, rename, close and reopen, delete.

A :class:`WorkshopController` is owned by the window; it works on the service and the editor, asks
its questions through :class:`~..prompts.Prompts` and reaches the window only through
:class:`~..shell.Shell`."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject, Slot

from ...domain.errors import DomainError
from ...domain.workshop import Workshop
from ...services.workshops import WorkshopService
from ..actions.dialogs import CarryOverDialog
from ..editing.editor import WorkshopEditor
from ..prompts import Prompts
from ..shell import Shell
from .dialogs import NewWorkshopDialog, OpenWorkshopDialog, confirm_delete
from .exporting import ask_and_export


class WorkshopController(QObject):
    def __init__(
        self, service: WorkshopService, editor: WorkshopEditor, shell: Shell, prompts: Prompts,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.service, self.editor, self.shell, self.prompts = service, editor, shell, prompts
        self.export_folder = ""  # where the last export went: the next save dialog starts there

    @Slot()
    def new_workshop(self) -> None:
        self.shell.flush_note()
        team = self.editor.state.workshop.team_name if self.editor.state else ""
        dialog = NewWorkshopDialog(self.service, self.shell.dialog_parent(), team_name=team)
        if self.prompts.run(dialog) and dialog.workshop is not None:
            carried = self._offer_carry_over(dialog.workshop)
            self.shell.show_workshop(dialog.workshop.id)
            message = f"Started “{dialog.workshop.title}” for {dialog.workshop.team_name}."
            if carried:
                message += f" Carried over {carried} open action{'s' if carried != 1 else ''}."
            self.shell.tell(message, 5000)

    def _offer_carry_over(self, workshop: Workshop) -> int:
        """Offer the open actions of the team's previous workshop; returns how many were carried.
        Part of starting the workshop, so not on the undo stack."""
        try:
            pending = self.service.previous_open_actions(workshop.id)
            if not pending:
                return 0
            source = next((w for w in self.service.list_workshops() if w.id == pending[0].workshop_id), None)
        except DomainError as error:
            self.shell.failed(str(error))
            return 0
        dialog = CarryOverDialog(self.service.model, pending, source, self.shell.dialog_parent())
        if not self.prompts.run(dialog):
            return 0
        chosen = dialog.selected_actions()
        try:
            return len(self.service.carry_over(workshop.id, chosen)) if chosen else 0
        except DomainError as error:
            self.shell.failed(str(error))
            return 0

    @Slot()
    def export_plan(self) -> None:
        """File ▸ Export action plan (Ctrl+E): what is on screen, the note being typed included."""
        self.shell.flush_note()
        if self.editor.state is None:
            self.shell.refused("Start or open a workshop first.")
            return
        try:
            path = ask_and_export(
                self.prompts, self.shell.dialog_parent(), self.service.model, self.editor.state, self.export_folder
            )
        except DomainError as error:
            self.shell.failed(str(error))
            return
        if path is not None:
            self.export_folder = str(path.parent)
            self.shell.tell(f"Exported to {path}", 10000)

    @Slot()
    def open_workshops(self) -> None:
        self.shell.flush_note()
        current = self.editor.workshop_id
        dialog = OpenWorkshopDialog(self.service, current, self.prompts, self.shell.dialog_parent())
        accepted = self.prompts.run(dialog)
        if accepted and dialog.chosen_id is not None:
            self.shell.show_workshop(dialog.chosen_id)
        elif current is not None and current in dialog.deleted_ids:
            self.shell.show_last_or_welcome()
        elif current is not None and current in dialog.changed_ids:
            self.shell.show_workshop(current)

    @Slot()
    def rename_workshop(self) -> None:
        state = self.editor.state
        if state is None:
            return
        title = self.prompts.text(self.shell.dialog_parent(), "Rename workshop", "New title:", state.workshop.title)
        if title is not None:
            self._change(lambda: self.service.rename_workshop(state.workshop.id, title))

    @Slot()
    def toggle_closed(self) -> None:
        state = self.editor.state
        if state is not None:
            self.shell.flush_note()
            self._change(lambda: self.service.set_closed(state.workshop.id, not state.workshop.closed))

    @Slot()
    def delete_workshop(self) -> None:
        state = self.editor.state
        if state is None:
            return
        workshop = state.workshop
        if not confirm_delete(self.prompts, self.shell.dialog_parent(), workshop):
            return
        try:
            self.service.delete_workshop(workshop.id)
        except DomainError as error:
            self.shell.failed(str(error))
            return
        self.shell.show_workshop(None)
        self.shell.tell(f"Deleted “{workshop.title}”. Ctrl+O opens another workshop.", 8000)

    def _change(self, change: Callable[[], Workshop]) -> None:
        """A change to the workshop itself (title, closed): saved, then shown. The undo history
        stays, except when the workshop closes: a closed workshop has nothing to undo."""
        try:
            workshop = change()
            if workshop.closed:
                self.editor.undo_stack.clear()
            self.editor.reload()
        except DomainError as error:
            self.shell.failed(str(error))
            return
        self.shell.workshop_changed(workshop)
        self.shell.saved(workshop.updated_at)
