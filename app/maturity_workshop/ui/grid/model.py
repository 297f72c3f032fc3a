"""The table model behind the maturity grid: levels as rows (highest first), practices as columns.

The model is fed data (a :class:`WorkshopState`) and never queries the database. A change to a
practice emits ``dataChanged`` for each of its cells whose look changed, one cell at a time; a note
change for its one cell. "Last time" (where the team stood at its previous workshop, handed in with
the workshop) marks one cell a practice and puts the change in its column's header, while shown.
"""

from __future__ import annotations

import enum
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt, Signal

from ...domain.cells import CellState, cell_state
from ...domain.change import Change, ChangeKind, level_text
from ...domain.model import Cell, MaturityModel
from ...domain.workshop import Rating, WorkshopState

Index = QModelIndex | QPersistentModelIndex


class CellRole(enum.IntEnum):
    STATE = Qt.ItemDataRole.UserRole + 1
    IS_TARGET = Qt.ItemDataRole.UserRole + 2
    HAS_NOTE = Qt.ItemDataRole.UserRole + 3
    CELL_ID = Qt.ItemDataRole.UserRole + 4
    NOTE = Qt.ItemDataRole.UserRole + 5
    LOOK = Qt.ItemDataRole.UserRole + 6  # (state, is target, has note, is last time): all the painter asks
    LAST_TIME = Qt.ItemDataRole.UserRole + 7  # the level the team stood at last time (while shown)


class HeaderRole(enum.IntEnum):
    CHANGE = Qt.ItemDataRole.UserRole + 20  # the change since last time: "▲ +1", "new", "" (none); None: hidden
    CHANGE_SHORT = Qt.ItemDataRole.UserRole + 21  # the same for a narrow column: "1 → –" for "last time 1, now –"


class GridModel(QAbstractTableModel):
    lastTimeShown = Signal(bool)  # whether the grid shows last time's marks and changes, after each change

    def __init__(self, model: MaturityModel, parent: Any = None) -> None:
        super().__init__(parent)
        self.maturity_model = model
        self._levels = tuple(reversed(model.levels))  # row 0 is the highest level
        self._ratings: dict[str, Rating] = {}
        self._notes: dict[str, str] = {}
        self._last_time: dict[str, int | None] | None = None  # None: the team has no previous workshop
        self._last_time_wanted = True  # View ▸ Show last time
        self.last_time_from = ""  # which workshop last time was ("Last time: “Autumn review”, 14 Oct 2026")

    # -- feeding data ---------------------------------------------------------------------------
    def set_workshop(
        self, state: WorkshopState | None, last_time: dict[str, int | None] | None = None, last_time_from: str = ""
    ) -> None:
        """Show another workshop (or none): the only place the model resets. ``last_time``: each
        practice's level at the team's previous workshop (None when there is none), which
        ``last_time_from`` names."""
        self.beginResetModel()
        self._ratings = dict(state.ratings) if state else {}
        self._notes = dict(state.notes) if state else {}
        self._last_time = self._known(last_time) if state is not None and last_time is not None else None
        self.last_time_from = last_time_from if self._last_time is not None else ""
        self.endResetModel()
        self.lastTimeShown.emit(self.shows_last_time)

    def _known(self, levels: dict[str, int | None]) -> dict[str, int | None]:
        """The levels of the model's practices, at the model's levels (an older model's are left out)."""
        values = {level.value for level in self._levels}
        return {
            practice.id: level
            for practice in self.maturity_model.practices
            if (level := levels.get(practice.id)) is None or level in values
        }

    def set_last_time_wanted(self, wanted: bool) -> None:
        """Show or hide last time's marks and changes: ``dataChanged`` for the marked cells only."""
        if wanted == self._last_time_wanted:
            return
        self._last_time_wanted = wanted
        if self._last_time is None:
            return
        for practice_id, level in self._last_time.items():
            if level is not None:
                index = self.index_of(practice_id, level)
                self.dataChanged.emit(index, index)
        if self.columnCount():
            self.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, self.columnCount() - 1)
        self.lastTimeShown.emit(self.shows_last_time)

    @property
    def last_time_wanted(self) -> bool:
        return self._last_time_wanted

    @property
    def shows_last_time(self) -> bool:
        """Last time's marks and changes are on show: wanted, and the team has a previous workshop."""
        return self._last_time_wanted and self._last_time is not None

    def set_rating(self, rating: Rating) -> None:
        before = self.rating(rating.practice_id)
        if before == rating:
            return
        column = self.column_of(rating.practice_id)
        cells = [self.cell_at(self.index(row, column)) for row in range(self.rowCount())]
        looks_before = [(self.state_of(cell), before.target == cell.level) for cell in cells]
        self._ratings[rating.practice_id] = rating
        for row, cell in enumerate(cells):
            if (self.state_of(cell), rating.target == cell.level) != looks_before[row]:
                index = self.index(row, column)
                self.dataChanged.emit(index, index)
        if self.shows_last_time and before.current != rating.current:
            self.headerDataChanged.emit(Qt.Orientation.Horizontal, column, column)

    def set_note(self, cell_id: str, text: str) -> None:
        if self._notes.get(cell_id, "") == text:
            return
        if text:
            self._notes[cell_id] = text
        else:
            self._notes.pop(cell_id, None)
        cell = self.maturity_model.cell_by_id(cell_id)
        index = self.index_of(cell.practice_id, cell.level)
        self.dataChanged.emit(index, index)

    # -- reading --------------------------------------------------------------------------------
    def rating(self, practice_id: str) -> Rating:
        return self._ratings.get(practice_id) or Rating(practice_id)

    def note(self, cell_id: str) -> str:
        return self._notes.get(cell_id, "")

    def cell_at(self, index: Index) -> Cell:
        practice = self.maturity_model.practices[index.column()]
        return self.maturity_model.cell(practice.id, self._levels[index.row()].value)

    def level_at_row(self, row: int) -> int:
        return self._levels[row].value

    def column_of(self, practice_id: str) -> int:
        for column, practice in enumerate(self.maturity_model.practices):
            if practice.id == practice_id:
                return column
        raise KeyError(practice_id)

    def row_of(self, level: int) -> int:
        for row, candidate in enumerate(self._levels):
            if candidate.value == level:
                return row
        raise KeyError(level)

    def index_of(self, practice_id: str, level: int) -> QModelIndex:
        return self.index(self.row_of(level), self.column_of(practice_id))

    def state_of(self, cell: Cell) -> CellState:
        return cell_state(self.rating(cell.practice_id).current, cell.level)

    def last_time_level(self, practice_id: str) -> int | None:
        """Where the practice stood last time, while shown (else None)."""
        return self._last_time.get(practice_id) if self.shows_last_time else None

    def change(self, practice_id: str) -> Change | None:
        """The practice's change since last time, while shown (else None)."""
        if not self.shows_last_time:
            return None
        return Change(self._last_time.get(practice_id), self.rating(practice_id).current)

    def is_last_time(self, cell: Cell) -> bool:
        return self.shows_last_time and self._last_time.get(cell.practice_id) == cell.level

    # -- QAbstractTableModel --------------------------------------------------------------------
    def rowCount(self, parent: Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._levels)

    def columnCount(self, parent: Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self.maturity_model.practices)

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not self.checkIndex(index):
            return None
        cell = self.cell_at(index)
        if role == Qt.ItemDataRole.DisplayRole:
            return cell.text
        if role == CellRole.LOOK:
            target = self.rating(cell.practice_id).target == cell.level
            return (int(self.state_of(cell)), target, cell.id in self._notes, self.is_last_time(cell))
        if role == CellRole.LAST_TIME:
            return self.is_last_time(cell)
        if role == CellRole.STATE:
            return int(self.state_of(cell))
        if role == CellRole.IS_TARGET:
            return self.rating(cell.practice_id).target == cell.level
        if role == CellRole.HAS_NOTE:
            return cell.id in self._notes
        if role == CellRole.CELL_ID:
            return cell.id
        if role == CellRole.NOTE:
            return self._notes.get(cell.id, "")
        if role in (Qt.ItemDataRole.ToolTipRole, Qt.ItemDataRole.AccessibleTextRole):
            return self._describe(cell)
        return None

    def _describe(self, cell: Cell) -> str:
        practice = self.maturity_model.practice(cell.practice_id)
        level = self.maturity_model.level(cell.level)
        parts = [f"{practice.name}, level {level.label}: {self.state_of(cell).words}"]
        if self.rating(cell.practice_id).target == cell.level:
            parts.append("the team's target")
        if self.is_last_time(cell):
            parts.append("where the team stood last time")
        if cell.id in self._notes:
            parts.append("has a note")
        return "; ".join(parts) + "."

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation == Qt.Orientation.Horizontal:
            if not 0 <= section < self.columnCount():
                return None
            practice = self.maturity_model.practices[section]
            if role == Qt.ItemDataRole.DisplayRole:
                return practice.name
            if role in (HeaderRole.CHANGE, HeaderRole.CHANGE_SHORT):  # None while last time is not shown
                change = self.change(practice.id)
                if change is None:
                    return None
                if role == HeaderRole.CHANGE_SHORT and change.kind is ChangeKind.GONE:
                    return f"{level_text(change.before)} → {level_text(None)}"
                return change.badge
            if role in (Qt.ItemDataRole.ToolTipRole, Qt.ItemDataRole.AccessibleTextRole):
                change = self.change(practice.id)
                return f"{practice.name}: {change.words}" if change else practice.name
        else:
            if not 0 <= section < self.rowCount():
                return None
            level = self._levels[section]
            if role == Qt.ItemDataRole.DisplayRole:
                return f"{level.value}\n{level.name}"
            if role == Qt.ItemDataRole.ToolTipRole:
                return f"Level {level.label}"
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return int(Qt.AlignmentFlag.AlignCenter | Qt.TextFlag.TextWordWrap)
        return None
