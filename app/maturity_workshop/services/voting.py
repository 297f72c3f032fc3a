"""The room's votes, for the window: open a round on a practice, reveal it, cancel it, take up a
round the app left open; the rounds of a workshop with their tallies, and the round that stands for
each practice (the last one revealed; the earlier ones are kept).

The votes themselves are written by the voting server through its own
:class:`~..store.votes.VoteWriter`, never through this service; this one reads them.
"""

from __future__ import annotations

from ..domain.clock import Clock, utcnow
from ..domain.errors import ValidationError
from ..domain.model import MaturityModel
from ..domain.voting import DEFAULT_PHONE_CAP, RoundOpenError, RoundRecord, Tally, VotingRound, check_cap
from ..domain.voting import standing_records
from ..store.votes import VoteRepository, VoteWriter
from .workshops import WorkshopService


class VotingService:
    """The rounds of votes of the workshops ``workshops`` opened (on its database, its thread)."""

    def __init__(self, workshops: WorkshopService, clock: Clock = utcnow) -> None:
        self.workshops = workshops
        self.clock = clock

    @property
    def model(self) -> MaturityModel:
        return self.workshops.model

    @property
    def repo(self) -> VoteRepository:
        # Made afresh: restoring a backup gives the workshops' service another database.
        return VoteRepository(self.workshops.database, self.clock)

    @property
    def read_only_reason(self) -> str:
        return self.workshops.read_only_reason

    def vote_writer(self) -> VoteWriter:
        """The voting server's sink: a writer of the phones' votes on the workshops' own file, with
        its own connection and thread (``start`` it, ``close`` it when voting ends)."""
        return VoteWriter(self.workshops.database_path)

    def _changing(self) -> VoteRepository:
        self.workshops.check_writable()
        return self.repo

    def _changed(self) -> None:
        self.workshops.backups.record_edit()

    # -- the facilitator's clicks ---------------------------------------------------------------
    def open_round(
        self, workshop_id: int, practice_id: str, *, named: bool = False, phone_cap: int = DEFAULT_PHONE_CAP
    ) -> VotingRound:
        """A new round on the practice. A practice voted before may be voted again: the earlier
        rounds are kept, and the last one revealed stands. Refused while another round is open."""
        repo = self._changing()
        if not self.model.has_practice(practice_id):
            raise ValidationError(f'The model has no practice "{practice_id}".')
        try:
            opened = repo.open_round(workshop_id, practice_id, bool(named), check_cap(phone_cap))
        except RoundOpenError as error:
            raise RoundOpenError(
                f'The room is still voting on "{self._practice_name(error.open_round.practice_id)}": reveal '
                "or cancel that round before opening another.",
                error.open_round,
            ) from None
        self._changed()
        return opened

    def reveal(self, round_id: int) -> RoundRecord:
        """Close the round and show its votes; it now stands for its practice."""
        revealed = self._changing().reveal_round(round_id)
        self._changed()
        return RoundRecord(revealed, tuple(self.repo.votes_of(round_id)))

    def cancel(self, round_id: int) -> VotingRound:
        """Close the round without a reveal (its votes are kept, and count for nothing)."""
        cancelled = self._changing().cancel_round(round_id)
        self._changed()
        return cancelled

    def reopen(self, round_id: int) -> VotingRound:
        """Take votes in the round again: one left open goes on as it was; a cancelled one opens
        again with its votes; a revealed one is refused (vote again: a new round)."""
        reopened = self._changing().reopen_round(round_id)
        self._changed()
        return reopened

    # -- reading --------------------------------------------------------------------------------
    def open_round_of(self, workshop_id: int) -> VotingRound | None:
        """The round of the workshop that is open: one the app left open when it stopped, to go on."""
        return self.repo.open_round_of(workshop_id)

    def rounds_of(self, workshop_id: int) -> list[RoundRecord]:
        """The workshop's rounds, the first opened first, each with its votes."""
        return self.repo.records_of(workshop_id)

    def tally(self, record: RoundRecord) -> Tally:
        return record.tally(self.model)

    def standing(self, workshop_id: int) -> dict[str, RoundRecord]:
        """The round that stands for each practice voted on: the last one revealed."""
        return standing_records(self.rounds_of(workshop_id))

    def _practice_name(self, practice_id: str) -> str:
        return self.model.practice(practice_id).name if self.model.has_practice(practice_id) else practice_id
