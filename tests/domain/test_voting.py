"""The rules of a voting round: the median a level someone chose, the spread and its words; and
what a workshop's rounds say of each practice (the last revealed stands, the revealed counted)."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from maturity_workshop.domain import ValidationError
from maturity_workshop.domain.voting import (
    Agreement,
    RoundState,
    agreement,
    check_cap,
    check_voter,
    median_level,
    new_room_code,
    new_session_token,
    practice_votes,
    tally,
)

from .voting_rounds import a_record


@pytest.mark.parametrize(
    "votes, median",
    [([], None), ([2], 2), ([0, 3], 0), ([0, 1, 2, 3], 1), ([3, -1, 2], 2), ([1, 1, 2, 2, 2], 2), ([-1, -1], -1)],
)
def test_the_median_is_a_level_someone_chose_the_lower_middle_of_an_even_count(votes, median) -> None:
    assert median_level(votes) == median


@given(st.lists(st.integers(-1, 3), min_size=1, max_size=60))
def test_the_median_is_always_one_of_the_votes(votes) -> None:
    median = median_level(votes)
    assert median in votes
    assert sum(v < median for v in votes) <= len(votes) // 2 and sum(v > median for v in votes) <= len(votes) // 2


@pytest.mark.parametrize(
    "spread, words",
    [(0, Agreement.AGREED), (1, Agreement.AGREED), (2, Agreement.SPLIT), (3, Agreement.ALL_OVER), (4, Agreement.ALL_OVER)],
)
def test_the_spread_in_words(spread, words) -> None:
    assert agreement(spread) is words


def test_a_tally_counts_every_level_of_the_model(model) -> None:
    counted = tally(model, [1, 1, 2, -1, 1])
    assert counted.counts == {-1: 1, 0: 0, 1: 3, 2: 1, 3: 0}
    assert (counted.total, counted.median, counted.spread, counted.agreement) == (5, 1, 3, Agreement.ALL_OVER)
    assert counted.words == "5 votes · median 1 · spread 3: all over"
    assert tally(model, []).words == "no votes" and tally(model, []).median is None
    with pytest.raises(ValidationError, match="7 is not a level"):
        tally(model, [7])


def test_voters_tokens_names_and_caps() -> None:
    token = "a" * 22
    assert check_voter(token, named=False) == token
    for bad in ("short", "x" * 65, "has space in it!!", 42):
        with pytest.raises(ValidationError):
            check_voter(bad, named=False)
    assert check_voter("  Ada   Lovelace ", named=True) == "Ada Lovelace"
    for bad in ("", "   ", "x" * 41, "bell\x07"):
        with pytest.raises(ValidationError):
            check_voter(bad, named=True)
    assert check_cap(50) == 50
    for bad in (0, 501, True, "50"):
        with pytest.raises(ValidationError):
            check_cap(bad)


def test_secrets_are_fresh_and_long_enough() -> None:
    tokens = {new_session_token() for _ in range(50)}
    assert len(tokens) == 50 and all(len(t) >= 22 for t in tokens)  # 16 bytes, base64: 128 bits
    codes = [new_room_code() for _ in range(50)]
    assert all(len(c) == 6 and c.isdigit() for c in codes) and len(set(codes)) > 40


def test_the_last_round_revealed_stands_and_the_revealed_are_counted(model) -> None:
    R, X, O = RoundState.REVEALED, RoundState.CANCELLED, RoundState.OPEN
    records = [
        a_record(1, "testing", R, 1, (0, 3)), a_record(2, "testing", X, 2, (1,)), a_record(3, "testing", R, 3, (1, 1, 2)),
        a_record(4, "build-ci", R, 4, (2,), named=True), a_record(5, "build-ci", O, 5, (0, 0)), a_record(6, "data-management", X, 6),
    ]  # fmt: skip
    votes = practice_votes(model, records)
    assert list(votes) == ["testing", "build-ci"]  # a cancelled or open round stands for nothing
    testing, build = votes["testing"], votes["build-ci"]
    assert testing.standing.round.id == 3 and testing.tally == tally(model, [1, 1, 2])
    assert (testing.revealed, testing.rounds_words) == (2, "voted twice; the last round stands")
    assert (build.revealed, build.rounds_words, build.named) == (1, "", True)
    assert build.names_words == "named vote: names kept" and testing.names_words == "anonymous: no names kept"
    three = practice_votes(model, [*records, a_record(7, "testing", R, 7, (0,))])["testing"]
    assert (three.standing.round.id, three.rounds_words) == (7, "voted 3 times; the last round stands")
