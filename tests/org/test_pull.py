"""Pulling the organisation: alice's and bob's workshops, read by carol (a reader), copied whole into
the local cache, which the same repository reads; a pull that fails leaves the cache as it was."""

from __future__ import annotations

import hashlib
import sqlite3
from datetime import UTC, date, datetime

import pytest

from maturity_workshop.org.connection import OrgError, parse_url
from maturity_workshop.org.pull import ROLE_KEY, SOURCE_KEY, SYNCED_AT_KEY, PullCancelled, pull
from maturity_workshop.services import organisation
from maturity_workshop.services.history import compare_workshops, team_history
from maturity_workshop.services.models import default_model
from maturity_workshop.services.voting import VotingService
from maturity_workshop.services.workshops import WorkshopService

from .roles import READER
from .server_rows import put_organisation

SYNCED = datetime(2026, 12, 1, 14, 2, tzinfo=UTC)


def _pull(org_database, cache, role=READER, **options):
    return pull(parse_url(org_database.url(role)), cache, clock=lambda: SYNCED, **options)


def _open(cache) -> WorkshopService:
    return WorkshopService.open(cache, default_model(), read_only=True, read_only_reason="a copy")


def _digest(path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _content(cache) -> dict[str, list[tuple]]:
    connection = sqlite3.connect(f"file:{cache}?mode=ro", uri=True)
    try:
        tables = [row[0] for row in connection.execute("SELECT name FROM sqlite_master WHERE type = 'table'")]
        return {table: sorted(connection.execute(f"SELECT * FROM {table}").fetchall(), key=repr) for table in tables}
    finally:
        connection.close()


def test_a_reader_pulls_every_facilitators_workshops_with_every_part(org_database, tmp_path) -> None:
    published = put_organisation(org_database)
    cache = tmp_path / "organisation-cache.sqlite3"

    pulled = _pull(org_database, cache)

    assert (pulled.teams, pulled.workshops, pulled.role, pulled.synced_at) == (2, 3, READER, SYNCED)
    assert "password" not in pulled.source and org_database.name in pulled.source
    assert not (tmp_path / "organisation-cache.sqlite3.partial").exists()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["organisation-cache.sqlite3"]  # no -wal, no -shm
    service = _open(cache)
    try:
        assert {(w.team_name, w.title) for w in service.list_workshops()} == {
            ("Payments", "Spring review"), ("Payments", "Autumn review"), ("Search", "Kick-off")}
        by_title = {w.title: w for w in service.list_workshops()}
        with service.repo.db.snapshot() as sql:
            rows = dict(sql.execute("SELECT title, published_by FROM workshop").fetchall())
            uuids = dict(sql.execute("SELECT title, uuid FROM workshop").fetchall())
        assert rows == {"Spring review": "alice", "Autumn review": "alice", "Kick-off": "bob"}
        assert uuids["Autumn review"] == published["Payments"][1].uuid
        assert {t.name for t in service.list_teams()} == {"Payments", "Search"}
        assert not any(t.is_demo for t in service.list_teams())

        autumn = service.load(by_title["Autumn review"].id)
        assert (autumn.workshop.held_on, autumn.workshop.closed, autumn.workshop.facilitator) == (
            date(2026, 10, 1), False, "Ada")
        assert {p: (r.current, r.target) for p, r in autumn.ratings.items()} == {"build-ci": (2, 3), "testing": (2, 2)}
        assert autumn.notes == {"testing.automated": "Most tests run on every commit"}
        assert {p: (t.planned_minutes, t.spent_seconds) for p, t in autumn.times.items()} == {
            "build-ci": (15, 600), "testing": (10, 0)}
        spring = service.load(by_title["Spring review"].id)
        contract, carried = sorted(autumn.actions, key=lambda a: a.title)
        assert (carried.title, carried.status.value, carried.carried_from_id) == (
            "Cache the dependencies", "done", spring.actions[0].id)
        assert (contract.owner, contract.cell_id, contract.priority.value) == ("Linus", "testing.automated", "high")
        assert spring.actions[0].due_on == date(2026, 6, 1)

        voting = VotingService(service)
        rounds = voting.rounds_of(autumn.workshop.id)
        assert [(r.round.practice_id, r.round.state.value) for r in rounds] == [
            ("testing", "revealed"), ("build-ci", "cancelled")]
        assert sorted(v.level for v in rounds[0].votes) == [1, 2, 2, 2, 2, 3, 3]
        assert sorted(v.voter for v in rounds[0].votes) == sorted(str(n) for n in range(1, 8))
        assert rounds[0].tally(service.model).counts == {-1: 0, 0: 0, 1: 1, 2: 4, 3: 2}
        assert sorted(v.level for v in rounds[1].votes) == [-1, 2, 2]

        assert service.repo.get_state(SYNCED_AT_KEY) == "2026-12-01 14:02:00.000000"
        assert service.repo.get_state(ROLE_KEY) == READER
        assert service.repo.get_state(SOURCE_KEY) == pulled.source
    finally:
        service.close()


def test_the_heat_map_history_and_compare_read_the_cache(org_database, tmp_path) -> None:
    put_organisation(org_database)
    cache = tmp_path / "organisation-cache.sqlite3"
    _pull(org_database, cache, role="bob")  # a facilitator reads alice's too
    service = _open(cache)
    try:
        heat = organisation.heat_map(service)
        assert [row.team.name for row in heat.rows] == ["Payments", "Search"]
        payments, search = heat.rows
        cell = payments.cell("build-ci")
        assert (cell.level, cell.target, cell.gap, cell.change.delta) == (2, 3, 1, 1)
        cell = payments.cell("testing")
        assert (cell.level, cell.gap, cell.change.delta, cell.gap_text) == (2, 0, 2, "target met")
        assert (payments.latest.title, payments.previous.title) == ("Autumn review", "Spring review")
        assert (search.cell("build-ci").level, search.cell("build-ci").first, search.previous) == (3, True, None)

        history = team_history(service, "payments")
        assert [s.workshop.title for s in history.workshops] == ["Spring review", "Autumn review"]
        assert history.trend(service.model, "build-ci").change.delta == 1
        revealed = history.votes_at(service.model, history.workshops[0].workshop.id)
        assert revealed["build-ci"].tally.counts[1] == 3
        one, other = (s.workshop.id for s in history.workshops)
        comparison = compare_workshops(service, other, one)
        assert (comparison.earlier.workshop.title, comparison.later.workshop.title) == ("Spring review", "Autumn review")
        assert [a.title for a in comparison.carried] == ["Cache the dependencies"]
        assert [a.title for a in comparison.opened] == ["Add contract tests"]
    finally:
        service.close()


def test_pulling_twice_gives_the_same_content(org_database, tmp_path) -> None:
    put_organisation(org_database)
    cache = tmp_path / "organisation-cache.sqlite3"
    _pull(org_database, cache)
    first = _content(cache)
    _pull(org_database, cache)  # its empty schema copied from the first's, not migrated again
    assert _content(cache) == first
    connection = sqlite3.connect(f"file:{cache}?mode=ro", uri=True)
    try:  # whole, and every reference made from the server's keys holds
        assert connection.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
        assert connection.execute("PRAGMA foreign_key_check").fetchall() == []
        assert connection.execute("PRAGMA journal_mode").fetchone() == ("delete",)
    finally:
        connection.close()


def _pulled_once(org_database, tmp_path):
    """The organisation pulled into a cache: the cache, and its bytes' digest."""
    put_organisation(org_database)
    cache = tmp_path / "organisation-cache.sqlite3"
    _pull(org_database, cache)
    return cache, _digest(cache)


def test_a_pull_that_cannot_reach_the_server_leaves_the_cache_as_it_was(org_database, tmp_path) -> None:
    cache, before = _pulled_once(org_database, tmp_path)
    nowhere = tmp_path / "no-server"
    nowhere.mkdir()
    target = parse_url(f"postgresql://{READER}@/{org_database.name}?host={nowhere}&port=5432")

    with pytest.raises(OrgError, match="cannot be reached"):
        pull(target, cache)

    assert _digest(cache) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["no-server", "organisation-cache.sqlite3"]


def test_a_newer_schema_is_refused_and_the_cache_kept(org_database, tmp_path) -> None:
    cache, before = _pulled_once(org_database, tmp_path)
    org_database.sql("UPDATE maturity.alembic_version SET version_num = 'o9999'")

    with pytest.raises(OrgError, match="newer Maturity Workshop"):
        _pull(org_database, cache)
    assert _digest(cache) == before


def test_a_cancelled_pull_keeps_the_cache_and_leaves_nothing_beside_it(org_database, tmp_path) -> None:
    cache, before = _pulled_once(org_database, tmp_path)
    seen = []

    with pytest.raises(PullCancelled, match="cancelled"):
        _pull(org_database, cache, progress=lambda done, total: seen.append((done, total)), cancelled=lambda: bool(seen))
    assert _digest(cache) == before and len(seen) == 1
    assert sorted(p.name for p in tmp_path.iterdir()) == ["organisation-cache.sqlite3"]


def test_progress_counts_every_row_copied(org_database, tmp_path) -> None:
    put_organisation(org_database)
    seen = []
    _pull(org_database, tmp_path / "organisation-cache.sqlite3", progress=lambda done, total: seen.append((done, total)))
    # 2 teams, 3 workshops, 5 ratings, 2 notes, 3 agenda rows, 3 actions, 3 rounds
    assert seen[-1] == (21, 21)
    assert [done for done, _ in seen] == sorted(done for done, _ in seen)


def test_a_server_that_drops_the_pull_midway_leaves_the_cache_as_it_was(org_database, tmp_path) -> None:
    cache, before = _pulled_once(org_database, tmp_path)
    halfway = []

    def drop_it(done: int, total: int) -> None:  # once the teams are copied, the server ends the connection
        if not halfway:
            halfway.append(sorted(p.name for p in tmp_path.iterdir()))
            org_database.sql("SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
                             "WHERE application_name = 'maturity-workshop'")  # fmt: skip

    with pytest.raises(OrgError, match="cannot be reached"):
        _pull(org_database, cache, progress=drop_it)

    assert "organisation-cache.sqlite3.partial" in halfway[0]  # it was midway: the new copy half made
    assert _digest(cache) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["organisation-cache.sqlite3"]


def test_a_second_pull_into_the_same_copy_at_once_is_refused_and_the_first_goes_on(org_database, tmp_path) -> None:
    """The window's Sync now and the command line's pull at the same moment: the second is told, and
    nothing of the first one's file is touched."""
    from maturity_workshop.store.lock import DatabaseLock

    put_organisation(org_database)
    cache = tmp_path / "organisation-cache.sqlite3"
    _pull(org_database, cache)
    before = _digest(cache)
    first = DatabaseLock.acquire(cache.with_name(cache.name + ".partial"))  # a pull under way
    try:
        with pytest.raises(OrgError, match="Another sync of the organisation into this copy is under way"):
            _pull(org_database, cache)
    finally:
        first.release()
    assert _digest(cache) == before
    _pull(org_database, cache)  # once the first is over, the next one goes
