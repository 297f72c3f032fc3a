"""The maturity matrix as the window paints it: practices as columns, levels as rows (highest on
top), each cell marked by where the practice stands, the target framed, notes marked; each mark
told by a shape or words as well as by its colour (``resources/themes/marks.toml``):

* where the team is now: dark blue, white bold text, caption "● WE ARE HERE", a solid yellow frame;
* behind the team: light blue, caption "✓ BEHIND US" ("✓" where narrow); ahead: white, plain;
  a practice not rated yet: light grey, plain;
* the target: a dashed vermillion frame and an orange "◎ TARGET" badge at the caption band's right;
* a cell with a note: a purple triangle in its bottom-right corner.
"""

from __future__ import annotations

from dataclasses import dataclass

from reportlab.lib.colors import HexColor
from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus import Flowable, Paragraph

from ..domain.cells import CellState, cell_state
from ..domain.model import Cell, MaturityModel
from ..domain.workshop import WorkshopState
from ..marks import LegendEntry, fit_captions
from . import styles as s
from .fonts import BOLD, SANS, string_width
from .text import draw_runs, markup, runs


BACKGROUND = {
    CellState.UNRATED: s.UNRATED_BG,
    CellState.BEHIND: s.BEHIND_BG,
    CellState.CURRENT: s.CURRENT_BG,
    CellState.AHEAD: s.AHEAD_BG,
}
TEXT = {
    CellState.UNRATED: s.UNRATED_TEXT,
    CellState.BEHIND: s.BEHIND_TEXT,
    CellState.CURRENT: s.CURRENT_TEXT,
    CellState.AHEAD: s.AHEAD_TEXT,
}
CAPTION = {CellState.CURRENT: s.CURRENT_CAPTION, CellState.BEHIND: s.BEHIND_CAPTION}
MARK_SCALE = 1.35  # the behind caption's "✓" is this much larger than its words


@dataclass(frozen=True)
class Look:
    """How one cell is painted."""

    state: CellState
    is_target: bool
    has_note: bool


PAD = 7.0  # inside a cell, left and right
PAD_Y = 5.0  # inside a cell, top and bottom
CAPTION_BAND = 11.0  # the band on top of a cell for its caption and target badge
FRAME = 1.6  # the dashed target frame's width
CURRENT_FRAME = 2.4  # the current cell's solid frame
NOTE_SIZE = 11.0
CAPTION_SIZE = s.CAPTION_SIZE  # the captions' and the target badge's


def paint_cell(canv, x: float, y: float, w: float, h: float, look: Look) -> None:
    """Background, grid line, frames, captions and note mark of the cell whose bottom-left corner
    is (x, y); the cell's text is drawn by the caller."""
    canv.saveState()
    canv.setFillColor(BACKGROUND[look.state])
    canv.setStrokeColor(s.GRID_LINE)
    canv.setLineWidth(0.6)
    canv.rect(x, y, w, h, stroke=1, fill=1)
    if look.state is CellState.CURRENT:  # a solid frame; a target's dashes go over it
        _frame(canv, x, y, w, h, s.CURRENT_FRAME, CURRENT_FRAME, CURRENT_FRAME / 2 + 0.3)
    if look.is_target:
        _frame(canv, x, y, w, h, s.TARGET, FRAME, FRAME / 2 + 0.8, dash=(4, 2.2))
    _paint_captions(canv, x + PAD, y + h - PAD_Y - CAPTION_SIZE, w - 2 * PAD, look)
    if look.has_note:
        note_mark(canv, x + w, y, NOTE_SIZE)
    canv.restoreState()


def _frame(canv, x, y, w, h, colour, width: float, inset: float, dash: tuple[float, float] | None = None):
    canv.setStrokeColor(colour)
    canv.setLineWidth(width)
    if dash:
        canv.setDash(*dash)
    canv.rect(x + inset, y + inset, w - 2 * inset, h - 2 * inset, stroke=1, fill=0)
    canv.setDash()


def _paint_captions(canv, left: float, baseline: float, room: float, look: Look) -> None:
    """The state's caption at the band's left, the target's badge at its right, never overlapping."""
    mark, _, words = CAPTION.get(look.state, "").partition(" ")
    behind = look.state is CellState.BEHIND
    size = CAPTION_SIZE
    mark_size = size * (MARK_SCALE if behind else 1.0)
    mark_width = string_width(runs(mark, BOLD), mark_size) if mark else 0.0
    words_width = string_width(runs(f" {words}", BOLD), size) if words else 0.0
    badge = _badge_width(size) if look.is_target else 0.0
    keep, share = fit_captions(room, mark_width + words_width, words_width, badge, BADGE_GAP, behind)
    size, mark_size = size * share, mark_size * share
    if mark:
        draw_runs(canv, left, baseline, mark, BOLD, mark_size, TEXT[look.state])
    if words and keep:
        draw_runs(canv, left + mark_width * share, baseline, f" {words}", BOLD, size, TEXT[look.state])
    if look.is_target:
        _badge(canv, left + room - badge * share, baseline, size)


BADGE_GAP = 3.5


def _badge_width(size: float) -> float:
    return string_width(runs(s.TARGET_CAPTION, BOLD), size) + size * 1.1


def _badge(canv, x: float, baseline: float, size: float) -> None:
    """The "◎ TARGET" badge, its left end at ``x``, its words on ``baseline``."""
    canv.setFillColor(s.TARGET_BADGE)
    canv.setStrokeColor(s.TARGET)
    canv.setLineWidth(0.6)
    canv.roundRect(x, baseline - size * 0.37, _badge_width(size), size * 1.68, size * 0.35, stroke=1, fill=1)
    draw_runs(canv, x + size * 0.55, baseline, s.TARGET_CAPTION, BOLD, size, s.TARGET_TEXT)


def note_mark(canv, right: float, bottom: float, size: float) -> None:
    """The triangle in a cell's bottom-right corner."""
    path = canv.beginPath()
    path.moveTo(right, bottom)
    path.lineTo(right - size, bottom)
    path.lineTo(right, bottom + size)
    path.close()
    canv.setFillColor(s.NOTE_MARK)
    canv.drawPath(path, stroke=0, fill=1)


def _cell_style(look: Look) -> ParagraphStyle:
    bold = look.state is CellState.CURRENT
    return ParagraphStyle(
        f"cell-{look.state.name}",
        parent=s.CELL_TEXT,
        fontName=BOLD if bold else SANS,
        textColor=TEXT[look.state],
    )


class MatrixFlowable(Flowable):
    """The whole matrix, sized to the frame's width; its height follows the longest cell texts."""

    LEVEL_COLUMN = 94.0
    HEADER_MIN = 30.0
    ROW_MIN = 58.0

    def __init__(self, model: MaturityModel, state: WorkshopState) -> None:
        super().__init__()
        self.model = model
        self.state = state
        self.levels = tuple(reversed(model.levels))  # highest first
        self._layout: tuple[float, list[Paragraph], list[float], list[list[Paragraph]]] | None = None
        self._header = 0.0

    def look(self, cell: Cell) -> Look:
        rating = self.state.rating(cell.practice_id)
        return Look(
            cell_state(rating.current, cell.level),
            rating.target == cell.level,
            bool(self.state.notes.get(cell.id, "").strip()),
        )

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        column = (avail_width - self.LEVEL_COLUMN) / max(1, len(self.model.practices))
        inner = column - 2 * PAD
        heads = [Paragraph(markup(p.name, BOLD, keep_lines=False), s.CELL_HEAD) for p in self.model.practices]
        header = max([self.HEADER_MIN] + [para.wrap(inner, 10_000)[1] + 2 * PAD_Y for para in heads])
        rows: list[list[Paragraph]] = []
        heights: list[float] = []
        for level in self.levels:
            row = []
            height = self.ROW_MIN
            for practice in self.model.practices:
                cell = self.model.cell(practice.id, level.value)
                para = Paragraph(markup(cell.text, SANS), _cell_style(self.look(cell)))
                height = max(height, para.wrap(inner, 10_000)[1] + CAPTION_BAND + 2 * PAD_Y)
                row.append(para)
            rows.append(row)
            heights.append(height)
        self._layout = (column, heads, heights, rows)
        self.width = avail_width
        self.height = header + sum(heights)
        self._header = header
        return self.width, self.height

    def draw(self) -> None:
        assert self._layout is not None
        canv = self.canv
        column, heads, heights, rows = self._layout
        top = self.height
        # header row: practice names
        canv.setFillColor(s.HEADER_BG)
        canv.setStrokeColor(s.GRID_LINE)
        canv.setLineWidth(0.6)
        canv.rect(0, top - self._header, self.width, self._header, stroke=1, fill=1)
        for index, para in enumerate(heads):
            x = self.LEVEL_COLUMN + index * column
            _, h = para.wrap(column - 2 * PAD, 10_000)
            para.drawOn(canv, x + PAD, top - self._header / 2 - h / 2)
            if index:
                canv.line(x, top, x, top - self._header)
        canv.line(self.LEVEL_COLUMN, top, self.LEVEL_COLUMN, top - self._header)
        y = top - self._header
        for level, height, row in zip(self.levels, heights, rows, strict=True):
            y -= height
            self._draw_level_head(level.value, level.name, y, height)
            for index, (practice, para) in enumerate(zip(self.model.practices, row, strict=True)):
                x = self.LEVEL_COLUMN + index * column
                cell = self.model.cell(practice.id, level.value)
                paint_cell(canv, x, y, column, height, self.look(cell))
                _, h = para.wrap(column - 2 * PAD, 10_000)
                para.drawOn(canv, x + PAD, y + height - PAD_Y - CAPTION_BAND - h)

    def _draw_level_head(self, value: int, name: str, y: float, height: float) -> None:
        canv = self.canv
        canv.setFillColor(s.HEADER_BG)
        canv.setStrokeColor(s.GRID_LINE)
        canv.rect(0, y, self.LEVEL_COLUMN, height, stroke=1, fill=1)
        para = Paragraph(
            f'<font size="13">{value}</font><br/>' + markup(name, BOLD, keep_lines=False),
            ParagraphStyle("level-head", parent=s.CELL_HEAD, leading=11.5),
        )
        _, h = para.wrap(self.LEVEL_COLUMN - 2 * PAD, 10_000)
        para.drawOn(canv, PAD, y + height / 2 - h / 2)


class LegendFlowable(Flowable):
    """A row of samples naming each mark, like the window's legend (``marks.Marks.legend``)."""

    CHIP_HEIGHT = 17.0
    SIZE = 7.2

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        self.width = avail_width
        self.height = self.CHIP_HEIGHT
        return self.width, self.height

    def draw(self) -> None:
        canv = self.canv
        x = 0.0
        for entry in s.LEGEND:
            x += self._chip(canv, x, entry) + 6

    def _chip(self, canv, x: float, entry: LegendEntry) -> float:
        """One sample, its left end at ``x``; returns its width."""
        size = self.SIZE
        font = BOLD if entry.bold else SANS
        glyph_size = size * MARK_SCALE if entry.glyph and not entry.bold else size  # "✓" and "◢" larger
        glyph = string_width(runs(f"{entry.glyph} ", font), glyph_size) if entry.glyph else 0.0
        inner = _badge_width(size) if entry.badge else glyph + string_width(runs(entry.words, font), size)
        width = inner + 14
        canv.saveState()
        canv.setFillColor(HexColor(entry.background))
        canv.setStrokeColor(HexColor(entry.edge))
        canv.setLineWidth(1.4 if entry.frame else 0.6)
        if entry.dashed:
            canv.setDash(3, 1.8)
        inset = 0.7 if entry.frame else 0.0
        canv.rect(x + inset, inset, width - 2 * inset, self.CHIP_HEIGHT - 2 * inset, stroke=1, fill=1)
        canv.setDash()
        left, baseline = x + 7, 5.4
        if entry.badge:  # as on the target cell
            _badge(canv, left, baseline, size)
        else:
            if entry.glyph:
                colour = HexColor(entry.glyph_colour or entry.text)
                draw_runs(canv, left, baseline, entry.glyph, font, glyph_size, colour)
            draw_runs(canv, left + glyph, baseline, entry.words, font, size, HexColor(entry.text))
        canv.restoreState()
        return width
