"""The repository: one committed transaction per call, one row per rating and note, cascading deletes."""

from __future__ import annotations

import sqlite3
import unicodedata
from collections.abc import Iterator
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest

from maturity_workshop.domain import Rating, WorkshopClosedError
from maturity_workshop.store.engine import Database, open_database
from maturity_workshop.store.repository import NotFoundError, WorkshopRepository


class FakeClock:
    """Hands out strictly increasing times, one second apart, starting well after the real now."""

    def __init__(self) -> None:
        self.now = datetime.now(UTC).replace(microsecond=0) + timedelta(hours=1)
        self.calls = 0

    def __call__(self) -> datetime:
        self.calls += 1
        self.now += timedelta(seconds=1)
        return self.now


@pytest.fixture
def database(db_path: Path) -> Iterator[Database]:
    opened = open_database(db_path)
    yield opened
    opened.close()


@pytest.fixture
def repo(database: Database) -> WorkshopRepository:
    return WorkshopRepository(database)


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock()


@pytest.fixture
def timed_repo(database: Database, clock: FakeClock) -> WorkshopRepository:
    """A repository whose times come from ``clock``."""
    return WorkshopRepository(database, clock=clock)


def _make(repo: WorkshopRepository, team: str = "Platform team", title: str = "Review",
          held_on: date = date(2026, 3, 12), ratings: list[Rating] | None = None) -> int:
    team_id = repo.get_or_create_team(team).id
    workshop = repo.create_workshop(
        team_id=team_id,
        title=title,
        held_on=held_on,
        facilitator="Ada",
        participant_count=5,
        model_id="cd-maturity",
        model_version="1.0",
        ratings=ratings or [],
    )
    return workshop.id


def _query(db_path: Path, sql: str, *params: object) -> list[tuple]:
    """Read with a separate plain sqlite3 connection: it only sees what was committed."""
    raw = sqlite3.connect(db_path)
    try:
        return raw.execute(sql, params).fetchall()
    finally:
        raw.close()


def _count(db_path: Path, table: str, workshop_id: int | None = None) -> int:
    if workshop_id is None:
        return _query(db_path, f"SELECT COUNT(*) FROM {table}")[0][0]
    return _query(db_path, f"SELECT COUNT(*) FROM {table} WHERE workshop_id = ?", workshop_id)[0][0]


# -- teams ----------------------------------------------------------------------------------------
def test_team_is_created_once_whatever_the_case(repo: WorkshopRepository, db_path: Path) -> None:
    first = repo.get_or_create_team("Platform Team")
    assert repo.get_or_create_team("platform team") == first
    assert repo.get_or_create_team("PLATFORM TEAM") == first
    assert first.name == "Platform Team"
    assert _count(db_path, "team") == 1


def test_team_case_insensitivity_covers_non_ascii_letters(repo: WorkshopRepository, db_path: Path) -> None:
    first = repo.get_or_create_team("Équipe Öl")
    assert repo.get_or_create_team("équipe öl") == first
    assert _count(db_path, "team") == 1


@pytest.mark.parametrize(
    "first_name, same_team",
    [
        ("Straße", "STRASSE"),
        ("Équipe", unicodedata.normalize("NFD", "équipe")),  # a combining accent
        ("ＡＣＭＥ team", "acme TEAM"),  # full-width letters
        ("Platform  team", " platform team "),
    ],
)
def test_names_of_one_team_find_it(repo: WorkshopRepository, db_path: Path, first_name: str, same_team: str) -> None:
    first = repo.get_or_create_team(first_name)
    assert repo.get_or_create_team(same_team) == first
    assert repo.find_team(same_team) == first
    assert _count(db_path, "team") == 1
    assert repo.find_team("Another team") is None


def test_a_team_stores_its_key(repo: WorkshopRepository, db_path: Path) -> None:
    team = repo.get_or_create_team("Équipe Öl")
    assert _query(db_path, "SELECT name, name_key FROM team WHERE id = ?", team.id) == [("Équipe Öl", "équipe öl")]


def test_list_teams_sorted_ignoring_case(repo: WorkshopRepository) -> None:
    for name in ("beta", "Alpha", "gamma", "Delta"):
        repo.get_or_create_team(name)
    assert [team.name for team in repo.list_teams()] == ["Alpha", "beta", "Delta", "gamma"]


# -- creating and reading workshops --------------------------------------------------------------
def test_create_workshop_stores_its_fields(repo: WorkshopRepository) -> None:
    workshop_id = _make(repo, title="Spring review")
    workshop = repo.get_workshop(workshop_id)
    assert (workshop.team_name, workshop.title, workshop.held_on) == ("Platform team", "Spring review",
                                                                     date(2026, 3, 12))
    assert (workshop.facilitator, workshop.participant_count) == ("Ada", 5)
    assert (workshop.model_id, workshop.model_version, workshop.closed) == ("cd-maturity", "1.0", False)
    assert workshop.created_at.tzinfo is not None
    assert workshop.updated_at.utcoffset() == timedelta(0)


def test_create_workshop_stores_non_empty_ratings_only(repo: WorkshopRepository, db_path: Path) -> None:
    workshop_id = _make(repo, ratings=[Rating("testing", 1, 2), Rating("build-ci"), Rating("data-management", None, 0)])
    assert repo.load_state(workshop_id).ratings == {
        "testing": Rating("testing", 1, 2),
        "data-management": Rating("data-management", None, 0),
    }
    assert _count(db_path, "rating", workshop_id) == 2


def test_create_workshop_for_a_missing_team(repo: WorkshopRepository, db_path: Path) -> None:
    with pytest.raises(NotFoundError):
        repo.create_workshop(4242, "t", date(2026, 1, 1), "", 0, "cd-maturity", "1.0", [])
    assert _count(db_path, "workshop") == 0


def test_list_workshops_most_recently_held_first(repo: WorkshopRepository) -> None:
    older = _make(repo, "A team", "older", date(2025, 11, 3))
    newest = _make(repo, "B team", "newest", date(2026, 6, 1))
    middle = _make(repo, "A team", "middle", date(2026, 1, 20))
    same_day_later = _make(repo, "C team", "same day, made later", date(2026, 1, 20))
    listed = repo.list_workshops()
    assert [w.id for w in listed] == [newest, same_day_later, middle, older]
    assert [w.team_name for w in listed] == ["B team", "C team", "A team", "A team"]


def test_latest_workshop_of_team(repo: WorkshopRepository) -> None:
    _make(repo, "A team", "first", date(2026, 1, 1))
    latest = _make(repo, "A team", "second", date(2026, 2, 1))
    _make(repo, "B team", "other team, later", date(2026, 3, 1))
    team_id = repo.get_or_create_team("A team").id
    assert repo.latest_workshop_of_team(team_id).id == latest
    lonely = repo.get_or_create_team("Nobody's team")
    assert repo.latest_workshop_of_team(lonely.id) is None


# -- ratings --------------------------------------------------------------------------------------
def test_save_rating_inserts_then_updates_one_row(repo: WorkshopRepository, db_path: Path) -> None:
    workshop_id = _make(repo)
    repo.save_rating(workshop_id, Rating("testing", current=0, target=2))
    assert _query(db_path, "SELECT practice_id, current_level, target_level FROM rating") == [("testing", 0, 2)]

    repo.save_rating(workshop_id, Rating("testing", current=1, target=3))
    rows = _query(
        db_path,
        "SELECT current_level, target_level FROM rating WHERE workshop_id = ? AND practice_id = ?",
        workshop_id,
        "testing",
    )
    assert rows == [(1, 3)]
    assert repo.load_state(workshop_id).rating("testing") == Rating("testing", 1, 3)


def test_ratings_are_per_practice_and_per_workshop(repo: WorkshopRepository, db_path: Path) -> None:
    first = _make(repo, title="first")
    second = _make(repo, title="second")
    repo.save_rating(first, Rating("testing", 1, 2))
    repo.save_rating(first, Rating("build-ci", -1, 0))
    repo.save_rating(second, Rating("testing", 3, 3))
    assert _count(db_path, "rating", first) == 2
    assert _count(db_path, "rating", second) == 1
    assert repo.load_state(first).ratings == {
        "testing": Rating("testing", 1, 2),
        "build-ci": Rating("build-ci", -1, 0),
    }
    assert repo.load_state(second).ratings == {"testing": Rating("testing", 3, 3)}


def test_clearing_a_rating_keeps_an_empty_rating(repo: WorkshopRepository, db_path: Path) -> None:
    workshop_id = _make(repo)
    repo.save_rating(workshop_id, Rating("testing", 1, 2))
    repo.save_rating(workshop_id, Rating("testing", None, None))
    assert repo.load_state(workshop_id).rating("testing").is_empty
    assert _query(db_path, "SELECT current_level, target_level FROM rating") == [(None, None)]


def test_save_rating_on_a_missing_workshop(repo: WorkshopRepository, db_path: Path) -> None:
    with pytest.raises(NotFoundError, match="4242"):
        repo.save_rating(4242, Rating("testing", 1, 1))
    assert _count(db_path, "rating") == 0


# -- notes ----------------------------------------------------------------------------------------
def test_save_note_inserts_updates_and_empty_deletes(repo: WorkshopRepository, db_path: Path) -> None:
    workshop_id = _make(repo)
    repo.save_note(workshop_id, "testing.consistent", "Unit tests only")
    assert _query(db_path, "SELECT cell_id, text FROM cell_note") == [("testing.consistent", "Unit tests only")]

    repo.save_note(workshop_id, "testing.consistent", "Unit and acceptance tests")
    assert _query(db_path, "SELECT cell_id, text FROM cell_note") == [
        ("testing.consistent", "Unit and acceptance tests")
    ]
    assert repo.load_state(workshop_id).notes == {"testing.consistent": "Unit and acceptance tests"}

    repo.save_note(workshop_id, "testing.consistent", "")
    assert _count(db_path, "cell_note") == 0
    assert repo.load_state(workshop_id).notes == {}


def test_deleting_a_note_that_does_not_exist_is_harmless(repo: WorkshopRepository, db_path: Path) -> None:
    workshop_id = _make(repo)
    repo.save_note(workshop_id, "testing.consistent", "")
    assert _count(db_path, "cell_note") == 0


def test_notes_are_per_cell_and_per_workshop(repo: WorkshopRepository, db_path: Path) -> None:
    first = _make(repo, title="first")
    second = _make(repo, title="second")
    repo.save_note(first, "testing.consistent", "a")
    repo.save_note(first, "build-ci.regressive", "b")
    repo.save_note(second, "testing.consistent", "c")
    repo.save_note(first, "testing.consistent", "")
    assert repo.load_state(first).notes == {"build-ci.regressive": "b"}
    assert repo.load_state(second).notes == {"testing.consistent": "c"}
    assert _count(db_path, "cell_note") == 2


def test_save_note_on_a_missing_workshop(repo: WorkshopRepository, db_path: Path) -> None:
    with pytest.raises(NotFoundError):
        repo.save_note(4242, "testing.consistent", "x")
    assert _count(db_path, "cell_note") == 0


# -- closed workshops -----------------------------------------------------------------------------
def test_a_closed_workshop_refuses_edits(repo: WorkshopRepository, db_path: Path) -> None:
    workshop_id = _make(repo)
    repo.save_rating(workshop_id, Rating("testing", 1, 2))
    repo.save_note(workshop_id, "testing.consistent", "before closing")
    closed = repo.update_workshop(workshop_id, closed=True)
    assert closed.closed
    before = (
        _query(db_path, "SELECT * FROM rating"),
        _query(db_path, "SELECT * FROM cell_note"),
        _query(db_path, "SELECT updated_at FROM workshop"),
    )

    with pytest.raises(WorkshopClosedError, match="closed"):
        repo.save_rating(workshop_id, Rating("testing", 3, 3))
    with pytest.raises(WorkshopClosedError):
        repo.save_rating(workshop_id, Rating("build-ci", 0, 1))
    with pytest.raises(WorkshopClosedError):
        repo.save_note(workshop_id, "testing.consistent", "after closing")
    with pytest.raises(WorkshopClosedError):
        repo.save_note(workshop_id, "testing.consistent", "")

    after = (
        _query(db_path, "SELECT * FROM rating"),
        _query(db_path, "SELECT * FROM cell_note"),
        _query(db_path, "SELECT updated_at FROM workshop"),
    )
    assert after == before


def test_a_reopened_workshop_accepts_edits_again(repo: WorkshopRepository) -> None:
    workshop_id = _make(repo)
    repo.update_workshop(workshop_id, closed=True)
    assert repo.get_workshop(workshop_id).closed
    repo.update_workshop(workshop_id, closed=False)
    repo.save_rating(workshop_id, Rating("testing", 2, 3))
    repo.save_note(workshop_id, "testing.consistent", "reopened")
    state = repo.load_state(workshop_id)
    assert state.rating("testing") == Rating("testing", 2, 3)
    assert state.notes == {"testing.consistent": "reopened"}


# -- updating and deleting ------------------------------------------------------------------------
def test_update_workshop_changes_fields(repo: WorkshopRepository) -> None:
    workshop_id = _make(repo, title="Old title")
    updated = repo.update_workshop(workshop_id, title="New title", participant_count=12)
    assert (updated.title, updated.participant_count) == ("New title", 12)
    assert repo.get_workshop(workshop_id) == updated


def test_updated_at_advances_with_every_edit(timed_repo: WorkshopRepository, clock: FakeClock) -> None:
    repo = timed_repo
    workshop_id = _make(repo)
    created = repo.get_workshop(workshop_id)
    seen = [created.updated_at]

    saved_at = repo.save_rating(workshop_id, Rating("testing", 1, 2))
    assert saved_at == clock.now
    seen.append(repo.get_workshop(workshop_id).updated_at)
    assert seen[-1] == saved_at

    saved_at = repo.save_note(workshop_id, "testing.consistent", "note")
    assert saved_at == clock.now
    seen.append(repo.get_workshop(workshop_id).updated_at)
    assert seen[-1] == saved_at

    repo.save_note(workshop_id, "testing.consistent", "")
    seen.append(repo.get_workshop(workshop_id).updated_at)
    assert seen[-1] == clock.now

    repo.update_workshop(workshop_id, title="Renamed")
    seen.append(repo.get_workshop(workshop_id).updated_at)
    assert seen[-1] == clock.now

    assert all(earlier < later for earlier, later in zip(seen, seen[1:])), seen
    assert repo.get_workshop(workshop_id).created_at == created.created_at


def test_rating_and_note_rows_carry_their_save_time(timed_repo: WorkshopRepository, db_path: Path) -> None:
    repo = timed_repo
    workshop_id = _make(repo)
    first = repo.save_rating(workshop_id, Rating("testing", 1, 2))
    second = repo.save_rating(workshop_id, Rating("testing", 2, 2))
    assert second > first
    (stored,) = _query(db_path, "SELECT updated_at FROM rating")
    assert stored[0].startswith(second.strftime("%Y-%m-%d %H:%M:%S"))


def test_delete_cascades_to_ratings_and_notes(repo: WorkshopRepository, db_path: Path) -> None:
    doomed = _make(repo, title="doomed", ratings=[Rating("build-ci", 0, 1)])
    kept = _make(repo, title="kept")
    for workshop_id in (doomed, kept):
        repo.save_rating(workshop_id, Rating("testing", 1, 2))
        repo.save_note(workshop_id, "testing.consistent", "note")
        repo.save_note(workshop_id, "build-ci.regressive", "another")
    assert (_count(db_path, "rating", doomed), _count(db_path, "cell_note", doomed)) == (2, 2)

    repo.delete_workshop(doomed)

    assert _count(db_path, "rating", doomed) == 0
    assert _count(db_path, "cell_note", doomed) == 0
    assert _query(db_path, "SELECT COUNT(*) FROM workshop WHERE id = ?", doomed) == [(0,)]
    assert (_count(db_path, "rating", kept), _count(db_path, "cell_note", kept)) == (1, 2)
    assert _count(db_path, "team") == 1  # the team outlives its workshops
    with pytest.raises(NotFoundError):
        repo.get_workshop(doomed)


def test_missing_workshop_is_not_found_everywhere(repo: WorkshopRepository) -> None:
    for call in (
        lambda: repo.get_workshop(4242),
        lambda: repo.load_state(4242),
        lambda: repo.update_workshop(4242, title="x"),
        lambda: repo.delete_workshop(4242),
    ):
        with pytest.raises(NotFoundError, match="does not exist"):
            call()


def test_a_team_with_workshops_cannot_be_deleted_underneath_them(db_path: Path, repo: WorkshopRepository) -> None:
    _make(repo)
    raw = sqlite3.connect(db_path)
    try:
        raw.execute("PRAGMA foreign_keys = ON")
        with pytest.raises(sqlite3.IntegrityError, match="FOREIGN KEY"):
            raw.execute("DELETE FROM team")
    finally:
        raw.close()


# -- app state ------------------------------------------------------------------------------------
def test_state_set_get_replace_and_remove(repo: WorkshopRepository, db_path: Path) -> None:
    assert repo.get_state("ui.zoom") is None
    repo.set_state("ui.zoom", "1.25")
    assert repo.get_state("ui.zoom") == "1.25"
    repo.set_state("ui.zoom", "1.5")
    assert _query(db_path, "SELECT key, value FROM app_state") == [("ui.zoom", "1.5")]
    repo.set_state("ui.zoom", None)
    assert repo.get_state("ui.zoom") is None
    assert _count(db_path, "app_state") == 0
    repo.set_state("never.set", None)  # removing what is not there is harmless
    assert _count(db_path, "app_state") == 0
