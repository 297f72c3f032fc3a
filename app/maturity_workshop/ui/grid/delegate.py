"""Paints one cell of the grid: its text wrapped, its state, the target mark, last time's mark, the
note mark and the keyboard focus. Every length is a fraction of the font's height."""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, replace

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QPointF, QRect, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QFont, QFontMetrics, QFontMetricsF, QPainter, QPainterPath, QPen, QStaticText, QTransform
from PySide6.QtWidgets import QStyle, QStyledItemDelegate, QStyleOptionViewItem

from . import theme
from ...domain.cells import CellState
from ...marks import fit_captions
from .model import CellRole

_MEASURED_AT = 48.0  # points: words are measured once, at this size, and scaled
_BREAKS = re.compile(r"\s+|(?<=-)(?=\w)")
_TEXT_FLAGS = int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop | Qt.TextFlag.TextWordWrap)


TAG_SHRINK = 0.8  # last time's tag keeps its words if the captions need shrink no more than this
CAPTION_SCALE = 0.72  # captions ("WE ARE HERE", "TARGET") are this much smaller than the cell's text
MARK_SCALE = 1.35  # a caption's mark ("●", "✓") is this much larger than its words
NOTE_MARK_SCALE = 1.25  # the note's corner triangle: its sides, in lines of the cell's text


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
        self.mark = QFont(self.caption)
        self.mark.setPointSizeF(self.caption.pointSizeF() * MARK_SCALE)
        fm = QFontMetrics(font)
        self.line = fm.height()
        self.border = max(2, round(self.line / 6))
        # Text stays clear of the target frame and the focus ring drawn inside the cell's edge.
        self.pad = max(round((max(3, round(self.line * 0.25)) + 2 * self.border) * pad_scale), round(2.5 * self.border) + 2)
        self.caption_height = max(self.caption_metrics.height(), QFontMetrics(self.mark).ascent()) + round(
            self.pad * 0.2
        )

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
        self._widest: dict[tuple[str, str], float] = {}
        self._heights: dict[tuple[str, int, str, float], int] = {}
        self._captions: dict[tuple[int, str, float, int, bool, bool], Captions] = {}

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
        """The width of ``text``'s widest word, in bold (the current cell's text is bold). Measured
        once per text at a large size and scaled (a layout tries many sizes), rounded up with a
        pixel to spare for hinting."""
        key = (text, font.family())
        reference = self._widest.get(key)
        if reference is None:
            if len(self._widest) > 512:
                self._widest.clear()
            large = QFont(font)
            large.setPointSizeF(_MEASURED_AT)
            large.setBold(True)
            bold = QFontMetricsF(large)
            words = _BREAKS.split(text)  # where a line may break: spaces, and after a hyphen
            reference = self._widest[key] = max((bold.horizontalAdvance(word) for word in words), default=0.0)
        return math.ceil(reference * font.pointSizeF() / _MEASURED_AT) + 1

    def height_for(self, text: str, width: int, font: QFont, column: int | None = None) -> int:
        """The height a cell of ``width`` needs to show ``text`` whole (in ``column``: marks only
        need no room for the text)."""
        metrics = CellMetrics.of(font, self.caption_scale, self.pad_scale)
        if column in self.marks_only:
            return metrics.caption_height + 2 * metrics.pad
        key = (text, width, font.family(), font.pointSizeF())
        height = self._heights.get(key)
        if height is None:  # a layout tries the same sizes again on every resize: measured once
            if len(self._heights) > 4096:
                self._heights.clear()
            inner = max(1, width - 2 * metrics.pad)
            # the current cell's text is bold: measure the wider of the two
            bounds = QFontMetrics(metrics.bold).boundingRect(QRect(0, 0, inner, 1_000_000), _TEXT_FLAGS, text)
            height = self._heights[key] = bounds.height() + metrics.caption_height + 2 * metrics.pad
        return height

    def sizeHint(self, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex) -> QSize:
        width = max(option.rect.width(), QFontMetrics(option.font).averageCharWidth() * 16)
        return QSize(width, self.height_for(index.data() or "", width, option.font))

    def paint(
        self, painter: QPainter, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex
    ) -> None:
        state_value, is_target, has_note, last_time = index.data(CellRole.LOOK)
        state = CellState(state_value)
        rect = option.rect
        metrics = CellMetrics.of(option.font, self.caption_scale, self.pad_scale)

        painter.save()
        painter.fillRect(rect, theme.BACKGROUND[state])
        painter.setPen(theme.GRID_LINE)
        painter.drawRect(rect.adjusted(0, 0, -1, -1))
        painter.setBrush(Qt.BrushStyle.NoBrush)
        if state == CellState.CURRENT:  # a thick solid frame; a target's dashes go over it
            width = round(metrics.border * 1.5)
            painter.setPen(QPen(theme.CURRENT_FRAME, width, Qt.PenStyle.SolidLine))
            painter.drawRect(_inset(rect, width // 2 + 1))
        if is_target:
            painter.setPen(QPen(theme.TARGET, metrics.border, Qt.PenStyle.DashLine))
            painter.drawRect(_inset(rect, metrics.border // 2 + 1))

        if index.column() in self.marks_only:
            self._paint_marks_only(painter, rect, metrics, state, is_target, last_time)
        else:
            self._paint_captions(painter, self._caption_layout(rect, metrics, state, is_target, last_time))
            painter.setPen(theme.TEXT[state])
            font = metrics.bold if state == CellState.CURRENT else metrics.font
            painter.setFont(font)
            area = metrics.text_rect(rect)
            painter.drawStaticText(area.topLeft(), self._laid_out(index.data() or "", area.width(), font))

        if has_note:
            self._paint_note_mark(painter, rect, metrics)
        view = option.widget
        focused = view is not None and hasattr(view, "currentIndex") and view.currentIndex() == index
        if focused or option.state & QStyle.StateFlag.State_HasFocus:
            # Shown even while the note panel has the keyboard: it tells which cell the note is on.
            colour = theme.FOCUS_ON_CURRENT if state == CellState.CURRENT else theme.FOCUS
            painter.setPen(QPen(colour, metrics.border, Qt.PenStyle.SolidLine))
            painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.drawRect(_inset(rect, metrics.border * 2 + 1))
        painter.restore()

    def _caption_layout(
        self, rect: QRect, metrics: CellMetrics, state: CellState, is_target: bool, last_time: bool
    ) -> Captions:
        """``caption_layout``, measured once per cell width, text size and look."""
        key = (rect.width(), metrics.font.family(), metrics.font.pointSizeF(), int(state), is_target, last_time)
        layout = self._captions.get(key)
        if layout is None:
            if len(self._captions) > 256:
                self._captions.clear()
            at_origin = QRect(0, 0, rect.width(), rect.height())
            layout = self._captions[key] = caption_layout(at_origin, metrics, state, is_target, last_time)
        return layout.translated(rect.left(), rect.top())

    def _paint_captions(self, painter: QPainter, layout: Captions) -> None:
        painter.setPen(layout.colour)
        left = int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        if layout.mark:
            painter.setFont(layout.mark_font)
            painter.drawText(layout.mark_rect, left, layout.mark)
        if layout.words:
            painter.setFont(layout.font)
            painter.drawText(layout.words_rect, left, layout.words)
        if layout.tag is not None:  # last time: its words on a dotted outline, in the cell's text colour
            tag = QRectF(layout.tag)
            painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
            pen = QPen(layout.colour, max(1.5, layout.tag.height() / 9), Qt.PenStyle.DotLine)
            painter.setPen(pen)
            painter.drawRoundedRect(tag, tag.height() * 0.25, tag.height() * 0.25)
            painter.setRenderHint(QPainter.RenderHint.Antialiasing, False)
            painter.setPen(layout.colour)
            painter.setFont(layout.tag_font)
            painter.drawText(tag, int(Qt.AlignmentFlag.AlignCenter), layout.tag_text)
        if layout.badge is not None:
            badge = QRectF(layout.badge)
            path = QPainterPath()
            path.addRoundedRect(badge, badge.height() * 0.25, badge.height() * 0.25)
            painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
            painter.fillPath(path, theme.TARGET_BADGE)
            painter.strokePath(path, QPen(theme.TARGET, max(1.0, layout.badge.height() / 12)))
            painter.setRenderHint(QPainter.RenderHint.Antialiasing, False)
            painter.setPen(theme.TARGET_TEXT)
            painter.setFont(layout.font)
            painter.drawText(badge, int(Qt.AlignmentFlag.AlignCenter), theme.TARGET_CAPTION)

    def _paint_marks_only(
        self, painter: QPainter, rect: QRect, metrics: CellMetrics, state: CellState, is_target: bool, last_time: bool
    ) -> None:
        """A narrow column (another practice is in focus): its marks as glyphs, centred; the words
        are the legend's."""
        glyphs = {CellState.CURRENT: theme.CURRENT_CAPTION, CellState.BEHIND: theme.BEHIND_CAPTION}
        marks = [glyphs[state].split()[0]] if state in glyphs else []
        if is_target:
            marks.append(theme.TARGET_CAPTION.split()[0])
        if last_time:
            marks.append(theme.LAST_TIME_MARK)
        if marks:
            painter.setFont(metrics.bold)
            painter.setPen(theme.TEXT[state])
            text = " ".join(marks)
            if QFontMetrics(metrics.bold).horizontalAdvance(text) > rect.width() - 4 * metrics.border:
                text = "\n".join(marks)  # too narrow for them side by side: one above the other
            painter.drawText(rect, int(Qt.AlignmentFlag.AlignCenter), text)

    def _paint_note_mark(self, painter: QPainter, rect: QRect, metrics: CellMetrics) -> None:
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
        size = metrics.line * NOTE_MARK_SCALE
        corner = QPointF(rect.right(), rect.bottom())
        path = QPainterPath(corner)
        path.lineTo(corner.x() - size, corner.y())
        path.lineTo(corner.x(), corner.y() - size)
        path.closeSubpath()
        painter.fillPath(path, theme.NOTE_MARK)


@dataclass(frozen=True)
class Captions:
    """Where a cell's captions go, in its band on top: its state's on the left (a mark and words),
    then last time's tag, the target's badge on the right; none overlaps another."""

    mark: str  # "●" or "✓", or ""
    words: str  # "WE ARE HERE", "BEHIND US", or ""
    mark_rect: QRect
    words_rect: QRect
    badge: QRect | None
    font: QFont
    mark_font: QFont
    colour: QColor
    tag: QRect | None = None  # last time's, when the cell is where the team stood then
    tag_text: str = ""  # "↺ LAST TIME", or "↺" (larger) where there is no room for the words
    tag_font: QFont | None = None

    def translated(self, dx: int, dy: int) -> Captions:
        badge = self.badge.translated(dx, dy) if self.badge is not None else None
        tag = self.tag.translated(dx, dy) if self.tag is not None else None
        mark, words = self.mark_rect.translated(dx, dy), self.words_rect.translated(dx, dy)
        return replace(self, mark_rect=mark, words_rect=words, badge=badge, tag=tag)

    @property
    def caption_rect(self) -> QRect:
        """The state's caption, mark and words, as drawn."""
        return self.mark_rect.united(self.words_rect) if self.words else self.mark_rect


def caption_layout(
    rect: QRect, metrics: CellMetrics, state: CellState, is_target: bool, last_time: bool = False
) -> Captions:
    band = QRect(
        rect.left() + metrics.pad,
        rect.top() + round(metrics.pad * 0.6),
        rect.width() - 2 * metrics.pad,
        metrics.caption_height,
    )
    gap = max(2, metrics.pad // 2)
    font = metrics.caption
    mark_font = metrics.mark if state == CellState.BEHIND else metrics.caption  # a larger ✓
    mark, _, words = {CellState.CURRENT: theme.CURRENT_CAPTION, CellState.BEHIND: theme.BEHIND_CAPTION}.get(
        state, ""
    ).partition(" ")

    tag_text = theme.LAST_TIME_CAPTION if last_time else ""

    def widths(font: QFont, mark_font: QFont) -> tuple[int, int, int, int, int]:
        """The mark's, the space's, the words', the badge's and last time's tag's with its gap."""
        fm = QFontMetrics(font)
        badge = fm.horizontalAdvance(theme.TARGET_CAPTION) + round(metrics.pad * 0.8) if is_target else 0
        space = fm.horizontalAdvance(" ") if words else 0
        tag_fm = QFontMetrics(mark_font if tag_text == theme.LAST_TIME_MARK else font)
        tag = tag_fm.horizontalAdvance(tag_text) + round(metrics.pad * 0.8) if tag_text else 0
        mark_width = QFontMetrics(mark_font).horizontalAdvance(mark)
        return mark_width, space, fm.horizontalAdvance(words), badge, tag + (gap if tag and mark_width else 0)

    def fits(mark_width: int, space: int, words_width: int, badge_width: int, tag_width: int) -> bool:
        return mark_width + space + words_width + tag_width + (gap + badge_width if badge_width else 0) <= band.width()

    behind = state == CellState.BEHIND
    mark_width, space, words_width, badge_width, tag_width = widths(font, mark_font)
    # A behind cell gives up "BEHIND US" first ("✓" says it); then the captions shrink a little;
    # narrower still, last time's tag keeps only "↺" (the legend says it).
    kept = 0 if behind else space + words_width
    needed = mark_width + kept + tag_width + (gap + badge_width if badge_width else 0)
    if tag_text and band.width() < TAG_SHRINK * needed:
        tag_text = theme.LAST_TIME_MARK
        mark_width, space, words_width, badge_width, tag_width = widths(font, mark_font)
    caption_width = mark_width + space + words_width + tag_width  # last time's tag goes with the caption
    keep, share = fit_captions(band.width(), caption_width, space + words_width, badge_width, gap, behind)
    if not keep:
        words, space, words_width = "", 0, 0
    for _ in range(6):  # shrink until the rounded widths fit too
        if share >= 1.0:
            break
        font, mark_font = _smaller(font, share), _smaller(mark_font, share)
        mark_width, space, words_width, badge_width, tag_width = widths(font, mark_font)
        share = 1.0 if fits(mark_width, space, words_width, badge_width, tag_width) else 0.95
    mark_rect = QRect(band.left(), band.top(), mark_width, band.height())
    words_rect = QRect(mark_rect.right() + 1 + space, band.top(), words_width, band.height())
    badge = tag = None
    if is_target:
        badge = QRect(band.right() - badge_width + 1, band.top(), badge_width, band.height() - 1)
    if tag_text:
        width = tag_width - (gap if mark_width else 0)
        tag = QRect(band.left() + mark_width + space + words_width + tag_width - width, band.top(), width, band.height() - 1)
    tag_font = mark_font if tag_text == theme.LAST_TIME_MARK else font
    return Captions(mark, words, mark_rect, words_rect, badge, font, mark_font, theme.TEXT[state], tag, tag_text, tag_font)


def _inset(rect: QRect, inset: int) -> QRect:
    """Where a pen centred ``inset`` pixels inside ``rect`` draws."""
    return rect.adjusted(inset, inset, -inset - 1, -inset - 1)


def _smaller(font: QFont, share: float) -> QFont:
    small = QFont(font)
    small.setPointSizeF(font.pointSizeF() * share)
    return small
