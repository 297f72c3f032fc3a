"""The organisation's heat map as one PDF page (A4 landscape): a row per team, a column per
practice, each cell the level at the team's latest workshop with its change since the previous one
("2 ▲ +1") and its gap to the target, on ``domain.organisation``'s one-hue scale, with the legend.
Domain objects only; every name printed as typed (see :mod:`.text`); deterministic bytes."""

from __future__ import annotations

import io
from datetime import date

from reportlab.lib.colors import HexColor
from reportlab.pdfgen.canvas import Canvas

from .. import APP_NAME
from ..domain.organisation import HeatMap, heat_colours
from . import styles as s
from .fonts import BOLD, SANS, register_fonts
from .text import draw_parts, draw_runs, truncate_runs, wrap_lines

NAME_WIDTH = 150.0
DATE_WIDTH = 62.0
HEADER = 40.0  # the practices' names, on up to three lines, never cut
LEGEND = 34.0


def render_heat_map_pdf(heat: HeatMap, hide_names: bool, exported_on: date) -> bytes:
    register_fonts()
    buffer = io.BytesIO()
    canvas = Canvas(buffer, pagesize=s.LANDSCAPE, invariant=1, initialFontName=SANS, lang="en")
    canvas.setTitle("Where the organisation stands")
    canvas.setCreator(APP_NAME)
    canvas.setAuthor(APP_NAME)
    width, height = s.LANDSCAPE
    left, top = s.MARGIN, height - s.MARGIN
    draw_runs(canvas, left, top - 16, "Where the organisation stands", BOLD, 16, s.INK)
    since = f", latest workshop on or after {s.long_date(heat.since)}" if heat.since else ""
    shown = f"{len(heat)} of {heat.teams} teams{since}. Exported on {s.long_date(exported_on)}."
    draw_runs(canvas, left, top - 32, shown + (" Team names hidden." if hide_names else ""), SANS, 9, s.MUTED)
    table_top = top - 44
    column = (width - 2 * s.MARGIN - NAME_WIDTH - DATE_WIDTH) / max(1, len(heat.practices))
    rows_height = table_top - HEADER - s.MARGIN - LEGEND
    row = min(24.0, rows_height / max(1, len(heat)))
    _header(canvas, heat, left, table_top, column)
    y = table_top - HEADER
    size = max(3.0, min(9.0, row * 0.42))
    levels = [value for value, _ in heat.levels]
    for team in heat.rows:
        y -= row
        name = team.name(hide_names) + (" (demo)" if team.is_demo else "")
        draw_parts(canvas, left + 2, y + (row - size) / 2 + 1, truncate_runs(name, SANS, size, NAME_WIDTH - 4), size, s.BODY)
        draw_runs(canvas, left + NAME_WIDTH, y + (row - size) / 2 + 1, team.held_on.isoformat(), SANS, size * 0.9, s.MUTED)
        for i, cell in enumerate(team.cells):
            x = left + NAME_WIDTH + DATE_WIDTH + i * column
            background, ink = heat_colours(levels, cell.level)
            canvas.setFillColor(HexColor(background))
            canvas.setStrokeColor(HexColor("#ffffff"))
            canvas.rect(x, y, column, row, stroke=1, fill=1)
            words = f"{cell.level_text}  {cell.change_text}".rstrip()
            two_lines = row >= 20 and cell.gap_text
            base = y + (row - size) / 2 + (size * 0.45 if two_lines else 1)
            draw_runs(canvas, x + column / 2, base, words, BOLD, size, HexColor(ink), "middle")
            if two_lines:
                draw_runs(canvas, x + column / 2, base - size * 1.05, cell.gap_text, SANS, size * 0.8, HexColor(ink), "middle")
    _legend(canvas, heat, left, s.MARGIN)
    canvas.showPage()
    canvas.save()
    return buffer.getvalue()


def _header(canvas: Canvas, heat: HeatMap, left: float, top: float, column: float) -> None:
    draw_runs(canvas, left + 2, top - 30, "Team", BOLD, 9, s.INK)
    draw_runs(canvas, left + NAME_WIDTH, top - 30, "Latest", BOLD, 9, s.INK)
    for i, practice in enumerate(heat.practices):
        x = left + NAME_WIDTH + DATE_WIDTH + i * column + column / 2
        for n, line in enumerate(wrap_lines(practice.name, BOLD, 8.5, column - 6, max_lines=3)):
            draw_runs(canvas, x, top - 11 - n * 10, line, BOLD, 8.5, s.INK, "middle")


def _legend(canvas: Canvas, heat: HeatMap, left: float, bottom: float) -> None:
    """The scale, a swatch per level with its number and name, and what the arrows and the gap say."""
    x, y = left, bottom + 16
    levels = [value for value, _ in heat.levels]
    for value, name in [*heat.levels, (None, "not rated")]:
        background, ink = heat_colours(levels, value)
        canvas.setFillColor(HexColor(background))
        canvas.setStrokeColor(s.MUTED)
        canvas.rect(x, y, 22, 13, stroke=1, fill=1)
        draw_runs(canvas, x + 11, y + 3.5, "\u2013" if value is None else str(value).replace("-", "\u2212"), BOLD, 8, HexColor(ink), "middle")
        x += 26 + draw_runs(canvas, x + 26, y + 3.5, name, SANS, 8, s.BODY) + 12
    note = ("▲ +1 up since the team's previous workshop, ▼ −1 down, = the same, new: not rated last time. "
            "gap: the target minus the level.")  # fmt: skip
    draw_runs(canvas, left, bottom, note, SANS, 8, s.BODY)
