"""Migrations keep every row: a fixture database per schema revision (``tests/fixtures/``, made by
``make_fixtures.py``) is upgraded, copy by copy, and every row of every table must come through
unchanged; the database as it was is backed up before any revision runs."""

from __future__ import annotations

import importlib.util
import logging
import shutil
import sqlite3
from pathlib import Path

import pytest

from maturity_workshop.domain import PracticeTime, Rating, team_key
from maturity_workshop.services import WorkshopService
from maturity_workshop.store import engine as engine_module
from maturity_workshop.store.backups import list_backups
from maturity_workshop.store.engine import HEAD_REVISION, DatabaseError, current_revision, open_database

from ..conditions import backup_folder_blocked

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"
REVISIONS = sorted(p.name.split("_", 1)[0] for p in (engine_module.MIGRATIONS_DIR / "versions").glob("*.py"))


def _load_maker():
    spec = importlib.util.spec_from_file_location("make_fixtures", FIXTURES / "make_fixtures.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


MAKER = _load_maker()


def _dump(path: Path) -> dict[str, list[tuple]]:
    """Every row of every table but Alembic's, in primary-key order."""
    connection = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
    try:
        tables = [
            name
            for (name,) in connection.execute(
                "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' "
                "AND name != 'alembic_version' ORDER BY name"
            )
        ]
        return {table: connection.execute(f"SELECT * FROM {table} ORDER BY 1").fetchall() for table in tables}
    finally:
        connection.close()


def _columns(path: Path, table: str) -> list[str]:
    connection = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
    try:
        return [row[1] for row in connection.execute(f"PRAGMA table_info({table})")]
    finally:
        connection.close()


def _copy(revision: str, tmp_path: Path) -> Path:
    target = tmp_path / "workshops.sqlite3"
    shutil.copyfile(FIXTURES / f"schema-{revision}.sqlite3", target)
    return target


def test_there_is_a_fixture_for_every_revision() -> None:
    """A new revision needs its fixture: add its rows to make_fixtures.py and run it."""
    assert REVISIONS and REVISIONS[-1] == HEAD_REVISION
    assert sorted(MAKER.ROWS) == REVISIONS
    for revision in REVISIONS:
        assert (FIXTURES / f"schema-{revision}.sqlite3").is_file(), revision
        assert current_revision(FIXTURES / f"schema-{revision}.sqlite3") == revision


@pytest.mark.parametrize("revision", REVISIONS)
def test_each_fixture_holds_the_rows_its_maker_put_in(revision: str) -> None:
    """The committed files are what make_fixtures.py makes (and hold many scripts, not only ASCII)."""
    dumped = _dump(FIXTURES / f"schema-{revision}.sqlite3")
    expected = MAKER.ROWS[revision]
    assert {table: rows for table, rows in dumped.items() if rows} == {
        table: sorted(rows) for table, rows in expected.items()
    }
    texts = " ".join(str(value) for rows in dumped.values() for row in rows for value in row)
    for sample in ("Équipe", "数据平台组", "🚀", "Кириллица", "Ελληνικά", "リリース", "<b>Kick-off</b>"):
        assert sample in texts


@pytest.mark.parametrize("revision", REVISIONS)
def test_upgrading_a_fixture_keeps_every_row(revision: str, tmp_path: Path) -> None:
    path = _copy(revision, tmp_path)
    before = _dump(path)
    assert sum(len(rows) for rows in before.values()) > 20

    open_database(path).close()

    assert current_revision(path) == HEAD_REVISION
    after = _dump(path)
    for table, rows in before.items():
        old_columns = _columns(FIXTURES / f"schema-{revision}.sqlite3", table)
        new_columns = _columns(path, table)
        assert len(after[table]) == len(rows), table
        kept = [tuple(row[new_columns.index(c)] for c in old_columns) for row in after[table]]
        assert kept == rows, table
    for table in set(after) - set(before):  # tables the newer revisions add start empty
        assert after[table] == [], table


@pytest.mark.parametrize("revision", REVISIONS)
def test_the_app_reads_an_upgraded_fixture(revision: str, tmp_path: Path, model) -> None:
    service = WorkshopService.open(_copy(revision, tmp_path), model)
    try:
        teams = [team.name for team in service.list_teams()]
        assert teams == sorted(teams, key=str.casefold)
        assert sorted(teams) == sorted(row[1] for row in MAKER.ROWS[revision]["team"])
        state = service.load(4)
        assert state.workshop.title == "季度成熟度评估"
        assert state.workshop.closed
        assert state.rating("release-compliance") == Rating("release-compliance", 1, 1)
        assert "Кириллица" in state.notes["release-compliance.repeatable"]
        assert len(service.load(2).notes["configuration-management.optimising"]) == len(MAKER.LONG_NOTE)
        assert service.last_workshop_id() == 3
        carried = {a.title: a.carried_from_id for a in service.load(2).actions}
        if revision >= "0002":
            assert carried == {"Quarantine flaky tests": 2, "Contract tests in the pipeline": None}
        else:
            assert carried == {}
        times = service.load(2).times
        if revision >= "0004":
            assert times["build-ci"] == PracticeTime("build-ci", 15, 1020)
            assert service.load(4).times["release-compliance"].spent_seconds == 36_000
        else:
            assert times == {}, "a workshop made before agendas has none"
    finally:
        service.close()


def test_teams_whose_names_look_alike_are_kept_apart_with_a_warning(
    tmp_path: Path, caplog: pytest.LogCaptureFixture, model
) -> None:
    """Revision 0003 gives each team its name's key, unique: of two teams whose keys collide (made
    when names were compared by casefold() alone), both are kept, the later one's key is made
    unique, and a warning names both."""
    path = _copy("0002", tmp_path)
    with caplog.at_level(logging.WARNING, logger="maturity_workshop.store.migrations"):
        open_database(path).close()

    after = _dump(path)["team"]
    assert len(after) == len(MAKER.ROWS["0002"]["team"])
    keys = {row[0]: row[_columns(path, "team").index("name_key")] for row in after}
    assert keys == MAKER.TEAM_KEYS
    assert keys[1] == team_key("Platform team") and keys[6] == team_key("ＰＬＡＴＦＯＲＭ ＴＥＡＭ") + " #6"
    warnings = [r.getMessage() for r in caplog.records if r.levelno == logging.WARNING]
    assert len(warnings) == 2
    names = {team_id: name for team_id, name, *_ in MAKER.ROWS["0002"]["team"]}
    for first, later in ((2, 5), (1, 6)):
        (said,) = [w for w in warnings if f"(id {later})" in w]
        assert repr(names[first]) in said and repr(names[later]) in said and f"(id {first})" in said

    service = WorkshopService.open(path, model)
    try:
        assert service.repo.get_or_create_team("platform TEAM").id == 1  # the team made first keeps its key
        assert service.previous_workshop(names[6]).team_id == 1
        assert len(service.list_teams()) == len(names)
    finally:
        service.close()


def test_the_upgraded_teams_are_those_of_the_0003_fixture(tmp_path: Path) -> None:
    path = _copy("0002", tmp_path)
    open_database(path).close()
    columns = _columns(FIXTURES / "schema-0003.sqlite3", "team")
    assert [row[: len(columns)] for row in _dump(path)["team"]] == sorted(MAKER.ROWS["0003"]["team"])
    assert _columns(path, "team")[: len(columns)] == columns


def _is_demo(path: Path) -> dict[int, int]:
    connection = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
    try:
        return dict(connection.execute("SELECT id, is_demo FROM team"))
    finally:
        connection.close()


@pytest.mark.parametrize("revision", [r for r in REVISIONS if r < "0005"])
def test_every_team_made_before_demo_teams_is_a_real_team(revision: str, tmp_path: Path, model) -> None:
    """Revision 0005 marks demo teams; the teams of an older database are all real ones."""
    path = _copy(revision, tmp_path)
    open_database(path).close()
    assert _is_demo(path) == {row[0]: 0 for row in MAKER.ROWS[revision]["team"]}
    service = WorkshopService.open(path, model)
    try:
        assert [team.is_demo for team in service.list_teams()] == [False] * len(MAKER.ROWS[revision]["team"])
        assert service.repo.find_team("Platform team").is_demo is False
    finally:
        service.close()


def test_the_demo_team_stays_a_demo_team(tmp_path: Path, model) -> None:
    path = _copy("0005", tmp_path)
    assert _is_demo(path)[MAKER.DEMO_TEAM[0]] == 1
    service = WorkshopService.open(path, model)
    try:
        demo = {team.name: team.is_demo for team in service.list_teams()}
        assert demo == {row[1]: bool(row[-1]) for row in MAKER.ROWS["0005"]["team"]}
        assert demo[MAKER.DEMO_TEAM[1]] is True and list(demo.values()).count(True) == 1
        assert service.previous_workshop(MAKER.DEMO_TEAM[1]).id == 7
        assert {a.title: a.carried_from_id for a in service.load(7).actions} == {
            "Add a build dashboard to the team room": 7
        }
    finally:
        service.close()
    assert _is_demo(path)[MAKER.DEMO_TEAM[0]] == 1


def test_the_rounds_of_votes_come_through(tmp_path: Path, model) -> None:
    """Revision 0006's rounds and votes read back as the fixture holds them: each state, named and
    anonymous, a practice voted twice (the later reveal stands), a round left open."""
    from maturity_workshop.domain.voting import RoundState
    from maturity_workshop.services.voting import VotingService

    service = WorkshopService.open(_copy("0006", tmp_path), model)
    try:
        voting = VotingService(service)
        rounds = voting.rounds_of(2)
        assert [(r.round.id, r.round.practice_id, r.round.state) for r in rounds] == [
            (1, "build-ci", RoundState.REVEALED), (2, "testing", RoundState.CANCELLED), (3, "build-ci", RoundState.REVEALED),
        ]
        assert [(v.voter, v.level) for v in rounds[1].votes] == [("Zoë Müller-Łukasiewicz", 2), ("王芳", 0)]
        assert rounds[1].round.named and not rounds[0].round.named
        assert voting.standing(2)["build-ci"].round.id == 3
        assert voting.tally(rounds[2]).words == "3 votes · median 1 · spread 1: agreed"
        assert voting.tally(rounds[0]).counts == {-1: 0, 0: 1, 1: 1, 2: 0, 3: 1}
        left_open = voting.open_round_of(3)
        assert left_open.id == 4 and left_open.phone_cap == 500
        assert [v.level for v in voting.rounds_of(3)[0].votes] == [-1, 3]
        assert voting.reopen(4) == left_open
        assert [r.round.id for r in voting.rounds_of(7)] == [5]
    finally:
        service.close()


def _indexes(path: Path, table: str) -> dict[str, list[str]]:
    """The indexes of ``table`` that were declared (not SQLite's own), each with its columns in order."""
    connection = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
    try:
        names = [row[1] for row in connection.execute(f"PRAGMA index_list({table})") if row[3] == "c"]
        return {name: [row[2] for row in connection.execute(f"PRAGMA index_info({name})")] for name in names}
    finally:
        connection.close()


def _plan(path: Path, query: str) -> str:
    connection = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
    try:
        return " / ".join(row[-1] for row in connection.execute(f"EXPLAIN QUERY PLAN {query}", (1,)))
    finally:
        connection.close()


@pytest.mark.parametrize("revision", REVISIONS)
def test_a_teams_history_is_read_by_its_indexes(revision: str, tmp_path: Path) -> None:
    """From revision 0005: a team's workshops in the order held come from one index, in its order
    (no sorting), which also serves the look-ups by team alone the index on team_id served; and the
    action carrying another over is found by the index on carried_from_id."""
    path = _copy(revision, tmp_path)
    open_database(path).close()
    workshop_indexes = _indexes(path, "workshop")
    assert workshop_indexes["ix_workshop_team_held_on"] == ["team_id", "held_on", "id"]
    assert "ix_workshop_team_id" not in workshop_indexes
    assert _indexes(path, "action")["ix_action_carried_from_id"] == ["carried_from_id"]
    history = _plan(path, "SELECT id FROM workshop WHERE team_id = ? ORDER BY held_on, id")
    assert "ix_workshop_team_held_on" in history and "TEMP B-TREE" not in history
    assert "ix_workshop_team_held_on" in _plan(path, "SELECT 1 FROM workshop WHERE team_id = ?")
    assert "ix_action_carried_from_id" in _plan(path, "SELECT id FROM action WHERE carried_from_id = ?")


def test_an_old_database_is_backed_up_before_it_is_migrated(tmp_path: Path) -> None:
    path = _copy("0001", tmp_path)
    original = _dump(path)
    open_database(path).close()
    backups = list_backups(path)
    assert len(backups) == 1
    assert current_revision(backups[0].path) == "0001"
    assert _dump(backups[0].path) == original


def test_a_current_database_is_not_backed_up_on_opening(tmp_path: Path) -> None:
    path = _copy(HEAD_REVISION, tmp_path)
    open_database(path).close()
    assert list_backups(path) == []


def test_a_failed_backup_stops_the_migration(tmp_path: Path) -> None:
    path = _copy("0001", tmp_path)
    before = path.read_bytes()
    with backup_folder_blocked(path), pytest.raises(DatabaseError, match="was not upgraded.*File exists"):
        open_database(path)
    assert path.read_bytes() == before
    assert current_revision(path) == "0001"
