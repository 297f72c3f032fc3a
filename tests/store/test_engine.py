"""Opening a database: every connection's pragmas, migrating new files, refusing newer ones."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest

from maturity_workshop.domain import MaturityModel, WorkshopDraft
from maturity_workshop.services import WorkshopService
from maturity_workshop.store import engine as engine_module
from maturity_workshop.store.engine import (
    BUSY_TIMEOUT_MS,
    HEAD_REVISION,
    Database,
    DatabaseError,
    connect,
    current_revision,
    open_database,
)

APP_TABLES = {"team", "workshop", "rating", "cell_note", "app_state", "action", "practice_time", "vote_round", "vote", "publication"}
EXPECTED_PRAGMAS = {"journal_mode": "wal", "synchronous": 2, "foreign_keys": 1, "busy_timeout": 5000}


def _pragmas(connection: sqlite3.Connection) -> dict[str, object]:
    return {name: connection.execute(f"PRAGMA {name}").fetchone()[0] for name in EXPECTED_PRAGMAS}


def _tables(path: Path) -> set[str]:
    with sqlite3.connect(path) as raw:
        rows = raw.execute("SELECT name FROM sqlite_master WHERE type = 'table'").fetchall()
    raw.close()
    return {name for (name,) in rows}


def _revision_in_file(path: Path) -> list[str]:
    raw = sqlite3.connect(path)
    try:
        return [row[0] for row in raw.execute("SELECT version_num FROM alembic_version")]
    finally:
        raw.close()


@pytest.fixture
def opened(db_path: Path) -> Iterator[Database]:
    database = open_database(db_path)
    yield database
    database.close()


# -- pragmas --------------------------------------------------------------------------------------
def test_busy_timeout_constant() -> None:
    assert BUSY_TIMEOUT_MS == 5000


def test_pragmas_on_a_fresh_connection(db_path: Path) -> None:
    connection = connect(db_path)
    try:
        assert _pragmas(connection) == EXPECTED_PRAGMAS
    finally:
        connection.close()


def test_pragmas_on_the_connection_of_an_opened_database(opened: Database) -> None:
    """The migration turned foreign keys off on its own connection; the app's has them on."""
    assert _pragmas(opened.connection) == EXPECTED_PRAGMAS


def test_foreign_keys_are_enforced(opened: Database) -> None:
    with pytest.raises(DatabaseError, match="FOREIGN KEY"):
        with opened.transaction() as sql:
            sql.execute(
                "INSERT INTO rating (workshop_id, practice_id, created_at, updated_at) "
                "VALUES (4242, 'testing', '2026-01-01', '2026-01-01')"
            )


def test_a_failed_transaction_is_rolled_back(opened: Database) -> None:
    with pytest.raises(RuntimeError):
        with opened.transaction() as sql:
            sql.execute("INSERT INTO app_state (key, value) VALUES ('k', 'v')")
            raise RuntimeError("boom")
    assert opened.connection.execute("SELECT COUNT(*) FROM app_state").fetchone() == (0,)
    assert not opened.connection.in_transaction


def test_the_file_is_in_wal_mode_for_other_programs_too(opened: Database, db_path: Path) -> None:
    raw = sqlite3.connect(db_path)
    try:
        assert raw.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    finally:
        raw.close()


# -- migrating ------------------------------------------------------------------------------------
def test_a_zero_byte_file_is_refused_untouched(tmp_path: Path) -> None:
    """A missing file is how a new database starts; an empty one was left by a run that failed, so it
    is not made into a new database here (services/opening.py moves it aside and offers a backup)."""
    path = tmp_path / "empty.sqlite3"
    path.touch()
    with pytest.raises(DatabaseError, match="empty file"):
        open_database(path)
    assert path.stat().st_size == 0
    assert sorted(p.name for p in tmp_path.iterdir()) == ["empty.sqlite3"]


def test_a_new_file_in_a_missing_folder_is_created_and_migrated(tmp_path: Path) -> None:
    path = tmp_path / "not" / "yet" / "there" / "workshops.sqlite3"
    assert not path.parent.exists()
    open_database(path).close()
    assert path.is_file()
    assert _tables(path) == APP_TABLES | {"alembic_version"}
    assert _revision_in_file(path) == [HEAD_REVISION]


def test_a_folder_that_cannot_be_created_is_a_database_error(tmp_path: Path) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder")
    with pytest.raises(DatabaseError, match="cannot be created"):
        open_database(blocker / "workshops.sqlite3")


def test_reopening_a_current_database_skips_alembic_and_keeps_data(
    db_path: Path, model: MaturityModel, monkeypatch: pytest.MonkeyPatch
) -> None:
    first = WorkshopService.open(db_path, model)
    made = first.start_workshop(WorkshopDraft("Platform team", "Spring review", date(2026, 3, 12)))
    first.save_note(made.id, "testing.consistent", "Keep me")
    first.close()

    import alembic.command

    def _must_not_run(*_args: object, **_kwargs: object) -> None:
        raise AssertionError("Alembic ran on a database that was already current")

    monkeypatch.setattr(alembic.command, "upgrade", _must_not_run)
    again = WorkshopService.open(db_path, model)
    try:
        state = again.load(made.id)
        assert state.workshop.title == "Spring review"
        assert state.notes == {"testing.consistent": "Keep me"}
        assert current_revision(db_path) == HEAD_REVISION
    finally:
        again.close()
    assert _revision_in_file(db_path) == [HEAD_REVISION]


def test_current_revision_of_an_empty_database_is_none(db_path: Path) -> None:
    connect(db_path).close()
    assert current_revision(db_path) is None


def test_a_rollback_journal_database_from_a_newer_version_is_refused_untouched(db_path: Path) -> None:
    """Not even the journal mode of a newer version's file is changed before it is refused."""
    raw = sqlite3.connect(db_path)
    raw.execute("CREATE TABLE alembic_version (version_num VARCHAR(32) NOT NULL)")
    raw.execute("INSERT INTO alembic_version VALUES ('9999')")
    raw.commit()
    raw.close()
    before = db_path.read_bytes()
    with pytest.raises(DatabaseError, match="newer version"):
        open_database(db_path)
    assert db_path.read_bytes() == before


def test_a_database_from_a_newer_version_is_refused_untouched(db_path: Path) -> None:
    open_database(db_path).close()
    raw = sqlite3.connect(db_path)
    raw.execute("UPDATE alembic_version SET version_num = '9999'")
    raw.commit()
    raw.close()
    before = db_path.read_bytes()
    neighbours = sorted(p.name for p in db_path.parent.iterdir())

    with pytest.raises(DatabaseError) as info:
        open_database(db_path)
    message = str(info.value)
    assert "newer version" in message
    assert "9999" in message
    assert db_path.read_bytes() == before
    assert sorted(p.name for p in db_path.parent.iterdir()) == neighbours
    assert _revision_in_file(db_path) == ["9999"]


def test_a_file_that_is_not_a_database_is_a_database_error(db_path: Path) -> None:
    db_path.write_bytes(b"This is a text file, not SQLite. " * 100)
    before = db_path.read_bytes()
    with pytest.raises(DatabaseError):
        open_database(db_path)
    assert db_path.read_bytes() == before


def test_migrations_dir_exists() -> None:
    assert (engine_module.MIGRATIONS_DIR / "env.py").is_file()
    assert (engine_module.MIGRATIONS_DIR / "versions").is_dir()
