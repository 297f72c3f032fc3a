"""Where the organisation page reads: "This laptop" (the workshops file) or "Organisation" (the copy
synced from the organisation's database), with, for the organisation, when it was synced, "Sync
now", and while a sync runs its progress and Cancel; a sync that failed says why in red."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal, Slot
from PySide6.QtWidgets import QButtonGroup, QHBoxLayout, QLabel, QProgressBar, QPushButton, QRadioButton, QVBoxLayout, QWidget

from ..widgets import ElidedLabel, error_label

LAPTOP, ORGANISATION = "laptop", "organisation"


class SourceBar(QWidget):
    sourceChosen = Signal(str)  # LAPTOP or ORGANISATION
    syncRequested = Signal()
    cancelRequested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("organisationSourceBar")
        self.laptop = QRadioButton("This la&ptop")
        self.laptop.setObjectName("organisationSourceLaptop")
        self.laptop.setToolTip("The teams of the workshops on this laptop")
        self.organisation = QRadioButton("O&rganisation")
        self.organisation.setObjectName("organisationSourceOrganisation")
        self.organisation.setToolTip("Every team the organisation's facilitators published, as last synced")
        self.group = QButtonGroup(self)
        for button in (self.laptop, self.organisation):
            self.group.addButton(button)
        self.laptop.toggled.connect(lambda on: on and self.sourceChosen.emit(LAPTOP))
        self.organisation.toggled.connect(lambda on: on and self.sourceChosen.emit(ORGANISATION))
        self.synced_label = ElidedLabel()
        self.synced_label.setObjectName("organisationSynced")
        self.sync_button = QPushButton("&Sync now")
        self.sync_button.setObjectName("organisationSyncNow")
        self.sync_button.clicked.connect(self.syncRequested)
        self.progress = QProgressBar()
        self.progress.setObjectName("organisationSyncProgress")
        self.progress.setMaximumWidth(self.fontMetrics().averageCharWidth() * 24)
        self.cancel_button = QPushButton("Cancel sync")
        self.cancel_button.setObjectName("organisationSyncCancel")
        self.cancel_button.clicked.connect(self.cancelRequested)
        self.cancel_button.clicked.connect(lambda: self.cancel_button.setEnabled(False))
        self.error = error_label()
        self.error.setObjectName("organisationSyncError")

        row = QHBoxLayout()
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(QLabel("Read from:"))
        for widget in (self.laptop, self.organisation):
            row.addWidget(widget)
        row.addWidget(self.synced_label, 1)
        row.addStretch(1)  # the choices stay together on the left while the synced line is hidden
        for widget in (self.progress, self.cancel_button, self.sync_button):
            row.addWidget(widget, 0, Qt.AlignmentFlag.AlignRight)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(row)
        layout.addWidget(self.error)
        self.show_syncing(False)

    def show_source(self, source: str, synced: str) -> None:
        """``source`` chosen (without saying so again); ``synced``: the copy's "Synced ..." line."""
        for button, value in ((self.laptop, LAPTOP), (self.organisation, ORGANISATION)):
            button.blockSignals(True)
            button.setChecked(source == value)
            button.blockSignals(False)
        self.synced_label.setText(synced)
        self.synced_label.setVisible(source == ORGANISATION)
        self.sync_button.setVisible(source == ORGANISATION)

    def show_syncing(self, syncing: bool) -> None:
        self.progress.setVisible(syncing)
        self.cancel_button.setVisible(syncing)
        self.cancel_button.setEnabled(True)
        self.sync_button.setEnabled(not syncing)
        self.progress.setRange(0, 0)  # busy until the first step says how many there are
        if syncing:
            self.show_error(None)

    @Slot(int, int)
    def show_step(self, done: int, total: int) -> None:
        self.progress.setRange(0, max(total, 1))
        self.progress.setValue(min(done, total))

    def show_error(self, message: str | None) -> None:
        self.error.setText(message or "")
        self.error.setVisible(bool(message))
