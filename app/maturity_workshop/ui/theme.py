"""Colours and proportions of the grid, chosen for a projector: strong contrast, and every mark
carries a word or a glyph too, so nothing depends on colour alone."""

from __future__ import annotations

from PySide6.QtGui import QColor

from .grid_model import CellState

BACKGROUND = {
    CellState.UNRATED: QColor("#F8FAFC"),
    CellState.BEHIND: QColor("#DCFCE7"),
    CellState.CURRENT: QColor("#1E40AF"),
    CellState.AHEAD: QColor("#FFFFFF"),
}
TEXT = {
    CellState.UNRATED: QColor("#1F2937"),
    CellState.BEHIND: QColor("#14532D"),
    CellState.CURRENT: QColor("#FFFFFF"),
    CellState.AHEAD: QColor("#1F2937"),
}
GRID_LINE = QColor("#CBD5E1")
TARGET = QColor("#C2410C")
TARGET_TEXT = QColor("#FFFFFF")
NOTE_MARK = QColor("#D97706")
FOCUS = QColor("#0F172A")
FOCUS_ON_CURRENT = QColor("#FACC15")

CURRENT_CAPTION = "● WE ARE HERE"
TARGET_CAPTION = "◎ TARGET"
BEHIND_CAPTION = "✓"
NOTE_CAPTION = "✎"

# The grid's text is this much larger than the application's font, for the back of the room.
GRID_FONT_SCALE = 1.6
# A window too small for the text shrinks it down to this (times the application's font), then scrolls.
GRID_FONT_FLOOR = 1.0
ZOOM_STEP = 1.12
ZOOM_MIN, ZOOM_MAX = -6, 12
