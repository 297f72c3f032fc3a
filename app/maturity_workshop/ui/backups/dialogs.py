"""Backups' dialogs: File ▸ Restore from backup…'s list of backups, and the dialog shown at launch
when the workshop file is damaged."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLayout,
    QPushButton,
    QStyle,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ... import APP_NAME
from ...services.backups import Backup, BackupSummary
from ...services.opening import Choice, Recovery
from ..widgets import local_time
from .words import holds, last_change, last_changed, last_workshop


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
