"""The workshop commands: start (and carry over), export, open, rename, close and reopen, delete.

A :class:`WorkshopController` is owned by the window; it works on the service and the editor, asks
its questions through :class:`~..prompts.Prompts` and reaches the window only through
:class:`~..shell.Shell`."""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import date
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QThreadPool, Slot

from ...domain.errors import DomainError
from ...domain.workshop import Team, Workshop
from ...services.history import history_of, team_history
from ...services.workshops import WorkshopService
from ..editing.editor import WorkshopEditor
from ..prompts import Prompts
from ..shell import Shell
from ..widgets import plural

if TYPE_CHECKING:  # the exports' code loads with the first export: nothing of it at launch
    from .exporting import ExportJob, ExportProgress

log = logging.getLogger(__name__)


class WorkshopController(QObject):
    def __init__(
        self, service: WorkshopService, editor: WorkshopEditor, shell: Shell, prompts: Prompts,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.service, self.editor, self.shell, self.prompts = service, editor, shell, prompts
        self.export_folder = ""  # where the last export went: the next save dialog starts there
        self.export_job: ExportJob | None = None  # the export running, if any: one at a time
        self._export_progress: ExportProgress | None = None
        self._exports = QThreadPool(self)
        self._exports.setMaxThreadCount(1)

    @Slot()
    def new_workshop(self) -> None:
        from .dialogs import NewWorkshopDialog  # not at launch
        self.shell.flush_note()
        team = self.editor.state.workshop.team_name if self.editor.state else ""
        try:  # the dialog lists the teams
            dialog = NewWorkshopDialog(self.service, self.shell.dialog_parent(), team_name=team)
        except DomainError as error:
            self.shell.failed(str(error), saving=False)
            return
        if self.prompts.run(dialog) and dialog.workshop is not None:
            carried = self._offer_carry_over(dialog.workshop)
            self.shell.show_workshop(dialog.workshop.id)
            message = f"Started “{dialog.workshop.title}” for {dialog.workshop.team_name}."
            if carried:
                message += f" Carried over {plural(carried, 'open action')}."
            self.shell.tell(message, 5000)

    def _offer_carry_over(self, workshop: Workshop) -> int:
        """Offer the open actions of the team's previous workshop; returns how many were carried.
        Part of starting the workshop, so not on the undo stack."""
        from ..actions.dialogs import CarryOverDialog  # not at launch
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
        """File ▸ Export action plan (Ctrl+E): what is on screen, the note being typed included,
        written on a worker thread while the workshop goes on."""
        if not self._may_export():
            return
        from ...services.exports import export_workshop, snapshot
        from .exporting import choose_target

        try:
            chosen = choose_target(self.prompts, self.shell.dialog_parent(), self.editor.state, self.export_folder)
        except DomainError as error:
            self.shell.failed(str(error), saving=False)
            return
        if chosen is None:
            return
        target, fmt = chosen
        model, state = self.service.model, snapshot(self.editor.state)
        try:  # read here, in milliseconds: the team's workshops up to this one for the PDF's
            # "Progress", the rounds of votes for the JSON and the PDF
            history = history_of(self.service, state.workshop.id) if fmt == "pdf" else None
            rounds = self._rounds(state.workshop.id) if fmt in ("json", "pdf") else ()
        except DomainError as error:
            self.shell.failed(str(error), saving=False)
            return
        export = partial(export_workshop, model, state, fmt, target, date.today(), history=history, rounds=rounds)
        self._start_export(target, export)

    def _rounds(self, workshop_id: int) -> list:
        from ...services.voting import VotingService  # the votes' code loads when first exported

        return VotingService(self.service).rounds_of(workshop_id)

    @Slot()
    def export_history(self) -> None:
        """File ▸ Export team history: every workshop of the open workshop's team, a row per
        workshop and practice, as CSV or JSON by the file's suffix; read here (a team's history
        reads in milliseconds), written on the worker thread."""
        if not self._may_export():
            return
        from ...services.exports import export_history
        from .exporting import choose_history_target

        workshop, parent = self.editor.state.workshop, self.shell.dialog_parent()
        try:
            chosen = choose_history_target(self.prompts, parent, workshop.team_name, self.export_folder)
            if chosen is None:
                return
            history = team_history(self.service, Team(workshop.team_id, workshop.team_name))
        except DomainError as error:
            self.shell.failed(str(error), saving=False)
            return
        if history.left_out:
            left_out = "; ".join(damaged.summary for damaged in history.left_out)
            self.prompts.warn(parent, f"Left out of the history, as they cannot be read: {left_out}.")
        (target, fmt), model = chosen, self.service.model
        self._start_export(target, partial(export_history, model, history, fmt, target, date.today()))

    def _may_export(self) -> bool:
        """The note being typed handed on (and the time spent saved); False, and said, when there is
        no workshop or an export is running."""
        self.shell.flush_note()
        if self.editor.state is None:
            self.shell.refused("Start or open a workshop first.")
            return False
        if self.export_job is not None:
            self.shell.refused("An export is already running: wait for it, or cancel it in the status bar.")
            return False
        return True

    def _start_export(self, target: Path, export: Callable[..., Path]) -> None:
        from .exporting import ExportJob, ExportProgress

        job = ExportJob(target, export, self)
        job.succeeded.connect(self._exported)
        job.failed.connect(self._export_failed)
        job.cancelled.connect(self._export_cancelled)
        self.export_job, self._export_progress = job, ExportProgress(target, job)
        self.shell.show_progress(self._export_progress)
        self._exports.start(job.run)

    def stop_export(self) -> None:
        """The window closes: cancel the export running, if any, and wait until its thread has
        stopped (at its next step), so that no half file or temporary file stays behind."""
        if self.export_job is not None:
            log.info("Closing during the export to %s: cancelled", self.export_job.target)
            self.export_job.cancel()
        self._exports.waitForDone()

    @Slot(object)
    def _exported(self, path: Path) -> None:
        self._export_done()
        self.export_folder = str(path.parent)
        self.shell.tell(f"Exported to {path}", 10000)

    @Slot(str)
    def _export_failed(self, message: str) -> None:
        self._export_done()
        self.shell.failed(message, saving=False)

    @Slot()
    def _export_cancelled(self) -> None:
        self._export_done()
        self.shell.tell("Export cancelled; nothing was written.", 8000)

    def _export_done(self) -> None:
        self._exports.waitForDone()  # the worker has said its last word; let its thread return from it
        if self._export_progress is not None:
            self._export_progress.deleteLater()
        if self.export_job is not None:
            self.export_job.deleteLater()
        self.export_job = self._export_progress = None

    @Slot()
    def open_workshops(self) -> None:
        from .dialogs import OpenWorkshopDialog  # not at launch
        self.shell.flush_note()
        current = self.editor.workshop_id
        try:  # the dialog lists the workshops
            dialog = OpenWorkshopDialog(self.service, current, self.prompts, self.shell.dialog_parent())
        except DomainError as error:
            self.shell.failed(str(error), saving=False)
            return
        accepted = self.prompts.run(dialog)
        if accepted and dialog.chosen_id is not None:
            self.shell.show_workshop(dialog.chosen_id)
        elif current is not None and current in dialog.deleted_ids:
            self.shell.show_last_or_welcome()
        elif current is not None and (current in dialog.changed_ids or dialog.deleted_ids):
            self.shell.show_workshop(current)  # a workshop deleted may have been the open one's last time

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
        from .dialogs import confirm_delete  # not at launch
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
