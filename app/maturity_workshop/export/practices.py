""" "Practice by practice": for each practice, where it stands and where it is going, the room's
vote when a round of votes stands for it (``room_vote.py``), the time the agenda planned for it and
the time spent, the words of the cells between (what good looks like
next), the notes written on its cells, and its actions."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date

from reportlab.platypus import CondPageBreak, Flowable, Spacer, Table

from ..domain.actions import Action
from ..domain.cells import CellState, state_of_cell
from ..domain.model import Cell, MaturityModel, Practice
from ..domain.voting import PracticeVotes
from ..domain.workshop import WorkshopState
from . import styles as s
from .fonts import BOLD
from .parts import (
    chip,
    coloured,
    data_table,
    due_para,
    level_words,
    owner_para,
    para,
    priority_para,
    rich,
    status_para,
    table_style,
)
from .room_vote import room_vote


def practice_sections(
    model: MaturityModel,
    state: WorkshopState,
    exported_on: date,
    width: float,
    votes: Mapping[str, PracticeVotes] | None = None,
) -> list[Flowable]:
    """Every practice of the model; ``votes``: the room's vote on each practice voted on."""
    flowables: list[Flowable] = [para("Practice by practice", s.H1)]
    for index, practice in enumerate(model.practices):
        if index:
            flowables.append(Spacer(1, 14))
        flowables.append(CondPageBreak(150))
        flowables.extend(_practice(model, state, practice, exported_on, width, (votes or {}).get(practice.id)))
    flowables.extend(_strays(model, state, exported_on, width))
    return flowables


def _practice(
    model: MaturityModel,
    state: WorkshopState,
    practice: Practice,
    exported_on: date,
    width: float,
    votes: PracticeVotes | None,
) -> list[Flowable]:
    rating = state.rating(practice.id)
    flowables: list[Flowable] = [
        _rule(width),
        para(practice.name, s.H2, keep_lines=False),
        _status_row(model, rating.current, rating.target, width),
    ]
    if rating.current is not None and model.has_level(rating.current):
        today = model.cell(practice.id, rating.current).text
        flowables.append(Spacer(1, 5))
        flowables.append(rich([("Today: ", BOLD), (today, None)], s.SMALL_MUTED))
    time = state.times.get(practice.id)
    if time is not None and (time.planned_minutes or time.spent_seconds):
        flowables.append(Spacer(1, 3))
        flowables.append(rich([("Time: ", BOLD), (time.words, None)], s.SMALL_MUTED))
    if votes is not None:
        flowables.extend(room_vote(model, votes, rating.current, width))
    flowables.append(para("WHAT GOOD LOOKS LIKE NEXT", s.H3))
    flowables.extend(_next_steps(model, practice, rating.current, rating.target, width))
    flowables.extend(_notes(model, state, practice, width))
    flowables.append(para("ACTIONS", s.H3))
    flowables.extend(_actions(state.actions_of(practice.id), exported_on, width))
    return flowables


def _rule(width: float) -> Table:
    table = Table([[""]], colWidths=[width], rowHeights=[2])
    table.setStyle(table_style([("LINEABOVE", (0, 0), (-1, 0), 1.4, s.CURRENT_BG)]))
    return table


def _status_row(model: MaturityModel, current: int | None, target: int | None, width: float) -> Table:
    half = (width - 24) / 2
    if current is None:
        now = chip("Not rated yet", fill=s.UNRATED_BG, colour=s.MUTED, border=s.GRID_LINE, max_width=half)
    else:
        now = chip(
            f"{s.CURRENT_CAPTION}  ·  {level_words(model, current, '')}",
            fill=s.CURRENT_BG,
            colour=s.CURRENT_TEXT,
            max_width=half,
        )
    if target is None:
        aim = chip("No target yet", fill=s.UNRATED_BG, colour=s.MUTED, border=s.GRID_LINE, max_width=half)
    else:
        aim = chip(
            f"{s.TARGET_CAPTION}  ·  {level_words(model, target, '')}",
            fill=s.AHEAD_BG,
            colour=s.TARGET,
            border=s.TARGET,
            dashed=True,
            max_width=half,
        )
    arrow = para("→", coloured(s.BODY_TEXT, s.MUTED))
    row = Table([[now, arrow, aim]], hAlign="LEFT", colWidths=[now.chip_width, 24, aim.chip_width])
    row.setStyle(
        table_style(
            [
                ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
                ("LEFTPADDING", (0, 0), (-1, -1), 0),
                ("RIGHTPADDING", (0, 0), (-1, -1), 0),
                ("TOPPADDING", (0, 0), (-1, -1), 0),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 0),
                ("ALIGN", (1, 0), (1, 0), "CENTER"),
            ]
        )
    )
    return row


def _next_steps(
    model: MaturityModel, practice: Practice, current: int | None, target: int | None, width: float
) -> list[Flowable]:
    values = model.level_values
    if current is None and target is None:
        return [
            para(
                "Not rated yet: once the team places this practice and sets a target, the next "
                "steps appear here.",
                s.SMALL_MUTED,
            )
        ]
    if current is None:
        intro = "The current level is not rated yet. The target describes:"
        steps = [v for v in values if v == target]
    elif target is None:
        above = [v for v in values if v > current][:1]
        if not above:
            return [para("No target yet; the practice is at the model's top level.", s.SMALL_MUTED)]
        intro = "No target yet. The next level up would be:"
        steps = above
    elif target == current:
        return [para("The practice is at its target: the work is to keep it there.", s.SMALL_MUTED)]
    elif target < current:
        return [para("The target is below where the practice stands now; nothing to climb.", s.SMALL_MUTED)]
    else:
        intro = None
        steps = [v for v in values if current < v <= target]
    flowables: list[Flowable] = [para(intro, s.SMALL_MUTED), Spacer(1, 3)] if intro else []
    rows = []
    for value in steps:
        cell = model.cell(practice.id, value)
        label_style = coloured(s.SMALL_BOLD, s.TARGET if value == target else s.INK)
        label = model.level(value).label + ("  ◎" if value == target else "")
        rows.append([para(label, label_style, keep_lines=False), para(cell.text, s.SMALL)])
    label_width = min(160.0, width * 0.32)
    table = Table(rows, colWidths=[label_width, width - label_width], hAlign="LEFT", splitInRow=1)
    table.setStyle(
        table_style(
            [
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("LINEBEFORE", (0, 0), (0, -1), 2.2, s.TARGET),
                ("LINEBELOW", (0, 0), (-1, -2), 0.4, s.GRID_LINE),
                ("LEFTPADDING", (0, 0), (0, -1), 8),
                ("TOPPADDING", (0, 0), (-1, -1), 3),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 4),
            ]
        )
    )
    flowables.append(table)
    return flowables


def _cells_with_notes(
    model: MaturityModel, state: WorkshopState, practice: Practice
) -> list[tuple[Cell, str]]:
    found = []
    for level in reversed(model.levels):  # highest first, as on the matrix
        cell = model.cell(practice.id, level.value)
        text = state.notes.get(cell.id, "")
        if text.strip():
            found.append((cell, text))
    return found


def _notes(model: MaturityModel, state: WorkshopState, practice: Practice, width: float) -> list[Flowable]:
    notes = _cells_with_notes(model, state, practice)
    heading = para("NOTES", s.H3)
    if not notes:
        return [heading, para("No notes on this practice's cells.", s.SMALL_MUTED)]
    flowables: list[Flowable] = []
    for cell, text in notes:
        where = state_of_cell(state, cell)
        label = f"{s.NOTE_CAPTION} On {model.level(cell.level).label}"
        if where is not CellState.UNRATED:
            label += f" · {where.words}"
        flowables.extend(_note(label, text, width, heading if not flowables else None))
    return flowables


NOTE_FIRST_LINES = 4  # a long note starts where the page has got to when this many of its lines fit


def _note(label: str, text: str, width: float, heading: Flowable | None = None) -> list[Flowable]:
    """A note's label and text. A short note is kept whole with its label (and the heading before
    the first note); a long one starts on the page the plan has got to, with its label and its first
    lines, and goes on over the page, rather than leaving the rest of the page blank."""
    body = para(text, s.NOTE_BODY)
    above = [] if heading is None else [heading]
    first_lines = NOTE_FIRST_LINES * s.NOTE_BODY.leading + s.NOTE_BODY.spaceBefore + 8
    if _height(body, width) <= first_lines:
        return [*above, para(label, s.NOTE_LABEL, keep_lines=False), body]
    above.append(para(label, s.NOTE_LABEL_FLOWING, keep_lines=False))
    return [CondPageBreak(sum(_height(f, width) for f in above) + first_lines), *above, body]


def _height(flowable: Flowable, width: float) -> float:
    _, height = flowable.wrap(width, 1e9)
    return height + flowable.getSpaceBefore() + flowable.getSpaceAfter()


def _actions(actions: list[Action], exported_on: date, width: float) -> list[Flowable]:
    if not actions:
        return [para("No actions for this practice yet.", s.SMALL_MUTED)]
    rows = [
        [
            para(a.title, s.SMALL if a.status.is_open else s.SMALL_MUTED),
            owner_para(a),
            due_para(a, exported_on),
            priority_para(a),
            status_para(a),
        ]
        for a in actions
    ]
    widths = [w * width / 499 for w in (205, 90, 80, 58, 66)]
    return [data_table(["Action", "Owner", "Due", "Priority", "Status"], rows, widths)]


def _strays(model: MaturityModel, state: WorkshopState, exported_on: date, width: float) -> list[Flowable]:
    """Notes and actions on cells or practices this model does not have (kept, never lost)."""
    notes = [
        (cell_id, text)
        for cell_id, text in sorted(state.notes.items())
        if text.strip() and not model.has_cell(cell_id)
    ]
    actions = [a for a in state.actions if not model.has_practice(a.practice_id)]
    if not notes and not actions:
        return []
    flowables: list[Flowable] = [Spacer(1, 14), _rule(width), para("Not in this model", s.H2)]
    for cell_id, text in notes:
        flowables.extend(_note(f"{s.NOTE_CAPTION} On cell “{cell_id}”", text, width))
    if actions:
        flowables.extend(_actions(actions, exported_on, width))
    return flowables
