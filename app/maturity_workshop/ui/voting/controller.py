"""Voting from phones, for the window: Workshop ▸ Start voting…, a round on the focused practice
(V) or one on every practice in turn, the reveal (R), the median taken as the level (M), Cancel
round and Stop voting. It reaches the window through the :class:`~..shell.Shell`, asks through the
:class:`~..prompts.Prompts`, and hears the server through queued signals, so the window never waits
for a phone.

The server starts with the session and serves its rounds one after another on one address; it
stops on Stop voting, when another workshop opens and when the window closes, and starts again on
the same address when it stops by itself."""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Qt, QTimer, Signal, Slot
from PySide6.QtGui import QFontInfo

from ...domain.errors import DomainError
from ...domain.voting import Tally, VotingRound
from ...services.workshops import WorkshopService
from ..board.sizing import LABEL_PX, BoardSizes
from ..editing.editor import WorkshopEditor
from ..grid.view import GridView
from ..prompts import Prompts
from ..shell import Shell
from .room import NO_PHONE_HINT, RoomView, VotingSetup, wifi_payload
from .session import VotingBridge, VotingSession

if TYPE_CHECKING:  # drawn only once voting starts: nothing of it at launch
    from .marks import RoomDisplay
    from .panel import VotingPanel

log = logging.getLogger(__name__)

NO_PHONE_AFTER_MS = 60_000  # the QR code up this long and no phone came: the console says why that may be
RESTARTS = 3  # times the server is started again after it stopped by itself


class VotingController(QObject):
    roomChanged = Signal(object)  # the RoomView the board shows (None: voting is off)

    def __init__(
        self, service: WorkshopService, editor: WorkshopEditor, shell: Shell, prompts: Prompts, grid: GridView,
        board, place: Callable[[VotingPanel], None], parent: QObject | None = None,
    ) -> None:  # fmt: skip
        """``place`` puts the console's voting panel in the window, when voting first starts. The
        window makes the controller on the first voting command: nothing of voting at launch."""
        super().__init__(parent)
        self.service, self.editor, self.shell, self.prompts, self.grid = service, editor, shell, prompts, grid
        self.board = board  # the BoardController: the focus on one practice, and the board once made
        self.bridge = VotingBridge(self)
        self.bridge.event.connect(self._on_event, Qt.ConnectionType.QueuedConnection)
        self._place = place
        self.console_panel: VotingPanel | None = None  # made when voting first starts: nothing at launch
        self._displays: list[RoomDisplay] = []
        board.boardMade.connect(self._attach_board)
        self.hint_timer = QTimer(self)  # injectable: a test fires it rather than wait a minute
        self.hint_timer.setSingleShot(True)
        self.hint_timer.setInterval(NO_PHONE_AFTER_MS)
        self.hint_timer.timeout.connect(self._no_phone_yet)
        self.session: VotingSession | None = None
        self.round: VotingRound | None = None  # the open round
        self.revealed: tuple[str, Tally] | None = None  # the practice last revealed, and its tally
        self.sequence: list[str] = []  # Vote on all practices: those still to vote on, in order
        self.opened_in = 0.0  # seconds the last round took to open (the database, then the server)
        self._phones = self._voted = self._restarts = 0
        self._phone_came = False
        self._hint = ""
        self._qr: tuple = ()
        self._hotspot_qr: tuple | None = None
        self._address = self._room_code = ""
        grid.model().modelReset.connect(self._workshop_shown)

    # -- the session ----------------------------------------------------------------------------
    @property
    def active(self) -> bool:
        return self.session is not None

    @Slot()
    def start(self) -> None:
        """Workshop ▸ Start voting…: the dialog, then the server on the interface chosen."""
        if self.session is not None:
            self.shell.refused(f"Voting is on already, at {self._address} (room code {self._room_code}).")
            return
        workshop = self._changeable_workshop()
        if workshop is None:
            return
        from ...voting.network import default_interface, interfaces
        from .dialog import StartVotingDialog

        choices = interfaces()
        dialog = StartVotingDialog(choices, default_interface(choices), workshop.participant_count,
                                   self.shell.dialog_parent())  # fmt: skip
        try:
            if not self.prompts.run(dialog):
                return
            setup = dialog.setup()
        finally:
            dialog.deleteLater()
        self.begin(workshop.id, setup)

    def begin(self, workshop_id: int, setup: VotingSetup) -> bool:
        """Voting on with ``setup`` (the dialog's choices): the server listening, its QR code up,
        and a round left open when the app stopped taken up again."""
        from ...services.voting import VotingService  # the votes' code loads when voting starts
        from ...voting.qr import qr_matrix

        session = VotingSession(VotingService(self.service), workshop_id, setup, self.bridge)
        try:
            session.start()
        except DomainError as error:
            self._warn(f"Voting could not start: {error}")
            return False
        self._make_displays()
        self.session, self._restarts, self._phones, self._voted = session, 0, 0, 0
        self._phone_came, self._hint, self.round, self.revealed, self.sequence = False, "", None, None, []
        self._address, self._room_code, self._qr = session.address, session.room_code, qr_matrix(session.url)
        self._hotspot_qr = qr_matrix(wifi_payload(setup.hotspot_name, setup.hotspot_password)) if setup.has_hotspot else None
        self.hint_timer.start()
        try:
            left = session.votes.open_round_of(workshop_id)
            if left is not None:  # the app stopped mid-round: the round goes on, with its votes
                record = next(r for r in session.votes.rounds_of(workshop_id) if r.round.id == left.id)
                self._serve(left, voted=len(record.votes), saved={v.voter: v.level for v in record.votes})
        except DomainError as error:
            self._warn(str(error))
        self.shell.tell(f"Voting is on at {self._address}, room code {self._room_code}. V opens a round on the "
                        "focused practice.", 10000)  # fmt: skip
        self._show()
        return True

    @Slot()
    def stop(self, quietly: bool = False) -> None:
        """Stop voting: the server stops and its phones are let go (a round open stays open, to be
        taken up by the next Start voting, or cancelled)."""
        session = self.session
        if session is None:
            if not quietly:
                self.shell.refused("Voting is not on.")
            return
        self.session = None
        self.hint_timer.stop()
        session.stop()
        left = self.round
        self.round, self.revealed, self.sequence, self._hotspot_qr = None, None, [], None
        self._show()
        if not quietly:
            tail = f" The round on {self._name(left.practice_id)} stays open: Start voting takes it up." if left else ""
            self.shell.tell(f"Voting stopped.{tail}", 10000)

    def shutdown(self) -> None:
        """The window closes: the server stopped, waited for briefly."""
        self.stop(quietly=True)

    # -- rounds ---------------------------------------------------------------------------------
    @Slot()
    def open_round(self, practice_id: str | None = None) -> None:
        """V: a round on the focused practice (voting on all practices: on the next one)."""
        workshop = self._session_workshop()
        if workshop is None:
            return
        if self.round is not None:
            self.shell.refused(f"The room is still voting on {self._name(self.round.practice_id)}: "
                               "reveal (R) or cancel that round first.")  # fmt: skip
            return
        practice_id = practice_id or (self.sequence[0] if self.sequence else self._focused_practice())
        if practice_id is None:
            self.shell.refused("Click a cell of the practice to vote on first.")
            return
        began = time.perf_counter()
        try:
            opened = self.session.votes.open_round(workshop.id, practice_id, named=self.session.setup.named,
                                                   phone_cap=self.session.setup.phone_cap)  # fmt: skip
        except DomainError as error:
            self._warn(str(error))
            return
        self.revealed = None
        self._serve(opened, voted=0)
        self.opened_in = time.perf_counter() - began
        log.info("Round %d opened in %.1f ms", opened.id, self.opened_in * 1000)
        self._focus_on(practice_id)
        self._show()

    def _serve(self, voting_round: VotingRound, voted: int, saved: dict[str, int] | None = None) -> None:
        self.round, self._voted = voting_round, voted
        try:
            self.session.server.open_round(voting_round, saved)
        except DomainError as error:  # the server is down: it starts again and takes the round up
            log.warning("The round could not reach the server: %s", error)

    @Slot()
    def vote_all(self) -> None:
        """One round on each practice in turn: the next opens (V) once one is revealed."""
        if self.session is None:
            self.start()
            if self.session is None:
                return
        self.sequence = [practice.id for practice in self.service.model.practices]
        if self.round is not None:
            self.sequence = self.sequence[self.sequence.index(self.round.practice_id):]
            self._show()
            return
        self.open_round()

    @Slot()
    def reveal(self) -> None:
        """R: the round's votes on the board: how many chose each level, the median, the spread."""
        if self.round is None:
            self.shell.refused("No round is open: V opens one on the focused practice.")
            return
        voting_round = self.round
        try:
            record = self.session.votes.reveal(voting_round.id)
        except DomainError as error:
            self._warn(str(error))
            return
        tally = self.session.votes.tally(record)
        self.round, self.revealed = None, (voting_round.practice_id, tally)
        if self.session.running:
            self.session.server.reveal(tally)
        if self.sequence and self.sequence[0] == voting_round.practice_id:
            self.sequence.pop(0)
        after = f" V opens the vote on {self._name(self.sequence[0])}." if self.sequence else " M takes the median."
        self.shell.tell(f"Revealed, {self._name(voting_round.practice_id)}: {tally.words}.{after}", 15000)
        self._show()

    @Slot()
    def take_median(self) -> None:
        """M: the revealed round's median becomes the practice's current level (undoable, saved first)."""
        if self.revealed is None or self.revealed[1].median is None:
            self.shell.refused("No revealed round with votes: reveal a round (R) first.")
            return
        practice_id, tally = self.revealed
        self.editor.set_current(practice_id, tally.median)

    @Slot()
    def cancel(self) -> None:
        """Cancel round: closed without a reveal (its votes are kept, and count for nothing)."""
        if self.round is None:
            self.shell.refused("No round is open.")
            return
        try:
            self.session.votes.cancel(self.round.id)
        except DomainError as error:
            self._warn(str(error))
            return
        name = self._name(self.round.practice_id)
        self.round, self.sequence = None, []
        if self.session.running:
            self.session.server.close_round()
        self.shell.tell(f"The round on {name} is cancelled: its votes count for nothing.", 10000)
        self._show()

    # -- what the server says -------------------------------------------------------------------
    @Slot(object)
    def _on_event(self, event: object) -> None:
        from ...voting import events as ev

        if self.session is None:
            return  # from a session that has ended
        if isinstance(event, ev.PhonesChanged):
            self._phones = event.connected
            if event.connected and not self._phone_came:
                self._phone_came, self._hint = True, ""
                self.hint_timer.stop()
            self._show()
        elif isinstance(event, ev.VotesCounted):
            if self.round is not None and event.round_id == self.round.id:
                self._voted = max(self._voted, event.count)  # a round taken up counts its earlier votes
                self._show()
                participants = self._participants()
                if self.session.setup.reveal_when_all_voted and participants and self._voted >= participants:
                    self.reveal()
        elif isinstance(event, ev.ServerStopped) and event.error is not None:
            self._server_failed(event.error)
        elif isinstance(event, (ev.RequestsRefused, ev.MessagesDropped)):
            log.info("Voting: %d %s (the latest: %s)", event.total, type(event).__name__, event.reason)

    def _server_failed(self, error: str) -> None:
        if self._restarts >= RESTARTS:
            self._warn(f"{error}. It stopped {RESTARTS} times and is not started again: the votes saved so far "
                       "are kept. Start voting starts it afresh.")  # fmt: skip
            self.stop(quietly=True)
            return
        self._restarts += 1
        try:
            self.session.restart()
            if self.round is not None:
                self.session.server.open_round(self.round)
        except DomainError as again:
            self._warn(f"{error}. It could not start again: {again}. The votes saved so far are kept.")
            self.stop(quietly=True)
            return
        self.shell.tell(f"{error}. It started again on the same address: the phones reconnect by themselves.", 10000)

    def _no_phone_yet(self) -> None:
        if self.session is not None and not self._phone_came:
            self._hint = NO_PHONE_HINT.format(address=self._address, port=self.session.port)
            self.shell.tell(self._hint, 60000)
            self._show()

    @property
    def hint(self) -> str:
        return self._hint

    # -- what the room sees ---------------------------------------------------------------------
    def room(self) -> RoomView | None:
        if self.session is None:
            return None
        practice_id = self.round.practice_id if self.round else self.revealed[0] if self.revealed else None
        tally = self.revealed[1] if self.revealed and self.round is None else None
        median = tally.median if tally is not None else None
        setup = self.session.setup
        return RoomView(
            self._qr, self._address, self._room_code, self._participants(), practice_id,
            self._name(practice_id) if practice_id else "", self._voted, self._phones,
            self.round.named if self.round else setup.named, tally,
            self.service.model.level(median).label if median is not None else "",
            setup.hotspot_name, self._hotspot_qr, self._hint,
        )  # fmt: skip

    def _show(self) -> None:
        view = self.room()
        for display in self._displays:
            display.show(view)
        self.roomChanged.emit(view)

    def _make_displays(self) -> None:
        """The console's panel and tallies, and the board's if it is made, when voting first starts."""
        if self.console_panel is not None:
            return
        from .marks import RoomDisplay
        from .panel import VotingPanel

        panel = self.console_panel = VotingPanel(console=True)
        font = QFontInfo(panel.font())  # the console's panel is sized from its font, as the board from its screen
        panel.apply_sizes(BoardSizes(font.pixelSize() / LABEL_PX * 1.1, panel.logicalDpiY()))
        self._place(panel)
        self._displays.append(RoomDisplay(panel, self.grid))
        if self.board.made:
            self._attach_board(self.board.presenter().board)

    def _attach_board(self, board) -> None:
        if self.console_panel is None:
            return  # voting never started: the board gets its panel when it does
        from .marks import on_board

        display = on_board(board)
        self._displays.append(display)
        display.show(self.room())

    # -- helpers --------------------------------------------------------------------------------
    def _changeable_workshop(self):
        """The open workshop, if the room can vote on it; else the status bar says why not."""
        state = self.editor.state
        say = self.shell.refused
        if state is None:
            say("Start or open a workshop first: the room votes on one of its practices.")
        elif self.service.read_only:
            say(f"The room cannot vote on this workshop: {self.service.read_only_reason}")
        elif state.workshop.closed:
            say("This workshop is closed: reopen it (Workshop ▸ Reopen workshop) to vote on it.")
        else:
            return state.workshop
        return None

    def _session_workshop(self):
        if self.session is None:
            self.shell.refused("Start voting first (Workshop ▸ Start voting…).")
            return None
        return self._changeable_workshop()

    def _workshop_shown(self) -> None:
        if self.session is not None and self.editor.workshop_id != self.session.workshop_id:
            self.stop(quietly=True)
            self.shell.tell("Voting stopped: another workshop is open.", 10000)

    def _participants(self) -> int:
        state = self.editor.state
        return state.workshop.participant_count if state is not None else 0

    def _focused_practice(self) -> str | None:
        index = self.grid.currentIndex()
        return self.grid.model().cell_at(index).practice_id if index.isValid() else None

    def _focus_on(self, practice_id: str) -> None:
        """The grid (and the board) focused on the practice voted on."""
        model = self.grid.model()
        column = model.column_of(practice_id)
        index = self.grid.currentIndex()
        if not index.isValid() or index.column() != column:
            current = model.rating(practice_id).current
            self.grid.setCurrentIndex(model.index(model.row_of(current) if current is not None else model.rowCount() - 1, column))
        self.board.focus_on(column)

    def _name(self, practice_id: str) -> str:
        model = self.service.model
        return model.practice(practice_id).name if model.has_practice(practice_id) else practice_id

    def _warn(self, message: str) -> None:
        log.warning("Shown to the user: %s", message)
        self.prompts.warn(self.shell.dialog_parent(), message)
