"""The organisation's heat map as PDF pages (A4 landscape): a row per team, a column per practice,
each cell the level at the team's latest workshop with its change since the previous one
("2 ▲ +1") and its gap to the target, on ``domain.organisation``'s one-hue scale. The rows keep one
readable height whatever the number of teams: as many pages as they need, each with the title, the
practices' header, the legend and "Page N of M". Domain objects only; every name printed as typed
(see :mod:`.text`); deterministic bytes."""

from __future__ import annotations

import io
from datetime import date

from reportlab.lib.colors import HexColor
from reportlab.pdfgen.canvas import Canvas

from .. import APP_NAME
from ..domain.organisation import HeatMap, HeatRow, heat_colours
from . import styles as s
from .fonts import BOLD, SANS, register_fonts
from .footer import draw_footer
from .text import draw_parts, draw_runs, truncate_runs, wrap_lines

TITLE = "Where the organisation stands"
NAME_WIDTH = 150.0
DATE_WIDTH = 62.0
HEADER = 40.0  # the practices' names, on up to three lines, never cut
LEGEND = 34.0
TEXT = 9.5  # a cell's level and change, and the team's name: never smaller, however many teams
GAP_TEXT = 8.0  # the gap, under the level
ROW = TEXT * 2.5  # two lines and their space
TABLE_TOP = s.MARGIN + 44.0  # below the page's top: the title and the line under it


def rows_per_page() -> int:
    """How many teams one page holds at the fixed row height."""
    _, height = s.LANDSCAPE
    room = height - TABLE_TOP - HEADER - s.MARGIN - LEGEND
    return max(1, int(room // ROW))


def render_heat_map_pdf(heat: HeatMap, hide_names: bool, exported_on: date) -> bytes:
    register_fonts()
    buffer = io.BytesIO()
    canvas = Canvas(buffer, pagesize=s.LANDSCAPE, invariant=1, initialFontName=SANS, lang="en")
    canvas.setTitle(TITLE)
    canvas.setCreator(APP_NAME)
    canvas.setAuthor(APP_NAME)
    per_page = rows_per_page()
    pages = [heat.rows[start:start + per_page] for start in range(0, len(heat.rows), per_page)] or [()]
    for number, rows in enumerate(pages, start=1):
        first = (number - 1) * per_page
        _page(canvas, heat, rows, first, hide_names, exported_on)
        draw_footer(canvas, TITLE, exported_on, number, len(pages))
        canvas.showPage()
    canvas.save()
    return buffer.getvalue()


def _page(canvas: Canvas, heat: HeatMap, rows: tuple[HeatRow, ...], first: int, hide_names: bool,
          exported_on: date) -> None:  # fmt: skip
    width, height = s.LANDSCAPE
    left, top = s.MARGIN, height - s.MARGIN
    draw_runs(canvas, left, top - 16, TITLE, BOLD, 16, s.INK)
    since = f", latest workshop on or after {s.long_date(heat.since)}" if heat.since else ""
    shown = f"{len(heat)} of {heat.teams} teams{since}. Exported on {s.long_date(exported_on)}."
    if len(heat) > len(rows):
        shown += f" This page: teams {first + 1}\u2013{first + len(rows)}."
    draw_runs(canvas, left, top - 32, shown + (" Team names hidden." if hide_names else ""), SANS, 9, s.MUTED)
    table_top = height - TABLE_TOP
    column = (width - 2 * s.MARGIN - NAME_WIDTH - DATE_WIDTH) / max(1, len(heat.practices))
    _header(canvas, heat, left, table_top, column)
    y = table_top - HEADER
    if not rows:
        draw_runs(canvas, left + 2, y - ROW / 2 - TEXT / 3, "No team has a workshop to show.", SANS, TEXT, s.BODY)
    levels = [value for value, _ in heat.levels]
    for n, team in enumerate(rows):
        y -= ROW
        if n % 2:
            canvas.setFillColor(s.ZEBRA)
            canvas.rect(left, y, NAME_WIDTH + DATE_WIDTH, ROW, stroke=0, fill=1)
        name = team.name(hide_names) + (" (demo)" if team.is_demo else "")
        base = y + (ROW - TEXT) / 2 + 1
        draw_parts(canvas, left + 2, base, truncate_runs(name, SANS, TEXT, NAME_WIDTH - 6), TEXT, s.BODY)
        draw_runs(canvas, left + NAME_WIDTH, base, team.held_on.isoformat(), SANS, TEXT - 1, s.MUTED)
        for i, cell in enumerate(team.cells):
            x = left + NAME_WIDTH + DATE_WIDTH + i * column
            background, ink = heat_colours(levels, cell.level)
            canvas.setFillColor(HexColor(background))
            canvas.setStrokeColor(HexColor("#ffffff"))
            canvas.rect(x, y, column, ROW, stroke=1, fill=1)
            words = f"{cell.level_text}  {cell.change_text}".rstrip()
            line = y + ROW / 2 + (1 if cell.gap_text else -TEXT / 3)
            draw_runs(canvas, x + column / 2, line, words, BOLD, TEXT, HexColor(ink), "middle")
            if cell.gap_text:
                below = line - GAP_TEXT * 1.2
                draw_runs(canvas, x + column / 2, below, cell.gap_text, SANS, GAP_TEXT, HexColor(ink), "middle")
    _legend(canvas, heat, left, s.MARGIN)


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
