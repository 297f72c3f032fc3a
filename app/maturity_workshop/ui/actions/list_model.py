"""The list model behind the actions panel: the actions of one practice, in the team's order.

Like the grid's model it is fed data and never queries the database. Showing another practice (or
workshop) resets it; a single edit inserts, removes, moves or changes one row.
"""

from __future__ import annotations

import enum
from dataclasses import replace
from typing import Any

from PySide6.QtCore import QAbstractListModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QColor, QFont

from ...domain.actions import Action, ActionStatus
from ...domain.model import MaturityModel

Index = QModelIndex | QPersistentModelIndex

SETTLED_TEXT = QColor("#6B7280")  # done and dropped actions step back


class ActionRole(enum.IntEnum):
    ACTION = Qt.ItemDataRole.UserRole + 1  # the Action itself
    ACTION_ID = Qt.ItemDataRole.UserRole + 2
    OWNER = Qt.ItemDataRole.UserRole + 3
    DUE = Qt.ItemDataRole.UserRole + 4  # "2026-11-30", or "" without a due date
    STATUS = Qt.ItemDataRole.UserRole + 5  # ActionStatus value
    PRIORITY = Qt.ItemDataRole.UserRole + 6  # ActionPriority value
    LEVEL = Qt.ItemDataRole.UserRole + 7  # the level of the cell it is about, or None
    IS_SETTLED = Qt.ItemDataRole.UserRole + 8  # done or dropped


def describe_action(model: MaturityModel, action: Action) -> str:
    """One sentence for tooltips and screen readers."""
    parts = [action.title.rstrip(".") + "."]
    parts.append(f"Owner: {action.owner}." if action.owner else "No owner yet.")
    parts.append(f"Due {action.due_on.isoformat()}." if action.due_on else "No due date.")
    parts.append(f"{action.status.label}, {action.priority.label.lower()} priority.")
    if action.cell_id and model.has_cell(action.cell_id):
        level = model.level(model.cell_by_id(action.cell_id).level)
        parts.append(f"About level {level.label}.")
    return " ".join(parts)


class ActionListModel(QAbstractListModel):
    def __init__(self, model: MaturityModel, parent: Any = None) -> None:
        super().__init__(parent)
        self.maturity_model = model
        self._practice_id: str | None = None
        self._rows: list[Action] = []

    # -- feeding data ---------------------------------------------------------------------------
    @property
    def practice_id(self) -> str | None:
        return self._practice_id

    def show(self, practice_id: str | None, actions: list[Action]) -> None:
        """Show ``actions`` (those of ``practice_id``): the only place the model resets."""
        self.beginResetModel()
        self._practice_id = practice_id
        self._rows = sorted((a for a in actions if a.practice_id == practice_id), key=lambda a: (a.position, a.id))
        self.endResetModel()

    def insert(self, action: Action) -> None:
        """An action was added (or put back) at ``action.position`` of its practice."""
        if action.practice_id != self._practice_id or self.row_of(action.id) >= 0:
            return
        row = max(0, min(action.position, len(self._rows)))
        self.beginInsertRows(QModelIndex(), row, row)
        self._rows.insert(row, action)
        self._renumber()
        self.endInsertRows()

    def remove(self, action_id: int) -> None:
        row = self.row_of(action_id)
        if row < 0:
            return
        self.beginRemoveRows(QModelIndex(), row, row)
        del self._rows[row]
        self._renumber()
        self.endRemoveRows()

    def replace(self, action: Action) -> None:
        """An action's fields changed (not its place)."""
        row = self.row_of(action.id)
        if row < 0:
            return
        self._rows[row] = replace(action, position=row)
        index = self.index(row)
        self.dataChanged.emit(index, index)

    def move(self, action_id: int, position: int) -> None:
        row = self.row_of(action_id)
        if row < 0:
            return
        target = max(0, min(position, len(self._rows) - 1))
        if target == row:
            return
        # beginMoveRows wants the row the moved one will sit before, counted before the move.
        self.beginMoveRows(QModelIndex(), row, row, QModelIndex(), target + 1 if target > row else target)
        self._rows.insert(target, self._rows.pop(row))
        self._renumber()
        self.endMoveRows()

    def _renumber(self) -> None:
        self._rows = [a if a.position == i else replace(a, position=i) for i, a in enumerate(self._rows)]

    # -- reading --------------------------------------------------------------------------------
    def actions(self) -> list[Action]:
        return list(self._rows)

    def action_at(self, row: int) -> Action:
        return self._rows[row]

    def row_of(self, action_id: int) -> int:
        for row, action in enumerate(self._rows):
            if action.id == action_id:
                return row
        return -1

    # -- QAbstractListModel ---------------------------------------------------------------------
    def rowCount(self, parent: Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._rows)

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemNeverHasChildren

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not self.checkIndex(index):
            return None
        action = self._rows[index.row()]
        settled = not action.status.is_open
        if role == Qt.ItemDataRole.DisplayRole:
            return action.title
        if role in (Qt.ItemDataRole.ToolTipRole, Qt.ItemDataRole.AccessibleTextRole):
            return describe_action(self.maturity_model, action)
        if role == Qt.ItemDataRole.ForegroundRole:
            return SETTLED_TEXT if settled else None
        if role == Qt.ItemDataRole.FontRole:
            if action.status == ActionStatus.DROPPED:
                font = QFont()
                font.setStrikeOut(True)
                return font
            return None
        if role == ActionRole.ACTION:
            return action
        if role == ActionRole.ACTION_ID:
            return action.id
        if role == ActionRole.OWNER:
            return action.owner
        if role == ActionRole.DUE:
            return action.due_on.isoformat() if action.due_on else ""
        if role == ActionRole.STATUS:
            return action.status.value
        if role == ActionRole.PRIORITY:
            return action.priority.value
        if role == ActionRole.LEVEL:
            if action.cell_id and self.maturity_model.has_cell(action.cell_id):
                return self.maturity_model.cell_by_id(action.cell_id).level
            return None
        if role == ActionRole.IS_SETTLED:
            return settled
        return None

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal and section == 0:
            return "Action"
        return None
