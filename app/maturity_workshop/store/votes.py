"""The room's votes in the database: the rounds the window opens, reveals and cancels
(:class:`VoteRepository`, on the window's connection and thread), and the votes the phones cast
(:class:`VoteWriter`, the voting server's own connection, in its own thread).

A vote is kept before the phone is told it was received. The writer takes the votes submitted
within ``batch_seconds`` of the first one and writes them in one ``BEGIN IMMEDIATE`` … ``COMMIT``,
checking in that same transaction that each one's round is open, its workshop not closed, and the
round not full; only once the COMMIT has returned (``synchronous=FULL``: on the disk) is each
vote's Future resolved. A vote its check refuses fails its own Future, not its batch's others; a
disk that refuses the COMMIT fails the whole batch, and none of it is acknowledged. The window's
connection (WAL) reads without waiting, and a click's save waits at most for one batch (its busy
timeout is ``sqlite.BUSY_TIMEOUT_MS``).
"""

from __future__ import annotations

import logging
import queue
import sqlite3
import threading
import time
from concurrent.futures import Future, InvalidStateError
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

from ..domain.clock import Clock, utcnow
from ..domain.errors import DomainError, NotFoundError, ValidationError
from ..domain.limits import MAX_ROW_ID
from ..domain.voting import RoundOpenError, RoundRecord, RoundState, Vote, VoteRefusedError, VotingRound
from ..domain.voting import check_voter
from .engine import Database
from .repository import INSERT_COLUMNS, WorkshopRepository
from .rows import round_from_row, to_text, vote_from_row
from .sqlite import DatabaseError, connect, explain

# The columns each query names, checked against the tables by tests/store/test_schema_in_step.py:
# "v." is the vote, "r." its round.
ROUND_COLUMNS = ("id", "workshop_id", "practice_id", "state", "named", "phone_cap", "opened_at", "revealed_at")
VOTE_COLUMNS = ("r.workshop_id", "v.round_id", "v.voter", "v.level", "v.cast_at")
_ROUND_QUERY = f"SELECT {', '.join(ROUND_COLUMNS)} FROM vote_round"
_VOTE_QUERY = f"SELECT {', '.join(VOTE_COLUMNS)} FROM vote v JOIN vote_round r ON r.id = v.round_id"
_INSERT_ROUND = (
    f"INSERT INTO vote_round ({', '.join(INSERT_COLUMNS['vote_round'])}) "
    f"VALUES ({', '.join('?' * len(INSERT_COLUMNS['vote_round']))})"
)
_UPSERT_VOTE = (
    f"INSERT INTO vote ({', '.join(INSERT_COLUMNS['vote'])}) VALUES ({', '.join('?' * len(INSERT_COLUMNS['vote']))}) "
    "ON CONFLICT (round_id, voter) DO UPDATE SET level = excluded.level, cast_at = excluded.cast_at, "
    "updated_at = excluded.updated_at"
)
_ROUND_FACTS = (
    "SELECT r.state, r.named, r.phone_cap, w.closed, (SELECT COUNT(*) FROM vote WHERE round_id = r.id) "
    "FROM vote_round r JOIN workshop w ON w.id = r.workshop_id WHERE r.id = ?"
)
MAX_BATCH = 500  # votes in one transaction at most, so that a flood never holds the file for long

log = logging.getLogger(__name__)


def _is_row_id(value: object) -> bool:
    return isinstance(value, int) and not isinstance(value, bool) and -MAX_ROW_ID - 1 <= value <= MAX_ROW_ID


class VoteRepository:
    """The rounds of votes of one database, for the thread that opened it (the window's)."""

    def __init__(self, database: Database, clock: Clock = utcnow) -> None:
        self.db = database
        self.clock = clock
        self._workshops = WorkshopRepository(database, clock)

    # -- the facilitator's clicks ---------------------------------------------------------------
    def open_round(self, workshop_id: int, practice_id: str, named: bool, phone_cap: int) -> VotingRound:
        """A new open round on ``practice_id``; refused for a closed or unknown workshop, and while
        another round of the workshop is open."""
        with self.db.transaction() as sql:
            now = self._workshops._writable(sql, workshop_id)
            self._refuse_another_open(sql, workshop_id)
            cursor = sql.execute(
                _INSERT_ROUND, (workshop_id, practice_id, RoundState.OPEN.value, named, phone_cap, now, None, now, now)
            )
            return self._round(sql, cursor.lastrowid)

    def reveal_round(self, round_id: int) -> VotingRound:
        """The open round closed and its votes shown: it stands for its practice."""
        return self._close(round_id, RoundState.REVEALED)

    def cancel_round(self, round_id: int) -> VotingRound:
        """The open round closed without a reveal; its votes are kept."""
        return self._close(round_id, RoundState.CANCELLED)

    def reopen_round(self, round_id: int) -> VotingRound:
        """The round taking votes again. An open one (the app stopped mid-round) goes on as it was,
        unchanged; a cancelled one is opened again with its votes, unless another round is open; a
        revealed one is refused: its result stays as it was, and voting again is a new round."""
        with self.db.transaction() as sql:
            voting_round = self._round(sql, round_id)
            if voting_round.state is RoundState.REVEALED:
                raise ValidationError(
                    "This round's votes were revealed, so its result stays as it was. To vote on the "
                    "practice again, open a new round: the earlier one is kept."
                )
            now = self._workshops._writable(sql, voting_round.workshop_id)
            if voting_round.state is RoundState.OPEN:
                return voting_round
            self._refuse_another_open(sql, voting_round.workshop_id)
            sql.execute(
                "UPDATE vote_round SET state = ?, updated_at = ? WHERE id = ?", (RoundState.OPEN.value, now, round_id)
            )
            return self._round(sql, round_id)

    def _close(self, round_id: int, state: RoundState) -> VotingRound:
        with self.db.transaction() as sql:
            voting_round = self._round(sql, round_id)
            now = self._workshops._writable(sql, voting_round.workshop_id)
            if not voting_round.state.is_open:
                raise ValidationError(f"This round of votes is not open: it was {voting_round.state.value} already.")
            sql.execute(
                "UPDATE vote_round SET state = ?, revealed_at = ?, updated_at = ? WHERE id = ?",
                (state.value, now if state is RoundState.REVEALED else None, now, round_id),
            )
            return self._round(sql, round_id)

    @staticmethod
    def _refuse_another_open(sql: sqlite3.Connection, workshop_id: int) -> None:
        row = sql.execute(f"{_ROUND_QUERY} WHERE workshop_id = ? AND state = ?", (workshop_id, "open")).fetchone()
        if row is not None:
            open_round = round_from_row(row)
            raise RoundOpenError(
                f'A round of votes is open already, on "{open_round.practice_id}": reveal or cancel it '
                "before opening another.",
                open_round,
            )

    # -- reading --------------------------------------------------------------------------------
    @staticmethod
    def _round(sql: sqlite3.Connection, round_id: int) -> VotingRound:
        row = sql.execute(f"{_ROUND_QUERY} WHERE id = ?", (round_id,)).fetchone() if _is_row_id(round_id) else None
        if row is None:
            raise NotFoundError(f"There is no round of votes {round_id} (its workshop may have been deleted).")
        return round_from_row(row)

    def round(self, round_id: int) -> VotingRound:
        with self.db.snapshot() as sql:
            return self._round(sql, round_id)

    def open_round_of(self, workshop_id: int) -> VotingRound | None:
        """The workshop's open round (one left open when the app stopped, say), or None."""
        with self.db.snapshot() as sql:
            row = sql.execute(f"{_ROUND_QUERY} WHERE workshop_id = ? AND state = ?", (workshop_id, "open")).fetchone()
        return round_from_row(row) if row else None

    def rounds_of(self, workshop_id: int) -> list[VotingRound]:
        """The workshop's rounds, the first opened first."""
        with self.db.snapshot() as sql:
            rows = sql.execute(f"{_ROUND_QUERY} WHERE workshop_id = ? ORDER BY opened_at, id", (workshop_id,)).fetchall()
        return [round_from_row(row) for row in rows]

    def votes_of(self, round_id: int) -> list[Vote]:
        """The round's votes, the earliest cast first (a changed vote counts from its change)."""
        with self.db.snapshot() as sql:
            rows = sql.execute(f"{_VOTE_QUERY} WHERE v.round_id = ? ORDER BY v.cast_at, v.id", (round_id,)).fetchall()
        return [vote_from_row(row) for row in rows]

    def levels_of(self, round_id: int) -> list[int]:
        """The levels of the round's votes, the earliest cast first."""
        return [vote.level for vote in self.votes_of(round_id)]

    def records_of(self, workshop_id: int) -> list[RoundRecord]:
        """The workshop's rounds, the first opened first, each with its votes: two statements."""
        with self.db.snapshot() as sql:
            rounds = sql.execute(f"{_ROUND_QUERY} WHERE workshop_id = ? ORDER BY opened_at, id", (workshop_id,))
            rounds = [round_from_row(row) for row in rounds.fetchall()]
            rows = sql.execute(f"{_VOTE_QUERY} WHERE r.workshop_id = ? ORDER BY v.cast_at, v.id", (workshop_id,))
            votes = [vote_from_row(row) for row in rows.fetchall()]
        return [RoundRecord(r, tuple(v for v in votes if v.round_id == r.id)) for r in rounds]


# -- the voting server's writer ----------------------------------------------------------------
@dataclass
class _Submitted:
    round_id: int
    voter: str
    level: int
    cast_at: datetime
    future: Future


@dataclass
class _RoundFacts:
    """What a batch's checks need of a round, read once per batch (nobody else writes meanwhile)."""

    refusal: str | None  # why the round takes no votes, or None
    named: bool = False
    phone_cap: int = 0
    voters: int = 0


@dataclass
class WriterStats:
    batches: int = 0  # transactions committed
    votes: int = 0  # votes they held
    largest: int = 0  # votes in the largest
    sizes: list[int] = field(default_factory=list)  # each batch's size, the first 10,000


_STOP = object()
_NOT_SAVED = "The vote was not saved"
_STOPPED = f"{_NOT_SAVED}: the voting has stopped. Nothing was changed."


def _settle(future: Future, result: Vote | None = None, error: BaseException | None = None) -> None:
    """Resolve ``future`` once; a second answer (``close`` gave up on it meanwhile) is ignored."""
    try:
        if error is not None:
            future.set_exception(error)
        else:
            future.set_result(result)
    except InvalidStateError:
        pass


class VoteWriter:
    """The voting server's writer: its own connection to ``path``, in its own thread (see the
    module's text). :meth:`submit` may be called from any thread."""

    def __init__(self, path: Path, *, batch_seconds: float = 0.03, clock: Clock = utcnow) -> None:
        self.path = Path(path)
        self.batch_seconds = batch_seconds
        self.clock = clock
        self.stats = WriterStats()
        self._queue: queue.SimpleQueue = queue.SimpleQueue()
        self._lock = threading.Lock()
        self._pending: set[Future] = set()
        self._closed = False
        self._thread: threading.Thread | None = None

    def start(self) -> None:
        """Start the thread and open its connection; a :class:`DatabaseError` when it cannot."""
        if self._thread is not None:
            raise RuntimeError("A VoteWriter is started once.")
        opened: Future = Future()
        self._thread = threading.Thread(target=self._run, args=(opened,), name="vote-writer", daemon=True)
        self._thread.start()
        try:
            opened.result()  # the connection's busy timeout bounds the wait
        except BaseException:
            self.close()
            raise

    def submit(self, round_id: int, voter: str, level: int) -> Future[Vote]:
        """Queue a vote; its Future gives the :class:`Vote` once it is committed, or the reason it
        was not kept: :class:`VoteRefusedError` (the round does not take it), :class:`DatabaseError`."""
        future: Future = Future()
        future.set_running_or_notify_cancel()  # a vote on its way cannot be cancelled: it may be saved
        with self._lock:
            if self._closed:
                _settle(future, error=DatabaseError(_STOPPED))
                return future
            self._pending.add(future)
            self._queue.put(_Submitted(round_id, voter, level, self.clock(), future))
        return future

    def close(self, timeout: float = 2.0) -> None:
        """Commit what is queued, resolve every Future, stop the thread."""
        with self._lock:
            self._closed = True
            self._queue.put(_STOP)
        if self._thread is not None:
            self._thread.join(timeout)
        with self._lock:
            left, self._pending = self._pending, set()
        if left:
            log.warning("The vote writer stopped with %d votes unanswered; they were not acknowledged.", len(left))
        for future in left:  # never acknowledged: the phone tries again; kept if committed after all
            _settle(future, error=DatabaseError(_STOPPED))

    # -- the thread -----------------------------------------------------------------------------
    def _run(self, opened: Future) -> None:
        try:
            connection = connect(self.path)
        except sqlite3.Error as error:
            opened.set_exception(explain(error, f"The votes cannot be saved in {self.path}"))
            return
        opened.set_result(None)
        try:
            stopping = False
            while not stopping:
                batch, stopping = self._next_batch()
                if batch:
                    self._write(connection, batch)
        finally:
            connection.close()

    def _next_batch(self) -> tuple[list[_Submitted], bool]:
        """The next vote and those that follow it within ``batch_seconds``; and whether to stop."""
        first = self._queue.get()
        if first is _STOP:
            return [], True
        batch = [first]
        deadline = time.monotonic() + self.batch_seconds
        while len(batch) < MAX_BATCH:
            try:
                item = self._queue.get(timeout=max(0.0, deadline - time.monotonic()))
            except queue.Empty:
                break
            if item is _STOP:
                return batch, True
            batch.append(item)
        return batch, False

    def _write(self, connection: sqlite3.Connection, batch: list[_Submitted]) -> None:
        outcomes: list[Vote | DomainError] = []
        try:
            connection.execute("BEGIN IMMEDIATE")
            try:
                now = to_text(self.clock())
                rounds: dict[object, _RoundFacts] = {}
                outcomes = [self._write_one(connection, rounds, item, now) for item in batch]
                connection.execute("COMMIT")
            except BaseException:
                if connection.in_transaction:
                    connection.execute("ROLLBACK")
                raise
        except Exception as error:  # the disk refused: nothing of the batch is kept, nor acknowledged
            failure = (
                explain(error, _NOT_SAVED) if isinstance(error, sqlite3.Error) else DatabaseError(f"{_NOT_SAVED}: {error}")
            )
            log.warning("A batch of %d votes was not saved: %s", len(batch), error)
            outcomes = [o if isinstance(o, VoteRefusedError) else failure for o in outcomes]
            outcomes += [failure] * (len(batch) - len(outcomes))
        else:
            kept = sum(isinstance(o, Vote) for o in outcomes)
            self.stats.batches += 1
            self.stats.votes += kept
            self.stats.largest = max(self.stats.largest, kept)
            if len(self.stats.sizes) < 10_000:
                self.stats.sizes.append(kept)
        with self._lock:
            self._pending.difference_update(item.future for item in batch)
        for item, outcome in zip(batch, outcomes):
            _settle(item.future, **({"error": outcome} if isinstance(outcome, Exception) else {"result": outcome}))

    def _write_one(
        self, sql: sqlite3.Connection, rounds: dict[object, _RoundFacts], item: _Submitted, now: str
    ) -> Vote | DomainError:
        facts = rounds.get(item.round_id)
        if facts is None:
            facts = rounds[item.round_id] = self._facts(sql, item.round_id)
        try:
            if facts.refusal is not None:
                raise VoteRefusedError(facts.refusal)
            voter = check_voter(item.voter, facts.named)
            if not _is_row_id(item.level):
                raise VoteRefusedError("A vote's level is a whole number; this one was not.")
            known = sql.execute("SELECT 1 FROM vote WHERE round_id = ? AND voter = ?", (item.round_id, voter)).fetchone()
            if known is None and facts.voters >= facts.phone_cap:
                raise VoteRefusedError(
                    f"This round lets in {facts.phone_cap} phones, and {facts.voters} have voted already."
                )
            sql.execute(_UPSERT_VOTE, (item.round_id, voter, item.level, to_text(item.cast_at), now))
        except VoteRefusedError as refusal:
            return refusal
        except ValidationError as refusal:
            return VoteRefusedError(str(refusal))
        except sqlite3.IntegrityError as error:  # its statement alone is undone; the batch goes on
            return explain(error, _NOT_SAVED)
        facts.voters += known is None
        return Vote(item.round_id, voter, item.level, item.cast_at)

    @staticmethod
    def _facts(sql: sqlite3.Connection, round_id: object) -> _RoundFacts:
        row = sql.execute(_ROUND_FACTS, (round_id,)).fetchone() if _is_row_id(round_id) else None
        if row is None:
            return _RoundFacts("There is no such round of votes: it may have been deleted.")
        state, named, phone_cap, closed, voters = row
        if closed:
            return _RoundFacts("This workshop is closed, so its rounds take no more votes.")
        if state != RoundState.OPEN.value:
            said = {"revealed": "the votes were revealed", "cancelled": "the round was cancelled"}
            return _RoundFacts(f"This round takes no more votes: {said.get(state, f'it is {state}')}.")
        return _RoundFacts(None, bool(named), phone_cap if _is_row_id(phone_cap) else 0, voters)
