"""The grid: a QTableView whose columns share the width and whose rows are as tall as their text
needs (sharing any height left over), so every cell reads whole at any window size; scroll bars
appear only when the window is too small for the text."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QModelIndex, Qt, Signal
from PySide6.QtGui import QFont, QFontMetrics, QMouseEvent, QResizeEvent, QShowEvent
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableView

from . import theme
from .delegate import GridDelegate
from .header import GridHeader, header_height
from .model import GridModel, HeaderRole


@dataclass
class _Layout:
    point_size: float
    header_width: int
    header_height: int
    column_widths: list[int]
    row_heights: list[int]
    words_fit: bool = True  # every word of every cell fits its column's width (none is cut)

    @property
    def total_height(self) -> int:
        return self.header_height + sum(self.row_heights)


class GridView(QTableView):
    setCurrentRequested = Signal(QModelIndex)
    setTargetRequested = Signal(QModelIndex)
    textSizeChanged = Signal(float)  # the cells' point size, after each layout that changes it

    def __init__(
        self, model: GridModel, parent=None, delegate: GridDelegate | None = None, lay_out_when_shown: bool = False
    ) -> None:
        """``lay_out_when_shown``: no layout before the grid first shows, at its real size (launch)."""
        super().__init__(parent)
        self._held = lay_out_when_shown
        self._delegate = delegate or GridDelegate(self)
        self.setHorizontalHeader(GridHeader(self))
        application_size = self.font().pointSizeF()
        self._base_point_size = application_size * theme.GRID_FONT_SCALE
        self._floor_point_size = application_size * theme.GRID_FONT_FLOOR
        self._zoom = 0
        self._focus_column: int | None = None
        self._laying_out = False
        self._fitted: dict[tuple, _Layout] = {}
        self._tried: dict[tuple[float, int], _Layout] = {}
        self.setModel(model)
        self.setItemDelegate(self._delegate)
        self.setObjectName("maturityGrid")
        self.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setTabKeyNavigation(False)
        self.setShowGrid(False)
        self.setWordWrap(True)
        self.setCornerButtonEnabled(False)
        self.setHorizontalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setMouseTracking(False)
        for header in (self.horizontalHeader(), self.verticalHeader()):
            header.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
            header.setHighlightSections(False)
            header.setSectionsClickable(False)
        self.horizontalHeader().setSectionsClickable(True)  # a practice's name: focus on it
        self.horizontalHeader().setDefaultAlignment(Qt.AlignmentFlag.AlignCenter | Qt.TextFlag.TextWordWrap)
        self.verticalHeader().setDefaultAlignment(Qt.AlignmentFlag.AlignCenter | Qt.TextFlag.TextWordWrap)
        self._kept_current: tuple[int, int] | None = None
        model.modelAboutToBeReset.connect(self._remember_current)
        model.modelReset.connect(self._restore_current)  # after the view's own reset, which forgets it
        model.modelReset.connect(self.relayout)
        model.headerDataChanged.connect(self._header_changed)
        self.set_zoom(0)

    # -- the focused cell survives a reset (another workshop, a reload after a failed write) ----
    def _remember_current(self) -> None:
        index = self.currentIndex()
        self._kept_current = (index.row(), index.column()) if index.isValid() else None

    def _restore_current(self) -> None:
        kept, self._kept_current = self._kept_current, None
        model = self.model()
        if kept is not None and kept[0] < model.rowCount() and kept[1] < model.columnCount():
            self.setCurrentIndex(model.index(*kept))

    # -- zoom ---------------------------------------------------------------------------------
    @property
    def zoom(self) -> int:
        return self._zoom

    def set_zoom(self, steps: int) -> None:
        self._zoom = max(theme.ZOOM_MIN, min(theme.ZOOM_MAX, steps))
        self.relayout()

    @property
    def point_size(self) -> float:
        return self.font().pointSizeF()

    # -- focus on one practice ----------------------------------------------------------------
    @property
    def focus_column(self) -> int | None:
        return self._focus_column

    def set_focus_column(self, column: int | None) -> None:
        """Show one practice's cells large and the others narrow, with their marks only (None: all alike)."""
        self._focus_column = column
        self._delegate.marks_only = (
            set() if column is None else set(range(self.model().columnCount())) - {column}
        )
        self.horizontalHeader().narrow = set(self._delegate.marks_only)
        self.relayout()
        self.viewport().update()

    # -- layout ---------------------------------------------------------------------------------
    def relayout(self) -> None:
        """Pick the text size and the section sizes so that every cell's text shows whole.

        At zoom 0 the text is as large as fits the window (up to a comfortable size for the back
        of the room, and down to a floor below which scroll bars appear instead). Each zoom step
        scales that; zooming in past what fits scrolls. Columns share the width; rows get the
        height their text needs, then share what is left."""
        model = self.model()
        if self._laying_out or model is None or not model.columnCount() or (self._held and not self.isVisible()):
            return
        self._laying_out = True
        try:
            # The viewport without scroll bars; the headers sit in its margins, so they are added
            # back: their sizes are recomputed here.
            viewport = self.maximumViewportSize()
            width = viewport.width() + self.verticalHeader().width()
            height = viewport.height() + self.horizontalHeader().height()
            # What the layout depends on besides the model's texts, which stay: the same again
            # (another workshop opened, the header's height settling) is not measured again.
            key = (width, height, self._zoom, self._focus_column, self._base_point_size, self._floor_point_size,
                   self.font().family(), self.logicalDpiY(), getattr(model, "shows_last_time", False))  # fmt: skip
            layout = self._fitted.get(key)
            if layout is None:
                if len(self._fitted) > 32:
                    self._fitted.clear()
                layout = self._fitted[key] = self._measure(width, height)
            self._apply(layout, height)
        finally:
            self._laying_out = False

    def _measure(self, width: int, height: int) -> _Layout:
        self._tried = {}  # the sizes this measure has fitted already
        size = self._fitting_size(width, height) * theme.ZOOM_STEP**self._zoom
        layout = self._fit(size, width)
        if layout.total_height > height:  # a vertical scroll bar will take part of the width
            width -= self.verticalScrollBar().sizeHint().width()
            layout = self._fit(size, width)
        while not layout.words_fit and layout.point_size > self._floor_point_size:
            # Zoomed in so far that a word would be cut in two: no larger than whole words allow.
            layout = self._fit(layout.point_size / theme.ZOOM_STEP**0.25, width)
        return layout

    def _fitting_size(self, width: int, height: int) -> float:
        """The largest size, from the floor up to the comfortable one, at which all text fits;
        focused on one practice, up to ``FOCUS_SCALE`` times larger."""
        high = self._base_point_size * (theme.FOCUS_SCALE if self._focus_column is not None else 1)
        if self._fits(self._fit(high, width), height):
            return high
        low = self._floor_point_size
        if not self._fits(self._fit(low, width), height):
            return low
        while high - low > 0.25:
            middle = (low + high) / 2
            if self._fits(self._fit(middle, width), height):
                low = middle
            else:
                high = middle
        return low

    @staticmethod
    def _fits(layout: _Layout, height: int) -> bool:
        return layout.total_height <= height and layout.words_fit

    def _fonts(self, point_size: float) -> tuple[QFont, QFont]:
        font = QFont(self.font())
        font.setPointSizeF(point_size)
        header = QFont(font)
        header.setPointSizeF(self._header_point_size(point_size))
        header.setBold(True)
        return font, header

    def _header_point_size(self, point_size: float) -> float:
        """The practices' and levels' names: as large as the cells' text."""
        return point_size

    def _fit(self, point_size: float, total_width: int) -> _Layout:
        """The sizes every section needs at ``point_size`` within ``total_width``."""
        tried = self._tried.get((point_size, total_width))
        if tried is None:
            tried = self._tried[(point_size, total_width)] = self._fit_anew(point_size, total_width)
        return tried

    def _fit_anew(self, point_size: float, total_width: int) -> _Layout:
        model = self.model()
        columns, rows = model.columnCount(), model.rowCount()
        font, header_font = self._fonts(point_size)
        header_fm = QFontMetrics(header_font)
        header_width = header_fm.horizontalAdvance("Quantitatively") + header_fm.height()
        widths = self._column_widths(total_width - header_width, columns, font, header_fm)
        delegate = self._delegate
        header_text = max(self._header_text_height(header_font, widths[column], column) for column in range(columns))
        texts = [[model.index(row, column).data() or "" for column in range(columns)] for row in range(rows)]
        heights = [
            max(delegate.height_for(texts[row][column], widths[column], font, column) for column in range(columns))
            for row in range(rows)
        ]
        inner = [delegate.inner_width(width, font) for width in widths]
        words_fit = all(
            delegate.widest_word(texts[row][column], font) <= inner[column]
            for row in range(rows) for column in range(columns) if column not in delegate.marks_only
        )
        return _Layout(point_size, header_width, header_text + header_fm.height(), widths, heights, words_fit)

    def _header_text_height(self, font: QFont, width: int, column: int) -> int:
        """A practice's name, and its change since last time while shown, at ``width``."""
        model = self.model()
        name = str(model.headerData(column, Qt.Orientation.Horizontal))
        shown = model.headerData(column, Qt.Orientation.Horizontal, HeaderRole.CHANGE) is not None
        return header_height(font, width, name, column in self._delegate.marks_only, shown)

    def _header_changed(self, orientation: Qt.Orientation, first: int, last: int) -> None:
        """Last time shown or hidden, or a practice's change: laid out again only when the header
        needs another height (a click that changes "▲ +1" to "= same" costs no layout)."""
        if orientation != Qt.Orientation.Horizontal or not self.model().columnCount():
            return
        header = self.horizontalHeader()
        needed = max(self._header_text_height(header.font(), self.columnWidth(c), c) for c in range(first, last + 1))
        if needed + header.fontMetrics().height() != header.height():
            self.relayout()

    def _column_widths(self, width: int, columns: int, font: QFont, header_fm: QFontMetrics) -> list[int]:
        """The columns share ``width``; focused on one, the others get just room for their marks."""
        floor = QFontMetrics(font).averageCharWidth() * 12
        if self._focus_column is None:
            return [max(floor, width // columns)] * columns
        narrow = header_fm.height() * theme.FOCUS_NARROW_LINES
        widths = [narrow] * columns
        widths[self._focus_column] = max(floor, width - narrow * (columns - 1))
        return widths

    def _apply(self, layout: _Layout, available_height: int) -> None:
        font, header_font = self._fonts(layout.point_size)
        changed = font.pointSizeF() != self.font().pointSizeF()
        self.setFont(font)
        for header in (self.horizontalHeader(), self.verticalHeader()):
            header.setFont(header_font)
        self.verticalHeader().setFixedWidth(layout.header_width)
        self.horizontalHeader().setFixedHeight(layout.header_height)
        heights = layout.row_heights
        spare = available_height - layout.total_height
        if spare > 0:
            heights = [h + spare // len(heights) for h in heights]
        for column, column_width in enumerate(layout.column_widths):
            self.setColumnWidth(column, column_width)
        for row, row_height in enumerate(heights):
            self.setRowHeight(row, row_height)
        if changed:
            self.textSizeChanged.emit(layout.point_size)

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if self._held:
            self._held = False
            self.relayout()

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self.relayout()

    # -- mouse ----------------------------------------------------------------------------------
    def mousePressEvent(self, event: QMouseEvent) -> None:
        index = self.indexAt(event.position().toPoint())
        if not index.isValid():
            super().mousePressEvent(event)
            return
        self.setFocus(Qt.FocusReason.MouseFocusReason)
        self.setCurrentIndex(index)
        if event.button() == Qt.MouseButton.LeftButton:
            if event.modifiers() & Qt.KeyboardModifier.ShiftModifier:
                self.setTargetRequested.emit(index)
            else:
                self.setCurrentRequested.emit(index)
        event.accept()

    def mouseDoubleClickEvent(self, event: QMouseEvent) -> None:
        event.accept()  # a double click is two clicks on the same cell, nothing more

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        event.accept()  # no drag-selection in the grid
