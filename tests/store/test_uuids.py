"""Revision 0007's UUIDs: a database migrated on two copies, or an old backup restored and migrated
again, gives every team and workshop the same UUID (so nothing is published twice); new teams and
workshops get theirs by the same derivation; no two rows share one."""

from __future__ import annotations

import importlib.util
import shutil
import sqlite3
from datetime import UTC, datetime
from pathlib import Path

import pytest

from maturity_workshop.domain import team_key
from maturity_workshop.domain.identity import team_uuid, workshop_uuid
from maturity_workshop.store.backups import list_backups
from maturity_workshop.store.engine import MIGRATIONS_DIR, open_database
from maturity_workshop.store.repository import WorkshopRepository

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"
REVISIONS = sorted(p.name.split("_", 1)[0] for p in (MIGRATIONS_DIR / "versions").glob("*.py"))
_SPEC = importlib.util.spec_from_file_location("make_fixtures", FIXTURES / "make_fixtures.py")
MAKER = importlib.util.module_from_spec(_SPEC)
_SPEC.loader.exec_module(MAKER)


def _uuids(path: Path) -> dict[str, dict[int, str]]:
    connection = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
    try:
        return {table: dict(connection.execute(f"SELECT id, uuid FROM {table}")) for table in ("team", "workshop")}
    finally:
        connection.close()


def _migrated_copy(revision: str, folder: Path) -> Path:
    folder.mkdir()
    path = folder / "workshops.sqlite3"
    shutil.copyfile(FIXTURES / f"schema-{revision}.sqlite3", path)
    open_database(path).close()
    return path


HEAD_UUIDS = _uuids(FIXTURES / "schema-0007.sqlite3")


@pytest.mark.parametrize("revision", [r for r in REVISIONS if r < "0007"])
def test_every_older_database_gets_the_uuids_the_derivation_gives(revision: str, tmp_path: Path) -> None:
    """The fixture of 0007 holds make_fixtures.py's UUIDs, from domain.identity; each older fixture
    migrated gets exactly those for the rows it holds."""
    uuids = _uuids(_migrated_copy(revision, tmp_path / "laptop"))
    for table in ("team", "workshop"):
        assert uuids[table] == {i: HEAD_UUIDS[table][i] for i in uuids[table]}, table
        assert len(uuids[table]) == len({row[0] for row in MAKER.ROWS[revision][table]})


def test_two_copies_migrated_apart_give_the_same_uuids(tmp_path: Path) -> None:
    one = _uuids(_migrated_copy("0006", tmp_path / "one"))
    other = _uuids(_migrated_copy("0006", tmp_path / "other"))
    assert one == other == HEAD_UUIDS
    assert len(set(one["team"].values())) == len(one["team"]) and len(set(one["workshop"].values())) == 7


def test_an_old_backup_restored_and_migrated_again_gives_the_same_uuids(tmp_path: Path) -> None:
    live = _migrated_copy("0003", tmp_path / "live")
    (backup,) = list_backups(live)  # the file as it was, taken before the migration
    restored = tmp_path / "restored" / "workshops.sqlite3"
    restored.parent.mkdir()
    shutil.copyfile(backup.path, restored)
    open_database(restored).close()
    assert _uuids(restored) == _uuids(live)


def test_the_uuids_come_from_the_fields_that_never_change(tmp_path: Path) -> None:
    path = _migrated_copy("0006", tmp_path / "laptop")
    team_rows = {team[0]: team for team in MAKER.ROWS["0006"]["team"]}
    for team_id, uuid in _uuids(path)["team"].items():
        assert uuid == team_uuid(team_rows[team_id][4])  # its name_key
    for w in MAKER.ROWS["0006"]["workshop"]:
        created = datetime.fromisoformat(w[9]).replace(tzinfo=UTC)
        assert HEAD_UUIDS["workshop"][w[0]] == workshop_uuid(team_uuid(team_rows[w[1]][4]), created, w[0])


def _create(repo: WorkshopRepository, team: str):
    found = repo.get_or_create_team(team)
    return repo.create_workshop(found.id, "Review", datetime(2026, 3, 1).date(), "", 0, "cd-maturity", "1.0", [])


def test_new_teams_and_workshops_get_their_uuids(tmp_path: Path) -> None:
    moment = datetime(2026, 3, 12, 9, 15, 2, 123456, tzinfo=UTC)
    database = open_database(tmp_path / "workshops.sqlite3")
    try:
        repo = WorkshopRepository(database, clock=lambda: moment)
        first, second = _create(repo, "Straße Team"), _create(repo, "STRASSE team")  # one team, one microsecond
        team = repo.find_team("strasse team")
        assert team.uuid == team_uuid(team_key("Straße Team"))
        assert first.uuid == workshop_uuid(team.uuid, moment, first.id)
        assert second.uuid == workshop_uuid(team.uuid, moment, second.id) != first.uuid
        assert repo.get_workshop(second.id).uuid == second.uuid
        assert [t.uuid for t in repo.list_teams()] == [team.uuid]
        repo.delete_workshop(second.id)
        third = _create(repo, "Straße Team")
        assert third.id == second.id and third.uuid == second.uuid  # the id SQLite would have given, reused
        assert _uuids(tmp_path / "workshops.sqlite3")["workshop"] == {first.id: first.uuid, third.id: third.uuid}
    finally:
        database.close()


def test_the_same_team_on_two_laptops_has_one_uuid(tmp_path: Path) -> None:
    uuids = []
    for laptop, name in (("one", "Platform team"), ("two", "ＰＬＡＴＦＯＲＭ  team")):
        database = open_database(tmp_path / f"{laptop}.sqlite3")
        try:
            uuids.append(WorkshopRepository(database).get_or_create_team(name).uuid)
        finally:
            database.close()
    assert uuids[0] == uuids[1] == HEAD_UUIDS["team"][1]


@pytest.mark.parametrize("table", ["team", "workshop"])
def test_no_two_rows_share_a_uuid(table: str, tmp_path: Path) -> None:
    path = _migrated_copy("0006", tmp_path / "laptop")
    connection = sqlite3.connect(path)
    try:
        with pytest.raises(sqlite3.IntegrityError, match="UNIQUE constraint failed: .*uuid"):
            connection.execute(f"UPDATE {table} SET uuid = (SELECT uuid FROM {table} WHERE id = 1) WHERE id = 2")
        with pytest.raises(sqlite3.IntegrityError, match="NOT NULL constraint failed: .*uuid"):
            connection.execute(f"UPDATE {table} SET uuid = NULL WHERE id = 1")
    finally:
        connection.close()
