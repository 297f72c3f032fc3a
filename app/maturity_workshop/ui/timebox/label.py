"""The timer as the room and the facilitator read it: the focused practice's time left, calm in the
last minute (amber, and the words "last minute"), an overrun counted after it ("+2:10 over"), grey
while paused. The colours change with the state, never flash."""

from __future__ import annotations

from PySide6.QtCore import Qt, Slot
from PySide6.QtWidgets import QLabel, QWidget

from ...domain.model import MaturityModel
from ...domain.timebox import TimerReading, TimerState

# background, text, border: dark text on light colours, readable on a washed-out projector
COLOURS = {
    TimerState.RUNNING: ("#E0F2FE", "#0C4A6E", "#0369A1"),
    TimerState.WARNING: ("#FEF3C7", "#78350F", "#B45309"),
    TimerState.OVERRUN: ("#FEE2E2", "#7F1D1D", "#B91C1C"),
    TimerState.PAUSED: ("#F1F5F9", "#334155", "#94A3B8"),
}
HINT = "P starts or pauses the clock · Workshop ▸ Agenda… plans the minutes of each practice"


class TimerLabel(QLabel):
    """``with_practice``: the words start with the practice's name (the console); the board leaves
    it out, as its focused cell shows the practice."""

    def __init__(self, model: MaturityModel, with_practice: bool, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("timer")
        self.setTextFormat(Qt.TextFormat.PlainText)
        self.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.setToolTip(HINT)
        self.model, self.with_practice = model, with_practice
        self.state: TimerState | None = None
        self._padding = (2, 8)
        self.hide()

    def set_padding(self, vertical: int, horizontal: int) -> None:
        self._padding = (vertical, horizontal)
        self._style()

    @Slot(object)
    def show_reading(self, reading: TimerReading | None) -> None:
        """What the timer says now; None (no workshop, or no practice focused) hides it."""
        if reading is None or reading.practice_id is None:
            self.hide()
            return
        unused = not (reading.planned or reading.running or reading.spent_seconds)
        if unused and not self.with_practice:  # no agenda and no clock: nothing for the room to read
            self.hide()
            return
        words = "No time planned · P starts the clock" if unused else reading.words
        if self.with_practice and self.model.has_practice(reading.practice_id):
            words = f"{self.model.practice(reading.practice_id).name}: {words}"
        self.setText(words)
        if reading.state is not self.state:
            self.state = reading.state
            self._style()
        self.show()

    def _style(self) -> None:
        if self.state is None:
            return
        background, text, border = COLOURS[self.state]
        vertical, horizontal = self._padding
        self.setStyleSheet(
            f"background: {background}; color: {text}; border: 2px solid {border}; border-radius: 4px; "
            f"padding: {vertical}px {horizontal}px; font-weight: bold;"
        )
