"""Small widgets and helpers that several parts of the window share."""

from __future__ import annotations

from datetime import datetime

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QLabel, QWidget

ERROR_STYLE = "color: #B91C1C; font-weight: bold;"


def error_label() -> QLabel:
    """A hidden label for a dialog's error message, shown in red and bold when set."""
    label = QLabel()
    label.setWordWrap(True)
    label.setStyleSheet(ERROR_STYLE)
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.hide()
    return label


def isolated(text: str) -> str:
    """User text (a name, a title) set apart from the text around it, U+2068 FIRST STRONG ISOLATE
    to U+2069 POP DIRECTIONAL ISOLATE: a right-to-left name, or one holding a bidi override, cannot
    reorder what is shown beside it."""
    return f"\u2068{text}\u2069"


def scaled_bold(widget: QWidget, scale: float) -> QFont:
    """``widget``'s font, ``scale`` times larger and bold."""
    font = QFont(widget.font())
    font.setPointSizeF(font.pointSizeF() * scale)
    font.setBold(True)
    return font


def local_time(moment: datetime) -> str:
    """A moment in the computer's time zone, the way people read it: "Thu 26 Nov 2026, 07:12"."""
    return moment.astimezone().strftime("%a %d %b %Y, %H:%M")


def plural(count: int, word: str) -> str:
    return f"{count} {word}{'' if count == 1 else 's'}"
