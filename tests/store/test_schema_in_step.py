"""The repository's SQL and the SQLModel tables describe the same schema, checked by reading both
rather than only by what happens when the SQL runs: the columns every statement names exist, every
INSERT names each column SQL could not fill itself, and times are the text SQLAlchemy stores."""

from __future__ import annotations

import sqlite3
from datetime import UTC, date, datetime, timedelta, timezone
from pathlib import Path

import pytest
from sqlalchemy import Table, create_engine
from sqlmodel import Session, SQLModel, select

from maturity_workshop.store import repository, rows, votes
from maturity_workshop.store.tables import ActionRow, TeamRow, WorkshopRow

TABLES = SQLModel.metadata.tables
ALIASES = {"w": "workshop", "t": "team"}  # as in the repository's workshop query


def _column_names(table: str) -> set[str]:
    return {column.name for column in TABLES[table].columns}


def _must_be_named(table: Table) -> set[str]:
    """The columns an INSERT must name: NOT NULL, with no default SQL knows of (a Python-side
    default such as the tables' ``default_factory`` does nothing for the repository's SQL), and not
    the integer primary key SQLite numbers itself."""
    return {
        column.name
        for column in table.columns
        if not column.nullable
        and column.server_default is None
        and not (column.primary_key and column.autoincrement in (True, "auto") and column.type.python_type is int)
    }


def test_the_workshop_query_names_columns_of_its_tables() -> None:
    for qualified in repository.WORKSHOP_COLUMNS:
        alias, name = qualified.split(".")
        assert name in _column_names(ALIASES[alias]), qualified


def test_the_team_query_names_columns_of_the_team_table() -> None:
    assert set(repository.TEAM_COLUMNS) <= _column_names("team")
    assert len(set(repository.TEAM_COLUMNS)) == len(repository.TEAM_COLUMNS)
    assert "is_demo" in repository.TEAM_COLUMNS and "is_demo" in repository.INSERT_COLUMNS["team"]


def test_the_action_query_names_columns_of_the_action_table() -> None:
    assert set(repository.ACTION_COLUMNS) <= _column_names("action")
    assert len(set(repository.ACTION_COLUMNS)) == len(repository.ACTION_COLUMNS)


def test_the_vote_queries_name_columns_of_their_tables() -> None:
    assert set(votes.ROUND_COLUMNS) <= _column_names("vote_round")
    aliases = {"v": "vote", "r": "vote_round"}
    for qualified in votes.VOTE_COLUMNS:
        alias, name = qualified.split(".")
        assert name in _column_names(aliases[alias]), qualified


def test_the_editable_workshop_fields_are_columns() -> None:
    assert repository.WorkshopRepository._EDITABLE_FIELDS <= _column_names("workshop")


@pytest.mark.parametrize("table", sorted(repository.INSERT_COLUMNS))
def test_each_insert_names_existing_columns_and_every_required_one(table: str) -> None:
    named = repository.INSERT_COLUMNS[table]
    assert len(set(named)) == len(named), table
    assert set(named) <= _column_names(table), set(named) - _column_names(table)
    assert _must_be_named(TABLES[table]) <= set(named), _must_be_named(TABLES[table]) - set(named)


def test_the_repository_inserts_into_every_table_the_app_writes() -> None:
    assert set(repository.INSERT_COLUMNS) == set(TABLES)


@pytest.fixture
def sqlmodel_engine(tmp_path: Path):
    engine = create_engine(f"sqlite:///{tmp_path / 'schema.sqlite3'}")
    SQLModel.metadata.create_all(engine)
    yield engine
    engine.dispose()


MOMENTS = [
    datetime(2026, 3, 12, 9, 15, 2, 123456, tzinfo=UTC),
    datetime(2026, 3, 12, 9, 15, 2, tzinfo=UTC),  # no microseconds: still six zeros
    datetime(2025, 12, 31, 23, 59, 59, 999999, tzinfo=timezone(timedelta(hours=-5))),  # stored as UTC
]


@pytest.mark.parametrize("moment", MOMENTS, ids=["micro", "whole-second", "other-zone"])
def test_times_are_stored_as_sqlalchemy_stores_them(sqlmodel_engine, moment: datetime) -> None:
    with Session(sqlmodel_engine) as session:
        session.add(TeamRow(id=1, name="Team", name_key="team", uuid="t", created_at=moment, updated_at=moment))
        session.add(
            WorkshopRow(id=1, team_id=1, title="T", held_on=date(2026, 3, 12), model_id="m", model_version="1",
                        uuid="w", created_at=moment, updated_at=moment)
        )
        session.add(ActionRow(workshop_id=1, practice_id="p", title="a", due_on=date(2026, 4, 1),
                              created_at=moment, updated_at=moment))
        session.commit()
    raw = sqlite3.connect(sqlmodel_engine.url.database)
    try:
        (created_at,) = raw.execute("SELECT created_at FROM team").fetchone()
        held_on, due_on = raw.execute("SELECT w.held_on, a.due_on FROM workshop w JOIN action a").fetchone()
    finally:
        raw.close()
    assert created_at == rows.to_text(moment)
    assert rows.to_time(created_at) == moment
    assert (held_on, due_on) == ("2026-03-12", "2026-04-01")  # what the repository writes: date.isoformat()


def test_sqlalchemy_reads_the_times_the_repository_writes(sqlmodel_engine) -> None:
    moment = MOMENTS[0]
    raw = sqlite3.connect(sqlmodel_engine.url.database)
    try:
        raw.execute(
            "INSERT INTO team (id, name, name_key, uuid, created_at, updated_at) VALUES (1, 'T', 't', 'u', ?, ?)",
            (rows.to_text(moment), rows.to_text(moment)),
        )
        raw.commit()
    finally:
        raw.close()
    with Session(sqlmodel_engine) as session:
        team = session.exec(select(TeamRow)).one()
    assert team.created_at == moment
