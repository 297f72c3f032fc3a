"""The rounds of votes in the database, as the window's connection keeps them: one open round per
workshop at a time, reveal and cancel only an open one, reopening, and reading them back."""

from __future__ import annotations

import sqlite3
from datetime import UTC, datetime, timedelta

import pytest

from maturity_workshop.domain.errors import DamagedRowError, NotFoundError, ValidationError, WorkshopClosedError
from maturity_workshop.domain.voting import RoundOpenError, RoundState, Vote
from maturity_workshop.store.votes import VoteRepository

from ..conditions import written_by_another_program

T0 = datetime(2026, 3, 12, 9, 0, tzinfo=UTC)


class Ticks:
    """A clock that moves a second each time it is read."""

    def __init__(self) -> None:
        self.now = T0

    def __call__(self) -> datetime:
        self.now += timedelta(seconds=1)
        return self.now


@pytest.fixture
def repo(service) -> VoteRepository:
    return VoteRepository(service.database, Ticks())


def _count(service, table: str) -> int:
    return service.database.connection.execute(f"SELECT COUNT(*) FROM {table}").fetchone()[0]


def _vote(service, round_id: int, voter: str, level: int, at: datetime = T0) -> None:
    written_by_another_program(
        service.database.path,
        ("INSERT INTO vote (round_id, voter, level, cast_at, updated_at) VALUES (?, ?, ?, ?, ?)",
         (round_id, voter, level, at.strftime("%Y-%m-%d %H:%M:%S.%f"), at.strftime("%Y-%m-%d %H:%M:%S.%f"))),
    )  # fmt: skip


def test_a_round_opens_on_a_practice(repo, workshop) -> None:
    opened = repo.open_round(workshop.id, "build-ci", named=False, phone_cap=30)
    assert opened.state is RoundState.OPEN and opened.practice_id == "build-ci"
    assert (opened.named, opened.phone_cap, opened.revealed_at) == (False, 30, None)
    assert opened.opened_at.tzinfo is not None
    assert repo.rounds_of(workshop.id) == [opened] and repo.open_round_of(workshop.id) == opened
    assert repo.round(opened.id) == opened


def test_one_round_of_a_workshop_is_open_at_a_time(repo, service, workshop) -> None:
    first = repo.open_round(workshop.id, "build-ci", named=False, phone_cap=30)
    with pytest.raises(RoundOpenError, match="open already.*reveal or cancel it") as raised:
        repo.open_round(workshop.id, "testing", named=True, phone_cap=10)
    assert raised.value.open_round == first
    assert _count(service, "vote_round") == 1


def test_the_database_itself_refuses_a_second_open_round(repo, service, workshop) -> None:
    """The partial unique index: even SQL that skips the repository's check cannot open two."""
    repo.open_round(workshop.id, "build-ci", named=False, phone_cap=30)
    with pytest.raises(sqlite3.IntegrityError, match="UNIQUE"):
        written_by_another_program(
            service.database.path,
            "INSERT INTO vote_round (workshop_id, practice_id, state, named, phone_cap, opened_at, created_at, "
            f"updated_at) VALUES ({workshop.id}, 'testing', 'open', 0, 5, 'x', 'x', 'x')",
        )


def test_a_practice_may_be_voted_again_and_the_earlier_round_is_kept(repo, workshop) -> None:
    first = repo.reveal_round(repo.open_round(workshop.id, "build-ci", named=False, phone_cap=30).id)
    again = repo.open_round(workshop.id, "build-ci", named=False, phone_cap=30)
    assert [r.id for r in repo.rounds_of(workshop.id)] == [first.id, again.id]
    assert repo.round(first.id) == first


def test_revealing_closes_the_round_and_stamps_it(repo, workshop) -> None:
    opened = repo.open_round(workshop.id, "build-ci", named=False, phone_cap=30)
    revealed = repo.reveal_round(opened.id)
    assert revealed.state is RoundState.REVEALED and revealed.revealed_at > opened.opened_at
    assert repo.open_round_of(workshop.id) is None
    for again in (repo.reveal_round, repo.cancel_round):
        with pytest.raises(ValidationError, match="not open: it was revealed already"):
            again(opened.id)
    assert repo.round(opened.id) == revealed


def test_cancelling_closes_it_without_a_reveal(repo, workshop) -> None:
    cancelled = repo.cancel_round(repo.open_round(workshop.id, "build-ci", named=True, phone_cap=3).id)
    assert cancelled.state is RoundState.CANCELLED and cancelled.revealed_at is None
    repo.open_round(workshop.id, "testing", named=False, phone_cap=3)  # no longer in the way


def test_reopening(repo, service, workshop) -> None:
    left_open = repo.open_round(workshop.id, "build-ci", named=False, phone_cap=30)
    assert repo.reopen_round(left_open.id) == left_open  # the app stopped mid-round: it goes on

    cancelled = repo.cancel_round(left_open.id)
    _vote(service, cancelled.id, "A" * 16, 2)
    reopened = repo.reopen_round(cancelled.id)
    assert reopened.state is RoundState.OPEN and repo.levels_of(reopened.id) == [2]

    repo.reveal_round(reopened.id)
    with pytest.raises(ValidationError, match="result stays as it was.*open a new round"):
        repo.reopen_round(reopened.id)
    assert repo.round(reopened.id).state is RoundState.REVEALED

    other = repo.cancel_round(repo.open_round(workshop.id, "testing", named=False, phone_cap=3).id)
    repo.open_round(workshop.id, "data-management", named=False, phone_cap=3)
    with pytest.raises(RoundOpenError):
        repo.reopen_round(other.id)
    assert repo.round(other.id).state is RoundState.CANCELLED


def test_a_closed_or_unknown_workshop_opens_no_round(repo, service, workshop) -> None:
    opened = repo.open_round(workshop.id, "build-ci", named=False, phone_cap=30)
    service.set_closed(workshop.id, True)
    with pytest.raises(WorkshopClosedError):
        repo.open_round(workshop.id, "testing", named=False, phone_cap=30)
    for change in (repo.reveal_round, repo.cancel_round, repo.reopen_round):
        with pytest.raises(WorkshopClosedError):
            change(opened.id)
    assert repo.round(opened.id) == opened
    with pytest.raises(NotFoundError, match="Workshop 999 does not exist"):
        repo.open_round(999, "build-ci", named=False, phone_cap=30)
    for unknown in (999, 2**70):
        with pytest.raises(NotFoundError, match=f"no round of votes {unknown}"):
            repo.reveal_round(unknown)


def test_votes_are_read_back_the_earliest_first(repo, service, workshop) -> None:
    opened = repo.open_round(workshop.id, "build-ci", named=True, phone_cap=30)
    _vote(service, opened.id, "Zoë", 3, T0 + timedelta(seconds=5))
    _vote(service, opened.id, "王芳", -1, T0)
    assert repo.votes_of(opened.id) == [
        Vote(opened.id, "王芳", -1, T0), Vote(opened.id, "Zoë", 3, T0 + timedelta(seconds=5))
    ]
    assert repo.levels_of(opened.id) == [-1, 3]
    (record,) = repo.records_of(workshop.id)
    assert record.round == opened and [v.voter for v in record.votes] == ["王芳", "Zoë"]


def test_a_rounds_votes_are_read_by_an_index(repo, service) -> None:
    plan = " ".join(
        row[-1] for row in service.database.connection.execute("EXPLAIN QUERY PLAN SELECT * FROM vote WHERE round_id = 1")
    )
    assert "USING INDEX" in plan and "(round_id=?)" in plan  # the unique (round, voter) one


def test_deleting_a_workshop_deletes_its_rounds_and_votes(repo, service, workshop) -> None:
    opened = repo.open_round(workshop.id, "build-ci", named=False, phone_cap=30)
    _vote(service, opened.id, "B" * 20, 1)
    service.delete_workshop(workshop.id)
    assert (_count(service, "vote_round"), _count(service, "vote")) == (0, 0)


@pytest.mark.parametrize(
    ("column", "value", "said"),
    [
        ("state", "'paused'", "its round of votes 1's state 'paused' is not one the app knows"),
        ("opened_at", "'soon'", "its round of votes 1's time of opening 'soon' cannot be read"),
    ],
)
def test_a_damaged_round_says_what_is_wrong(repo, service, workshop, column, value, said) -> None:
    repo.cancel_round(repo.open_round(workshop.id, "build-ci", named=False, phone_cap=30).id)
    written_by_another_program(service.database.path, f"UPDATE vote_round SET {column} = {value}")
    with pytest.raises(DamagedRowError, match=said):
        repo.rounds_of(workshop.id)


def test_a_damaged_vote_says_what_is_wrong(repo, service, workshop) -> None:
    opened = repo.open_round(workshop.id, "build-ci", named=False, phone_cap=30)
    _vote(service, opened.id, "C" * 16, 1)
    written_by_another_program(service.database.path, "UPDATE vote SET level = 'high'")
    with pytest.raises(DamagedRowError, match="vote's level 'high' is not a whole number"):
        repo.votes_of(opened.id)
