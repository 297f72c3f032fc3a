"""A radar (spider) chart of where each practice stands against its target.

One axis per practice, clockwise from the top. The rings are the model's levels, lowest nearest
the centre; the centre itself means "not rated". A practice without a current level (or target)
has no point on that line: the line is drawn only between neighbouring practices that have one,
and its label says "not rated yet" (or "no target").
"""

from __future__ import annotations

import math

from reportlab.graphics.shapes import Circle, Drawing, Group, Line, Polygon, PolyLine, Rect, String
from reportlab.lib.colors import Color

from ..domain.model import MaturityModel
from ..domain.workshop import WorkshopState
from . import styles as s
from .fonts import BOLD, SANS, string_width
from .text import runs, wrap_lines

LABEL_SIZE = 8.0
SMALL_SIZE = 7.0
LABEL_WIDTH = 112.0


def add_text(
    group: Group, x: float, y: float, text: str, font: str, size: float, colour: Color, anchor: str = "start"
) -> float:
    """Add one line of text, font run by font run (so every character has a glyph); its width."""
    parts = runs(text, font)
    width = string_width(parts, size)
    x -= {"start": 0.0, "middle": width / 2, "end": width}[anchor]
    for run_font, chunk in parts:
        group.add(String(x, y, chunk, fontName=run_font, fontSize=size, fillColor=colour))
        x += string_width([(run_font, chunk)], size)
    return width


class Radar:
    LEGEND = 34.0  # below the chart
    LABELS = 36.0  # above and below the rings, for the top and bottom axes' labels

    def __init__(self, model: MaturityModel, state: WorkshopState, width: float):
        self.model = model
        self.state = state
        self.width = width
        self.radius = min(140.0, width * 0.26)
        self.height = self.LEGEND + 2 * self.LABELS + 2 * self.radius
        self.cx = width / 2
        self.cy = self.LEGEND + self.LABELS + self.radius
        self.lowest = model.levels[0].value
        self.span = len(model.levels)  # the centre is one step below the lowest level

    def radius_of(self, level: int) -> float:
        return (level - self.lowest + 1) / self.span * self.radius

    def angle_of(self, index: int) -> float:
        return math.pi / 2 - 2 * math.pi * index / len(self.model.practices)

    def point(self, index: int, level: int) -> tuple[float, float]:
        r, a = self.radius_of(level), self.angle_of(index)
        return self.cx + r * math.cos(a), self.cy + r * math.sin(a)

    def drawing(self) -> Drawing:
        drawing = Drawing(self.width, self.height, initialFontName=SANS)
        self._grid(drawing)
        currents = [self._plotted(self.state.rating(p.id).current) for p in self.model.practices]
        targets = [self._plotted(self.state.rating(p.id).target) for p in self.model.practices]
        self._series(drawing, targets, s.TARGET, dash=(4, 2.5), fill_opacity=0.05, width=1.6, hollow=True)
        self._series(drawing, currents, s.CURRENT_BG, dash=None, fill_opacity=0.16, width=2.0, hollow=False)
        self._ring_values(drawing)
        self._labels(drawing, [self.state.rating(p.id) for p in self.model.practices])
        if all(value is None for value in currents + targets):
            add_text(drawing, self.cx, self.cy - 3, "Not rated yet", BOLD, 9.5, s.MUTED, "middle")
        self._legend(drawing)
        return drawing

    def _plotted(self, value: int | None) -> int | None:
        """The level to plot: None when unset, or when the model has no such level (a workshop
        of another model version), rather than a point off the chart."""
        return value if value is not None and self.model.has_level(value) else None

    def _grid(self, drawing: Drawing) -> None:
        count = len(self.model.practices)
        for level in self.model.levels:
            points = []
            for index in range(count):
                points.extend(self.point(index, level.value))
            outer = level is self.model.levels[-1]
            drawing.add(
                Polygon(points, fillColor=None, strokeColor=s.GRID_LINE, strokeWidth=1.0 if outer else 0.6)
            )
        for index in range(count):
            x, y = self.point(index, self.model.levels[-1].value)
            drawing.add(Line(self.cx, self.cy, x, y, strokeColor=s.GRID_LINE, strokeWidth=0.6))

    def _ring_values(self, drawing: Drawing) -> None:
        """Each ring's level on the first axis, on a white halo so the lines never hide it."""
        for level in self.model.levels:
            words = str(level.value)
            width = string_width(runs(words, SANS), 6.5)
            x, y = self.cx + 2.5, self.cy + self.radius_of(level.value) - 3.2
            drawing.add(
                Rect(
                    x - 1.2,
                    y - 1.6,
                    width + 2.4,
                    8.2,
                    rx=1.5,
                    ry=1.5,
                    fillColor=s.AHEAD_BG,
                    fillOpacity=0.85,
                    strokeColor=None,
                )
            )
            add_text(drawing, x, y, words, SANS, 6.5, s.MUTED)

    def _series(self, drawing, values, colour, *, dash, fill_opacity, width, hollow) -> None:
        count = len(values)
        points = [self.point(i, v) if v is not None else None for i, v in enumerate(values)]
        if count >= 3 and all(p is not None for p in points):
            flat = [c for p in points for c in p]
            drawing.add(
                Polygon(
                    flat,
                    fillColor=colour,
                    fillOpacity=fill_opacity,
                    strokeColor=colour,
                    strokeWidth=width,
                    strokeDashArray=dash,
                    strokeLineJoin=1,
                )
            )
        else:  # draw only between neighbours that both have a value
            for i in range(count if count >= 3 else count - 1):
                a, b = points[i], points[(i + 1) % count]
                if a is not None and b is not None:
                    drawing.add(
                        PolyLine([*a, *b], strokeColor=colour, strokeWidth=width, strokeDashArray=dash)
                    )
        for p in points:
            if p is not None:
                if hollow:
                    drawing.add(
                        Circle(p[0], p[1], 3.4, fillColor=s.AHEAD_BG, strokeColor=colour, strokeWidth=1.4)
                    )
                else:
                    drawing.add(
                        Circle(p[0], p[1], 3.0, fillColor=colour, strokeColor=s.AHEAD_BG, strokeWidth=0.8)
                    )

    def _labels(self, drawing: Drawing, ratings) -> None:
        for index, practice in enumerate(self.model.practices):
            angle = self.angle_of(index)
            dx, dy = math.cos(angle), math.sin(angle)
            r = self.radius + 10
            x, y = self.cx + r * dx, self.cy + r * dy
            anchor = "start" if dx > 0.25 else "end" if dx < -0.25 else "middle"
            lines = wrap_lines(practice.name, BOLD, LABEL_SIZE, LABEL_WIDTH, max_lines=3)
            detail = _detail(ratings[index].current, ratings[index].target)
            block = len(lines) * (LABEL_SIZE + 1.5) + SMALL_SIZE + 1
            if dy > 0.25:
                top = y + block - 2
            elif dy < -0.25:
                top = y - 4
            else:
                top = y + block / 2
            for line in lines:
                top -= LABEL_SIZE + 1.5
                add_text(drawing, x, top, line, BOLD, LABEL_SIZE, s.INK, anchor)
            top -= SMALL_SIZE + 1.5
            add_text(drawing, x, top, detail, SANS, SMALL_SIZE, s.MUTED, anchor)

    def _legend(self, drawing: Drawing) -> None:
        y = 16.0
        x = self.width / 2 - 150
        drawing.add(Line(x, y + 3, x + 18, y + 3, strokeColor=s.CURRENT_BG, strokeWidth=2))
        drawing.add(
            Circle(x + 9, y + 3, 3.0, fillColor=s.CURRENT_BG, strokeColor=s.AHEAD_BG, strokeWidth=0.8)
        )
        x += 24 + add_text(drawing, x + 24, y, "Now (current level)", SANS, 8, s.BODY) + 22
        drawing.add(
            Line(x, y + 3, x + 18, y + 3, strokeColor=s.TARGET, strokeWidth=1.6, strokeDashArray=(4, 2.5))
        )
        drawing.add(Circle(x + 9, y + 3, 3.4, fillColor=s.AHEAD_BG, strokeColor=s.TARGET, strokeWidth=1.4))
        x += 24 + add_text(drawing, x + 24, y, "Target", SANS, 8, s.BODY) + 22
        add_text(drawing, x, y, "Centre: not rated", SANS, 8, s.MUTED)
        rings = " · ".join(f"{level.value} {level.name}" for level in self.model.levels)
        add_text(
            drawing, self.width / 2, 3, f"Rings, from the centre out: {rings}", SANS, 7, s.MUTED, "middle"
        )


def _detail(current: int | None, target: int | None) -> str:
    now = "not rated yet" if current is None else f"now {current}"
    aim = "no target" if target is None else f"target {target}"
    return f"{now} · {aim}"


def radar_chart(model: MaturityModel, state: WorkshopState, width: float) -> Drawing:
    return Radar(model, state, width).drawing()
