"""The room's votes: a round per practice, a vote per phone, and what a revealed round says: how many
chose each level, the median, and how far apart the room is. The one home of these rules: the
board, the phone page's server, the action plan and the history read them from here.

The spread is the number of levels between the lowest and the highest vote, and its words are:

- **agreed**: every vote on one level, or on two next to each other (a spread of 0 or 1);
- **split**: the votes span three levels (a spread of 2): the cue to talk;
- **all over**: they span four levels or more (a spread of 3 or 4).

The median is a level someone chose: the middle vote, and with an even count the lower of the two
middle ones (so 0, 1, 2, 3 gives 1, never 1.5).
"""

from __future__ import annotations

import enum
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime

from .errors import ValidationError
from .model import MaturityModel

AGREED_MOST = 1  # a spread of at most this many levels is "agreed"
SPLIT_MOST = 2  # ... of at most this many (and more than AGREED_MOST) is "split"; beyond, "all over"
DEFAULT_PHONE_CAP = 50  # phones a round lets in, unless the facilitator sets another
MAX_PHONE_CAP = 500
TOKEN_BYTES = 16  # 128 bits: the voting session's secret, in the QR code's address
ROOM_CODE_DIGITS = 6
MAX_VOTER_NAME = 40
_VOTER_ID = re.compile(r"[A-Za-z0-9_-]{16,64}")


class Agreement(enum.Enum):
    AGREED = "agreed"
    SPLIT = "split"
    ALL_OVER = "all over"

    @property
    def words(self) -> str:
        return self.value


def agreement(spread: int) -> Agreement:
    """The words for a spread of ``spread`` levels (see the module's text)."""
    if spread < 0:
        raise ValueError(f"a spread is never negative: {spread}")
    if spread <= AGREED_MOST:
        return Agreement.AGREED
    if spread <= SPLIT_MOST:
        return Agreement.SPLIT
    return Agreement.ALL_OVER


def median_level(levels: Iterable[int]) -> int | None:
    """The middle vote; with an even count the lower of the two middle ones; None without votes."""
    ordered = sorted(levels)
    if not ordered:
        return None
    return ordered[(len(ordered) - 1) // 2]


@dataclass(frozen=True)
class Tally:
    """A round's votes counted: how many chose each level."""

    counts: dict[int, int]  # level -> votes, every level of the model (0 where nobody chose it)

    @property
    def total(self) -> int:
        return sum(self.counts.values())

    @property
    def levels(self) -> list[int]:
        """Every vote's level, lowest first."""
        return [level for level in sorted(self.counts) for _ in range(self.counts[level])]

    @property
    def median(self) -> int | None:
        return median_level(self.levels)

    @property
    def spread(self) -> int | None:
        """Levels between the lowest and the highest vote; None without votes."""
        chosen = [level for level, count in self.counts.items() if count]
        return max(chosen) - min(chosen) if chosen else None

    @property
    def agreement(self) -> Agreement | None:
        return agreement(self.spread) if self.spread is not None else None

    @property
    def words(self) -> str:
        """ "9 votes · median 1 · spread 2: split", or "no votes"."""
        if not self.total:
            return "no votes"
        plural = "" if self.total == 1 else "s"
        return f"{self.total} vote{plural} · median {self.median} · spread {self.spread}: {self.agreement.words}"


def tally(model: MaturityModel, levels: Iterable[int]) -> Tally:
    """The votes ``levels`` counted against ``model``'s levels (a level it lacks is refused)."""
    counts = {level.value: 0 for level in model.levels}
    for level in levels:
        if level not in counts:
            raise ValidationError(f"{level} is not a level of the model.")
        counts[level] += 1
    return Tally(counts)


class RoundState(enum.StrEnum):
    OPEN = "open"  # phones vote and may change their vote
    REVEALED = "revealed"  # the votes are shown; no more votes
    CANCELLED = "cancelled"  # closed without a reveal

    @property
    def is_open(self) -> bool:
        return self is RoundState.OPEN


@dataclass(frozen=True)
class VotingRound:
    """One round of votes on one practice of a workshop."""

    id: int
    workshop_id: int
    practice_id: str
    state: RoundState
    named: bool  # the phones give names (the facilitator chose so before it opened)
    phone_cap: int
    opened_at: datetime
    revealed_at: datetime | None = None


@dataclass(frozen=True)
class Vote:
    round_id: int
    voter: str  # a random token per phone and round, never linkable across rounds; or a name
    level: int
    cast_at: datetime


@dataclass(frozen=True)
class RoundRecord:
    """A round with its votes, the earliest cast first: what the window, the export and the history
    read of it."""

    round: VotingRound
    votes: tuple[Vote, ...] = ()

    def tally(self, model: MaturityModel) -> Tally:
        """The votes counted against ``model``'s levels; a vote on a level the model lacks (the
        model changed since) is left out rather than refusing the whole round."""
        return tally(model, (vote.level for vote in self.votes if model.has_level(vote.level)))


class VoteRefusedError(ValidationError):
    """A vote a round does not take: it is not open, it is full, or the voter or level is not one it
    can take. The message says why, in words a phone can show."""


class RoundOpenError(ValidationError):
    """Another round of the workshop is open: a workshop has one open round at a time."""

    def __init__(self, message: str, open_round: VotingRound) -> None:
        super().__init__(message)
        self.open_round = open_round


def check_voter(voter: str, named: bool) -> str:
    """A voter's id as stored: a phone's random token (16-64 of A-Z a-z 0-9 _ -), or, in a named
    round, the name typed (white space collapsed, 1 to :data:`MAX_VOTER_NAME` characters)."""
    if named:
        name = " ".join(str(voter).split())
        if not name or len(name) > MAX_VOTER_NAME or not name.isprintable():
            raise ValidationError(f"A name must be 1 to {MAX_VOTER_NAME} printable characters.")
        return name
    if not isinstance(voter, str) or not _VOTER_ID.fullmatch(voter):
        raise ValidationError("A phone's token must be 16 to 64 letters, digits, '-' or '_'.")
    return voter


def check_cap(cap: object) -> int:
    if isinstance(cap, bool) or not isinstance(cap, int) or not 1 <= cap <= MAX_PHONE_CAP:
        raise ValidationError(f"The number of phones a round lets in must be between 1 and {MAX_PHONE_CAP}.")
    return cap


def new_session_token() -> str:
    """A fresh secret of :data:`TOKEN_BYTES` random bytes, URL-safe: the QR code's key."""
    import secrets  # not at launch: only a voting session needs it

    return secrets.token_urlsafe(TOKEN_BYTES)


def new_room_code() -> str:
    """A fresh code of :data:`ROOM_CODE_DIGITS` digits for the short typed address."""
    import secrets

    return "".join(secrets.choice("0123456789") for _ in range(ROOM_CODE_DIGITS))


def last_revealed(rounds: Sequence[VotingRound], practice_id: str) -> VotingRound | None:
    """The round that stands for a practice: the last one revealed (earlier ones are kept)."""
    revealed = [r for r in rounds if r.practice_id == practice_id and r.state is RoundState.REVEALED]
    return max(revealed, key=lambda r: (r.revealed_at or r.opened_at, r.id), default=None)


def standing_records(records: Sequence[RoundRecord]) -> dict[str, RoundRecord]:
    """The round that stands for each practice voted on (:func:`last_revealed`), by practice id,
    in the order the practices were first voted on."""
    by_id = {record.round.id: record for record in records}
    held = [record.round for record in records]
    standing = {}
    for practice_id in dict.fromkeys(r.practice_id for r in held):
        stands = last_revealed(held, practice_id)
        if stands is not None:
            standing[practice_id] = by_id[stands.id]
    return standing


@dataclass(frozen=True)
class PracticeVotes:
    """What the room's votes say of one practice at one workshop: the round that stands, its votes
    counted, and how many of the practice's rounds were revealed (the one that stands among them;
    a cancelled round counts for nothing, and is not counted here)."""

    standing: RoundRecord
    tally: Tally
    revealed: int = 1

    @property
    def named(self) -> bool:
        return self.standing.round.named

    @property
    def names_words(self) -> str:
        return "named vote: names kept" if self.named else "anonymous: no names kept"

    @property
    def rounds_words(self) -> str:
        """ "" for a practice voted once; "voted twice; the last round stands", "voted 3 times; ..."."""
        if self.revealed < 2:
            return ""
        times = "twice" if self.revealed == 2 else f"{self.revealed} times"
        return f"voted {times}; the last round stands"


def practice_votes(model: MaturityModel, records: Sequence[RoundRecord]) -> dict[str, PracticeVotes]:
    """For each practice a round of ``records`` (a workshop's) stands for: what its votes say."""
    return {
        practice_id: PracticeVotes(
            record,
            record.tally(model),
            sum(1 for r in records if r.round.practice_id == practice_id and r.round.state is RoundState.REVEALED),
        )
        for practice_id, record in standing_records(records).items()
    }
