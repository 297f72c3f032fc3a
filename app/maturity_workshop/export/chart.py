"""The trend chart of a practice in the action plan: ``domain.charts.layout``'s shapes drawn with
reportlab's graphics. Where each shape goes is the layout's; this module only flips the y axis
(reportlab's runs up) and gives each role its pen, fill and font."""

from __future__ import annotations

from reportlab.graphics.shapes import Circle, Drawing, Group, PolyLine, Rect

from ..domain.charts import Box, Line, Marker, Shape, Text, TrendChart, heading_lines, layout
from . import styles as s
from .fonts import BOLD, SANS, string_width
from .radar import add_text
from .text import runs

FONT_SIZE = 7.5
STROKES = {  # role: (colour, width)
    "grid": (s.GRID_LINE, 0.5),
    "current": (s.CURRENT_BG, 1.6),
    "legend-current": (s.CURRENT_BG, 1.6),
    "target": (s.TARGET, 1.2),
    "legend-target": (s.TARGET, 1.2),
}
TEXT_COLOURS = {"title": s.INK, "badge": s.INK, "axis": s.MUTED, "legend": s.BODY, "empty": s.MUTED}
DASH = (3, 2)


def measure(text: str, size: float, bold: bool) -> float:
    return string_width(runs(text, BOLD if bold else SANS), size)


def heading_lines_of(charts: list[TrendChart], width: float) -> int:
    """The lines the longest heading of ``charts`` takes at ``width``: what each then reserves."""
    return max((heading_lines(chart, width, FONT_SIZE, measure) for chart in charts), default=1)


def trend_drawing(chart: TrendChart, width: float, height: float, lines: int | None = None) -> Drawing:
    """``chart`` as a reportlab drawing of ``width`` x ``height`` points, its heading ``lines`` high."""
    drawing = Drawing(width, height, initialFontName=SANS)
    group = Group()
    for shape in layout(chart, width, height, FONT_SIZE, measure, lines):
        _draw(group, shape, height)
    drawing.add(group)
    return drawing


def _draw(group: Group, shape: Shape, height: float) -> None:
    if isinstance(shape, Line):
        colour, width = STROKES[shape.role]
        points = [value for x, y in shape.points for value in (x, height - y)]
        group.add(PolyLine(points, strokeColor=colour, strokeWidth=width,
                           strokeDashArray=DASH if shape.dashed else None))
    elif isinstance(shape, Marker):
        x, y, r = shape.x, height - shape.y, shape.radius
        if shape.role == "current":
            group.add(Circle(x, y, r, fillColor=s.CURRENT_BG, strokeColor=s.CURRENT_BG, strokeWidth=0.5))
        else:  # the target: a hollow square
            group.add(Rect(x - r, y - r, 2 * r, 2 * r, fillColor=s.ZEBRA, strokeColor=s.TARGET, strokeWidth=1.1))
    elif isinstance(shape, Box):
        group.add(Rect(shape.x, height - shape.y - shape.height, shape.width, shape.height, rx=2, ry=2,
                       fillColor=s.HEADER_BG, strokeColor=s.GRID_LINE, strokeWidth=0.5))
    elif isinstance(shape, Text):
        font = BOLD if shape.bold else SANS
        add_text(group, shape.x, height - shape.y, shape.text, font, shape.size, TEXT_COLOURS[shape.role], shape.anchor)
