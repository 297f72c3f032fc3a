"""Where a cell of the grid stands against its practice's current level: the one rule the window's
grid and the PDF's matrix both draw."""

from __future__ import annotations

import enum

from .model import Cell
from .workshop import WorkshopState


class CellState(enum.IntEnum):
    UNRATED = 0  # the practice has no current level yet
    BEHIND = 1  # below the current level: behind us
    CURRENT = 2  # the team's consensus level
    AHEAD = 3  # above the current level

    @property
    def words(self) -> str:
        """What the state means, in words: "behind us", "where the team is now"..."""
        return _WORDS[self]


_WORDS = {
    CellState.UNRATED: "not rated yet",
    CellState.BEHIND: "behind us",
    CellState.CURRENT: "where the team is now",
    CellState.AHEAD: "ahead of us",
}


def cell_state(current_level: int | None, cell_level: int) -> CellState:
    """The state of the cell at ``cell_level`` when its practice's current level is ``current_level``."""
    if current_level is None:
        return CellState.UNRATED
    if cell_level == current_level:
        return CellState.CURRENT
    return CellState.BEHIND if cell_level < current_level else CellState.AHEAD


def state_of_cell(state: WorkshopState, cell: Cell) -> CellState:
    """The state of ``cell`` in the workshop ``state``."""
    return cell_state(state.rating(cell.practice_id).current, cell.level)
