"""The maturity matrix as the window paints it: practices as columns, levels as rows (highest on
top), each cell coloured by where the practice stands, the target framed, notes marked.

* where the team is now: blue, white bold text, caption "● WE ARE HERE";
* behind the team: green, caption "✓"; ahead: white; a practice not rated yet: light grey;
* the target: a dashed orange frame with an orange "◎ TARGET" badge;
* a cell with a note: an amber triangle in its bottom-right corner.
"""

from __future__ import annotations

from dataclasses import dataclass

from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus import Flowable, Paragraph

from ..domain.cells import CellState, cell_state
from ..domain.model import Cell, MaturityModel
from ..domain.workshop import WorkshopState
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
NOTE_SIZE = 9.0
CAPTION_SIZE = s.CAPTION_SIZE  # the captions' and the target badge's


def paint_cell(canv, x: float, y: float, w: float, h: float, look: Look) -> None:
    """Background, grid line, captions, target frame and note mark of the cell whose bottom-left
    corner is (x, y); the cell's text is drawn by the caller."""
    canv.saveState()
    canv.setFillColor(BACKGROUND[look.state])
    canv.setStrokeColor(s.GRID_LINE)
    canv.setLineWidth(0.6)
    canv.rect(x, y, w, h, stroke=1, fill=1)
    caption = CAPTION.get(look.state)
    top = y + h - PAD_Y - CAPTION_SIZE
    if caption:
        draw_runs(canv, x + PAD, top, caption, BOLD, CAPTION_SIZE, TEXT[look.state])
    if look.is_target:
        _paint_target(canv, x, y, w, h)
    if look.has_note:
        note_mark(canv, x + w, y, NOTE_SIZE)
    canv.restoreState()


def note_mark(canv, right: float, bottom: float, size: float) -> None:
    """The amber triangle in a cell's bottom-right corner."""
    path = canv.beginPath()
    path.moveTo(right, bottom)
    path.lineTo(right - size, bottom)
    path.lineTo(right, bottom + size)
    path.close()
    canv.setFillColor(s.NOTE_MARK)
    canv.drawPath(path, stroke=0, fill=1)


def _paint_target(canv, x: float, y: float, w: float, h: float) -> None:
    inset = FRAME / 2 + 0.8
    canv.setStrokeColor(s.TARGET)
    canv.setLineWidth(FRAME)
    canv.setDash(4, 2.2)
    canv.rect(x + inset, y + inset, w - 2 * inset, h - 2 * inset, stroke=1, fill=0)
    canv.setDash()
    width = string_width(runs(s.TARGET_CAPTION, BOLD), CAPTION_SIZE) + 7
    badge_x = x + w - PAD - width
    badge_y = y + h - PAD_Y - CAPTION_SIZE - 2.3
    canv.setFillColor(s.TARGET)
    canv.roundRect(badge_x, badge_y, width, CAPTION_SIZE + 4.2, 2.2, stroke=0, fill=1)
    draw_runs(canv, badge_x + 3.5, badge_y + 2.4, s.TARGET_CAPTION, BOLD, CAPTION_SIZE, s.TARGET_TEXT)


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
    """A row of sample cells naming each mark, like the window's legend."""

    ITEMS = (
        (Look(CellState.CURRENT, False, False), s.CURRENT_CAPTION),
        (Look(CellState.BEHIND, False, False), "✓ Behind us"),
        (Look(CellState.AHEAD, False, False), "Ahead"),
        (Look(CellState.AHEAD, True, False), ""),
        (Look(CellState.AHEAD, False, True), "Has a note"),
        (Look(CellState.UNRATED, False, False), "Not rated yet"),
    )
    CHIP_HEIGHT = 17.0
    SIZE = 7.2

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        self.width = avail_width
        self.height = self.CHIP_HEIGHT
        return self.width, self.height

    def draw(self) -> None:
        canv = self.canv
        x = 0.0
        for look, label in self.ITEMS:
            font = BOLD if look.state is CellState.CURRENT else SANS
            text_width = string_width(runs(label, font), self.SIZE)
            width = max(text_width + 14, 66.0 if look.is_target else 0.0)
            canv.saveState()
            canv.setFillColor(BACKGROUND[look.state])
            canv.setStrokeColor(s.GRID_LINE)
            canv.setLineWidth(0.6)
            canv.rect(x, 0, width, self.CHIP_HEIGHT, stroke=1, fill=1)
            if look.is_target:
                _paint_target_chip(canv, x, width, self.CHIP_HEIGHT, self.SIZE)
            elif label:
                draw_runs(canv, x + 7, 5.4, label, font, self.SIZE, TEXT[look.state])
            if look.has_note:
                note_mark(canv, x + width, 0, 7)
            canv.restoreState()
            x += width + 6


def _paint_target_chip(canv, x: float, width: float, height: float, size: float) -> None:
    canv.setStrokeColor(s.TARGET)
    canv.setLineWidth(1.2)
    canv.setDash(3, 1.8)
    canv.rect(x + 0.8, 0.8, width - 1.6, height - 1.6, stroke=1, fill=0)
    canv.setDash()
    draw_runs(canv, x + width / 2, 5.4, s.TARGET_CAPTION, BOLD, size, s.TARGET, anchor="middle")
