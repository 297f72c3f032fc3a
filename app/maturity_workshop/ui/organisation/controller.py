"""The organisation in the window: View ▸ Organisation (Ctrl+G).

An :class:`OrganisationController` is owned by the window; it reads the heat map through the service
(read-only: it works on a database opened read-only), builds the page when it is first asked for
(not at launch), and reaches the window only through :class:`~..shell.Shell`. A team's cell opens
that team's latest workshop and its history, through the window's history controller."""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import date
from typing import TYPE_CHECKING, Protocol

from PySide6.QtCore import QObject, Slot
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QWidget

from ...domain.errors import DomainError
from ...services.workshops import WorkshopService
from ..page_controller import PageController
from ..shell import Shell

if TYPE_CHECKING:
    from ...domain.organisation import HeatMap
    from .board_view import BoardHeatMap
    from .page import OrganisationPage

SINCE_KEY = "ui.organisation.since"  # "all", or "3", "6", "12": the months looked back
SINCE_MONTHS = (None, 3, 6, 12)
log = logging.getLogger(__name__)


class Board(Protocol):
    """The one thing the controller asks of presentation mode's board (``board/controller.py``)."""

    def show_instead(self, view: QWidget | None) -> None:
        """``view`` on the board in place of the workshop; None: the workshop again."""


def months_before(day: date, months: int) -> date:
    """``day`` ``months`` months earlier (the 31st of a shorter month its last day)."""
    year, month = divmod(day.year * 12 + day.month - 1 - months, 12)
    month += 1
    for last in (day.day, 30, 29, 28):
        try:
            return date(year, month, min(day.day, last))
        except ValueError:
            continue
    raise ValueError(day)


class OrganisationController(PageController):
    def __init__(
        self, service: WorkshopService, shell: Shell, show_history: Callable[[], None], command: QAction,
        parent: QObject | None = None, today: Callable[[], date] = date.today, board: Board | None = None,
    ) -> None:
        super().__init__(parent)
        self.service, self.shell, self._show_history, self._today = service, shell, show_history, today
        self.board = board  # while the page shows, the board shows the heat map for the room
        self.page: OrganisationPage | None = None
        self.board_view: BoardHeatMap | None = None
        self.heat: HeatMap | None = None  # every team, sorted as asked; the page shows held_since(...)
        self.sorted_by: str | None = None
        self.descending = False
        command.triggered.connect(self.toggle)

    def show(self) -> None:
        self.shell.flush_note()  # the heat map reads the ratings saved, the note's too
        try:
            from ...services import organisation  # the heat map's code loads on the first Ctrl+G

            self.heat = organisation.heat_map(self.service)
        except DomainError as error:
            self.shell.failed(str(error), saving=False)
            return
        if self.page is None:
            from .page import OrganisationPage  # not at launch: on the first Ctrl+G

            self.page = OrganisationPage()
            self.page.backRequested.connect(self.back)
            self.page.openRequested.connect(self.open)
            self.page.sinceChosen.connect(self.choose_since)
            self.page.sortRequested.connect(self.sort)
            self.page.hideNamesToggled.connect(self.hide_names)
            self.page.shownChanged.connect(self._on_the_board)
            self.page.pageRequested.connect(self._page_the_board)
        from ...services.organisation import HIDE_NAMES_KEY

        self.page.set_hide_names(self._setting(HIDE_NAMES_KEY) == "1")
        self._refresh()
        self.shell.show_page(self.page)
        self.page.focus_table()

    def since_months(self) -> int | None:
        chosen = self._setting(SINCE_KEY)
        return int(chosen) if chosen in ("3", "6", "12") else None

    def since(self) -> date | None:
        months = self.since_months()
        return None if months is None else months_before(self._today(), months)

    @Slot(object)
    def choose_since(self, months: int | None) -> None:
        self._remember(SINCE_KEY, "all" if months is None else str(months))
        self._refresh()

    @Slot(object)
    def sort(self, practice_id: str | None) -> None:
        """By team (None) or by a practice's level; asked again, the other way round."""
        if practice_id == self.sorted_by:
            self.descending = not self.descending
        else:
            self.sorted_by, self.descending = practice_id, False
        self._refresh()

    @Slot(bool)
    def hide_names(self, hide: bool) -> None:
        from ...services.organisation import HIDE_NAMES_KEY

        self._remember(HIDE_NAMES_KEY, "1" if hide else "0")
        if self.page is not None:
            self.page.set_hide_names(hide)
        self._refresh_board()

    @Slot(int)
    def open(self, workshop_id: int) -> None:
        """A team's cell: that team's latest workshop, in the grid, and its history page."""
        self.shell.flush_note()
        self.shell.show_workshop(workshop_id)
        self._show_history()

    def _refresh(self) -> None:
        if self.page is None or self.heat is None:
            return
        shown = self.heat.held_since(self.since()).sorted(self.sorted_by, self.descending)
        self.page.show_heat_map(shown, self.since_months())
        self._refresh_board()

    # -- on the board -----------------------------------------------------------------------------
    @Slot(bool)
    def _on_the_board(self, shown: bool) -> None:
        """The page came into view: the board shows the heat map; it left: the workshop again."""
        if self.board is None:
            return
        if shown and self.board_view is None:
            from .board_view import BoardHeatMap

            self.board_view = BoardHeatMap()
        if shown:
            self._refresh_board()
        self.board.show_instead(self.board_view if shown else None)

    def _refresh_board(self) -> None:
        if self.board_view is not None and self.page is not None and self.page.heat is not None:
            self.board_view.show_heat_map(self.page.heat, self.page.model.hide_names)

    @Slot(int)
    def _page_the_board(self, steps: int) -> None:
        if self.board_view is not None:
            self.board_view.page_by(steps)

    def _setting(self, key: str) -> str | None:
        try:
            return self.service.get_setting(key)
        except DomainError:
            return None

    def _remember(self, key: str, value: str) -> None:
        try:
            self.service.set_setting(key, value)
        except DomainError:
            pass  # read-only, or the disk is full: the choice holds until the window closes
