"""Last time on the grid and the board: where the team stood at its previous workshop, loaded with
the workshop (``services.history.last_time``), and View ▸ Show last time, remembered in the
database as the zoom is."""

from __future__ import annotations

import logging
from datetime import date

from PySide6.QtCore import QObject
from PySide6.QtGui import QAction

from ...domain.errors import DomainError
from ...domain.model import MaturityModel
from ...domain.workshop import Workshop
from ...services.history import NO_LAST_TIME, SHOW_LAST_TIME_KEY, LastTime, last_time
from ...services.workshops import WorkshopService
from .model import GridModel

log = logging.getLogger(__name__)


def short_date(day: date) -> str:
    """14 Oct 2026."""
    return f"{day.day} {day:%b %Y}"


def described(previous: Workshop, title: str | None = None) -> str:
    """Which workshop last time was: 'Last time: “Autumn review”, 14 Oct 2026' (``title``: its
    title as shown, cut short)."""
    return f"Last time: “{previous.title if title is None else title}”, {short_date(previous.held_on)}"


def load_last_time(service: WorkshopService, workshop_id: int) -> LastTime:
    """The workshop's last time; one that cannot be read is none (the marks are a help, never a
    reason for the workshop not to open)."""
    try:
        return last_time(service, workshop_id)
    except DomainError as error:
        log.warning("Last time left out of workshop %s: %s", workshop_id, error)
        return NO_LAST_TIME


def levels_of(found: LastTime, model: MaturityModel) -> dict[str, int | None] | None:
    """Each practice's level last time, for ``GridModel.set_workshop``; None for a team's first."""
    if found.previous is None:
        return None
    return {practice.id: found.current(practice.id) for practice in model.practices}


class LastTimeToggle(QObject):
    """View ▸ Show last time: read at start, written when it changes; on the grid and the board
    (they share the model)."""

    def __init__(self, service: WorkshopService, model: GridModel, command: QAction, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.service, self.model, self.command = service, model, command
        try:
            self._stored = service.get_setting(SHOW_LAST_TIME_KEY)
        except DomainError:
            self._stored = None  # a convenience: shown, as at first
        command.setChecked(self._stored != "0")
        model.set_last_time_wanted(command.isChecked())
        command.toggled.connect(self.set_shown)

    def set_shown(self, shown: bool) -> None:
        self.model.set_last_time_wanted(shown)
        value = "1" if shown else "0"
        if value == (self._stored or "1"):
            return
        try:
            self.service.set_setting(SHOW_LAST_TIME_KEY, value)
            self._stored = value
        except DomainError:
            pass  # only a view's choice; failing to remember it must not interrupt the workshop
