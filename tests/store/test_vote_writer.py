"""The voting server's writer: its own connection and thread; a vote is acknowledged (its Future
resolved) only once the COMMIT that holds it has returned; votes come in batches; a refused vote
fails alone; the window's clicks do not wait behind the votes."""

from __future__ import annotations

import sqlite3
import threading
import time
from concurrent.futures import Future, wait
from datetime import UTC, datetime, timedelta

import pytest

from maturity_workshop.domain import Rating
from maturity_workshop.domain.voting import VoteRefusedError
from maturity_workshop.store.sqlite import DatabaseError, DiskFullError
from maturity_workshop.store.votes import MAX_BATCH, VoteRepository, VoteWriter

from ..conditions import fill_up, full_disk

TIMEOUT = 10.0
T0 = datetime(2026, 3, 12, 9, 0, tzinfo=UTC)


def token(n: int) -> str:
    return f"phone-token-{n:08d}"


def _read(path, query: str, *parameters) -> list[tuple]:
    """What another connection sees: only what was committed."""
    other = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
    try:
        return other.execute(query, parameters).fetchall()
    finally:
        other.close()


@pytest.fixture
def repo(service) -> VoteRepository:
    return VoteRepository(service.database)


@pytest.fixture
def voting_round(repo, workshop):
    return repo.open_round(workshop.id, "build-ci", named=False, phone_cap=500)


@pytest.fixture
def writer(db_path):
    made = VoteWriter(db_path)
    yield made
    made.close()


def test_a_vote_is_acknowledged_only_once_committed(writer, voting_round, db_path) -> None:
    seen_when_acknowledged: list[list[tuple]] = []
    looked = threading.Event()

    def acknowledged(future: Future) -> None:  # on the writer's thread, as it resolves the Future
        seen_when_acknowledged.append(_read(db_path, "SELECT voter, level FROM vote"))
        looked.set()

    writer.start()
    future = writer.submit(voting_round.id, token(1), 2)
    future.add_done_callback(acknowledged)
    vote = future.result(TIMEOUT)
    assert (vote.round_id, vote.voter, vote.level) == (voting_round.id, token(1), 2)
    assert looked.wait(TIMEOUT)
    assert seen_when_acknowledged == [[(token(1), 2)]]


def test_votes_queued_together_are_committed_in_one_transaction(writer, voting_round, repo) -> None:
    futures = [writer.submit(voting_round.id, token(n), n % 4) for n in range(120)]  # before the thread runs
    writer.start()
    assert [f.result(TIMEOUT).voter for f in futures] == [token(n) for n in range(120)]
    assert writer.stats.sizes == [120]
    assert sorted(repo.levels_of(voting_round.id)) == sorted(n % 4 for n in range(120))


def test_a_flood_is_cut_into_batches_of_at_most_max_batch(db_path, voting_round, repo) -> None:
    writer = VoteWriter(db_path)
    futures = [writer.submit(voting_round.id, token(n % 400), n % 4) for n in range(2 * MAX_BATCH + 200)]
    writer.start()
    try:
        wait(futures, TIMEOUT)
    finally:
        writer.close()
    assert all(f.exception(0) is None for f in futures)
    assert writer.stats.sizes == [MAX_BATCH, MAX_BATCH, 200]
    assert len(repo.votes_of(voting_round.id)) == 400


def test_a_changed_vote_replaces_the_earlier_one(db_path, voting_round, repo) -> None:
    times = iter(T0 + timedelta(seconds=s) for s in range(100))
    writer = VoteWriter(db_path, clock=lambda: next(times))
    writer.start()
    try:
        first = writer.submit(voting_round.id, token(1), 0).result(TIMEOUT)
        changed = writer.submit(voting_round.id, token(1), 3).result(TIMEOUT)
    finally:
        writer.close()
    assert changed.cast_at > first.cast_at
    (vote,) = repo.votes_of(voting_round.id)
    assert (vote.level, vote.cast_at) == (3, changed.cast_at)


def test_a_refused_vote_does_not_fail_its_batch(writer, repo, service, workshop, voting_round) -> None:
    other = service.start_workshop(_draft("Other"))  # other workshops': a revealed round, a full one, a named one
    done = repo.reveal_round(repo.open_round(other.id, "testing", named=False, phone_cap=5).id)
    third = service.start_workshop(_draft("Third"))
    full = repo.open_round(third.id, "testing", named=False, phone_cap=1)
    named = repo.open_round(service.start_workshop(_draft("Named")).id, "testing", named=True, phone_cap=5)
    cases = {
        "good 1": (voting_round.id, token(1), 1),
        "revealed": (done.id, token(2), 1),
        "unknown": (9999, token(3), 1),
        "not an id": ("1", token(3), 1),
        "bad token": (voting_round.id, "short", 1),
        "bad name": (named.id, "   ", 1),
        "bad level": (voting_round.id, token(4), "2"),
        "a bool": (voting_round.id, token(4), True),
        "fills it": (full.id, token(5), 2),
        "over the cap": (full.id, token(6), 2),
        "changes in a full one": (full.id, token(5), 3),
        "good name": (named.id, "  Zoë   Müller ", 0),
        "good 2": (voting_round.id, token(7), 2),
    }
    futures = {case: writer.submit(*arguments) for case, arguments in cases.items()}
    writer.start()
    wait(futures.values(), TIMEOUT)
    said = {}
    for case, future in futures.items():
        error = future.exception(0)
        said[case] = str(error) if error else "ok"
        assert error is None or isinstance(error, VoteRefusedError), (case, error)
    assert said == {
        "good 1": "ok",
        "revealed": "This round takes no more votes: the votes were revealed.",
        "unknown": "There is no such round of votes: it may have been deleted.",
        "not an id": "There is no such round of votes: it may have been deleted.",
        "bad token": "A phone's token must be 16 to 64 letters, digits, '-' or '_'.",
        "bad name": "A name must be 1 to 40 printable characters.",
        "bad level": "A vote's level is a whole number; this one was not.",
        "a bool": "A vote's level is a whole number; this one was not.",
        "fills it": "ok",
        "over the cap": "This round lets in 1 phones, and 1 have voted already.",
        "changes in a full one": "ok",
        "good name": "ok",
        "good 2": "ok",
    }
    assert writer.stats.sizes == [5]
    assert repo.levels_of(voting_round.id) == [1, 2] and repo.levels_of(full.id) == [3]
    assert [v.voter for v in repo.votes_of(named.id)] == ["Zoë Müller"]


def _draft(title: str):
    from datetime import date

    from maturity_workshop.domain import WorkshopDraft

    return WorkshopDraft(team_name="Platform team", title=title, held_on=date(2026, 3, 13), facilitator="", participant_count=0)


def test_a_closed_workshop_takes_no_votes(writer, service, workshop, voting_round, repo) -> None:
    service.set_closed(workshop.id, True)
    writer.start()
    with pytest.raises(VoteRefusedError, match="workshop is closed"):
        writer.submit(voting_round.id, token(1), 1).result(TIMEOUT)
    assert repo.votes_of(voting_round.id) == []


def test_closing_commits_what_is_queued_and_resolves_every_future(db_path, voting_round, repo) -> None:
    writer = VoteWriter(db_path, batch_seconds=5.0)  # a batch that would wait long: close does not
    writer.start()
    futures = [writer.submit(voting_round.id, token(n), 1) for n in range(50)]
    started = time.monotonic()
    writer.close()
    assert time.monotonic() - started < 4.0
    assert all(f.done() and f.exception() is None for f in futures)
    assert len(repo.votes_of(voting_round.id)) == 50
    late = writer.submit(voting_round.id, token(99), 1)
    with pytest.raises(DatabaseError, match="the voting has stopped"):
        late.result(0)
    writer.close()  # twice is harmless


def test_a_writer_that_cannot_open_its_database_says_so(tmp_path) -> None:
    (tmp_path / "folder.sqlite3").mkdir()
    writer = VoteWriter(tmp_path / "folder.sqlite3")
    with pytest.raises(DatabaseError, match="The votes cannot be saved in"):
        writer.start()
    with pytest.raises(DatabaseError, match="the voting has stopped"):
        writer.submit(1, token(1), 1).result(0)


def test_a_vote_on_its_way_cannot_be_cancelled(writer, voting_round) -> None:
    future = writer.submit(voting_round.id, token(1), 1)
    assert not future.cancel()
    writer.start()
    assert future.result(TIMEOUT).level == 1


def test_a_full_disk_acknowledges_nothing_and_keeps_what_was(tmp_path, model) -> None:
    from maturity_workshop.services import WorkshopService

    with full_disk(tmp_path / "disk", "2m") as folder:
        service = WorkshopService.open(folder / "workshops.sqlite3", model)
        try:
            workshop = service.start_workshop(_draft("Full"))
            repo = VoteRepository(service.database)
            opened = repo.open_round(workshop.id, "build-ci", named=True, phone_cap=500)
            writer = VoteWriter(service.database.path)
            writer.start()
            try:
                kept = writer.submit(opened.id, "Before", 1).result(TIMEOUT)
                fill_up(folder)
                names = [f"Name {n} " + "x" * 30 for n in range(400)]
                futures = [writer.submit(opened.id, name[:40], 2) for name in names]
                wait(futures, TIMEOUT)
                refused = [f.exception(0) for f in futures]
                assert any(isinstance(e, DiskFullError) for e in refused), refused[:3]
                assert {str(e) for e in refused if isinstance(e, DiskFullError)} == {
                    "The vote was not saved: the disk is full. Free some space, then try again; what was saved before is safe."
                }
                acknowledged = {f.result(0).voter for f in futures if f.exception(0) is None}
                (folder / "filler").unlink()
                after = writer.submit(opened.id, "After", 3).result(TIMEOUT)
            finally:
                writer.close()
            voters = {v.voter for v in repo.votes_of(opened.id)}
            assert {kept.voter, after.voter} | acknowledged <= voters
            assert voters - acknowledged - {kept.voter, after.voter} == set()
        finally:
            service.close()


def test_a_click_waits_at_most_a_batch_behind_a_flood_of_votes(db_path, service, workshop, voting_round) -> None:
    """A flood of votes (as fast as they can be submitted, far above 50 a second) beside the window's
    saves, each made just as a batch's transaction has begun (the writer's clock says when): the
    worst moment. A save waits for that batch's COMMIT, never for the flood."""
    in_batch = threading.Event()

    def clock() -> datetime:
        if threading.current_thread().name == "vote-writer":  # read inside the batch's transaction
            in_batch.set()
        return datetime.now(UTC)

    writer = VoteWriter(db_path, clock=clock)
    writer.start()
    stop = threading.Event()
    submitted: list[Future] = []

    def flood() -> None:
        n = 0
        while not stop.is_set():
            submitted.append(writer.submit(voting_round.id, token(n % 400), n % 4))
            n += 1
            if n % 50 == 0:
                submitted[-1].result(TIMEOUT)  # a few batches in flight, not a backlog

    flooding = threading.Thread(target=flood)
    flooding.start()
    durations: list[float] = []
    try:
        for n in range(40):
            in_batch.clear()
            assert in_batch.wait(TIMEOUT)
            started = time.perf_counter()
            service.save_rating(workshop.id, Rating("build-ci", n % 4, 3))
            durations.append(time.perf_counter() - started)
    finally:
        stop.set()
        flooding.join(TIMEOUT)
        writer.close()
    assert all(f.exception(0) is None for f in submitted)
    assert writer.stats.batches >= 40
    durations.sort()
    print(f"a click's save as a batch begins: median {durations[20] * 1000:.1f} ms, slowest "
          f"{durations[-1] * 1000:.1f} ms; batches of {writer.stats.sizes[:10]}...")
    assert durations[-1] < 1.0, durations[-5:]
