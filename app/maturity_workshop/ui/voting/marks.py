"""A revealed round's tally on the cells of its practice, over a grid (the console's or the board's):
on each cell a band with the number of votes in words ("4 votes"), a bar as long as its share of
the most chosen level, and "◆ MEDIAN" on the median's cell. Black on white with a frame: readable
without colour, and from the back of the room. Drawn over the grid's viewport, so the grid's own
painting (and its speed) is left as it is."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, QRect, Qt
from PySide6.QtGui import QFont, QFontMetrics, QPainter, QPaintEvent, QPen
from PySide6.QtWidgets import QTableView, QWidget

from ...domain.voting import Tally
from .panel import INK, VotingPanel
from .room import RoomView

MEDIAN_TAG = "◆ MEDIAN"
BAND_SCALE = 0.8  # the band's text, against the cells' text


def votes_words(count: int) -> str:
    return f"{count} vote{'' if count == 1 else 's'}"


class TallyMarks(QWidget):
    """The tally of one practice over ``grid``'s cells (none until :meth:`show_tally`)."""

    def __init__(self, grid: QTableView) -> None:
        super().__init__(grid.viewport())
        self.setObjectName("tallyMarks")
        self.grid = grid
        self.practice_id: str | None = None
        self.tally: Tally | None = None
        self.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents, True)
        self.setAttribute(Qt.WidgetAttribute.WA_NoSystemBackground, True)
        grid.viewport().installEventFilter(self)
        grid.horizontalHeader().sectionResized.connect(self.update)
        grid.verticalHeader().sectionResized.connect(self.update)
        self.setGeometry(grid.viewport().rect())
        self.hide()

    def show_tally(self, practice_id: str | None, tally: Tally | None) -> None:
        self.practice_id, self.tally = (practice_id, tally) if tally is not None else (None, None)
        self.setVisible(self.tally is not None)
        self.raise_()
        self.update()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Resize:
            self.setGeometry(self.grid.viewport().rect())
        return False

    def band_rect(self, practice_id: str, level: int) -> QRect:
        """Where the band of the cell (``practice_id``, ``level``) goes: along its foot, inside its frame."""
        cell = self.grid.visualRect(self.grid.model().index_of(practice_id, level))
        metrics = QFontMetrics(self._font())
        pad = max(4, metrics.height() // 4)
        height = round(metrics.height() * 1.3)
        return QRect(cell.left() + pad, cell.bottom() - pad - height, cell.width() - 2 * pad, height)

    def _font(self) -> QFont:
        font = QFont(self.grid.font())
        font.setPointSizeF(font.pointSizeF() * BAND_SCALE)
        font.setBold(True)
        return font

    def paintEvent(self, event: QPaintEvent) -> None:
        tally, practice_id = self.tally, self.practice_id
        if tally is None or practice_id is None:
            return
        painter = QPainter(self)
        font = self._font()
        painter.setFont(font)
        metrics = QFontMetrics(font)
        most = max(tally.counts.values()) or 1
        median = tally.median
        frame = max(2, metrics.height() // 10)
        for level, count in tally.counts.items():
            band = self.band_rect(practice_id, level)
            if band.width() <= 0:
                continue
            painter.fillRect(band, Qt.GlobalColor.white)
            painter.setPen(QPen(INK, frame if level != median else frame * 2))
            painter.drawRect(band.adjusted(0, 0, -1, -1))
            inner = band.adjusted(metrics.averageCharWidth(), 0, -metrics.averageCharWidth(), 0)
            words = votes_words(count)
            if metrics.horizontalAdvance(words) > inner.width():
                words = str(count)  # a narrow column: the number alone
            painter.setPen(INK)
            centred = int(Qt.AlignmentFlag.AlignVCenter)
            painter.drawText(inner, centred | int(Qt.AlignmentFlag.AlignLeft), words)
            left = inner.left() + metrics.horizontalAdvance(words) + metrics.averageCharWidth()
            right = inner.right()
            if level == median:
                tag = metrics.horizontalAdvance(MEDIAN_TAG)
                if right - tag > left:
                    painter.drawText(inner, centred | int(Qt.AlignmentFlag.AlignRight), MEDIAN_TAG)
                    right -= tag + metrics.averageCharWidth()
            if count and right > left:
                bar_height = max(4, band.height() // 2)
                length = max(bar_height // 2, round((right - left) * count / most))
                painter.fillRect(QRect(left, band.center().y() - bar_height // 2, length, bar_height), INK)
        painter.end()


class RoomDisplay:
    """The voting panel and the tally marks of one grid: the console's, or the board's."""

    def __init__(self, panel: VotingPanel, grid: QTableView) -> None:
        self.panel, self.marks = panel, TallyMarks(grid)

    def show(self, view: RoomView | None) -> None:
        self.panel.show_room(view)
        self.marks.show_tally(view.practice_id if view else None, view.tally if view else None)


def on_board(board) -> RoomDisplay:
    """The panel beside the board's grid (``board.BoardWindow``), sized with the board."""
    panel = VotingPanel()
    board.add_side(panel)
    return RoomDisplay(panel, board.grid)
