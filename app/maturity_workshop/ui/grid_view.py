"""The grid: a QTableView whose columns share the width and whose rows are as tall as their text
needs (sharing any height left over), so every cell reads whole at any window size; scroll bars
appear only when the window is too small for the text."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, Qt, Signal
from PySide6.QtGui import QFont, QFontMetrics, QMouseEvent, QResizeEvent
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableView

from . import theme
from .grid_delegate import GridDelegate
from .grid_model import GridModel


class GridView(QTableView):
    setCurrentRequested = Signal(QModelIndex)
    setTargetRequested = Signal(QModelIndex)

    def __init__(self, model: GridModel, parent=None) -> None:
        super().__init__(parent)
        self._delegate = GridDelegate(self)
        self._base_point_size = 0.0
        self._zoom = 0
        self._laying_out = False
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
        self.horizontalHeader().setDefaultAlignment(Qt.AlignmentFlag.AlignCenter | Qt.TextFlag.TextWordWrap)
        self.verticalHeader().setDefaultAlignment(Qt.AlignmentFlag.AlignCenter | Qt.TextFlag.TextWordWrap)
        model.modelReset.connect(self.relayout)
        self.set_zoom(0)

    # -- zoom -----------------------------------------------------------------------------------
    @property
    def zoom(self) -> int:
        return self._zoom

    def set_zoom(self, steps: int) -> None:
        self._zoom = max(theme.ZOOM_MIN, min(theme.ZOOM_MAX, steps))
        if not self._base_point_size:
            self._base_point_size = self.font().pointSizeF() * theme.GRID_FONT_SCALE
        font = QFont(self.font())
        font.setPointSizeF(self._base_point_size * theme.ZOOM_STEP**self._zoom)
        self.setFont(font)
        header_font = QFont(font)
        header_font.setBold(True)
        for header in (self.horizontalHeader(), self.verticalHeader()):
            header.setFont(header_font)
        fm = QFontMetrics(header_font)
        self.verticalHeader().setFixedWidth(fm.horizontalAdvance("Quantitatively") + fm.height())
        self.relayout()

    # -- layout ---------------------------------------------------------------------------------
    def relayout(self) -> None:
        """Columns share the width; rows get the height their text needs, then share the rest."""
        model = self.model()
        if self._laying_out or model is None or not model.columnCount():
            return
        self._laying_out = True
        try:
            # The viewport without scroll bars; the headers sit in its margins, and the horizontal
            # header's height is recomputed here, so it is added back to the height on offer.
            viewport = self.maximumViewportSize()
            available_width = viewport.width()
            available_height = viewport.height() + self.horizontalHeader().height()
            width, header_height, heights = self._fit(available_width)
            if sum(heights) + header_height > available_height:
                # too tall for the window: a vertical scroll bar will take part of the width
                width, header_height, heights = self._fit(available_width - self.verticalScrollBar().sizeHint().width())
            else:
                spare = available_height - header_height - sum(heights)
                heights = [height + spare // len(heights) for height in heights]
            self.horizontalHeader().setFixedHeight(header_height)
            for column in range(model.columnCount()):
                self.setColumnWidth(column, width)
            for row, height in enumerate(heights):
                self.setRowHeight(row, height)
        finally:
            self._laying_out = False

    def _fit(self, available_width: int) -> tuple[int, int, list[int]]:
        """Column width, header height and each row's needed height for ``available_width``."""
        model = self.model()
        columns, rows = model.columnCount(), model.rowCount()
        fm = QFontMetrics(self.font())
        width = max(fm.averageCharWidth() * 16, available_width // columns)
        header_fm = QFontMetrics(self.horizontalHeader().font())
        header_text = max(
            header_fm.boundingRect(
                0, 0, width - header_fm.height(), 1_000_000, int(Qt.TextFlag.TextWordWrap),
                str(model.headerData(column, Qt.Orientation.Horizontal)),
            ).height()
            for column in range(columns)
        )
        header_height = header_text + header_fm.height()
        heights = [
            max(
                self._delegate.height_for(model.index(row, column).data() or "", width, self.font())
                for column in range(columns)
            )
            for row in range(rows)
        ]
        return width, header_height, heights

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
