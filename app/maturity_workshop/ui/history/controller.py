"""The team's history in the window: View ▸ Team history (Ctrl+H) and Workshop ▸ Compare with….

A :class:`HistoryController` is owned by the window; it reads the open workshop's team's history
through the service (read-only: it works on a database opened read-only), builds the page when it
is first asked for (not at launch), and reaches the window only through :class:`~..shell.Shell`."""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Slot

from ...domain.errors import DomainError
from ...domain.history import RANGES, TeamHistory
from ...domain.workshop import Team, Workshop
from ...services import history as histories
from ...services.workshops import WorkshopService
from ..prompts import Prompts
from ..page_controller import PageController
from ..shell import Shell

if TYPE_CHECKING:
    from .page import HistoryPage

RANGE_KEY = "ui.history_range"  # "5", "10" or "all": how far back the history looks
log = logging.getLogger(__name__)


class HistoryController(PageController):
    def __init__(
        self, service: WorkshopService, shell: Shell, prompts: Prompts, workshop: Callable[[], Workshop | None],
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.service, self.shell, self.prompts, self._workshop = service, shell, prompts, workshop
        self.page: HistoryPage | None = None
        self.history: TeamHistory | None = None

    # -- the page -------------------------------------------------------------------------------
    def show(self) -> None:
        read = self._read("the history shown is its team's")
        if read is None:
            return
        workshop, history = read
        if self.page is None:
            from .page import HistoryPage  # not at launch: on the first Ctrl+H

            self.page = HistoryPage(self.service.model)
            self.page.openRequested.connect(self.open)
            self.page.backRequested.connect(self.back)
            self.page.rangeChosen.connect(self.choose_range)
            self.page.compareRequested.connect(self.compare)
        self.page.show_history(history, workshop.id, self.range())
        self.shell.show_page(self.page)
        self.page.focus_time_line()

    @Slot(int)
    def open(self, workshop_id: int) -> None:
        """A workshop of the time line, opened in the grid (as the workshop list opens one)."""
        self.shell.flush_note()
        self.shell.show_workshop(workshop_id)
        state = self.history.get(workshop_id) if self.history else None
        if state is not None:
            self.shell.tell(f"Opened “{state.workshop.title}” ({state.workshop.held_on:%d %b %Y}).")

    def range(self) -> int | None:
        """How far back the history looks, as chosen last (the last 5 at first)."""
        try:
            chosen = self.service.get_setting(RANGE_KEY)
        except DomainError:
            chosen = None
        return None if chosen == "all" else int(chosen) if chosen in ("5", "10") else RANGES[0]

    @Slot(object)
    def choose_range(self, count: int | None) -> None:
        try:
            self.service.set_setting(RANGE_KEY, "all" if count is None else str(count))
        except DomainError:
            pass  # read-only, or the disk is full: the choice holds until the window closes
        if self.page is not None and self.history is not None:
            self.page.show_history(self.history, self.page.open_id, count)

    def _read(self, why: str) -> tuple[Workshop, TeamHistory] | None:
        """The open workshop and its team's history; None, having said why, without either."""
        workshop = self._workshop()
        if workshop is None:
            self.shell.refused(f"Open a workshop first: {why}.")
            return None
        self.shell.flush_note()  # the history reads the note being typed too
        try:
            self.history = histories.team_history(self.service, Team(workshop.team_id, workshop.team_name))
        except DomainError as error:
            self.shell.failed(str(error), saving=False)
            return None
        return workshop, self.history

    # -- compare ----------------------------------------------------------------------------------
    def compare(self, workshop_id: int | None = None) -> None:
        """Workshop ▸ Compare with…: ``workshop_id`` (the open one) and the one before it (the one
        after, for the team's first)."""
        read = self._read("it is compared with another of its team's")
        if read is None:
            return
        workshop, history = read
        chosen = workshop_id if workshop_id is not None else workshop.id
        if len(history) < 2:
            self.shell.refused(
                f"“{workshop.team_name}” has only one workshop so far: there is nothing to compare it with yet."
            )
            return
        try:
            index = history.index_of(chosen)
        except KeyError:
            self.shell.refused("That workshop can no longer be read: it is left out of the history.")
            return
        other = history.workshops[index - 1 if index > 0 else 1].workshop.id
        from .compare import CompareDialog  # not at launch

        dialog = CompareDialog(
            self.service.model, history, chosen, other,
            lambda one, two: histories.compare_workshops(self.service, one, two), self.shell.dialog_parent(),
        )
        self.prompts.run(dialog)
