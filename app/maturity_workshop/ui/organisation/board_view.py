"""The organisation's heat map on the board, for the room: the teams by practices at the board's
type (``board/sizing.py``: a team's name and its cells at the grid's cell size, 22 px at
1920x1080; the practices and the legend at the board's label size), every height from the fonts'
metrics. As many teams as fit the screen show at once, with "Teams 1–15 of 200"; PgDn / PgUp page
through the others (on the console's organisation page, or on the board when it has the keys).
The names are hidden when the page hides them."""

from __future__ import annotations

from PySide6.QtCore import QRect, Qt
from PySide6.QtGui import QColor, QFont, QFontMetrics, QPainter, QPaintEvent, QPalette
from PySide6.QtWidgets import QWidget

from ...domain.organisation import HeatMap, HeatRow, heat_colours
from ..board.sizing import BoardSizes, board_sizes
from ..widgets import plural
from .model import level_and_change

TITLE = "Where the organisation stands"
INK, MUTED, ZEBRA, EDGE = "#111827", "#4B5563", "#F1F5F9", "#767676"
MAX_GROWTH = 1.5
PAGE_KEYS = {Qt.Key.Key_PageDown: 1, Qt.Key.Key_PageUp: -1}


class BoardHeatMap(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("boardHeatMap")
        self.setAutoFillBackground(True)
        palette = self.palette()
        palette.setColor(QPalette.ColorRole.Window, Qt.GlobalColor.white)
        self.setPalette(palette)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.heat: HeatMap | None = None
        self.hide_names = False
        self.first = 0  # the first team shown, an index into the heat map's rows
        self.apply_sizes(board_sizes(1920, 1080))

    # -- what it shows --------------------------------------------------------------------------
    def show_heat_map(self, heat: HeatMap, hide_names: bool) -> None:
        """``heat`` as the page shows it (its filter, its order); the page of teams shown stays,
        unless the map is shorter now."""
        self.heat, self.hide_names = heat, hide_names
        self._clamp()
        self.update()

    def page_by(self, steps: int) -> None:
        """PgDn (1) / PgUp (-1): the next or the previous screenful of teams."""
        self.first += steps * self.rows_per_page()
        self._clamp()
        self.update()

    def shown_rows(self) -> list[HeatRow]:
        if self.heat is None:
            return []
        return list(self.heat.rows[self.first:self.first + self.rows_per_page()])

    def names_shown(self) -> list[str]:
        return [row.name(self.hide_names) for row in self.shown_rows()]

    def range_text(self) -> str:
        """"Teams 1–15 of 200 · PgDn / PgUp for the others", or "4 teams" when all show."""
        total = len(self.heat) if self.heat is not None else 0
        shown = len(self.shown_rows())
        if shown >= total:
            return plural(total, "team")
        return f"Teams {self.first + 1}\u2013{self.first + shown} of {total} · PgDn / PgUp for the others"

    def _clamp(self) -> None:
        total = len(self.heat) if self.heat is not None else 0
        per_page = self.rows_per_page()
        last_first = max(0, (total - 1) // per_page * per_page)
        self.first = max(0, min(self.first - self.first % per_page, last_first))

    # -- sizes ----------------------------------------------------------------------------------
    def apply_sizes(self, sizes: BoardSizes) -> None:
        """The board's type for its screen (see ``board/sizing.py``)."""
        self.sizes = sizes
        self.cell_font = self._font(sizes.cell_points, False)
        self.level_font = self._font(sizes.cell_points, True)
        self.label_font = self._font(sizes.label_points, True)
        self.heading_font = self._font(sizes.heading_points, True)
        self._clamp()
        self.update()

    def _font(self, points: float, bold: bool) -> QFont:
        font = QFont(self.font())
        font.setPointSizeF(points)
        font.setBold(bold)
        return font

    def text_px(self) -> float:
        """The size of a team's name and of its cells' text, in the board's pixels."""
        return self.cell_font.pointSizeF() * self.logicalDpiY() / 72

    def _line(self, font: QFont) -> int:
        return QFontMetrics(font).height()

    def _margin(self) -> int:
        return max(4, self._line(self.cell_font) // 2)

    def row_height(self) -> int:
        """Two lines of the cells' text (the level and its change; the gap) and air around them."""
        return round(self._line(self.level_font) + self._line(self.cell_font) * 1.5)

    def _room(self) -> int:
        """The height the rows have."""
        room = self.height() - 2 * self._margin() - round(self._line(self.heading_font) * 1.3)
        return room - self._header_height() - self._legend_height()

    def grown(self) -> float:
        """How much larger the rows and their text are drawn when few teams leave room to spare
        (at most half again as large); 1 when they page."""
        rows = len(self.heat) if self.heat is not None else 0
        if not rows or rows > self.rows_per_page():
            return 1.0
        return max(1.0, min(MAX_GROWTH, self._room() / (rows * self.row_height())))

    def _header_height(self) -> int:
        return round(self._line(self.label_font) * 2.4)

    def _legend_height(self) -> int:
        return round(self._line(self.label_font) * 1.8)

    def rows_per_page(self) -> int:
        return max(1, self._room() // max(1, self.row_height()))

    # -- keys -----------------------------------------------------------------------------------
    def keyPressEvent(self, event) -> None:  # noqa: N802 (Qt's name)
        steps = PAGE_KEYS.get(Qt.Key(event.key()))
        if steps is None:
            event.ignore()  # the board's own keys (Esc: leave presentation)
            return
        self.page_by(steps)

    # -- drawing --------------------------------------------------------------------------------
    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802
        painter = QPainter(self)
        try:
            self._paint(painter)
        finally:
            painter.end()

    def _paint(self, painter: QPainter) -> None:
        margin = self._margin()
        area = self.rect().adjusted(margin, margin, -margin, -margin)
        heading = self._line(self.heading_font)
        line = QRect(area.left(), area.top(), area.width(), heading)
        middle = Qt.AlignmentFlag.AlignVCenter
        painter.setPen(QColor(INK))
        painter.setFont(self.cell_font)
        range_text = self.range_text()
        painter.drawText(line, Qt.AlignmentFlag.AlignRight | middle, range_text)
        room = area.width() - QFontMetrics(self.cell_font).horizontalAdvance(range_text) - margin * 2
        painter.setFont(self.heading_font)
        title = QFontMetrics(self.heading_font).elidedText(TITLE, Qt.TextElideMode.ElideRight, max(0, room))
        painter.drawText(line, Qt.AlignmentFlag.AlignLeft | middle, title)
        if self.heat is None:
            return
        top = area.top() + round(heading * 1.3)
        grown = self.grown()
        self._name_font = self._font(self.cell_font.pointSizeF() * grown, False)
        self._big_font = self._font(self.level_font.pointSizeF() * grown, True)
        name_width, columns = self._columns(area)
        self._paint_header(painter, area.left(), top, name_width, columns)
        top += self._header_height()
        row_height = int(self.row_height() * grown)
        for n, row in enumerate(self.shown_rows()):
            rect = QRect(area.left(), top + n * row_height, area.width(), row_height)
            self._paint_row(painter, row, rect, name_width, columns, n % 2 == 1)
        legend = self._legend_height()
        under_rows = top + len(self.shown_rows()) * row_height + self._margin()  # few teams: right under them
        self._paint_legend(painter, QRect(area.left(), min(under_rows, area.bottom() - legend), area.width(), legend))

    def _columns(self, area: QRect) -> tuple[int, list[tuple[int, int]]]:
        """The names' column's width (the longest name, at most a third of the board: the same on
        every page) and each practice's (left, width)."""
        metrics = QFontMetrics(self._name_font)
        widest = max((metrics.horizontalAdvance(self._name(row)) for row in self.heat.rows), default=0)
        name_width = min(area.width() // 3, widest + self._margin() * 2)
        count = max(1, len(self.heat.practices))
        width = (area.width() - name_width) / count
        return name_width, [(round(area.left() + name_width + i * width), round(width)) for i in range(count)]

    def _name(self, row: HeatRow) -> str:
        return row.name(self.hide_names) + (" (demo)" if row.is_demo else "")

    def _paint_header(self, painter: QPainter, left: int, top: int, name_width: int, columns) -> None:
        painter.setFont(self.label_font)
        painter.setPen(QColor(INK))
        height = self._header_height()
        flags = Qt.AlignmentFlag.AlignBottom | Qt.TextFlag.TextWordWrap
        painter.drawText(QRect(left, top, name_width, height), flags | Qt.AlignmentFlag.AlignLeft, "Team")
        for practice, (x, width) in zip(self.heat.practices, columns):
            painter.drawText(QRect(x + 2, top, width - 4, height), flags | Qt.AlignmentFlag.AlignHCenter, practice.name)

    def _paint_row(self, painter: QPainter, row: HeatRow, rect: QRect, name_width: int, columns, striped: bool) -> None:
        if striped:  # every other team's name on a light band: the eye follows the row across
            painter.fillRect(QRect(rect.left(), rect.top(), name_width, rect.height()), QColor(ZEBRA))
        gap = max(1, round(self.sizes.px(2)))
        metrics = QFontMetrics(self._name_font)
        painter.setFont(self._name_font)
        painter.setPen(QColor(INK))
        name = metrics.elidedText(self._name(row), Qt.TextElideMode.ElideRight, name_width - self._margin())
        left = Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter
        painter.drawText(QRect(rect.left() + self._margin() // 2, rect.top(), name_width, rect.height()), left, name)
        levels = [value for value, _ in self.heat.levels]
        level_line, gap_line = self._line(self._big_font), self._line(self._name_font)
        between = gap_line // 8
        for cell, (x, width) in zip(row.cells, columns):
            background, ink = heat_colours(levels, cell.level)
            box = QRect(x + gap, rect.top() + gap, width - 2 * gap, rect.height() - 2 * gap)
            painter.fillRect(box, QColor(background))
            painter.setPen(QColor(ink))
            words = level_and_change(cell) if cell.rated else "\u2013"
            gap_text = cell.gap_text
            lines = level_line + (between + gap_line if gap_text else 0)
            y = box.top() + (box.height() - lines) // 2
            painter.setFont(self._big_font)
            painter.drawText(QRect(box.left(), y, box.width(), level_line), Qt.AlignmentFlag.AlignCenter, words)
            if gap_text:
                painter.setFont(self._name_font)
                below = QRect(box.left(), y + level_line + between, box.width(), gap_line)
                painter.drawText(below, Qt.AlignmentFlag.AlignCenter, gap_text)

    def _paint_legend(self, painter: QPainter, rect: QRect) -> None:
        painter.setFont(self.label_font)
        metrics = QFontMetrics(self.label_font)
        pad = metrics.height() // 3
        x = rect.left()
        levels = [value for value, _ in self.heat.levels]
        for value, name in self.heat.levels:
            background, ink = heat_colours(levels, value)
            text = f"{value} {name}".replace("-", "\u2212")
            width = metrics.horizontalAdvance(text) + 2 * pad
            if x + width > rect.right():
                return
            box = QRect(x, rect.top() + (rect.height() - metrics.height() - pad) // 2, width, metrics.height() + pad)
            painter.fillRect(box, QColor(background))
            painter.setPen(QColor(EDGE))
            painter.drawRect(box.adjusted(0, 0, -1, -1))
            painter.setPen(QColor(ink))
            painter.drawText(box, Qt.AlignmentFlag.AlignCenter, text)
            x += width + pad
        painter.setPen(QColor(MUTED))
        note = "– not rated · ▲ ▼ change since the previous workshop · gap: to the target"
        note = metrics.elidedText(note, Qt.TextElideMode.ElideRight, max(0, rect.right() - x - pad))
        place = QRect(x + pad, rect.top(), rect.right() - x - pad, rect.height())
        painter.drawText(place, Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter, note)

