"""The time box in the window: the domain's clock for the open workshop, the focused practice's
time on the console and the board, the agenda's dialog, and saving the time spent.

The time spent is saved when the focus moves to another practice, on pause, before the workshop
shown changes (the window's ``flush_note``) and on close: a few writes a workshop, not one a
second, so the backups count a handful of edits. A :class:`TimeBoxController` is owned by the
window; it asks through :class:`~..prompts.Prompts` and reaches the window only through
:class:`~..shell.Shell`."""

from __future__ import annotations

import logging
import time

from PySide6.QtCore import QObject, QTimer, Signal, Slot

from ...domain.errors import DomainError, NotFoundError
from ...domain.timebox import MonotonicClock, TimeBox, TimerReading
from ...services.workshops import WorkshopService
from ..editing.editor import WorkshopEditor
from ..prompts import Prompts
from ..shell import Shell

TICK_MS = 1000
log = logging.getLogger(__name__)


class TimeBoxController(QObject):
    readingChanged = Signal(object)  # TimerReading, or None when no workshop is open

    def __init__(
        self, service: WorkshopService, editor: WorkshopEditor, shell: Shell, prompts: Prompts,
        clock: MonotonicClock = time.monotonic, parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.service, self.editor, self.shell, self.prompts, self.clock = service, editor, shell, prompts, clock
        self.box: TimeBox | None = None
        self._workshop_id: int | None = None
        self.ticker = QTimer(self)  # only redraws the timer: the time itself comes from the clock
        self.ticker.setInterval(TICK_MS)
        self.ticker.timeout.connect(self.show_reading)

    def reading(self) -> TimerReading | None:
        return self.box.reading() if self.box is not None else None

    @Slot()
    def show_reading(self) -> None:
        self.readingChanged.emit(self.reading())

    # -- following the window -------------------------------------------------------------------
    def open(self) -> None:
        """The editor opened another workshop (or none): its clock starts paused. What the one before
        had spent was saved already (``save``, before the workshop shown changed)."""
        self.ticker.stop()
        state = self.editor.state
        self.box = TimeBox(state.times.values(), self.clock) if state is not None else None
        self._workshop_id = state.workshop.id if state is not None else None
        self.show_reading()

    def follow(self, practice_id: str | None) -> None:
        """The grid's focused practice: the clock runs for it. Moving to another one saves the time."""
        if self.box is None:
            return
        if self.box.running and self.editor.read_only:  # closed meanwhile: nothing more to count
            self._stop()
        if practice_id != self.box.practice_id:
            self.box.focus(practice_id)
            self.save()
        self.show_reading()

    # -- the facilitator's commands -------------------------------------------------------------
    @Slot()
    def toggle(self) -> None:
        """P: start the clock, or pause it (which saves the time spent)."""
        if self.box is None or self.editor.read_only:
            self.shell.refused(self.editor.read_only_reason())
            return
        if self.box.running:
            self._stop()
            self.save()
        elif self.box.practice_id is None:
            self.shell.refused("Choose a practice on the grid first: the clock runs for the focused practice.")
            return
        else:
            self.box.start()
            self.ticker.start()
        self.show_reading()

    @Slot()
    def edit_agenda(self) -> None:
        """Workshop ▸ Agenda…: the minutes planned for each practice."""
        from .dialog import AgendaDialog  # not at launch
        state = self.editor.state
        if self.box is None or state is None or self.editor.read_only:
            self.shell.refused(self.editor.read_only_reason())
            return
        dialog = AgendaDialog(self.service.model, self.box.times(), self.shell.dialog_parent())
        if not self.prompts.run(dialog):
            return
        planned = dialog.planned()
        try:
            saved_at = self.service.set_agenda(state.workshop.id, planned)
        except DomainError as error:
            self.shell.failed(f"The agenda was not saved. {error}")
            return
        self.box.set_planned(planned)
        self._keep_in_state()
        self.shell.saved(saved_at)
        self.show_reading()

    # -- saving ---------------------------------------------------------------------------------
    def save(self) -> bool:
        """Save the time spent that is not saved yet; False when it could not be (and said why).
        What was not saved stays counted, and goes with the next save."""
        if self.box is None or self._workshop_id is None:
            return True
        spent = self.box.unsaved()
        if not spent:
            return True
        try:
            saved_at = self.service.save_time_spent(self._workshop_id, spent)
        except NotFoundError:
            log.info("The time spent on workshop %s was not kept: the workshop is gone.", self._workshop_id)
            self.box.mark_saved(spent)
            return True
        except DomainError as error:
            self.shell.failed(f"The time spent on the practices was not saved. {error}")
            return False
        self.box.mark_saved(spent)
        self._keep_in_state()
        self.shell.saved(saved_at)
        return True

    def close(self) -> None:
        """The window closes: the clock stops and what it counted is saved."""
        if self.box is not None:
            self._stop()
            self.save()

    def _stop(self) -> None:
        self.ticker.stop()
        if self.box is not None:
            self.box.pause()

    def _keep_in_state(self) -> None:
        """The editor's state (what an export prints) holds the agenda as saved."""
        state = self.editor.state
        if state is not None and self.box is not None and state.workshop.id == self._workshop_id:
            state.times = self.box.times()
