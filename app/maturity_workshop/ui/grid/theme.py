"""The grid's colours and captions (from ``resources/themes/marks.toml``, shared with the PDF) as
Qt colours, the legend's samples, and the grid's proportions."""

from __future__ import annotations

from PySide6.QtGui import QColor

from ...marks import LegendEntry, marks
from ...domain.cells import CellState

_MARKS = marks()
_STATES = {
    CellState.UNRATED: "unrated",
    CellState.BEHIND: "behind",
    CellState.CURRENT: "current",
    CellState.AHEAD: "ahead",
}
BACKGROUND = {state: QColor(_MARKS.background[name]) for state, name in _STATES.items()}
TEXT = {state: QColor(_MARKS.text[name]) for state, name in _STATES.items()}
GRID_LINE = QColor(_MARKS.grid_line)
CURRENT_FRAME = QColor(_MARKS.current_frame)
TARGET = QColor(_MARKS.target)
TARGET_BADGE = QColor(_MARKS.target_badge)
TARGET_TEXT = QColor(_MARKS.target_text)
NOTE_MARK = QColor(_MARKS.note)
FOCUS = QColor(_MARKS.focus)
FOCUS_ON_CURRENT = QColor(_MARKS.focus_on_current)

CURRENT_CAPTION = _MARKS.current_caption
TARGET_CAPTION = _MARKS.target_caption
BEHIND_CAPTION = _MARKS.behind_caption
BEHIND_MARK = _MARKS.behind_mark
LAST_TIME_CAPTION = _MARKS.last_time_caption
LAST_TIME_MARK = _MARKS.last_time_mark
NOTE_CAPTION = _MARKS.note_caption

# The grid's text is this much larger than the application's font, for the back of the room.
GRID_FONT_SCALE = 1.6
# A window too small for the text shrinks it down to this (times the application's font), then scrolls.
GRID_FONT_FLOOR = 0.9
ZOOM_STEP = 1.12
# Focused on one practice: its text up to this much larger; the other columns this many lines wide.
FOCUS_SCALE = 40 / 22
FOCUS_NARROW_LINES = 4
ZOOM_MIN, ZOOM_MAX = -6, 12


def legend() -> tuple[LegendEntry, ...]:
    """The legend's samples, as the grid marks cells (``ui/grid/legend.py`` makes them labels)."""
    return _MARKS.legend()


def last_time_entry() -> LegendEntry:
    return _MARKS.last_time_entry()
