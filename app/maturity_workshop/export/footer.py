"""The footer every page of a PDF carries, in the bottom margin: a line, the document's title on
the left and "Exported on ... · Page N of M" on the right."""

from __future__ import annotations

from datetime import date

from . import styles as s
from .fonts import SANS
from .text import draw_parts, draw_runs, truncate_runs

FOOTER_GAP = 20.0  # between the frame's bottom and the footer's text


def draw_footer(canvas, title: str, exported_on: date, number: int, total: int) -> None:
    width, _ = canvas._pagesize
    y = s.MARGIN - FOOTER_GAP
    canvas.saveState()
    canvas.setStrokeColor(s.GRID_LINE)
    canvas.setLineWidth(0.5)
    left_edge, right_edge = s.MARGIN + 6, width - s.MARGIN - 6  # the frame's padding
    canvas.line(left_edge, y + 10, right_edge, y + 10)
    size = s.FOOTER_SIZE
    right = f"Exported on {s.full_date(exported_on)}   ·   Page {number} of {total}"
    right_width = draw_runs(canvas, right_edge, y, right, SANS, size, s.MUTED, "end")
    left = truncate_runs(title, SANS, size, right_edge - left_edge - right_width - 24)
    draw_parts(canvas, left_edge, y, left, size, None)  # in the colour just set
    canvas.restoreState()
