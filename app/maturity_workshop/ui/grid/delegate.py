"""Paints one cell of the grid: its text wrapped, its state, the target mark, the note mark and
the keyboard focus. Every length is a fraction of the font's height."""

from __future__ import annotations

import re

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QPointF, QRect, QRectF, QSize, Qt
from PySide6.QtGui import QFont, QFontMetrics, QPainter, QPainterPath, QPen, QStaticText, QTransform
from PySide6.QtWidgets import QStyle, QStyledItemDelegate, QStyleOptionViewItem

from . import theme
from ...domain.cells import CellState
from .model import CellRole

_BREAKS = re.compile(r"\s+|(?<=-)(?=\w)")
_TEXT_FLAGS = int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop | Qt.TextFlag.TextWordWrap)


CAPTION_SCALE = 0.72  # captions ("WE ARE HERE", "TARGET") are this much smaller than the cell's text


def caption_font(font: QFont, scale: float = CAPTION_SCALE) -> QFont:
    small = QFont(font)
    small.setPointSizeF(max(6.0, font.pointSizeF() * scale))
    small.setBold(True)
    return small


class CellMetrics:
    """Paddings, bands and fonts derived from the grid's font (one per text size, cached)."""

    _cache: dict[tuple[str, float, float, float], CellMetrics] = {}

    @classmethod
    def of(cls, font: QFont, caption_scale: float = CAPTION_SCALE, pad_scale: float = 1.0) -> CellMetrics:
        key = (font.family(), font.pointSizeF(), caption_scale, pad_scale)
        metrics = cls._cache.get(key)
        if metrics is None:
            if len(cls._cache) > 64:
                cls._cache.clear()
            metrics = cls._cache[key] = cls(font, caption_scale, pad_scale)
        return metrics

    def __init__(self, font: QFont, caption_scale: float = CAPTION_SCALE, pad_scale: float = 1.0) -> None:
        self.font = QFont(font)
        self.bold = QFont(font)
        self.bold.setBold(True)
        self.caption = caption_font(font, caption_scale)
        self.caption_metrics = QFontMetrics(self.caption)
        fm = QFontMetrics(font)
        self.line = fm.height()
        self.border = max(2, round(self.line / 6))
        # Text stays clear of the target frame and the focus ring drawn inside the cell's edge.
        self.pad = max(round((max(3, round(self.line * 0.25)) + 2 * self.border) * pad_scale), round(2.5 * self.border) + 2)
        self.caption_height = self.caption_metrics.height() + round(self.pad * 0.2)

    def text_rect(self, rect: QRect) -> QRect:
        return rect.adjusted(self.pad, self.pad + self.caption_height, -self.pad, -self.pad)


class GridDelegate(QStyledItemDelegate):
    """Cell text is laid out once per text, width and font (QStaticText) and then only drawn: a
    click repaints a column without shaping its text again."""

    def __init__(self, parent=None, caption_scale: float = CAPTION_SCALE, pad_scale: float = 1.0) -> None:
        """``caption_scale``: the captions' size to the text's; ``pad_scale``: the padding's to the
        window grid's (the board, where every line counts, pads less)."""
        super().__init__(parent)
        self.caption_scale, self.pad_scale = caption_scale, pad_scale
        self.marks_only: set[int] = set()  # columns drawn narrow, with their marks and no text
        self._layouts: dict[tuple[str, int, float, bool], QStaticText] = {}
        self._widest: dict[tuple[str, float], int] = {}

    def _laid_out(self, text: str, width: int, font: QFont) -> QStaticText:
        key = (text, width, font.pointSizeF(), font.bold())
        static = self._layouts.get(key)
        if static is None:
            if len(self._layouts) > 512:  # a window resize or zoom makes every old layout useless
                self._layouts.clear()
            static = QStaticText(text)
            static.setTextFormat(Qt.TextFormat.PlainText)
            static.setTextWidth(width)
            static.setPerformanceHint(QStaticText.PerformanceHint.AggressiveCaching)
            static.prepare(QTransform(), font)
            self._layouts[key] = static
        return static

    def inner_width(self, width: int, font: QFont) -> int:
        """The width the text of a cell ``width`` wide has."""
        return max(1, width - 2 * CellMetrics.of(font, self.caption_scale, self.pad_scale).pad)

    def widest_word(self, text: str, font: QFont) -> int:
        """The width of ``text``'s widest word, in bold (the current cell's text is bold)."""
        key = (text, font.pointSizeF())
        width = self._widest.get(key)
        if width is None:
            if len(self._widest) > 512:
                self._widest.clear()
            bold = QFontMetrics(CellMetrics.of(font, self.caption_scale, self.pad_scale).bold)
            words = _BREAKS.split(text)  # where a line may break: spaces, and after a hyphen
            width = self._widest[key] = max((bold.horizontalAdvance(word) for word in words), default=0)
        return width

    def height_for(self, text: str, width: int, font: QFont, column: int | None = None) -> int:
        """The height a cell of ``width`` needs to show ``text`` whole (in ``column``: marks only
        need no room for the text)."""
        metrics = CellMetrics.of(font, self.caption_scale, self.pad_scale)
        if column in self.marks_only:
            return metrics.caption_height + 2 * metrics.pad
        inner = max(1, width - 2 * metrics.pad)
        # the current cell's text is bold: measure the wider of the two
        bounds = QFontMetrics(metrics.bold).boundingRect(QRect(0, 0, inner, 1_000_000), _TEXT_FLAGS, text)
        return bounds.height() + metrics.caption_height + 2 * metrics.pad

    def sizeHint(self, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex) -> QSize:
        width = max(option.rect.width(), QFontMetrics(option.font).averageCharWidth() * 16)
        return QSize(width, self.height_for(index.data() or "", width, option.font))

    def paint(
        self, painter: QPainter, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex
    ) -> None:
        state_value, is_target, has_note = index.data(CellRole.LOOK)
        state = CellState(state_value)
        rect = option.rect
        metrics = CellMetrics.of(option.font, self.caption_scale, self.pad_scale)

        painter.save()
        painter.fillRect(rect, theme.BACKGROUND[state])
        painter.setPen(theme.GRID_LINE)
        painter.drawRect(rect.adjusted(0, 0, -1, -1))

        if index.column() in self.marks_only:
            self._paint_marks_only(painter, rect, metrics, state, is_target)
        else:
            self._paint_captions(painter, rect, metrics, state, is_target)
            painter.setPen(theme.TEXT[state])
            font = metrics.bold if state == CellState.CURRENT else metrics.font
            painter.setFont(font)
            area = metrics.text_rect(rect)
            painter.drawStaticText(area.topLeft(), self._laid_out(index.data() or "", area.width(), font))

        if is_target:
            pen = QPen(theme.TARGET, metrics.border, Qt.PenStyle.DashLine)
            painter.setPen(pen)
            painter.setBrush(Qt.BrushStyle.NoBrush)
            half = metrics.border // 2 + 1
            painter.drawRect(rect.adjusted(half, half, -half - 1, -half - 1))
        if has_note:
            self._paint_note_mark(painter, rect, metrics)
        view = option.widget
        focused = view is not None and hasattr(view, "currentIndex") and view.currentIndex() == index
        if focused or option.state & QStyle.StateFlag.State_HasFocus:
            # Shown even while the note panel has the keyboard: it tells which cell the note is on.
            colour = theme.FOCUS_ON_CURRENT if state == CellState.CURRENT else theme.FOCUS
            inset = metrics.border * 2 + 1
            painter.setPen(QPen(colour, metrics.border, Qt.PenStyle.SolidLine))
            painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.drawRect(rect.adjusted(inset, inset, -inset - 1, -inset - 1))
        painter.restore()

    def _paint_captions(
        self, painter: QPainter, rect: QRect, metrics: CellMetrics, state: CellState, is_target: bool
    ) -> None:
        painter.setFont(metrics.caption)
        band = QRect(
            rect.left() + metrics.pad,
            rect.top() + round(metrics.pad * 0.6),
            rect.width() - 2 * metrics.pad,
            metrics.caption_height,
        )
        if state == CellState.CURRENT:
            painter.setPen(theme.TEXT[state])
            painter.drawText(band, int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter), theme.CURRENT_CAPTION)
        elif state == CellState.BEHIND:
            painter.setPen(theme.TEXT[state])
            painter.drawText(band, int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter), theme.BEHIND_CAPTION)
        if is_target:
            width = metrics.caption_metrics.horizontalAdvance(theme.TARGET_CAPTION) + metrics.pad
            badge = QRectF(band.right() - width, band.top(), width, band.height() - 1)
            path = QPainterPath()
            path.addRoundedRect(badge, metrics.pad * 0.5, metrics.pad * 0.5)
            painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
            painter.fillPath(path, theme.TARGET)
            painter.setRenderHint(QPainter.RenderHint.Antialiasing, False)
            painter.setPen(theme.TARGET_TEXT)
            painter.drawText(badge, int(Qt.AlignmentFlag.AlignCenter), theme.TARGET_CAPTION)

    def _paint_marks_only(
        self, painter: QPainter, rect: QRect, metrics: CellMetrics, state: CellState, is_target: bool
    ) -> None:
        """A narrow column (another practice is in focus): its marks as glyphs, centred; the words
        are the legend's."""
        glyphs = {CellState.CURRENT: theme.CURRENT_CAPTION, CellState.BEHIND: theme.BEHIND_CAPTION}
        marks = [glyphs[state].split()[0]] if state in glyphs else []
        if is_target:
            marks.append(theme.TARGET_CAPTION.split()[0])
        if marks:
            painter.setFont(metrics.bold)
            painter.setPen(theme.TEXT[state])
            painter.drawText(rect, int(Qt.AlignmentFlag.AlignCenter), " ".join(marks))

    def _paint_note_mark(self, painter: QPainter, rect: QRect, metrics: CellMetrics) -> None:
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
        size = metrics.line * 0.9
        corner = QPointF(rect.right(), rect.bottom())
        path = QPainterPath(corner)
        path.lineTo(corner.x() - size, corner.y())
        path.lineTo(corner.x(), corner.y() - size)
        path.closeSubpath()
        painter.fillPath(path, theme.NOTE_MARK)
