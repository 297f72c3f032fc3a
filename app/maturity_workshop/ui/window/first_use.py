"""The window's controllers that nothing on screen at launch needs, each made on its first use: the
workshop commands (start, open, export, rename, close, delete), the team's history (Ctrl+H),
voting from phones and the organisation page (Ctrl+G). Until then the window holds none of them,
and loads none of their code; their commands make them, then act."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from ..history.controller import HistoryController
    from ..organisation.controller import OrganisationController
    from ..voting.controller import VotingController
    from ..workshops.controller import WorkshopController
    from .main_window import MainWindow

# (the window's command, the controller, its gesture)
COMMANDS = (
    ("new_workshop", "workshops", "new_workshop"), ("open_workshops", "workshops", "open_workshops"),
    ("export_plan", "workshops", "export_plan"), ("export_history", "workshops", "export_history"),
    ("rename_workshop", "workshops", "rename_workshop"), ("close_workshop", "workshops", "toggle_closed"),
    ("delete_workshop", "workshops", "delete_workshop"),
    ("team_history", "history", "toggle"), ("compare_workshops", "history", "compare"),
    ("organisation", "organisation", "toggle"),
    ("start_voting", "voting", "start"), ("open_round", "voting", "open_round"), ("vote_all", "voting", "vote_all"),
    ("reveal_votes", "voting", "reveal"), ("take_median", "voting", "take_median"),
    ("cancel_round", "voting", "cancel"), ("stop_voting", "voting", "stop"),
)  # fmt: skip


class FirstUse:
    """Mixed into :class:`~.main_window.MainWindow`: its controllers made when first asked for."""

    _workshops: WorkshopController | None = None
    _history: HistoryController | None = None
    _voting: VotingController | None = None
    _organisation: OrganisationController | None = None

    def wire_first_use(self: MainWindow) -> None:
        """The commands of what is made on first use, and the welcome page's buttons."""
        for command, controller, gesture in COMMANDS:
            self._on_first_use(getattr(self.commands, command).triggered, controller, gesture)
        self._on_first_use(self.start_button.clicked, "workshops", "new_workshop")
        self._on_first_use(self.open_button.clicked, "workshops", "open_workshops")

    def _on_first_use(self, signal, controller: str, gesture: str) -> None:
        signal.connect(lambda *_: getattr(getattr(self, controller), gesture)())

    @property
    def workshops(self: MainWindow) -> WorkshopController:
        if self._workshops is None:
            from ..workshops.controller import WorkshopController

            self._workshops = WorkshopController(self.service, self.editor, self, self.prompts, self)
        return self._workshops

    @property
    def history(self: MainWindow) -> HistoryController:
        if self._history is None:
            from ..history.controller import HistoryController

            self._history = HistoryController(
                self.service, self, self.prompts, lambda: self.editor.state.workshop if self.editor.state else None, self
            )
        return self._history

    @property
    def voting(self: MainWindow) -> VotingController:
        if self._voting is None:
            from ..voting.controller import VotingController

            self._voting = VotingController(
                self.service, self.editor, self, self.prompts, self.grid, self.board,
                lambda panel: self._body.insertWidget(1, panel), self,
            )  # fmt: skip
        return self._voting

    @property
    def organisation(self: MainWindow) -> OrganisationController:
        if self._organisation is None:
            from ..organisation.controller import OrganisationController

            self._organisation = OrganisationController(
                self.service, self, lambda: self.history.show(), None, self, board=self.board,
                new_window=lambda copy: type(self)(copy, self.prompts),  # a window like this one
            )
        return self._organisation

    def shut_down_first_use(self, until: float | None = None) -> None:
        """The window closes: what was made stops (an export, a sync, the voting server); what was
        not needs nothing. A sync is waited for until ``until`` at the most (``time.monotonic()``)."""
        if self._workshops is not None:
            self._workshops.stop_export()
        if self._organisation is not None:
            self._organisation.shutdown(until)
        if self._voting is not None:
            self._voting.shutdown()
