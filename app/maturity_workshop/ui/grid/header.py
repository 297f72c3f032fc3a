"""The practices' names above the grid. Focused on one practice, the other columns are narrow: their
names are cut short with "…" on one line rather than broken in the middle of a word."""

from __future__ import annotations

from PySide6.QtCore import QRect, Qt
from PySide6.QtGui import QPainter
from PySide6.QtWidgets import QHeaderView, QStyle, QStyleOptionHeader


class GridHeader(QHeaderView):
    def __init__(self, parent=None) -> None:
        super().__init__(Qt.Orientation.Horizontal, parent)
        self.narrow: set[int] = set()

    def paintSection(self, painter: QPainter, rect: QRect, section: int) -> None:
        if section not in self.narrow:
            super().paintSection(painter, rect, section)
            return
        option = QStyleOptionHeader()
        self.initStyleOption(option)
        option.rect, option.section = rect, section
        name = str(self.model().headerData(section, Qt.Orientation.Horizontal) or "")
        option.text = self.fontMetrics().elidedText(name, Qt.TextElideMode.ElideRight, rect.width() - 4)
        option.textAlignment = Qt.AlignmentFlag.AlignCenter
        painter.save()
        self.style().drawControl(QStyle.ControlElement.CE_Header, option, painter, self)
        painter.restore()
