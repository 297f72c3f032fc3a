"""From the rows the repository reads to domain objects: the one rule for what a row must hold, so
that the window, ``list`` and ``export`` agree on which workshop cannot be read, and why.

A value that cannot be read (a date that is not a date, a status the app does not know, a column of
the wrong type: another program wrote it, or the file was edited by hand) raises
:class:`DamagedRowError` naming the workshop and the value; nothing is changed in the database.
Times are stored as UTC text, ``YYYY-MM-DD HH:MM:SS.ffffff``, the format SQLAlchemy's DateTime
stores in SQLite.
"""

from __future__ import annotations

import enum
from collections.abc import Callable, Iterable
from datetime import UTC, date, datetime
from typing import TYPE_CHECKING, Any, NoReturn, TypeVar

from ..domain.actions import Action, ActionPriority, ActionStatus
from ..domain.errors import DamagedRowError
from ..domain.limits import MAX_ROW_ID
from ..domain.timebox import PracticeTime
from ..domain.workshop import Rating, Workshop, WorkshopListing, WorkshopState

if TYPE_CHECKING:  # the votes' rows are read with a round or a history, not at launch
    from ..domain.voting import RoundRecord, Vote, VotingRound

TIME_FORMAT = "%Y-%m-%d %H:%M:%S.%f"  # what SQLAlchemy's DateTime stores in SQLite
_SHOWN_LENGTH = 40  # a bad value is quoted in the message up to this many characters
T = TypeVar("T")


def to_text(moment: datetime) -> str:
    return moment.astimezone(UTC).strftime(TIME_FORMAT)


def to_time(text: str) -> datetime:
    return datetime.fromisoformat(text).replace(tzinfo=UTC)


def _shown(value: object) -> str:
    if isinstance(value, bytes):
        return f"({len(value)} bytes of binary data)"
    text = str(value)
    return f"'{text[:_SHOWN_LENGTH]}…'" if len(text) > _SHOWN_LENGTH else f"'{text}'"


class _Row:
    """The values of one row of workshop ``workshop_id``, each read or refused by name (``whose``
    says whose values they are: "its" for the workshop's own, "its action 4's" for an action's)."""

    def __init__(self, workshop_id: int, whose: str = "its") -> None:
        self.workshop_id = workshop_id
        self.whose = whose

    def fail(self, what: str, value: object, why: str = "cannot be read") -> NoReturn:
        if value is None:
            raise DamagedRowError(self.workshop_id, f"{self.whose} {what} is missing")
        raise DamagedRowError(self.workshop_id, f"{self.whose} {what} {_shown(value)} {why}")

    def text(self, what: str, value: Any, optional: bool = False) -> Any:
        if isinstance(value, str) or (optional and value is None):
            return value
        self.fail(what, value, "is not text")

    def number(self, what: str, value: Any, optional: bool = False) -> Any:
        if (isinstance(value, int) and -MAX_ROW_ID - 1 <= value <= MAX_ROW_ID) or (optional and value is None):
            return value
        self.fail(what, value, "is not a whole number")

    def parsed(self, what: str, value: Any, parse: Callable[[Any], T], optional: bool = False) -> T | None:
        if optional and value is None:
            return None
        try:
            return parse(value)
        except (TypeError, ValueError):
            self.fail(what, value)

    def choice(self, what: str, value: Any, choices: type[enum.StrEnum]) -> Any:
        try:
            return choices(value)
        except ValueError:
            known = ", ".join(choice.value for choice in choices)
            self.fail(what, value, f"is not one the app knows ({known})")


def workshop_from_row(row: tuple) -> Workshop:
    """A row of ``repository.WORKSHOP_COLUMNS``."""
    (id_, team_id, team_name, title, held_on, facilitator, participants, model_id, model_version, closed,
     created_at, updated_at, uuid) = row
    values = _Row(id_)
    return Workshop(
        id=id_,
        team_id=team_id,
        team_name=values.text("team's name", team_name),
        title=values.text("title", title),
        held_on=values.parsed("date", held_on, date.fromisoformat),
        facilitator=values.text("facilitator", facilitator),
        participant_count=values.number("number of participants", participants),
        model_id=values.text("model", model_id),
        model_version=values.text("model's version", model_version),
        closed=bool(closed),
        created_at=values.parsed("time of creation", created_at, to_time),
        updated_at=values.parsed("time of its last change", updated_at, to_time),
        uuid=values.text("UUID", uuid),
    )


def action_from_row(row: tuple) -> Action:
    """A row of ``repository.ACTION_COLUMNS``."""
    id_, workshop_id, practice_id, title, owner, due_on, status, priority, position, cell_id, carried = row
    values = _Row(workshop_id, f"its action {id_}'s")
    return Action(
        id=id_,
        workshop_id=workshop_id,
        practice_id=values.text("practice", practice_id),
        title=values.text("title", title),
        owner=values.text("owner", owner),
        due_on=values.parsed("due date", None if due_on == "" else due_on, date.fromisoformat, optional=True),
        status=values.choice("status", status, ActionStatus),
        priority=values.choice("priority", priority, ActionPriority),
        position=values.number("position", position),
        cell_id=values.text("cell", cell_id, optional=True),
        carried_from_id=values.number("earlier action", carried, optional=True),
    )


def rating_from_row(row: tuple) -> Rating:
    """A row of workshop id, practice id, current level, target level."""
    workshop_id, practice_id, current, target = row
    values = _Row(workshop_id, f"its {_shown(practice_id)} rating's")
    return Rating(
        values.text("practice", practice_id),
        values.number("current level", current, optional=True),
        values.number("target level", target, optional=True),
    )


def note_from_row(row: tuple) -> tuple[str, str]:
    """A row of workshop id, cell id, text: the cell id and the note's text."""
    workshop_id, cell_id, text = row
    values = _Row(workshop_id, "its note's")
    return values.text("cell", cell_id), values.text("text", text)


def round_from_row(row: tuple) -> VotingRound:
    """A row of ``votes.ROUND_COLUMNS``."""
    from ..domain.voting import RoundState, VotingRound

    id_, workshop_id, practice_id, state, named, phone_cap, opened_at, revealed_at = row
    values = _Row(workshop_id, f"its round of votes {id_}'s")
    return VotingRound(
        id=id_,
        workshop_id=workshop_id,
        practice_id=values.text("practice", practice_id),
        state=values.choice("state", state, RoundState),
        named=bool(named),
        phone_cap=values.number("number of phones", phone_cap),
        opened_at=values.parsed("time of opening", opened_at, to_time),
        revealed_at=values.parsed("time of reveal", revealed_at, to_time, optional=True),
    )


def vote_from_row(row: tuple) -> Vote:
    """A row of ``votes.VOTE_COLUMNS``: the round's workshop first."""
    from ..domain.voting import Vote

    workshop_id, round_id, voter, level, cast_at = row
    values = _Row(workshop_id, f"its round of votes {round_id}'s vote's")
    return Vote(
        round_id=round_id,
        voter=values.text("voter", voter),
        level=values.number("level", level),
        cast_at=values.parsed("time", cast_at, to_time),
    )


def listing(
    workshop_rows: list[tuple], contents: Iterable[tuple[Callable[[tuple], object], Iterable[tuple]]]
) -> WorkshopListing:
    """The workshops whose rows can all be read, in the order of ``workshop_rows``, with one
    :class:`DamagedRowError` for each that cannot (by id): its own row, or one row of ``contents``
    (each a reader above and the rows it reads: ratings, notes, actions) it holds."""
    damaged: dict[int, DamagedRowError] = {}
    for read, rows in contents:
        for row in rows:
            try:
                read(row)
            except DamagedRowError as error:
                damaged.setdefault(error.workshop_id, error)
    workshops = []
    for row in workshop_rows:
        try:
            workshop = workshop_from_row(row)
        except DamagedRowError as error:
            damaged[error.workshop_id] = error  # its own row first: it names the workshop's own fault
            continue
        if workshop.id not in damaged:
            workshops.append(workshop)
    known = {row[0] for row in workshop_rows}
    return WorkshopListing(workshops, [damaged[i] for i in sorted(damaged) if i in known])


def history_states(
    workshop_rows: list[tuple],
    ratings: Iterable[tuple],
    notes: Iterable[tuple],
    actions: Iterable[tuple],
    times: Iterable[tuple],
    rounds: Iterable[tuple] = (),
) -> tuple[list[WorkshopState], list[DamagedRowError], dict[int, list[RoundRecord]]]:
    """The states of the workshops of ``workshop_rows``, in their order, filled from the rows of
    their ratings and notes (each led by its workshop's id), actions (``repository.ACTION_COLUMNS``:
    the workshop's id second) and agenda lines (workshop id, practice, planned minutes, spent
    seconds); a :class:`DamagedRowError` for each workshop a row of which cannot be read, which is
    left out; and their rounds of votes by workshop id, from rows of a round
    (``votes.ROUND_COLUMNS``) and one of its votes' voter, level and time (NULLs for a round
    without votes), in the order the rounds and votes are to keep."""
    from ..domain.voting import RoundRecord

    damaged: dict[int, DamagedRowError] = {}
    states: dict[int, WorkshopState] = {}
    for row in workshop_rows:
        try:
            workshop = workshop_from_row(row)
        except DamagedRowError as error:
            damaged[error.workshop_id] = error
            continue
        states[workshop.id] = WorkshopState(workshop)

    def read(
        rows: Iterable[tuple], reader: Callable[[tuple], T], keep: Callable[[WorkshopState, T], None], at: int = 0
    ) -> None:
        for row in rows:
            state = states.get(row[at])  # the row's workshop id
            if state is None:
                continue
            try:
                keep(state, reader(row))
            except DamagedRowError as error:
                damaged.setdefault(error.workshop_id, error)

    read(ratings, rating_from_row, lambda state, rating: state.ratings.__setitem__(rating.practice_id, rating))
    read(notes, note_from_row, lambda state, note: state.notes.__setitem__(*note))
    read(actions, action_from_row, lambda state, action: state.actions.append(action), at=1)
    read(times, _time_from_row, lambda state, time: state.times.__setitem__(time.practice_id, time))
    held: dict[int, tuple[VotingRound, list[Vote]]] = {}

    def round_and_vote(row: tuple) -> tuple[VotingRound, Vote | None]:
        known = held.get(row[0])
        voting_round = known[0] if known else round_from_row(row[:8])
        return voting_round, vote_from_row((row[1], row[0], *row[8:])) if row[8] is not None else None

    def keep_vote(_: WorkshopState, pair: tuple[VotingRound, Vote | None]) -> None:
        voting_round, vote = pair
        votes = held.setdefault(voting_round.id, (voting_round, []))[1]
        if vote is not None:
            votes.append(vote)

    read(rounds, round_and_vote, keep_vote, at=1)
    readable = [state for workshop_id, state in states.items() if workshop_id not in damaged]
    by_workshop: dict[int, list[RoundRecord]] = {}
    for voting_round, votes in held.values():
        if voting_round.workshop_id not in damaged:
            by_workshop.setdefault(voting_round.workshop_id, []).append(RoundRecord(voting_round, tuple(votes)))
    return readable, [damaged[i] for i in sorted(damaged)], by_workshop


def _time_from_row(row: tuple) -> PracticeTime:
    workshop_id, practice_id, planned, spent = row
    values = _Row(workshop_id, "its agenda's")
    return PracticeTime(
        values.text("practice", practice_id), values.number("planned minutes", planned),
        values.number("time spent", spent),
    )
