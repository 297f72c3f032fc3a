"""The organisation database as its administrator sets it up: the set-up script, the schema's own
Alembic chain in step with the SQLModel tables, and row-level security: a facilitator changes only
the workshops their role published, a reader changes nothing."""

from __future__ import annotations

import uuid
from datetime import UTC, date, datetime

import pytest
from sqlalchemy.exc import DBAPIError

from maturity_workshop.org.connection import OrgError, create_engine, parse_url
from maturity_workshop.org.schema import ORG_HEAD_REVISION, check, known_revisions, server_revision, upgrade
from maturity_workshop.org.tables import SCHEMA, OrgTable

from .roles import ADMIN

TABLES = ("team", "workshop", "rating", "cell_note", "action", "practice_time", "vote_round")


def _engine(org_database, role):
    return create_engine(parse_url(org_database.url(role)))


def test_the_chain_ends_at_the_head_the_app_checks() -> None:
    assert known_revisions()[0] == ORG_HEAD_REVISION


def test_the_migrated_schema_is_the_tables_declared(org_database) -> None:
    from alembic.autogenerate import compare_metadata
    from alembic.migration import MigrationContext

    engine = _engine(org_database, ADMIN)
    try:
        with engine.connect() as connection:
            context = MigrationContext.configure(
                connection, opts={"include_schemas": True, "version_table_schema": SCHEMA, "compare_type": True,
                                  "include_name": lambda name, kind, parent: kind != "schema" or name == SCHEMA},
            )  # fmt: skip
            differences = compare_metadata(context, OrgTable.metadata)
    finally:
        engine.dispose()
    assert differences == []


def test_every_table_has_row_level_security_enabled_and_forced(org_database) -> None:
    rows = org_database.sql(
        "SELECT c.relname, c.relrowsecurity, c.relforcerowsecurity, pg_get_userbyid(c.relowner) FROM pg_class c "
        f"JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = '{SCHEMA}' AND c.relkind = 'r' "
        "AND c.relname != 'alembic_version'"
    )
    assert sorted(r[0] for r in rows) == sorted(TABLES)
    assert all(r[1] and r[2] and r[3] == "maturity_owner" for r in rows), rows


def _publish_workshop(org_database, role: str) -> uuid.UUID:
    team, workshop = uuid.uuid4(), uuid.uuid4()
    now = datetime(2026, 11, 30, 9, 0, tzinfo=UTC).isoformat()
    org_database.sql(
        f"INSERT INTO {SCHEMA}.team (uuid, name, name_key) VALUES ('{team}', 'Payments {team.hex[:6]}', "
        f"'payments {team.hex[:6]}'); "
        f"INSERT INTO {SCHEMA}.workshop (uuid, team_uuid, title, held_on, facilitator, participant_count, model_id, "
        f"model_version, closed, created_at, updated_at, content_hash) VALUES ('{workshop}', '{team}', 'Review', "
        f"'{date(2026, 11, 30)}', 'Ada', 9, 'cd-maturity', '1.0', false, '{now}', '{now}', 'h1'); "
        f"INSERT INTO {SCHEMA}.rating VALUES ('{workshop}', 'build-ci', 1, 2)",
        role=role,
    )
    return workshop


def test_a_workshop_is_its_publishers_and_another_facilitator_cannot_change_or_delete_it(org_database) -> None:
    workshop = _publish_workshop(org_database, "alice")
    assert org_database.sql(f"SELECT published_by FROM {SCHEMA}.workshop") == [("alice",)]

    # bob sees it, but his update and delete reach no row of it, nor of its parts
    assert org_database.sql(f"SELECT count(*) FROM {SCHEMA}.workshop", role="bob") == [(1,)]
    assert org_database.sql(
        f"UPDATE {SCHEMA}.workshop SET title = 'Taken' WHERE uuid = '{workshop}' RETURNING uuid", role="bob") == []
    assert org_database.sql(f"DELETE FROM {SCHEMA}.workshop WHERE uuid = '{workshop}' RETURNING uuid", role="bob") == []
    assert org_database.sql(f"DELETE FROM {SCHEMA}.rating RETURNING practice_id", role="bob") == []
    assert org_database.sql(f"UPDATE {SCHEMA}.rating SET current_level = 3 RETURNING 1", role="bob") == []
    with pytest.raises(DBAPIError, match="row-level security"):
        org_database.sql(f"INSERT INTO {SCHEMA}.rating VALUES ('{workshop}', 'testing', 3, 3)", role="bob")
    with pytest.raises(DBAPIError, match="row-level security"):  # nor pass a workshop off as another's
        org_database.sql(f"UPDATE {SCHEMA}.workshop SET published_by = 'bob' RETURNING 1", role="alice")
    assert org_database.sql(f"SELECT title, published_by FROM {SCHEMA}.workshop") == [("Review", "alice")]
    assert org_database.sql(f"SELECT practice_id, current_level FROM {SCHEMA}.rating") == [("build-ci", 1)]

    # alice may
    assert org_database.sql(f"UPDATE {SCHEMA}.rating SET current_level = 2 RETURNING 1", role="alice") == [(1,)]
    assert org_database.sql(
        f"DELETE FROM {SCHEMA}.workshop WHERE uuid = '{workshop}' RETURNING 1", role="alice") == [(1,)]
    assert org_database.sql(f"SELECT count(*) FROM {SCHEMA}.rating") == [(0,)]  # its parts went with it


def test_a_facilitator_cannot_publish_in_another_roles_name(org_database) -> None:
    with pytest.raises(DBAPIError, match="row-level security"):
        org_database.sql(
            f"INSERT INTO {SCHEMA}.team (uuid, name, name_key, published_by) VALUES "
            f"('{uuid.uuid4()}', 'X', 'x', 'alice')", role="bob")


def test_a_reader_reads_everything_and_changes_nothing(org_database) -> None:
    _publish_workshop(org_database, "alice")
    assert org_database.sql(f"SELECT count(*) FROM {SCHEMA}.rating", role="carol") == [(1,)]
    for statement in (f"DELETE FROM {SCHEMA}.workshop", f"UPDATE {SCHEMA}.team SET name = 'x'",
                      f"INSERT INTO {SCHEMA}.team (uuid, name, name_key) VALUES ('{uuid.uuid4()}', 'Y', 'y')"):
        with pytest.raises(DBAPIError, match="permission denied"):
            org_database.sql(statement, role="carol")


def test_a_stranger_role_cannot_even_connect(org_database) -> None:
    org_database.sql("DO $$ BEGIN IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'mallory') THEN "
                     "CREATE ROLE mallory LOGIN; END IF; END $$")
    with pytest.raises(DBAPIError, match="permission denied for database"):
        org_database.sql("SELECT 1", role="mallory")


def test_the_client_refuses_a_server_without_tables_or_with_a_newer_schema(org_database) -> None:
    engine = _engine(org_database, "alice")
    try:
        with engine.connect() as connection:
            assert server_revision(connection) == ORG_HEAD_REVISION
            check(connection)
        org_database.sql(f"UPDATE {SCHEMA}.alembic_version SET version_num = 'o0099'")
        with engine.connect() as connection, pytest.raises(OrgError, match="newer Maturity Workshop"):
            check(connection)
        admin = _engine(org_database, ADMIN)
        try:
            with pytest.raises(OrgError, match="newer than this app"):
                upgrade(admin)
        finally:
            admin.dispose()
        org_database.sql(f"DROP TABLE {SCHEMA}.alembic_version")
        with engine.connect() as connection, pytest.raises(OrgError, match="no Maturity Workshop tables"):
            check(connection)
    finally:
        engine.dispose()


def test_upgrading_a_schema_at_its_head_changes_nothing(org_database) -> None:
    admin = _engine(org_database, ADMIN)
    try:
        assert upgrade(admin) == (ORG_HEAD_REVISION, ORG_HEAD_REVISION)
    finally:
        admin.dispose()



def test_org_schema_makes_the_tables_of_a_new_database_and_then_says_it_is_up_to_date(
    empty_org_database, capsys
) -> None:
    """As the README has the administrator do it: the set-up script (run again, for a database of
    another name: it changes nothing already there), then ``org-schema`` as maturity_admin."""
    from maturity_workshop.cli import main

    url = empty_org_database.url(ADMIN)
    assert empty_org_database.sql(f"SELECT to_regclass('{SCHEMA}.workshop')") == [(None,)]
    assert main(["org-schema", "--url", url]) == 0
    assert f"now has schema {ORG_HEAD_REVISION} (it had no tables)" in capsys.readouterr().out
    assert main(["org-schema", "--url", url]) == 0
    assert f"is up to date (schema {ORG_HEAD_REVISION})" in capsys.readouterr().out
    assert empty_org_database.sql(f"SELECT pg_get_userbyid(relowner) FROM pg_class WHERE oid = "
                                  f"'{SCHEMA}.workshop'::regclass") == [("maturity_owner",)]


def test_org_schema_by_a_facilitator_is_refused_with_a_message(empty_org_database, capsys) -> None:
    from maturity_workshop.cli import main

    assert main(["org-schema", "--url", empty_org_database.url("alice")]) == 1
    said = capsys.readouterr().err
    assert said.startswith("maturity-workshop: The organisation database") and "Traceback" not in said


def test_o0002_keeps_every_action_and_keys_each_within_its_workshop(empty_org_database) -> None:
    """A database made at o0001 with a published workshop, upgraded: its rows are all there, and an
    action of another facilitator's workshop may now carry the same UUID (taken, it blocked nobody)."""
    admin = _engine(empty_org_database, ADMIN)
    try:
        assert upgrade(admin, to="o0001") == (None, "o0001")
        workshop = _publish_workshop(empty_org_database, "alice")
        taken = uuid.uuid4()
        empty_org_database.sql(
            f"INSERT INTO {SCHEMA}.action (uuid, workshop_uuid, practice_id, title, owner, status, priority, position) "
            f"VALUES ('{taken}', '{workshop}', 'build-ci', 'Cache the dependencies', 'Grace', 'open', 'high', 0)",
            role="alice",
        )
        before = empty_org_database.sql(f"SELECT uuid, workshop_uuid, title FROM {SCHEMA}.action")
        assert upgrade(admin) == ("o0001", ORG_HEAD_REVISION)
    finally:
        admin.dispose()
    assert empty_org_database.sql(f"SELECT uuid, workshop_uuid, title FROM {SCHEMA}.action") == before
    bobs = _publish_workshop(empty_org_database, "bob")
    empty_org_database.sql(
        f"INSERT INTO {SCHEMA}.action (uuid, workshop_uuid, practice_id, title, owner, status, priority, position) "
        f"VALUES ('{taken}', '{bobs}', 'testing', 'Same key, his own workshop', '', 'open', 'low', 0)", role="bob")
    assert len(empty_org_database.sql(f"SELECT 1 FROM {SCHEMA}.action WHERE uuid = '{taken}'")) == 2
    with pytest.raises(DBAPIError, match="duplicate key"):  # within one workshop, still one a key
        empty_org_database.sql(
            f"INSERT INTO {SCHEMA}.action (uuid, workshop_uuid, practice_id, title, owner, status, priority, position) "
            f"VALUES ('{taken}', '{bobs}', 'testing', 'Again', '', 'open', 'low', 1)", role="bob")
