"""The trend chart of a practice, described once and laid out once: the window draws the layout with
a QPainter (``ui/history/chart.py``), the action plan with reportlab's graphics
(``export/chart.py``). Neither decides where anything goes; both only map the shapes' roles to
their pens, brushes and fonts, so the wall and the PDF show the same chart.

Coordinates are in the renderer's units (pixels or points), x to the right and y down, within a box
of the size asked; text is measured with the renderer's own ``measure(text, size, bold)``.
Readable without colour: the current level is a solid line with filled dots, the target a dashed
line with hollow squares, and the legend says which is which in words.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from .history import PracticeTrend, level_text
from .model import MaturityModel

Measure = Callable[[str, float, bool], float]  # the width of a text at a size, bold or not


@dataclass(frozen=True)
class TrendChart:
    """What a practice's trend chart shows."""

    title: str
    levels: tuple[int, ...]  # the y axis, lowest first
    dates: tuple[str, ...]  # the x axis: one label per workshop, oldest first
    current: tuple[int | None, ...]
    target: tuple[int | None, ...]
    badge: str  # the change at the last workshop: "▲ +1", "= same"...; empty for a first workshop
    badge_words: str  # the same in a sentence


def trend_chart(model: MaturityModel, trend: PracticeTrend) -> TrendChart:
    change = trend.change
    return TrendChart(
        title=trend.name,
        levels=tuple(level.value for level in model.levels),
        dates=tuple(point.workshop.held_on.strftime("%d %b %Y").lstrip("0") for point in trend.points),
        current=tuple(point.current for point in trend.points),
        target=tuple(point.target for point in trend.points),
        badge=change.badge if change else "",
        badge_words=change.words if change else "the team's first workshop",
    )


# -- the shapes a renderer draws ------------------------------------------------------------------
@dataclass(frozen=True)
class Text:
    x: float
    y: float  # the baseline
    text: str
    size: float
    role: str  # "title", "badge", "axis", "legend", "empty"
    anchor: str = "start"  # "start", "middle" or "end" of the text at x
    bold: bool = False


@dataclass(frozen=True)
class Line:
    points: tuple[tuple[float, float], ...]
    role: str  # "grid", "current", "target", "legend-current", "legend-target"
    dashed: bool = False


@dataclass(frozen=True)
class Marker:
    x: float
    y: float
    radius: float
    role: str  # "current" (a filled dot) or "target" (a hollow square)


@dataclass(frozen=True)
class Box:
    x: float
    y: float
    width: float
    height: float
    role: str  # "badge"


Shape = Text | Line | Marker | Box

CURRENT_WORDS = "now"
TARGET_WORDS = "target"
NOT_RATED_WORDS = "not rated in these workshops"


def heading_lines(chart: TrendChart, width: float, font_size: float, measure: Measure) -> int:
    """How many lines the chart's name and badge take at ``width``: charts shown side by side
    reserve the most any of them needs (``layout``'s ``lines``), so that their plots line up."""
    title_size = font_size * 1.1
    lines = _wrap(chart.title, width, title_size, measure)
    badge_width = _badge_width(chart, font_size, measure)
    below = bool(chart.badge) and measure(lines[-1], title_size, True) + font_size * 0.4 + badge_width > width
    return len(lines) + below


def _badge_width(chart: TrendChart, font_size: float, measure: Measure) -> float:
    return measure(chart.badge, font_size, True) + 2 * font_size * 0.4 if chart.badge else 0.0


def layout(
    chart: TrendChart, width: float, height: float, font_size: float, measure: Measure, lines: int | None = None
) -> list[Shape]:
    """The chart's shapes in a box of ``width`` x ``height``, its text at ``font_size``; its
    heading takes ``lines`` lines (at least what :func:`heading_lines` says it needs)."""
    shapes: list[Shape] = []
    small = font_size * 0.85
    pad = font_size * 0.4
    title_size = font_size * 1.1
    baseline = pad + title_size
    badge_width = _badge_width(chart, font_size, measure)
    names = _wrap(chart.title, width, title_size, measure)
    line_height = title_size * 1.25
    for i, line in enumerate(names):
        shapes.append(Text(0, baseline + i * line_height, line, title_size, "title", bold=True))
    needed = heading_lines(chart, width, font_size, measure)
    badge_line = baseline + (needed - 1) * line_height
    if chart.badge:
        box_top = badge_line - title_size
        shapes.append(Box(width - badge_width, box_top, badge_width, title_size + pad * 0.8, "badge"))
        shapes.append(Text(width - badge_width / 2, badge_line, chart.badge, font_size, "badge", "middle", True))
    heading_bottom = baseline + (max(needed, lines or 0) - 1) * line_height
    # the legend, at the bottom: "● now  ◻ target" drawn with the chart's own marks
    legend_y = height - pad
    marker = small * 0.35
    x = 0.0
    for role, words in (("current", CURRENT_WORDS), ("target", TARGET_WORDS)):
        shapes.append(Line(((x, legend_y - small * 0.35), (x + small * 1.6, legend_y - small * 0.35)),
                           f"legend-{role}", dashed=role == "target"))
        shapes.append(Marker(x + small * 0.8, legend_y - small * 0.35, marker, role))
        shapes.append(Text(x + small * 2.0, legend_y, words, small, "legend"))
        x += small * 2.6 + measure(words, small, False)
    # the plot: levels up the left, dates along the bottom
    axis_width = max(measure(level_text(v), small, False) for v in chart.levels) + pad
    top = heading_bottom + pad * 2
    date_line = legend_y - small - pad * 1.5
    bottom = date_line - small * 1.2 - pad  # room for the lowest level's dot above the dates
    left, right = axis_width + pad, width - pad
    if bottom - top < small * 2 or right - left < small * 4:
        return shapes  # too small to plot anything readable: the title and the legend only
    low, high = chart.levels[0], chart.levels[-1]
    step = (bottom - top) / max(1, high - low)

    def y_of(level: int) -> float:
        return bottom - (level - low) * step

    for level in chart.levels:
        y = y_of(level)
        shapes.append(Line(((left, y), (right, y)), "grid"))
        shapes.append(Text(axis_width, y + small * 0.35, level_text(level), small, "axis", "end"))
    count = len(chart.dates)
    if count == 0:
        shapes.append(Text((left + right) / 2, (top + bottom) / 2, "no workshops", small, "empty", "middle"))
        return shapes
    # the first and the last workshop as far apart as their dates let them be, each date centred
    # under its dot (it may reach under the levels' labels, never out of the box)
    first = max(left + small, measure(chart.dates[0], small, False) / 2)
    last = min(right - small, width - measure(chart.dates[-1], small, False) / 2)
    span = max(0.0, last - first)
    xs = [first + (span * i / (count - 1) if count > 1 else span / 2) for i in range(count)]
    # dates, every one that fits without touching the one before (the last one always shown)
    shown_until = -1e9
    for i in _date_order(count):
        label = chart.dates[i]
        half = measure(label, small, False) / 2
        x = min(max(xs[i], half), width - half)
        if i != count - 1 and (x - half < shown_until + pad or x + half > _last_left(chart, xs, small, measure, width)):
            continue
        shapes.append(Text(x, date_line, label, small, "axis", "middle"))
        if i != count - 1:
            shown_until = x + half
    if all(value is None for value in (*chart.current, *chart.target)):
        shapes.append(Text((left + right) / 2, (top + bottom - step) / 2 + small * 0.35, NOT_RATED_WORDS, small, "empty", "middle"))
    for role, values in (("target", chart.target), ("current", chart.current)):
        for run in _runs(values):
            points = tuple((xs[i], y_of(values[i])) for i in run)
            if len(points) > 1:
                shapes.append(Line(points, role, dashed=role == "target"))
        radius = font_size * (0.3 if role == "current" else 0.28)
        shapes.extend(Marker(xs[i], y_of(v), radius, role) for i, v in enumerate(values) if v is not None)
    return shapes


def _date_order(count: int) -> list[int]:
    """The dates from the first to the one before the last, then the last (always shown)."""
    return [*range(count - 1), count - 1] if count > 1 else [0]


def _last_left(chart: TrendChart, xs: list[float], size: float, measure: Measure, right: float) -> float:
    """Where the last date's label begins: no other label may reach into it."""
    half = measure(chart.dates[-1], size, False) / 2
    return min(xs[-1], right - half) - half


def _runs(values: tuple[int | None, ...]) -> list[list[int]]:
    """The indexes of each unbroken run of levels: a workshop that did not rate the practice breaks
    the line, and the chart never draws a level nobody gave."""
    runs: list[list[int]] = []
    current: list[int] = []
    for i, value in enumerate(values):
        if value is None:
            if current:
                runs.append(current)
            current = []
        else:
            current.append(i)
    if current:
        runs.append(current)
    return runs


def _wrap(text: str, width: float, size: float, measure: Measure, most: int = 2) -> list[str]:
    """``text`` in lines no wider than ``width``, broken between words, at most ``most`` lines;
    the last ends with "…" where the rest does not fit."""
    lines: list[str] = []
    words = text.split()
    while words and len(lines) < most:
        line = words.pop(0)
        while words and measure(f"{line} {words[0]}", size, True) <= width:
            line = f"{line} {words.pop(0)}"
        lines.append(line)
    if words or (lines and measure(lines[-1], size, True) > width):
        last = " ".join([lines[-1], *words]) if words else lines[-1]
        while last and measure(last + "…", size, True) > width:
            last = last[:-1]
        lines[-1] = last.rstrip() + "…"
    return lines or [""]
