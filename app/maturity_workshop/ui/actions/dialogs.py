"""Dialogs for actions: add or edit one, and carry open ones over from the team's previous workshop."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from ...domain.actions import MAX_OWNER_LENGTH, MAX_TITLE_LENGTH, Action, ActionDraft, ActionPriority, ActionStatus
from ...domain.errors import DomainError
from ...domain.model import MaturityModel
from ...domain.workshop import Workshop
from .list_model import describe_action
from ..widgets import elided, error_label, plural

DEFAULT_DUE_IN_DAYS = 28


def _qdate(value: date) -> QDate:
    return QDate(value.year, value.month, value.day)


class ActionDialog(QDialog):
    """Title (required), owner, optional due date, status, priority and the cell it is about."""

    def __init__(
        self,
        model: MaturityModel,
        practice_id: str,
        parent: QWidget | None = None,
        action: Action | None = None,
        about_level: int | None = None,
    ) -> None:
        """Edit ``action``, or add one to ``practice_id`` about ``about_level``'s cell (if given)."""
        super().__init__(parent)
        self.maturity_model = model
        self.practice_id = practice_id
        self.action = action
        practice = model.practice(practice_id).name
        self.setWindowTitle(f"{'Edit' if action else 'Add'} action · {practice}")

        self.title = QLineEdit()
        self.title.setMaxLength(MAX_TITLE_LENGTH)
        self.title.setPlaceholderText("What will the team do?")
        self.owner = QLineEdit()
        self.owner.setMaxLength(MAX_OWNER_LENGTH)
        self.owner.setPlaceholderText("Who makes it happen")
        self.has_due = QCheckBox("Has a &due date")
        self.due_on = QDateEdit(QDate.currentDate().addDays(DEFAULT_DUE_IN_DAYS))
        self.due_on.setCalendarPopup(True)
        self.due_on.setDisplayFormat("yyyy-MM-dd")
        self.due_on.setAccessibleName("Due date")
        self.status = QComboBox()
        for status in ActionStatus:
            self.status.addItem(status.label, status.value)
        self.priority = QComboBox()
        for priority in ActionPriority:
            self.priority.addItem(priority.label, priority.value)
        self.cell = QComboBox()
        self.cell.addItem("None: the practice as a whole", None)
        for level in reversed(model.levels):  # highest first, as in the grid
            self.cell.addItem(f"Level {level.label}", model.cell(practice_id, level.value).id)
        self.error = error_label()

        due_row = QHBoxLayout()
        due_row.addWidget(self.has_due)
        due_row.addWidget(self.due_on, 1)
        form = QFormLayout()
        form.addRow("&Title:", self.title)
        form.addRow("&Owner:", self.owner)
        form.addRow("Due:", due_row)
        form.addRow("&Status:", self.status)
        form.addRow("&Priority:", self.priority)
        form.addRow("About &cell:", self.cell)

        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText("Save" if action else "Add action")
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        intro = QLabel(f"For the practice “{practice}”. Saved as soon as you confirm; Ctrl+Z undoes it.")
        intro.setWordWrap(True)
        layout.addWidget(intro)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addWidget(self.buttons)

        if action is not None:
            self.title.setText(action.title)
            self.owner.setText(action.owner)
            if action.due_on is not None:
                self.has_due.setChecked(True)
                self.due_on.setDate(_qdate(action.due_on))
            self.status.setCurrentIndex(self.status.findData(action.status.value))
            self.priority.setCurrentIndex(self.priority.findData(action.priority.value))
            self.cell.setCurrentIndex(max(0, self.cell.findData(action.cell_id)))
        else:
            self.priority.setCurrentIndex(self.priority.findData(ActionPriority.MEDIUM.value))
            if about_level is not None and model.has_level(about_level):
                self.cell.setCurrentIndex(self.cell.findData(model.cell(practice_id, about_level).id))
        self.due_on.setEnabled(self.has_due.isChecked())
        self.has_due.toggled.connect(self.due_on.setEnabled)
        self.title.textEdited.connect(lambda _text: self.error.hide())
        self.title.setFocus()
        self.setMinimumWidth(self.fontMetrics().averageCharWidth() * 84)

    def draft(self) -> ActionDraft:
        """The fields as typed (not yet checked)."""
        due = None
        if self.has_due.isChecked():
            qdate = self.due_on.date()
            due = date(qdate.year(), qdate.month(), qdate.day())
        return ActionDraft(
            practice_id=self.practice_id,
            title=self.title.text(),
            owner=self.owner.text(),
            due_on=due,
            status=ActionStatus(self.status.currentData()),
            priority=ActionPriority(self.priority.currentData()),
            cell_id=self.cell.currentData(),
        )

    def validated_draft(self) -> ActionDraft:
        """The fields, cleaned and checked; raises a DomainError with a message for the facilitator."""
        return self.draft().validated()

    def accept(self) -> None:
        try:
            self.validated_draft()
        except DomainError as error:
            self.error.setText(str(error))
            self.error.show()
            self.title.setFocus()
            return
        super().accept()


class CarryOverDialog(QDialog):
    """The open actions of the team's previous workshop, each with a check box (all ticked)."""

    def __init__(
        self,
        model: MaturityModel,
        actions: list[Action],
        source: Workshop | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle("Carry over open actions")
        self._actions = list(actions)
        where = "The team's previous workshop"
        if source is not None:
            where = f"“{elided(self, source.title)}” ({source.held_on.isoformat()})"
        count = len(actions)
        self.intro = intro = QLabel(
            f"{where} left {plural(count, 'open action')}. Tick the ones this workshop "
            "carries on with: they keep their owner, due date, status and priority."
        )
        intro.setWordWrap(True)

        self.list = QListWidget()
        self.list.setWordWrap(True)
        self.list.setAlternatingRowColors(True)
        for action in self._actions:
            practice = model.practice(action.practice_id).name if model.has_practice(action.practice_id) else "?"
            facts = [action.owner or "no owner", f"due {action.due_on.isoformat()}" if action.due_on else "no due date"]
            facts += [action.status.label, f"{action.priority.label.lower()} priority"]
            item = QListWidgetItem(f"{practice}: {action.title}\n    {' · '.join(facts)}")
            item.setFlags(Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsUserCheckable | Qt.ItemFlag.ItemIsSelectable)
            item.setCheckState(Qt.CheckState.Checked)
            item.setToolTip(describe_action(model, action))
            self.list.addItem(item)

        self.all_button = QPushButton("Tick &all")
        self.none_button = QPushButton("Tick &none")
        self.all_button.clicked.connect(lambda: self._tick_all(Qt.CheckState.Checked))
        self.none_button.clicked.connect(lambda: self._tick_all(Qt.CheckState.Unchecked))
        ticks = QHBoxLayout()
        ticks.addWidget(self.all_button)
        ticks.addWidget(self.none_button)
        ticks.addStretch(1)

        self.buttons = QDialogButtonBox()
        self.carry_button = self.buttons.addButton("&Carry over selected", QDialogButtonBox.ButtonRole.AcceptRole)
        self.skip_button = self.buttons.addButton("S&kip", QDialogButtonBox.ButtonRole.RejectRole)
        self.carry_button.setDefault(True)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        self.list.itemChanged.connect(lambda _item: self._update_button())

        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.list, 1)
        layout.addLayout(ticks)
        layout.addWidget(self.buttons)
        self._update_button()
        fm = self.fontMetrics()
        self.resize(fm.averageCharWidth() * 90, fm.height() * min(30, 10 + 3 * count))

    def selected_actions(self) -> list[Action]:
        return [
            action
            for row, action in enumerate(self._actions)
            if self.list.item(row).checkState() == Qt.CheckState.Checked
        ]

    def set_checked(self, row: int, checked: bool) -> None:
        self.list.item(row).setCheckState(Qt.CheckState.Checked if checked else Qt.CheckState.Unchecked)

    def _tick_all(self, state: Qt.CheckState) -> None:
        for row in range(self.list.count()):
            self.list.item(row).setCheckState(state)

    def _update_button(self) -> None:
        self.carry_button.setEnabled(bool(self.selected_actions()))
