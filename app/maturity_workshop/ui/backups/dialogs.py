"""Backups in the window: File ▸ Restore from backup…, the dialog shown at launch when the
workshop file is damaged, and telling the facilitator when an automatic backup fails."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLayout,
    QMenu,
    QMessageBox,
    QPushButton,
    QStyle,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ... import APP_NAME
from ...domain.errors import DomainError
from ...domain.model import MaturityModel
from ...services.opening import Choice, Recovery, open_or_recover
from ...services.workshops import WorkshopService
from ...store.backups import Backup, BackupSummary, summarize

if TYPE_CHECKING:
    from ..window.main_window import MainWindow


# -- words ------------------------------------------------------------------------------------------
def local_time(moment: datetime) -> str:
    """A moment in the computer's time zone, the way people read it: "Thu 26 Nov 2026, 07:12"."""
    return moment.astimezone().strftime("%a %d %b %Y, %H:%M")


def plural(count: int, word: str) -> str:
    return f"{count} {word}{'' if count == 1 else 's'}"


def holds(summary: BackupSummary) -> str:
    """What a backup holds: "3 workshops of 2 teams"."""
    if summary.problem:
        return summary.problem
    return f"{plural(summary.workshops, 'workshop')} of {plural(summary.teams, 'team')}"


def last_workshop(summary: BackupSummary) -> str:
    """The workshop changed last: "“Spring review” (Platform team, 12 Mar 2026)"."""
    if summary.problem or summary.last_title is None:
        return "—"
    held = f", {summary.last_held_on.strftime('%d %b %Y')}" if summary.last_held_on else ""
    return f"“{summary.last_title}” ({summary.last_team}{held})"


def last_changed(summary: BackupSummary) -> str:
    """When the workshop changed last was changed, in local time."""
    if summary.problem or summary.last_changed_at is None:
        return ""
    return local_time(summary.last_changed_at)


def last_change(summary: BackupSummary) -> str:
    """Both in one line: "“Spring review” (Platform team, 12 Mar 2026), changed Thu 26 Nov 2026, 07:12"."""
    changed = last_changed(summary)
    return last_workshop(summary) + (f", changed {changed}" if changed else "")


# -- File ▸ Restore from backup… ------------------------------------------------------------------
class RestoreBackupDialog(QDialog):
    """The backups, newest first, with their time and what they hold; Restore replaces the database."""

    COLUMNS = ("Taken", "Holds", "Workshop changed last", "Changed")

    def __init__(self, entries: list[tuple[Backup, BackupSummary]], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Restore from backup")
        self.entries = entries
        self.chosen: Backup | None = None

        intro = QLabel(
            "Each backup is a copy of all the workshops as they were at that time. Restoring one "
            "replaces all the workshops with that copy. The workshops as they are now are backed up "
            "first, so you can come back to them from this list."
        )
        intro.setWordWrap(True)

        self.list = QTreeWidget()
        self.list.setColumnCount(len(self.COLUMNS))
        self.list.setHeaderLabels(list(self.COLUMNS))
        self.list.setRootIsDecorated(False)
        self.list.setUniformRowHeights(True)
        self.list.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.list.setAlternatingRowColors(True)
        for backup, summary in entries:
            item = QTreeWidgetItem(
                [local_time(backup.taken_at), holds(summary), last_workshop(summary), last_changed(summary)]
            )
            item.setToolTip(0, str(backup.path))
            item.setToolTip(2, last_workshop(summary))
            if summary.problem:
                item.setFlags(item.flags() & ~Qt.ItemFlag.ItemIsEnabled)
            self.list.addTopLevelItem(item)
        self.list.setTextElideMode(Qt.TextElideMode.ElideMiddle)
        header = self.list.header()
        header.setStretchLastSection(False)
        for column in range(len(self.COLUMNS)):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)

        self.empty = QLabel(
            "There are no backups yet. One is made when a workshop starts, every five minutes while "
            "changes are made, and when the app closes."
        )
        self.empty.setWordWrap(True)
        self.empty.setVisible(not entries)
        self.list.setVisible(bool(entries))

        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.restore_button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.restore_button.setText("&Restore…")
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        self.list.itemSelectionChanged.connect(self._update_button)
        self.list.itemDoubleClicked.connect(lambda *_: self.accept())

        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.list, 1)
        layout.addWidget(self.empty)
        layout.addWidget(self.buttons)
        first = next((i for i, (_b, s) in enumerate(entries) if not s.problem), None)
        if first is not None:
            self.list.setCurrentItem(self.list.topLevelItem(first))
        self._update_button()
        char = self.fontMetrics().averageCharWidth()
        self.resize(char * 140, self.fontMetrics().height() * 24)

    def selected(self) -> Backup | None:
        item = self.list.currentItem()
        if item is None or not item.isSelected() or not (item.flags() & Qt.ItemFlag.ItemIsEnabled):
            return None
        return self.entries[self.list.indexOfTopLevelItem(item)][0]

    def _update_button(self) -> None:
        self.restore_button.setEnabled(self.selected() is not None)

    def accept(self) -> None:
        self.chosen = self.selected()
        if self.chosen is not None:
            super().accept()


def backup_entries(service: WorkshopService) -> list[tuple[Backup, BackupSummary]]:
    return [(backup, summarize(backup.path)) for backup in service.list_backups()]


def confirm_restore(parent: QWidget, backup: Backup) -> bool:
    answer = QMessageBox.question(
        parent,
        "Restore from backup",
        f"Replace all the workshops with the backup of {local_time(backup.taken_at)}?\n\n"
        "The workshops as they are now are backed up first.",
        QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Cancel,
        QMessageBox.StandardButton.Cancel,
    )
    return answer == QMessageBox.StandardButton.Yes


def restore_from_backup(window: MainWindow) -> None:
    """File ▸ Restore from backup…: choose, confirm, restore, then show the restored workshops."""
    window.notes.flush()
    try:
        entries = backup_entries(window.service)
    except DomainError as error:
        QMessageBox.warning(window, APP_NAME, str(error))
        return
    dialog = RestoreBackupDialog(entries, window)
    if not dialog.exec() or dialog.chosen is None or not confirm_restore(window, dialog.chosen):
        return
    try:
        restored = window.service.restore_backup(dialog.chosen)
    except DomainError as error:
        QMessageBox.warning(window, APP_NAME, f"The backup was not restored.\n\n{error}")
        _show_again(window)
        return
    _show_again(window)
    message = f"Restored the backup of {local_time(restored.backup.taken_at)}."
    if restored.safety is not None:
        message += f" The workshops as they were are in the backup of {local_time(restored.safety.taken_at)}."
    elif restored.moved_aside is not None:
        message += f" The damaged database was kept as {restored.moved_aside.name}."
    window.statusBar().showMessage(message, 15000)


def _show_again(window: MainWindow) -> None:
    """Show what the database now holds: another workshop may be the last one open, or none."""
    try:
        window.editor.open(None)
        window.open_last_or_welcome()
    except DomainError as error:
        QMessageBox.warning(window, APP_NAME, str(error))


def report_backup_problem(window: MainWindow, message: str) -> None:
    """An automatic backup failed: the status bar says so each time, a dialog says it once."""
    window.statusBar().showMessage(f"⚠ Backup failed: {message}", 20000)
    if getattr(window, "_backup_problem_shown", False) or not window.isVisible():
        return
    window._backup_problem_shown = True
    QMessageBox.warning(
        window,
        APP_NAME,
        f"A backup of the workshops could not be made.\n\n{message}\n\n"
        "Your changes are still saved. If this happens again, export the action plan and restart the app.",
    )


def install_backup_actions(window: MainWindow, file_menu: QMenu) -> QAction:
    """Add File ▸ Restore from backup… and route automatic backups' problems to the window."""
    action = QAction("Restore from &backup…", window)
    action.triggered.connect(lambda: restore_from_backup(window))
    # Opened read-only, another app may be the writer: the database is never replaced under it.
    action.setEnabled(not getattr(window.service, "read_only", False))
    file_menu.addAction(action)
    window.restore_backup_action = action
    window.service.backups.on_problem = lambda message: report_backup_problem(window, message)
    return action


# -- at launch: the workshop file is damaged ------------------------------------------------------
class DamagedFileDialog(QDialog):
    """Says what is wrong with the file, that it is kept untouched, and offers the newest good
    backup or an empty database (or quitting, which changes nothing)."""

    def __init__(self, recovery: Recovery, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(f"{APP_NAME}: the workshop file is damaged")
        self.recovery = recovery
        self.choice = Choice.QUIT

        icon = QLabel()
        size = self.style().pixelMetric(QStyle.PixelMetric.PM_MessageBoxIconSize)
        icon.setPixmap(self.style().standardIcon(QStyle.StandardPixmap.SP_MessageBoxWarning).pixmap(size, size))
        icon.setAlignment(Qt.AlignmentFlag.AlignTop)

        heading = QLabel("The workshops could not be opened")
        font = heading.font()
        font.setBold(True)
        font.setPointSizeF(font.pointSizeF() * 1.25)
        heading.setFont(font)

        self.explanation = QLabel(recovery.explanation())
        self.explanation.setWordWrap(True)
        self.explanation.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

        candidate = recovery.backup
        if candidate is not None:
            offer = (
                f"The newest good backup is from {local_time(candidate.backup.taken_at)}. "
                f"It holds {holds(candidate.summary)}; the workshop changed last is "
                f"{last_change(candidate.summary)}.\n\n"
                "Restore it to carry on from there, or start with no workshops."
            )
        else:
            offer = "There is no backup to restore. You can start with no workshops."
        self.offer = QLabel(offer)
        self.offer.setWordWrap(True)
        self.details = QLabel(f"What was found: {recovery.problem.detail}" if recovery.problem.detail else "")
        self.details.setWordWrap(True)
        self.details.setStyleSheet("color: palette(mid);")
        self.details.setVisible(bool(recovery.problem.detail))
        self.details.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

        # A column of known width, so that the wrapped paragraphs get the height they need.
        column = QWidget()
        column.setFixedWidth(self.fontMetrics().averageCharWidth() * 78)
        text = QVBoxLayout(column)
        text.setContentsMargins(0, 0, 0, 0)
        text.addWidget(heading)
        text.addWidget(self.explanation)
        text.addWidget(self.offer)
        text.addWidget(self.details)
        top = QHBoxLayout()
        top.addWidget(icon)
        top.addWidget(column, 1)

        self.buttons = QDialogButtonBox()
        self.restore_button: QPushButton | None = None
        if candidate is not None:
            self.restore_button = self.buttons.addButton(
                "&Restore the backup", QDialogButtonBox.ButtonRole.AcceptRole
            )
            self.restore_button.clicked.connect(lambda: self._choose(Choice.RESTORE))
        self.fresh_button = self.buttons.addButton(
            "Start &empty",
            QDialogButtonBox.ButtonRole.ActionRole if candidate else QDialogButtonBox.ButtonRole.AcceptRole,
        )
        self.fresh_button.clicked.connect(lambda: self._choose(Choice.FRESH))
        self.quit_button = self.buttons.addButton("&Quit", QDialogButtonBox.ButtonRole.RejectRole)
        self.quit_button.clicked.connect(lambda: self._choose(Choice.QUIT))
        (self.restore_button or self.fresh_button).setDefault(True)

        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.buttons)
        layout.setSizeConstraint(QLayout.SizeConstraint.SetFixedSize)

    def _choose(self, choice: Choice) -> None:
        self.choice = choice
        if choice is Choice.QUIT:
            self.reject()
        else:
            self.accept()


def ask_about_damaged_file(recovery: Recovery) -> Choice:
    dialog = DamagedFileDialog(recovery)
    dialog.exec()
    return dialog.choice


def open_for_window(database: Path, model: MaturityModel) -> WorkshopService:
    """The launch: open the database, asking with :class:`DamagedFileDialog` if its file is damaged.
    Raises :class:`~..domain.errors.DomainError` (``OpeningCancelled`` when the facilitator quits)."""
    return open_or_recover(database, model, ask_about_damaged_file).service
