"""The trend chart in the window: the shapes of ``domain.charts.layout`` drawn with a QPainter.

This module decides no position: it maps each shape's role to a pen, a brush and a font (the
current level a solid line with filled dots, the target a dashed line with hollow squares, in the
grid's own colours), so the window and the action plan's PDF, which draws the same layout with
reportlab, show the same chart. Units are device-independent pixels."""

from __future__ import annotations

from functools import lru_cache

from PySide6.QtCore import QPointF, QRectF, QSize, Qt
from PySide6.QtGui import QBrush, QColor, QFont, QFontMetricsF, QPainter, QPaintEvent, QPen, QPolygonF
from PySide6.QtWidgets import QSizePolicy, QWidget

from ...domain.charts import Box, Line, Marker, Shape, Text, TrendChart, heading_lines, layout
from ...domain.cells import CellState
from ..grid import theme

CURRENT = QColor(theme.BACKGROUND[CellState.CURRENT])  # the "we are here" cell's dark blue
TARGET = QColor(theme.TARGET)  # the target frame's vermillion
TEXT = QColor("#1F2937")
AXIS_TEXT = QColor("#334155")
GRID = QColor(theme.GRID_LINE)
BADGE_FILL = QColor("#F1F5F9")
BADGE_EDGE = QColor("#64748B")
PAPER = QColor("#FFFFFF")
TEXT_COLOURS = {"title": TEXT, "badge": TEXT, "axis": AXIS_TEXT, "legend": TEXT, "empty": AXIS_TEXT}


@lru_cache(maxsize=64)
def chart_font(family: str, size: float, bold: bool) -> QFont:
    """The font a chart's text of ``size`` pixels is measured and drawn in (whole pixels: what is
    measured is what is drawn)."""
    font = QFont(family)
    font.setPixelSize(max(1, round(size)))
    font.setBold(bold)
    return font


@lru_cache(maxsize=64)
def _metrics(family: str, size: float, bold: bool) -> QFontMetricsF:
    return QFontMetricsF(chart_font(family, size, bold))


def measurer(family: str):
    """The ``measure(text, size, bold)`` the layout asks, in ``family``."""

    def measure(text: str, size: float, bold: bool) -> float:
        return _metrics(family, size, bold).horizontalAdvance(text)

    return measure


def paint(painter: QPainter, shapes: list[Shape], family: str, font_size: float) -> None:
    """Draw ``shapes`` (a layout made at ``font_size``) with ``painter``, text in ``family``."""
    stroke = max(2.0, font_size / 6)  # a data line's width, seen from the back of the room
    painter.save()
    painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
    for shape in shapes:
        if isinstance(shape, Box):
            painter.setPen(QPen(BADGE_EDGE, 1))
            painter.setBrush(BADGE_FILL)
            radius = shape.height / 4
            painter.drawRoundedRect(QRectF(shape.x, shape.y, shape.width, shape.height), radius, radius)
        elif isinstance(shape, Line):
            _line(painter, shape, stroke)
        elif isinstance(shape, Marker):
            _marker(painter, shape)
        elif isinstance(shape, Text):
            _text(painter, shape, family)
    painter.restore()


def _line(painter: QPainter, shape: Line, stroke: float) -> None:
    role = shape.role.removeprefix("legend-")
    if role == "grid":
        pen = QPen(GRID, 1)
    else:
        pen = QPen(CURRENT if role == "current" else TARGET, stroke)
        pen.setCapStyle(Qt.PenCapStyle.FlatCap if shape.dashed else Qt.PenCapStyle.RoundCap)
        pen.setJoinStyle(Qt.PenJoinStyle.RoundJoin)
    if shape.dashed:
        pen.setStyle(Qt.PenStyle.CustomDashLine)
        pen.setDashPattern([3, 2])
    painter.setPen(pen)
    painter.setBrush(Qt.BrushStyle.NoBrush)
    painter.drawPolyline(QPolygonF([QPointF(x, y) for x, y in shape.points]))


def _marker(painter: QPainter, shape: Marker) -> None:
    r = shape.radius
    if shape.role == "current":  # a filled dot
        painter.setPen(QPen(PAPER, max(1.0, r / 4)))  # a white rim keeps it apart from a target under it
        painter.setBrush(CURRENT)
        painter.drawEllipse(QPointF(shape.x, shape.y), r + r / 8, r + r / 8)
    else:  # a hollow square
        painter.setPen(QPen(TARGET, max(2.0, r / 2.5)))
        painter.setBrush(QBrush(PAPER))
        painter.drawRect(QRectF(shape.x - r, shape.y - r, 2 * r, 2 * r))


def _text(painter: QPainter, shape: Text, family: str) -> None:
    font = chart_font(family, shape.size, shape.bold)
    width = _metrics(family, shape.size, shape.bold).horizontalAdvance(shape.text)
    x = shape.x - {"start": 0.0, "middle": width / 2, "end": width}[shape.anchor]
    painter.setFont(font)
    painter.setPen(TEXT_COLOURS.get(shape.role, TEXT))
    painter.drawText(QPointF(x, shape.y), shape.text)


class TrendChartView(QWidget):
    """One practice's trend chart, laid out at the widget's size whenever that changes."""

    SCALE = 1.15  # the chart's text, times the widget's font: read across the room

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.chart: TrendChart | None = None
        self.peers: list[TrendChartView] = []  # the charts shown beside it: their headings line up
        self._shapes: list[Shape] = []
        self._laid_out_for: tuple | None = None
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.setAttribute(Qt.WidgetAttribute.WA_OpaquePaintEvent, True)

    def set_chart(self, chart: TrendChart) -> None:
        self.chart = chart
        self._laid_out_for = None
        words = f"{chart.title}: {chart.badge_words}"
        self.setAccessibleName(f"Trend of {chart.title}")
        self.setAccessibleDescription(words)
        self.setToolTip(words)
        self.update()

    def font_size(self) -> float:
        return self.fontInfo().pixelSize() * self.SCALE

    def shapes(self) -> list[Shape]:
        """The layout at the widget's size (made again only when the size or the chart changes)."""
        charts = tuple(id(peer.chart) for peer in self.peers)
        key = (self.width(), self.height(), self.font_size(), self.font().family(), charts)
        if self.chart is not None and key != self._laid_out_for:
            measure = measurer(self.font().family())
            lines = max(
                (heading_lines(peer.chart, self.width(), self.font_size(), measure) for peer in self.peers if peer.chart),
                default=None,
            )
            self._shapes = layout(self.chart, self.width(), self.height(), self.font_size(), measure, lines)
            self._laid_out_for = key
        return self._shapes

    def minimumSizeHint(self) -> QSize:  # noqa: N802 (Qt's name)
        metrics = self.fontMetrics()
        return QSize(metrics.averageCharWidth() * 30, metrics.height() * 10)

    def sizeHint(self) -> QSize:  # noqa: N802
        metrics = self.fontMetrics()
        return QSize(metrics.averageCharWidth() * 44, metrics.height() * 14)

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802
        painter = QPainter(self)
        painter.fillRect(self.rect(), PAPER)
        paint(painter, self.shapes(), self.font().family(), self.font_size())
