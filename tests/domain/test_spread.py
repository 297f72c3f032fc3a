"""Is the room converging? The spread of the round that stands for a practice, workshop after
workshop: the last of the last three spreads against the first (domain/spread.py)."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest
from hypothesis import given
from hypothesis import strategies as st

from maturity_workshop.domain.spread import SPREAD_WINDOW, SpreadDirection, SpreadTrend, spread_direction
from maturity_workshop.domain.voting import RoundState, practice_votes
from maturity_workshop.domain.workshop import Workshop

from .voting_rounds import a_record

C, D, S = SpreadDirection.CONVERGING, SpreadDirection.DIVERGING, SpreadDirection.STEADY


@pytest.mark.parametrize(
    "spreads, direction",
    [([], None), ([2], None), ([2, 1], C), ([0, 3], D), ([1, 1], S), ([2, 1, 0], C), ([0, 2, 0], S),
     ([4, 0, 1, 2], D), ([3, 4, 2, 2], C), ([1, 3, 1], S)],
)  # fmt: skip
def test_the_last_spread_against_the_first_of_the_last_three(spreads, direction) -> None:
    assert spread_direction(spreads) is direction


@given(st.lists(st.integers(0, 4), max_size=12))
def test_the_direction_follows_the_window_alone(spreads) -> None:
    window = spreads[-SPREAD_WINDOW:]
    expected = None if len(window) < 2 else C if window[-1] < window[0] else D if window[-1] > window[0] else S
    assert spread_direction(spreads) is expected
    if len(spreads) >= SPREAD_WINDOW:  # what came before the window says nothing
        assert spread_direction([4, 0, 4, *spreads]) is spread_direction(spreads)


def _workshop(n: int) -> Workshop:
    moment = datetime(2026, 1, n, tzinfo=UTC)
    return Workshop(n, 1, "Team", f"w{n}", date(2026, 1, n), "Ada", 5, "cd", "1.0", False, moment, moment)


def test_the_spread_trend_skips_workshops_that_did_not_vote(model) -> None:
    def at(levels):
        return None if levels is None else practice_votes(model, [a_record(1, "testing", RoundState.REVEALED, 1, levels)])["testing"]

    points = [(_workshop(n), at(levels)) for n, levels in enumerate([(0, 2), None, (1, 3), (2,), None], start=1)]
    trend = SpreadTrend("testing", tuple(points))
    assert trend.spreads == [2, 2, 0]
    assert (trend.direction, trend.words) == (C, "Room's spread 2 → 2 → 0: converging")
    assert SpreadTrend("testing", tuple(points[:1])).words == "Room's spread 2"  # one vote: nothing to compare
    assert SpreadTrend("testing", ((_workshop(1), None),)).words == ""
    no_votes = practice_votes(model, [a_record(1, "testing", RoundState.REVEALED, 1)])["testing"]
    assert SpreadTrend("testing", ((_workshop(1), no_votes), *points[2:4])).spreads == [2, 0]  # a round without votes
