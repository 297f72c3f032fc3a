"""The window's use cases for the room's votes: opening a round on a practice, revealing,
cancelling, reopening; the rounds with their tallies, and the round that stands per practice."""

from __future__ import annotations

import pytest

from maturity_workshop.domain.errors import ValidationError
from maturity_workshop.domain.voting import RoundOpenError, RoundState
from maturity_workshop.services import WorkshopService
from maturity_workshop.services.voting import VotingService
from maturity_workshop.store.engine import ReadOnlyDatabaseError
from maturity_workshop.store.votes import VoteWriter

TIMEOUT = 10.0


@pytest.fixture
def voting(service) -> VotingService:
    return VotingService(service)


def _cast(path, round_id: int, levels: list[int]) -> None:
    writer = VoteWriter(path)
    writer.start()
    try:
        for future in [writer.submit(round_id, f"phone-{round_id}-{n:010d}", level) for n, level in enumerate(levels)]:
            future.result(TIMEOUT)
    finally:
        writer.close()


def test_a_round_is_opened_revealed_and_tallied(voting, service, workshop, db_path) -> None:
    opened = voting.open_round(workshop.id, "build-ci", phone_cap=12)
    assert (opened.state, opened.named, opened.phone_cap) == (RoundState.OPEN, False, 12)
    assert voting.open_round_of(workshop.id) == opened
    _cast(db_path, opened.id, [0, 1, 1, 3])
    record = voting.reveal(opened.id)
    assert record.round.state is RoundState.REVEALED
    assert voting.tally(record).words == "4 votes · median 1 · spread 3: all over"
    assert service.backups.edited


def test_voting_again_keeps_the_earlier_round_and_the_last_reveal_stands(voting, workshop, db_path) -> None:
    first = voting.open_round(workshop.id, "build-ci")
    _cast(db_path, first.id, [0, 0])
    voting.reveal(first.id)
    second = voting.open_round(workshop.id, "build-ci")
    _cast(db_path, second.id, [2, 2, 3])
    assert voting.standing(workshop.id)["build-ci"].round.id == first.id  # still voting: the first stands
    voting.reveal(second.id)
    cancelled = voting.open_round(workshop.id, "build-ci")
    voting.cancel(cancelled.id)
    other = voting.open_round(workshop.id, "testing", named=True)
    voting.cancel(other.id)

    standing = voting.standing(workshop.id)
    assert list(standing) == ["build-ci"]  # a cancelled round stands for nothing
    assert standing["build-ci"].round.id == second.id
    assert voting.tally(standing["build-ci"]).median == 2
    records = voting.rounds_of(workshop.id)
    assert [r.round.id for r in records] == [first.id, second.id, cancelled.id, other.id]
    assert [len(r.votes) for r in records] == [2, 3, 0, 0]


def test_one_round_at_a_time_says_which_practice_is_being_voted_on(voting, workshop) -> None:
    open_one = voting.open_round(workshop.id, "build-ci")
    with pytest.raises(RoundOpenError, match='still voting on "Build management & CI": reveal or cancel') as raised:
        voting.open_round(workshop.id, "testing")
    assert raised.value.open_round == open_one


@pytest.mark.parametrize(
    ("practice", "cap", "said"),
    [
        ("no-such-practice", 10, 'The model has no practice "no-such-practice".'),
        ("build-ci", 0, "between 1 and 500"),
        ("build-ci", 501, "between 1 and 500"),
        ("build-ci", "10", "between 1 and 500"),
    ],
)
def test_bad_input_is_refused_with_a_message(voting, service, workshop, practice, cap, said) -> None:
    with pytest.raises(ValidationError, match=said):
        voting.open_round(workshop.id, practice, phone_cap=cap)
    assert voting.rounds_of(workshop.id) == []


def test_a_round_left_open_goes_on_after_a_restart(db_path, model, workshop, voting) -> None:
    opened = voting.open_round(workshop.id, "testing", named=True)
    voting.workshops.close()
    again = WorkshopService.open(db_path, model)
    try:
        resumed = VotingService(again)
        assert resumed.open_round_of(workshop.id) == opened
        assert resumed.reopen(opened.id) == opened
    finally:
        again.close()


def test_a_read_only_service_refuses_every_change_with_its_reason(db_path, model, workshop, voting) -> None:
    opened = voting.open_round(workshop.id, "build-ci")
    reader = WorkshopService.open(db_path, model, read_only=True, read_only_reason="Not saved: another app has it.")
    try:
        reading = VotingService(reader)
        for change in (
            lambda: reading.open_round(workshop.id, "testing"),
            lambda: reading.reveal(opened.id),
            lambda: reading.cancel(opened.id),
            lambda: reading.reopen(opened.id),
        ):
            with pytest.raises(ReadOnlyDatabaseError, match="^Not saved: another app has it.$"):
                change()
        assert reading.read_only_reason == "Not saved: another app has it."
        assert [r.round for r in reading.rounds_of(workshop.id)] == [opened]
    finally:
        reader.close()
