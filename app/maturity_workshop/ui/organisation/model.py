"""The organisation page's table: a row per team, its name and its latest workshop's date, then a
cell per practice, painted on the heat scale (``domain/organisation.py``'s ``HEAT_SCALE``) with the
level and its change large and the gap small under it: the numbers and arrows say it all without
the colour."""

from __future__ import annotations

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, QRect, Qt
from PySide6.QtGui import QColor, QFont, QFontMetrics, QPainter
from PySide6.QtWidgets import QStyle, QStyledItemDelegate, QStyleOptionViewItem

from ...domain.organisation import HeatCell, HeatMap, HeatRow
from ..widgets import isolated

TEAM_COLUMN, HELD_COLUMN, FIRST_PRACTICE = 0, 1, 2
LEVEL_ROLE = Qt.ItemDataRole.UserRole  # "2 ▲ +1": the level and its change
GAP_ROLE = Qt.ItemDataRole.UserRole + 1  # "gap 1", "target met" or ""
COLOURS_ROLE = Qt.ItemDataRole.UserRole + 2  # (background, text) of the heat scale
WORKSHOP_ROLE = Qt.ItemDataRole.UserRole + 3  # the team's latest workshop's id
Index = QModelIndex | QPersistentModelIndex


def level_and_change(cell: HeatCell) -> str:
    return f"{cell.level_text} {cell.change_text}".strip()


class HeatMapModel(QAbstractTableModel):
    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.heat: HeatMap | None = None
        self.hide_names = False

    def show(self, heat: HeatMap) -> None:
        self.beginResetModel()
        self.heat = heat
        self.endResetModel()

    def set_hide_names(self, hide: bool) -> None:
        if hide != self.hide_names:
            self.hide_names = hide
            if self.rowCount():
                self.dataChanged.emit(self.index(0, 0), self.index(self.rowCount() - 1, 0))
                self.headerDataChanged.emit(Qt.Orientation.Vertical, 0, self.rowCount() - 1)

    def rowCount(self, parent: Index = QModelIndex()) -> int:
        return 0 if parent.isValid() or self.heat is None else len(self.heat.rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:
        return 0 if parent.isValid() or self.heat is None else FIRST_PRACTICE + len(self.heat.practices)

    def row(self, row: int) -> HeatRow:
        return self.heat.rows[row]

    def practice_of(self, column: int) -> str | None:
        """The practice's id of ``column``; None for the team's and the date's columns."""
        return self.heat.practices[column - FIRST_PRACTICE].id if column >= FIRST_PRACTICE else None

    def column_of(self, practice_id: str) -> int:
        return FIRST_PRACTICE + [p.id for p in self.heat.practices].index(practice_id)

    def name(self, row: int) -> str:
        return self.row(row).name(self.hide_names)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or self.heat is None:
            return None
        row = self.heat.rows[index.row()]
        column = index.column()
        if role == WORKSHOP_ROLE:
            return row.latest.id
        if column == TEAM_COLUMN:
            name = row.name(self.hide_names)
            if role == Qt.ItemDataRole.DisplayRole:
                return (name if self.hide_names else isolated(name)) + (" (demo)" if row.is_demo else "")
            if role == Qt.ItemDataRole.ToolTipRole:
                return f"{name}: double-click a practice to open its latest workshop and its history"
            return None
        if column == HELD_COLUMN:
            if role == Qt.ItemDataRole.DisplayRole:
                return row.held_on.strftime("%d %b %Y").lstrip("0")
            if role == Qt.ItemDataRole.ToolTipRole:
                return "The team's latest workshop" + (
                    "" if self.hide_names else f": “{row.latest.title}”"
                ) + (f"; the previous one on {row.previous.held_on:%d %b %Y}" if row.previous else "; its first")
            return None
        cell = row.cells[column - FIRST_PRACTICE]
        if role == LEVEL_ROLE:
            return level_and_change(cell) if cell.rated else "–"
        if role == GAP_ROLE:
            return cell.gap_text
        if role == COLOURS_ROLE:
            return self.heat.colours(cell)
        if role == Qt.ItemDataRole.DisplayRole:
            return " · ".join(part for part in (level_and_change(cell) if cell.rated else "–", cell.gap_text) if part)
        if role in (Qt.ItemDataRole.ToolTipRole, Qt.ItemDataRole.AccessibleTextRole):
            return f"{row.name(self.hide_names)}, {self.heat.practices[column - FIRST_PRACTICE].name}: {cell.words}"
        return None

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole):
        if self.heat is None or role not in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return None
        if orientation == Qt.Orientation.Vertical:
            return None
        if section == TEAM_COLUMN:
            return "Team" if role == Qt.ItemDataRole.DisplayRole else "Click: sort by team"
        if section == HELD_COLUMN:
            return "Latest workshop" if role == Qt.ItemDataRole.DisplayRole else "The date of the team's latest workshop"
        practice = self.heat.practices[section - FIRST_PRACTICE]
        if role == Qt.ItemDataRole.ToolTipRole:
            return f"{practice.name}: click to sort by its level (again: the other way round)"
        return practice.name


class HeatCellDelegate(QStyledItemDelegate):
    """A practice's cell on its heat colour: the level and the change large, the gap small under it."""

    LEVEL_SCALE = 1.5  # the level's text, times the table's font

    @classmethod
    def level_font(cls, font: QFont, rect: QRect, level: str) -> QFont:
        """The level's font: LEVEL_SCALE times the table's (more in a taller row, for few teams), and
        smaller in a column too narrow for it, never cut and never under the table's own size."""
        metrics = QFontMetrics(font)
        big = QFont(font)
        lines = rect.height() / max(1, metrics.height())
        big.setPointSizeF(font.pointSizeF() * min(2.6, max(cls.LEVEL_SCALE, lines * 0.55)))
        big.setBold(True)
        room = rect.width() - metrics.averageCharWidth()  # a margin either side
        wide = QFontMetrics(big).horizontalAdvance(level)
        if wide > room > 0:
            big.setPointSizeF(max(font.pointSizeF(), big.pointSizeF() * room / wide))
        return big

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: Index) -> None:
        colours = index.data(COLOURS_ROLE)
        if colours is None:
            super().paint(painter, option, index)
            return
        background, text = colours
        painter.save()
        rect = option.rect
        painter.fillRect(rect, QColor(background))
        selected = bool(option.state & QStyle.StateFlag.State_HasFocus)
        if selected:
            pen = painter.pen()
            pen.setColor(option.palette.highlight().color())
            pen.setWidth(max(2, option.fontMetrics.height() // 6))
            painter.setPen(pen)
            half = pen.width() // 2
            painter.drawRect(rect.adjusted(half, half, -half - 1, -half - 1))
        painter.setPen(QColor(text))
        level = index.data(LEVEL_ROLE)
        big = self.level_font(option.font, rect, level)
        gap = index.data(GAP_ROLE)
        small_height = option.fontMetrics.height() if gap else 0
        top = QRect(rect.left(), rect.top(), rect.width(), rect.height() - small_height)
        painter.setFont(big)
        painter.drawText(top, Qt.AlignmentFlag.AlignCenter, level)
        if gap:
            painter.setFont(option.font)
            bottom = QRect(rect.left(), rect.bottom() - small_height - small_height // 4, rect.width(), small_height)
            painter.drawText(bottom, Qt.AlignmentFlag.AlignCenter, gap)
        painter.restore()
