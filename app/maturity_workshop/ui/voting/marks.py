"""A revealed round's tally on the cells of its practice, over a grid (the console's or the board's):
on each cell, in its band of captions beside "WE ARE HERE", "LAST TIME" and "TARGET" (so the cell's
words stay readable), a frame with the number of votes in words ("4 votes"), a bar as long as its
share of the most chosen level, and "◆ MEDIAN" on the median's cell. Black on white: readable
without colour, and from the back of the room. Drawn over the grid's viewport, so the grid's own
painting (and its speed) is left as it is."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, QRect, Qt
from PySide6.QtGui import QFontMetrics, QPainter, QPaintEvent, QPen
from PySide6.QtWidgets import QTableView, QWidget

from ...domain.cells import CellState
from ...domain.voting import Tally
from ..grid.delegate import CellMetrics, caption_layout
from ..grid.model import CellRole
from .panel import INK, VotingPanel
from .room import RoomView

MEDIAN_TAG = "◆ MEDIAN"


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
        grid.horizontalHeader().sectionResized.connect(self._follow)
        grid.verticalHeader().sectionResized.connect(self._follow)
        self._follow()
        self.hide()

    def show_tally(self, practice_id: str | None, tally: Tally | None) -> None:
        self.practice_id, self.tally = (practice_id, tally) if tally is not None else (None, None)
        self._follow()
        self.setVisible(self.tally is not None)
        self.raise_()

    def _follow(self) -> None:
        """Over the whole viewport, whatever its size now."""
        self.setGeometry(self.grid.viewport().rect())
        self.update()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Resize:
            self._follow()
        return False

    def _metrics(self) -> CellMetrics:
        delegate = self.grid.itemDelegate()
        return CellMetrics.of(self.grid.font(), getattr(delegate, "caption_scale", 0.72), getattr(delegate, "pad_scale", 1.0))

    def band_rect(self, practice_id: str, level: int) -> QRect:
        """Where the cell's (``practice_id``, ``level``) tally goes: in its band of captions, between
        its state's caption (and last time's tag) and its target's badge."""
        index = self.grid.model().index_of(practice_id, level)
        cell = self.grid.visualRect(index)
        metrics = self._metrics()
        state, is_target, _note, last_time = index.data(CellRole.LOOK)
        layout = caption_layout(cell, metrics, CellState(state), is_target, last_time)
        gap = max(4, metrics.pad)
        left = cell.left() + metrics.pad
        if layout.mark or layout.words:
            left = layout.caption_rect.right() + gap
        if layout.tag is not None:
            left = max(left, layout.tag.right() + gap)
        right = layout.badge.left() - gap if layout.badge is not None else cell.right() - metrics.pad
        return QRect(left, layout.mark_rect.top(), right - left + 1, layout.mark_rect.height())

    def paintEvent(self, event: QPaintEvent) -> None:
        tally, practice_id = self.tally, self.practice_id
        if tally is None or practice_id is None:
            return
        painter = QPainter(self)
        font = self._metrics().caption
        painter.setFont(font)
        metrics = QFontMetrics(font)
        most = max(tally.counts.values()) or 1
        median = tally.median
        frame = max(2, metrics.height() // 10)
        space = metrics.averageCharWidth()
        bands = {level: self.band_rect(practice_id, level) for level in tally.counts}

        def room(level: int) -> int:  # what a cell's band has left for its bar
            taken = metrics.horizontalAdvance(votes_words(tally.counts[level])) + 3 * space
            return bands[level].width() - taken - (metrics.horizontalAdvance(MEDIAN_TAG) + space if level == median else 0)

        per_vote = max(2.0, min(room(level) / most for level in bands))  # one length a vote, so the bars compare
        for level, count in tally.counts.items():
            band = bands[level]
            words = votes_words(count)
            if metrics.horizontalAdvance(words) + 2 * space > band.width():
                words = str(count)  # a narrow cell: the number alone
                band.setWidth(min(band.width(), metrics.horizontalAdvance(words) + 2 * space))
            if band.width() <= 2 * space:
                continue
            painter.fillRect(band, Qt.GlobalColor.white)
            painter.setPen(QPen(INK, frame * 2 if level == median else frame))
            painter.drawRect(band.adjusted(0, 0, -1, -1))
            inner = band.adjusted(space, 0, -space, 0)
            painter.setPen(INK)
            centred = int(Qt.AlignmentFlag.AlignVCenter)
            painter.drawText(inner, centred | int(Qt.AlignmentFlag.AlignLeft), words)
            left = inner.left() + metrics.horizontalAdvance(words) + space
            right = inner.right()
            if level == median:
                tag = metrics.horizontalAdvance(MEDIAN_TAG)
                if right - tag > left:
                    painter.drawText(inner, centred | int(Qt.AlignmentFlag.AlignRight), MEDIAN_TAG)
                    right -= tag + space
            if count and right > left:
                bar_height = max(4, band.height() // 2)
                length = min(right - left, round(per_vote * count))
                painter.fillRect(QRect(left, band.center().y() - bar_height // 2 + 1, length, bar_height), INK)
        painter.end()


class RoomDisplay:
    """The voting panel and the tally marks of one grid: the console's, or the board's."""

    def __init__(self, panel: VotingPanel, grid: QTableView, board=None) -> None:
        self.panel, self.marks, self.board = panel, TallyMarks(grid), board

    def show(self, view: RoomView | None) -> None:
        self.panel.show_room(view)
        self.marks.show_tally(view.practice_id if view else None, view.tally if view else None)
        if self.board is not None:  # the cells' tallies and the panel need the board: no note floats over them
            self.board.hold_note(view is not None and view.practice_id is not None)


def on_board(board) -> RoomDisplay:
    """The panel beside the board's grid (``board.BoardWindow``), sized with the board."""
    panel = VotingPanel()
    board.add_side(panel)
    return RoomDisplay(panel, board.grid, board)
