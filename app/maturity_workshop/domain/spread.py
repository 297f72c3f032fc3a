"""The room's spread over a team's workshops: is the team converging?

At each workshop, the spread of a practice is that of the round of votes that stands for it (the
last one revealed: ``voting.py``). Over the last :data:`SPREAD_WINDOW` workshops that voted on the
practice (those that did not are skipped), the last spread is set against the first of them: lower
is **converging**, higher is **diverging**, the same is **steady**. With fewer than two such
workshops nothing is said.
"""

from __future__ import annotations

import enum
from collections.abc import Sequence
from dataclasses import dataclass

from .voting import PracticeVotes
from .workshop import Workshop

SPREAD_WINDOW = 3  # the workshops that voted on a practice whose spreads say whether the room converges


class SpreadDirection(enum.Enum):
    CONVERGING = "converging"
    DIVERGING = "diverging"
    STEADY = "steady"


def spread_direction(spreads: Sequence[int]) -> SpreadDirection | None:
    """The rule of the module's text, on the spreads of the workshops that voted, oldest first."""
    window = list(spreads)[-SPREAD_WINDOW:]
    if len(window) < 2:
        return None
    first, last = window[0], window[-1]
    if last == first:
        return SpreadDirection.STEADY
    return SpreadDirection.CONVERGING if last < first else SpreadDirection.DIVERGING


@dataclass(frozen=True)
class SpreadTrend:
    """The room's vote on a practice at each of a team's workshops, the oldest first: what the round
    that stands says, or None where the practice was not voted on."""

    practice_id: str
    points: tuple[tuple[Workshop, PracticeVotes | None], ...]

    @property
    def spreads(self) -> list[int]:
        """The spreads of the workshops that voted, the oldest first."""
        return [votes.tally.spread for _, votes in self.points if votes is not None and votes.tally.total]

    @property
    def direction(self) -> SpreadDirection | None:
        return spread_direction(self.spreads)

    @property
    def words(self) -> str:
        """ "Room's spread 2 → 1 → 0: converging" (the spreads the rule reads), "Room's spread 1"
        after one vote; empty when the practice was never voted on."""
        window = self.spreads[-SPREAD_WINDOW:]
        if not window:
            return ""
        direction = self.direction
        return f"Room's spread {' → '.join(map(str, window))}" + (f": {direction.value}" if direction else "")
