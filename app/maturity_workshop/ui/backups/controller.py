"""Backups in the window: File ▸ Restore from backup…, and telling the facilitator when an
automatic backup fails.

A :class:`BackupController` is owned by the window; it asks through :class:`~..prompts.Prompts`
and reaches the window only through :class:`~..shell.Shell`."""

from __future__ import annotations

from PySide6.QtCore import QObject, Slot

from ...domain.errors import DomainError
from ...services.backups import Backup, backups_with_summaries
from ...services.workshops import WorkshopService
from ..prompts import Prompts
from ..shell import Shell
from ..widgets import local_time


class BackupController(QObject):
    def __init__(self, service: WorkshopService, shell: Shell, prompts: Prompts, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.service, self.shell, self.prompts = service, shell, prompts
        self.problem_shown = False  # a failed automatic backup is told in a dialog once, then in the status bar
        service.backups.on_problem = self.report_problem

    @property
    def can_restore(self) -> bool:
        """Opened read-only, another app may be the writer: the database is never replaced under it."""
        return not self.service.read_only

    @Slot()
    def restore(self) -> None:
        """File ▸ Restore from backup…: choose, confirm, restore, then show the restored workshops."""
        from .dialogs import RestoreBackupDialog  # not at launch
        self.shell.flush_note()
        parent = self.shell.dialog_parent()
        try:
            entries = backups_with_summaries(self.service.database_path)
        except DomainError as error:
            self.prompts.warn(parent, str(error))
            return
        dialog = RestoreBackupDialog(entries, parent)
        if not self.prompts.run(dialog) or dialog.chosen is None or not self._confirm(dialog.chosen):
            return
        try:
            restored = self.service.restore_backup(dialog.chosen)
        except DomainError as error:
            self.prompts.warn(parent, f"The backup was not restored.\n\n{error}")
            self.shell.show_last_or_welcome()
            return
        self.shell.show_last_or_welcome()  # another workshop may be the last one open now, or none
        message = f"Restored the backup of {local_time(restored.backup.taken_at)}."
        if restored.safety is not None:
            message += f" The workshops as they were are in the backup of {local_time(restored.safety.taken_at)}."
        elif restored.moved_aside is not None:
            message += f" The damaged database was kept as {restored.moved_aside.name}."
        self.shell.tell(message, 15000)

    def _confirm(self, backup: Backup) -> bool:
        return self.prompts.confirm(
            self.shell.dialog_parent(),
            "Restore from backup",
            f"Replace all the workshops with the backup of {local_time(backup.taken_at)}?\n\n"
            "The workshops as they are now are backed up first.",
            yes="&Restore",
        )

    def report_problem(self, message: str) -> None:
        """An automatic backup failed: the status bar says so each time, a dialog says it once."""
        self.shell.tell(f"⚠ Backup failed: {message}", 20000)
        if self.problem_shown:
            return  # told once in a dialog; the board stays up meanwhile
        parent = self.shell.dialog_parent()
        if not parent.isVisible():
            return
        self.problem_shown = True
        self.prompts.warn(
            parent,
            f"A backup of the workshops could not be made.\n\n{message}\n\n"
            "Your changes are still saved. If this happens again, export the action plan and restart the app.",
        )
