"""Dialogs to start a workshop and to find, open, rename, close or delete one."""

from __future__ import annotations

import logging
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QDate, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from ...domain.errors import DamagedRowError, DomainError, ValidationError
from ...domain.workshop import MAX_NAME_LENGTH, MAX_PARTICIPANTS, Workshop, WorkshopDraft
from ...services.workshops import WorkshopService
from ..grid.last_time import described
from ..prompts import Prompts
from ..widgets import elided, error_label, isolated
from .date_field import DateField

log = logging.getLogger(__name__)

def confirm_delete(prompts: Prompts, parent: QWidget, workshop: Workshop) -> bool:
    """Asks before a workshop is deleted, naming it; True when the facilitator said yes."""
    return prompts.confirm(
        parent,
        "Delete workshop",
        f"Delete “{elided(parent, workshop.title)}” of {elided(parent, workshop.team_name)} "
        f"({workshop.held_on.isoformat()}) "
        "with all its levels, notes and actions?\n\nThis cannot be undone.",
        yes="&Delete",
        warning=True,
    )


class NewWorkshopDialog(QDialog):
    """Team (an existing one or a new name), title, date, facilitator, participants. The team shown
    is selected, so typing replaces it; the facilitator and the participants follow the chosen team's
    last workshop, until the facilitator edits them."""

    DEFAULT_PARTICIPANTS = 8

    def __init__(self, service: WorkshopService, parent: QWidget | None = None, team_name: str = "") -> None:
        super().__init__(parent)
        self.setWindowTitle("Start a workshop")
        self.service = service
        self.workshop: Workshop | None = None

        self.team = QComboBox()
        self.team.setEditable(True)
        self.team.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        # As wide as the dialog, not as its longest team name (which may be 200 characters).
        self.team.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.team.setMinimumContentsLength(30)
        self.team.addItems([team.name for team in service.list_teams()])
        self.team.setEditText(team_name)
        self.team.lineEdit().setPlaceholderText("The team's name, new or existing")
        self.team.lineEdit().setMaxLength(MAX_NAME_LENGTH)
        self.title = QLineEdit("Maturity workshop")
        self.title.setMaxLength(MAX_NAME_LENGTH)
        self.held_on = DateField(QDate.currentDate())
        self.facilitator = QLineEdit()
        self.facilitator.setMaxLength(MAX_NAME_LENGTH)
        self.participants = QSpinBox()
        self.participants.setRange(0, MAX_PARTICIPANTS)
        self.participants.setValue(self.DEFAULT_PARTICIPANTS)
        self._edited: set[QWidget] = set()  # the fields the facilitator changed: they stay as changed
        self._following = False
        self.facilitator.textEdited.connect(lambda _text: self._edited.add(self.facilitator))
        self.participants.valueChanged.connect(self._participants_changed)
        self.last_time = QLabel()  # which workshop "last time" will be, on the grid and the board
        self.last_time.setObjectName("lastTime")
        self.last_time.setTextFormat(Qt.TextFormat.PlainText)
        self.last_time.setWordWrap(True)
        self.start_from_previous = QCheckBox()
        self.start_from_previous.setChecked(True)
        self.error = error_label()

        form = QFormLayout()
        form.addRow("&Team:", self.team)
        form.addRow("T&itle:", self.title)
        form.addRow("&Date:", self.held_on)
        form.addRow("&Facilitator:", self.facilitator)
        form.addRow("&Participants:", self.participants)
        form.addRow("", self.last_time)
        form.addRow("", self.start_from_previous)

        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText("&Start workshop")
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addWidget(self.buttons)
        self.team.currentTextChanged.connect(self._update_previous)
        self.held_on.edit.textChanged.connect(self._update_previous)  # last time is the one before that day
        self._update_previous()
        self.setMinimumWidth(self.fontMetrics().averageCharWidth() * 60)
        self.team.lineEdit().selectAll()  # typing replaces the team's name

    def _participants_changed(self) -> None:
        if not self._following:
            self._edited.add(self.participants)

    def _update_previous(self) -> None:
        try:
            previous = self.service.previous_workshop(self.team.currentText(), self.held_on.value())
        except DomainError:
            previous = None  # only an offer; starting the workshop reports any real problem
        self.start_from_previous.setVisible(previous is not None)
        self.last_time.setVisible(bool(self.team.currentText().strip()))
        self._following = True
        try:
            if self.facilitator not in self._edited:
                self.facilitator.setText(previous.facilitator if previous else "")
            if self.participants not in self._edited:
                self.participants.setValue(previous.participant_count if previous else self.DEFAULT_PARTICIPANTS)
        finally:
            self._following = False
        if previous is None:
            self.last_time.setText("No workshop of this team before this one: there is no last time to compare with.")
        else:
            title = elided(self, previous.title, 40)
            self.last_time.setText(f"{described(previous, title)}: the grid shows where the team stood then.")
            self.start_from_previous.setText(f"Start from the levels of “{title}”")
            self.start_from_previous.setToolTip(previous.title if title != previous.title else "")
            self.start_from_previous.setMinimumWidth(self.start_from_previous.sizeHint().width())
            self.adjustSize()

    def draft(self) -> WorkshopDraft:
        held_on = self.held_on.value()
        if held_on is None:
            raise ValidationError(self.held_on.problem())
        return WorkshopDraft(
            team_name=self.team.currentText(),
            title=self.title.text(),
            held_on=held_on,
            facilitator=self.facilitator.text(),
            participant_count=self.participants.value(),
        )

    def accept(self) -> None:
        if self.held_on.problem():  # what was typed stays in the field, to be put right
            self.held_on.setFocus(Qt.FocusReason.OtherFocusReason)
        try:
            self.workshop = self.service.start_workshop(
                self.draft(),
                start_from_previous=self.start_from_previous.isVisible() and self.start_from_previous.isChecked(),
            )
        except DomainError as error:
            self.error.setText(str(error))
            self.error.show()
            return
        super().accept()


class WorkshopListModel(QAbstractTableModel):
    """The workshops in the database, fed as a list (the dialog refreshes it after each change); after
    them, marked and not selectable, those that cannot be opened (the listing's ``damaged``)."""

    HEADERS = ("Team", "Title", "Date", "Facilitator", "Status")

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._rows: list[Workshop] = []
        self._damaged: list[DamagedRowError] = []

    def set_workshops(self, workshops: list[Workshop]) -> None:
        self.beginResetModel()
        self._rows = list(workshops)
        self._damaged = list(getattr(workshops, "damaged", ()))
        self.endResetModel()

    def workshop_at(self, row: int) -> Workshop | None:
        """The workshop on ``row``; None on the row of one that cannot be opened."""
        return self._rows[row] if 0 <= row < len(self._rows) else None

    def row_of(self, workshop_id: int) -> int:
        for row, workshop in enumerate(self._rows):
            if workshop.id == workshop_id:
                return row
        return -1

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._rows) + len(self._damaged)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self.HEADERS)

    def flags(self, index: QModelIndex | QPersistentModelIndex) -> Qt.ItemFlag:
        if index.isValid() and index.row() >= len(self._rows):
            return Qt.ItemFlag.NoItemFlags  # shown greyed: it cannot be opened, renamed or closed
        return super().flags(index)

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not self.checkIndex(index):
            return None
        if role not in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return None
        if index.row() >= len(self._rows):
            damaged = self._damaged[index.row() - len(self._rows)]
            if role == Qt.ItemDataRole.ToolTipRole:
                return str(damaged)
            return (f"⚠ Workshop {damaged.workshop_id}", damaged.problem, "", "", "Cannot be opened")[index.column()]
        workshop = self._rows[index.row()]
        return (
            isolated(workshop.team_name),
            isolated(workshop.title),
            workshop.held_on.isoformat(),
            isolated(workshop.facilitator),
            "Closed" if workshop.closed else "Open",
        )[index.column()]

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal:
            if 0 <= section < len(self.HEADERS):
                return self.HEADERS[section]
        return None


class OpenWorkshopDialog(QDialog):
    """Every workshop, with Open, Rename, Close/Reopen and Delete."""

    def __init__(
        self, service: WorkshopService, current_id: int | None, prompts: Prompts, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle("Workshops")
        self.service = service
        self.prompts = prompts
        self.chosen_id: int | None = None
        self.changed_ids: set[int] = set()
        self.deleted_ids: set[int] = set()

        self.list_model = WorkshopListModel(self)
        self.table = QTableView()
        self.table.setModel(self.list_model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.table.horizontalHeader().setStretchLastSection(True)
        # A column fits its text up to 40 characters; longer names elide, their whole text in a tooltip.
        self.table.horizontalHeader().setMaximumSectionSize(self.fontMetrics().averageCharWidth() * 40)
        self.table.doubleClicked.connect(lambda _index: self._open())

        self.open_button = QPushButton("&Open")
        self.rename_button = QPushButton("&Rename…")
        self.close_button = QPushButton("&Close workshop")
        self.delete_button = QPushButton("&Delete…")
        self.error = error_label()
        buttons = QHBoxLayout()
        for button in (self.open_button, self.rename_button, self.close_button, self.delete_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        cancel = QPushButton("Cancel")
        buttons.addWidget(cancel)
        self.open_button.setDefault(True)

        self.open_button.clicked.connect(self._open)
        self.rename_button.clicked.connect(self._rename)
        self.close_button.clicked.connect(self._toggle_closed)
        self.delete_button.clicked.connect(self._delete)
        cancel.clicked.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.error)
        layout.addLayout(buttons)
        self.refresh(select_id=current_id)
        self.table.selectionModel().currentRowChanged.connect(lambda *_: self._update_buttons())
        self._update_buttons()
        fm = self.fontMetrics()
        self.resize(fm.averageCharWidth() * 100, fm.height() * 24)

    def refresh(self, select_id: int | None = None) -> None:
        self.list_model.set_workshops(self.service.list_workshops())
        row = self.list_model.row_of(select_id) if select_id is not None else -1
        if row < 0 and self.list_model.rowCount():
            row = 0
        if row >= 0:
            self.table.selectRow(row)
        self._update_buttons()

    def selected(self) -> Workshop | None:
        rows = self.table.selectionModel().selectedRows() if self.table.selectionModel() else []
        return self.list_model.workshop_at(rows[0].row()) if rows else None

    def _update_buttons(self) -> None:
        workshop = self.selected()
        for button in (self.open_button, self.rename_button, self.close_button, self.delete_button):
            button.setEnabled(workshop is not None and (button is self.open_button or not self.service.read_only))
        self.close_button.setText("Re&open workshop" if workshop and workshop.closed else "&Close workshop")

    def _show_error(self, error: DomainError) -> None:
        log.warning("Shown to the user: %s", error)
        self.error.setText(str(error))
        self.error.show()

    def _open(self) -> None:
        workshop = self.selected()
        if workshop is not None:
            self.chosen_id = workshop.id
            self.accept()

    def _rename(self) -> None:
        workshop = self.selected()
        if workshop is None:
            return
        title = self.prompts.text(self, "Rename workshop", "New title:", workshop.title)
        if title is not None:
            self._change(workshop, lambda: self.service.rename_workshop(workshop.id, title))

    def _toggle_closed(self) -> None:
        workshop = self.selected()
        if workshop is not None:
            self._change(workshop, lambda: self.service.set_closed(workshop.id, not workshop.closed))

    def _change(self, workshop: Workshop, change) -> None:
        """Save a change to ``workshop`` (its title, closed or not), then list it as it now is."""
        try:
            change()
        except DomainError as error:
            self._show_error(error)
            return
        self.changed_ids.add(workshop.id)
        self.refresh(select_id=workshop.id)

    def _delete(self) -> None:
        workshop = self.selected()
        if workshop is None:
            return
        if not confirm_delete(self.prompts, self, workshop):
            return
        try:
            self.service.delete_workshop(workshop.id)
        except DomainError as error:
            self._show_error(error)
            return
        self.deleted_ids.add(workshop.id)
        self.refresh()
