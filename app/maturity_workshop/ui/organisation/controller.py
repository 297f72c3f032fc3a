"""The organisation in the window: View ▸ Organisation (Ctrl+G).

An :class:`OrganisationController` is owned by the window; it reads the heat map through the service
(read-only: it works on a database opened read-only), builds the page when it is first asked for
(not at launch), and reaches the window only through :class:`~..shell.Shell`. A team's cell opens
that team's latest workshop and its history, through the window's history controller.

The page reads "This laptop" (the window's workshops) or "Organisation": the copy synced from the
organisation's database (``services.organisation_cache``), synced again with "Sync now" on a worker
thread (``sync.py``). A team of the organisation opens, with its history, in a window of its own on
that copy, read-only, each workshop marked with who published it."""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import date
from typing import TYPE_CHECKING, Protocol

from PySide6.QtCore import QObject, Qt, Signal, Slot
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QMainWindow, QWidget

from ...domain.errors import DomainError
from ...services.workshops import WorkshopService
from ..page_controller import PageController
from ..shell import Shell
from .source_bar import LAPTOP, ORGANISATION

if TYPE_CHECKING:
    from ...domain.organisation import HeatMap
    from .board_view import BoardHeatMap
    from .page import OrganisationPage
    from .sync import SyncJob

QUIT_WAIT_S = 2.0  # at quit, a sync running is waited for this long at the most
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
    syncFinished = Signal(str)  # "succeeded", "failed" or "cancelled", once the page shows it

    def __init__(
        self, service: WorkshopService, shell: Shell, show_history: Callable[[], None], command: QAction | None,
        parent: QObject | None = None, today: Callable[[], date] = date.today, board: Board | None = None,
        new_window: Callable[[WorkshopService], QMainWindow] | None = None,
    ) -> None:
        super().__init__(parent)
        self.service, self.shell, self._show_history, self._today = service, shell, show_history, today
        self.board = board  # while the page shows, the board shows the heat map for the room
        self._new_window = new_window  # a window like the shell's, on another service
        self.page: OrganisationPage | None = None
        self.board_view: BoardHeatMap | None = None
        self._copy_problem: str | None = None  # why the organisation's copy could not be read, to show
        self.heat: HeatMap | None = None  # every team, sorted as asked; the page shows held_since(...)
        self.sorted_by: str | None = None
        self.descending = False
        self.sync_job: SyncJob | None = None  # the sync running, if any: one at a time
        self.copies: list = []  # the windows open on the organisation's copy
        if command is not None:  # None: the window made this on that command, which it wired itself
            command.triggered.connect(self.toggle)

    def show(self) -> None:
        self.shell.flush_note()  # the heat map reads the ratings saved, the note's too
        if not self._read():
            return
        if self.page is None:
            from ...services.organisation_cache import is_organisation_copy
            from .page import OrganisationPage  # not at launch: on the first Ctrl+G

            self.page = OrganisationPage()
            self.page.backRequested.connect(self.back)
            self.page.openRequested.connect(self.open)
            self.page.sinceChosen.connect(self.choose_since)
            self.page.sortRequested.connect(self.sort)
            self.page.hideNamesToggled.connect(self.hide_names)
            self.page.shownChanged.connect(self._on_the_board)
            self.page.pageRequested.connect(self._page_the_board)
            bar = self.page.source_bar
            bar.sourceChosen.connect(self.choose_source)
            bar.syncRequested.connect(self.sync)
            bar.cancelRequested.connect(self.cancel_sync)
            bar.setVisible(not is_organisation_copy(self.service))  # a copy's window reads only its copy
        from ...services.organisation import HIDE_NAMES_KEY

        self.page.set_hide_names(self._setting(HIDE_NAMES_KEY) == "1")
        self._show_source()
        self._refresh()
        self.shell.show_page(self.page)
        self.page.focus_table()

    # -- where it reads: this laptop, or the organisation's copy ----------------------------------
    def source(self) -> str:
        """What the page reads, as chosen last (this laptop at first); a copy's window, its copy."""
        from ...services.organisation_cache import SOURCE_CHOICE_KEY, is_organisation_copy

        if is_organisation_copy(self.service):
            return LAPTOP
        return ORGANISATION if self._setting(SOURCE_CHOICE_KEY) == ORGANISATION else LAPTOP

    def _read(self) -> bool:
        """The heat map of the source chosen; False, having said why, when it cannot be read. The
        organisation never synced is an empty map (its line says so)."""
        from ...services import organisation  # the heat map's code loads on the first Ctrl+G
        from ...services import organisation_cache as cache

        try:
            if self.source() == LAPTOP:
                self.heat = organisation.heat_map(self.service)
            elif not cache.has_cache(self.service.database_path):
                from ...domain.organisation import build_heat_map

                self.heat = build_heat_map(self.service.model, (), ())
            else:
                copy = cache.open_cache(self.service.database_path, self.service.model)
                try:
                    self.heat = organisation.heat_map(copy)
                finally:
                    copy.close()
        except DomainError as error:
            if self.source() == LAPTOP:
                self.shell.failed(str(error), saving=False)
                return False
            # The copy cannot be read (damaged, or older than this app): the page still shows, empty,
            # saying why, so that Sync now and "This laptop" stay in reach.
            from ...domain.organisation import build_heat_map

            self.heat, self._copy_problem = build_heat_map(self.service.model, (), ()), str(error)
        return True

    def _show_source(self) -> None:
        from ...services.organisation_cache import synced_words

        if self.page is None:
            return
        source = self.source()
        try:
            words = synced_words(self.service.database_path, self.service.model) if source == ORGANISATION else ""
        except DomainError as error:
            words = str(error)
        self.page.source_bar.show_source(source, words)
        problem, self._copy_problem = self._copy_problem, None
        self.page.source_bar.show_error(problem if source == ORGANISATION else None)

    @Slot(str)
    def choose_source(self, source: str) -> None:
        from ...services.organisation_cache import SOURCE_CHOICE_KEY

        self._remember(SOURCE_CHOICE_KEY, source)
        if self._read():
            self._refresh()
        self._show_source()

    # -- Sync now ---------------------------------------------------------------------------------
    @Slot()
    def sync(self) -> None:
        """The organisation's copy made anew on a worker thread; the page goes on showing the old."""
        from .sync import SyncJob

        if self.sync_job is not None:
            self.shell.refused("A sync is already running: wait for it, or cancel it.")
            return
        job = self.sync_job = SyncJob(self.service.database_path, self)
        job.succeeded.connect(self._synced)
        job.failed.connect(self._sync_failed)
        job.cancelled.connect(self._sync_cancelled)
        if self.page is not None:
            job.progressed.connect(self.page.source_bar.show_step)
            self.page.source_bar.show_syncing(True)
        job.start()

    @Slot()
    def cancel_sync(self) -> None:
        if self.sync_job is not None:
            self.sync_job.cancel()

    @Slot(object)
    def _synced(self, pulled) -> None:
        self._sync_done()
        self.shell.tell(pulled.summary, 10000)
        if self.source() == ORGANISATION and self._read():
            self._refresh()
        self._show_source()
        self.syncFinished.emit("succeeded")

    @Slot(str)
    def _sync_failed(self, message: str) -> None:
        self._sync_done()
        if self.page is not None:  # the map synced before stays as it was
            self.page.source_bar.show_error(message)
        self.syncFinished.emit("failed")

    @Slot()
    def _sync_cancelled(self) -> None:
        self._sync_done()
        self.shell.tell("Sync cancelled; the copy synced before is kept as it was.", 8000)
        self.syncFinished.emit("cancelled")

    def _sync_done(self) -> None:
        if self.sync_job is not None:
            self.sync_job.wait(QUIT_WAIT_S)  # it has said its last word: its thread is returning
        if self.page is not None:
            self.page.source_bar.show_syncing(False)
        if self.sync_job is not None:
            self.sync_job.deleteLater()
        self.sync_job = None

    def shutdown(self, until: float | None = None) -> None:
        """The window closes: the sync running cancelled, and waited for until ``until`` (a
        ``time.monotonic()`` value; :data:`QUIT_WAIT_S` from now if None) at the most: a network that
        hangs never holds the window open, and the copy synced before stays."""
        import time

        self.cancel_sync()
        until = time.monotonic() + QUIT_WAIT_S if until is None else until
        if self.sync_job is not None and not self.sync_job.wait(until - time.monotonic()):
            log.info("Closing while syncing: the copy synced before is kept")
        for window in list(self.copies):
            window.close()

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
        """A team's cell: that team's latest workshop, in the grid, and its history page; a team of
        the organisation's copy, in a window of its own on the copy."""
        self.shell.flush_note()
        if self.source() == ORGANISATION:
            self.open_copy(workshop_id)
            return
        self.shell.show_workshop(workshop_id)
        self._show_history()

    def open_copy(self, workshop_id: int):
        """A window on the organisation's copy, read-only, showing ``workshop_id`` and its team's
        history; the copy's own service is closed with it. Returns the window (None: said why)."""
        from ...services.organisation_cache import open_cache

        if self._new_window is None:
            return None
        try:
            copy = open_cache(self.service.database_path, self.service.model)
        except DomainError as error:
            self.shell.failed(str(error), saving=False)
            return None
        window = self._new_window(copy)
        window.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        window.destroyed.connect(lambda *_: self._copy_closed(window, copy))
        self.copies.append(window)
        window.show_workshop(workshop_id)
        window.history.show()
        window.resize(self.shell.dialog_parent().size())
        window.show()
        return window

    def _copy_closed(self, window, copy: WorkshopService) -> None:
        if window in self.copies:
            self.copies.remove(window)
        copy.close()

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
