"""Opening a database read-only: it reads what the writer saved, and changes nothing at all."""

from __future__ import annotations

import hashlib
import sqlite3
from pathlib import Path

import pytest

from maturity_workshop.store.engine import (
    DatabaseError,
    ReadOnlyDatabaseError,
    open_database,
)


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.fixture
def made(db_path: Path) -> Path:
    database = open_database(db_path)
    with database.transaction() as sql:
        sql.execute("INSERT INTO app_state (key, value) VALUES ('k', 'saved')")
    database.close()
    return db_path


def test_a_read_only_database_reads(made: Path) -> None:
    database = open_database(made, read_only=True)
    try:
        assert database.read_only
        with database.snapshot() as sql:
            assert sql.execute("SELECT value FROM app_state WHERE key = 'k'").fetchone() == ("saved",)
    finally:
        database.close()


def test_a_read_only_database_refuses_every_change_with_its_reason(made: Path) -> None:
    database = open_database(made, read_only=True, read_only_reason="Not saved: because of the test.")
    try:
        with pytest.raises(ReadOnlyDatabaseError, match="because of the test"):
            with database.transaction() as sql:
                sql.execute("UPDATE app_state SET value = 'changed'")
        # Even SQL that goes round the transaction is refused by SQLite itself (mode=ro, query_only).
        with pytest.raises(sqlite3.Error):
            database.connection.execute("UPDATE app_state SET value = 'changed'")
    finally:
        database.close()
    raw = sqlite3.connect(made)
    try:
        assert raw.execute("SELECT value FROM app_state WHERE key = 'k'").fetchone() == ("saved",)
    finally:
        raw.close()


def test_a_read_only_reader_sees_what_the_writer_commits_meanwhile(made: Path) -> None:
    writer = open_database(made)
    reader = open_database(made, read_only=True)
    try:
        with writer.transaction() as sql:
            sql.execute("UPDATE app_state SET value = 'newer' WHERE key = 'k'")
        with reader.snapshot() as sql:
            assert sql.execute("SELECT value FROM app_state WHERE key = 'k'").fetchone() == ("newer",)
    finally:
        reader.close()
        writer.close()


def test_a_database_needing_an_upgrade_is_not_opened_read_only(made: Path) -> None:
    raw = sqlite3.connect(made)
    raw.execute("UPDATE alembic_version SET version_num = '0001'")
    raw.commit()
    raw.close()
    before = _digest(made)
    with pytest.raises(DatabaseError, match="needs upgrading.*cannot be upgraded"):
        open_database(made, read_only=True)
    assert _digest(made) == before


def test_a_newer_database_is_not_opened_read_only(made: Path) -> None:
    raw = sqlite3.connect(made)
    raw.execute("UPDATE alembic_version SET version_num = '9999'")
    raw.commit()
    raw.close()
    with pytest.raises(DatabaseError, match="newer version"):
        open_database(made, read_only=True)


def test_a_missing_database_is_not_created_read_only(tmp_path: Path) -> None:
    path = tmp_path / "nothing" / "here.sqlite3"
    with pytest.raises(DatabaseError, match="does not exist"):
        open_database(path, read_only=True)
    assert not path.parent.exists()

