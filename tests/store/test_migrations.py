"""The Alembic revisions and the SQLModel tables describe the same schema."""

from __future__ import annotations

import configparser
import sqlite3
import subprocess
import sys
from pathlib import Path

from alembic.autogenerate import compare_metadata
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import UniqueConstraint, create_engine, inspect
from sqlmodel import SQLModel

from maturity_workshop.store import engine as engine_module
from maturity_workshop.store import tables  # noqa: F401  (registers the tables on the metadata)
from maturity_workshop.domain import Rating
from maturity_workshop.store.engine import HEAD_REVISION, current_revision, open_database
from maturity_workshop.store.integrity import APP_TABLES
from maturity_workshop.store.repository import WorkshopRepository

REPO_ROOT = Path(__file__).resolve().parents[2]
VERSIONS_DIR = engine_module.MIGRATIONS_DIR / "versions"


def _scripts() -> ScriptDirectory:
    config = Config()
    config.set_main_option("script_location", str(engine_module.MIGRATIONS_DIR))
    return ScriptDirectory.from_config(config)


def _config_for(db_path: Path) -> Config:
    config = Config()
    config.set_main_option("script_location", str(engine_module.MIGRATIONS_DIR))
    config.set_main_option("sqlalchemy.url", f"sqlite:///{db_path}")
    return config


def test_head_revision_is_alembics_single_head() -> None:
    scripts = _scripts()
    assert scripts.get_heads() == [HEAD_REVISION]
    assert scripts.get_current_head() == HEAD_REVISION


def test_revisions_form_one_unbroken_line() -> None:
    revisions = list(_scripts().walk_revisions())  # newest first
    assert revisions[0].revision == HEAD_REVISION
    assert revisions[-1].down_revision is None
    for newer, older in zip(revisions, revisions[1:]):
        assert newer.down_revision == older.revision
    assert len(revisions) == len(list(VERSIONS_DIR.glob("*.py")))


def test_each_revision_file_is_named_after_its_revision() -> None:
    """The app knows the revisions it can open by their file names (without loading Alembic)."""
    scripts = list(_scripts().walk_revisions())
    assert {Path(s.path).name.split("_", 1)[0]: s.revision for s in scripts} == {s.revision: s.revision for s in scripts}
    assert engine_module.known_revisions() == {s.revision for s in scripts}


def test_tables_and_migrations_agree(db_path: Path) -> None:
    open_database(db_path).close()
    engine = create_engine(f"sqlite:///{db_path}")
    try:
        with engine.connect() as connection:
            context = MigrationContext.configure(
                connection, opts={"compare_type": True, "render_as_batch": True}
            )
            differences = compare_metadata(context, SQLModel.metadata)
    finally:
        engine.dispose()
    assert differences == []


def test_unique_constraints_agree(db_path: Path) -> None:
    """compare_metadata skips unnamed unique constraints (like team.name), so compare them by columns."""

    def declared(table) -> set[frozenset[str]]:
        found = {
            frozenset(column.name for column in constraint.columns)
            for constraint in table.constraints
            if isinstance(constraint, UniqueConstraint)
        }
        found |= {frozenset(column.name for column in index.columns) for index in table.indexes if index.unique}
        return found | {frozenset({column.name}) for column in table.columns if column.unique}

    open_database(db_path).close()
    engine = create_engine(f"sqlite:///{db_path}")
    try:
        with engine.connect() as connection:
            inspector = inspect(connection)
            for name, table in SQLModel.metadata.tables.items():
                reflected = {frozenset(u["column_names"]) for u in inspector.get_unique_constraints(name)}
                reflected |= {
                    frozenset(i["column_names"]) for i in inspector.get_indexes(name) if i["unique"]
                }
                assert reflected == declared(table), name
    finally:
        engine.dispose()
    assert frozenset({"name"}) in declared(SQLModel.metadata.tables["team"])
    assert frozenset({"name_key"}) in declared(SQLModel.metadata.tables["team"])


def test_partial_indexes_agree(db_path: Path) -> None:
    """compare_metadata does not compare an index's WHERE (at most one open round per workshop)."""
    open_database(db_path).close()
    raw = sqlite3.connect(db_path)
    try:
        made = dict(raw.execute("SELECT name, sql FROM sqlite_master WHERE type = 'index' AND sql LIKE '%WHERE%'"))
    finally:
        raw.close()
    declared = {
        index.name: str(index.dialect_options["sqlite"]["where"])
        for table in SQLModel.metadata.tables.values()
        for index in table.indexes
        if index.dialect_options["sqlite"]["where"] is not None
    }
    assert declared == {"uq_vote_round_one_open": "state = 'open'"}
    assert set(made) == set(declared)
    for name, where in declared.items():
        assert made[name].endswith(f"WHERE {where}"), made[name]


def test_the_metadata_and_the_migrations_hold_the_same_tables(db_path: Path) -> None:
    """Every table the comparisons above go through, the action table (revision 0002) included: this
    list was written before that revision and left it out, so nothing said the comparison covered it.
    It is the list by which another program's database is told from ours (``integrity.APP_TABLES``)."""
    open_database(db_path).close()
    raw = sqlite3.connect(db_path)
    try:
        made = {name for (name,) in raw.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    finally:
        raw.close()
    assert set(SQLModel.metadata.tables) == APP_TABLES
    assert made - {"alembic_version"} == APP_TABLES


def test_every_revision_imports_sqlmodel() -> None:
    files = sorted(VERSIONS_DIR.glob("*.py"))
    assert files, f"no revisions in {VERSIONS_DIR}"
    lacking = [f.name for f in files if "import sqlmodel" not in f.read_text(encoding="utf-8")]
    assert lacking == []


def test_the_script_template_imports_sqlmodel() -> None:
    """New revisions are generated from the template, so it must import sqlmodel too."""
    template = engine_module.MIGRATIONS_DIR / "script.py.mako"
    assert "import sqlmodel" in template.read_text(encoding="utf-8")


def test_alembic_ini_points_at_the_apps_migrations() -> None:
    parser = configparser.ConfigParser()
    parser.read(REPO_ROOT / "alembic.ini", encoding="utf-8")
    location = REPO_ROOT / parser["alembic"]["script_location"]
    assert location.resolve() == engine_module.MIGRATIONS_DIR.resolve()


def test_upgrading_from_the_first_revision_keeps_every_row(db_path: Path) -> None:
    """A database made by the first release (schema 0001) opens with all its rows."""
    from alembic import command

    config = _config_for(db_path)
    command.upgrade(config, "0001")
    raw = sqlite3.connect(db_path)
    now = "2026-01-02 03:04:05.000000"
    raw.execute("INSERT INTO team (id, name, created_at, updated_at) VALUES (1, 'Old team', ?, ?)", (now, now))
    raw.execute(
        "INSERT INTO workshop (id, team_id, title, held_on, facilitator, participant_count, model_id, "
        "model_version, closed, created_at, updated_at) VALUES (1, 1, 'First', '2026-01-02', 'Ada', 7, "
        "'cd-maturity', '1.0', 0, ?, ?)",
        (now, now),
    )
    raw.execute(
        "INSERT INTO rating (workshop_id, practice_id, current_level, target_level, created_at, updated_at) "
        "VALUES (1, 'testing', 1, 2, ?, ?)",
        (now, now),
    )
    raw.execute(
        "INSERT INTO cell_note (workshop_id, cell_id, text, created_at, updated_at) "
        "VALUES (1, 'testing.consistent', 'kept', ?, ?)",
        (now, now),
    )
    raw.commit()
    raw.close()

    database = open_database(db_path)
    try:
        state = WorkshopRepository(database).load_state(1)
    finally:
        database.close()
    assert (state.workshop.team_name, state.workshop.title, state.workshop.facilitator) == ("Old team", "First", "Ada")
    assert state.rating("testing") == Rating("testing", 1, 2)
    assert state.notes == {"testing.consistent": "kept"}
    assert state.actions == []
    assert current_revision(db_path) == HEAD_REVISION


def test_a_made_up_team_key_never_takes_another_teams_key(db_path: Path) -> None:
    """Revision 0003 tells a look-alike team apart by "<key> #<id>"; when a team already has that
    key, it adds to it again rather than fail or merge."""
    from alembic import command

    command.upgrade(_config_for(db_path), "0002")
    raw = sqlite3.connect(db_path)
    now = "2026-01-02 03:04:05.000000"
    raw.executemany(
        "INSERT INTO team (id, name, created_at, updated_at) VALUES (?, ?, ?, ?)",
        [(1, "Ops", now, now), (2, "ops #3", now, now), (3, "OPS", now, now)],
    )
    raw.commit()
    raw.close()

    open_database(db_path).close()
    raw = sqlite3.connect(db_path)
    try:
        keys = raw.execute("SELECT id, name_key FROM team ORDER BY id").fetchall()
    finally:
        raw.close()
    assert keys == [(1, "ops"), (2, "ops #3"), (3, "ops #3 #3")]


def test_opening_a_current_database_does_not_load_sqlalchemy(db_path: Path) -> None:
    """Start-up stays fast: SQLAlchemy and SQLModel load only when a database needs migrating."""
    open_database(db_path).close()
    script = (
        "import sys\n"
        "from maturity_workshop.services.models import default_model\n"
        "from maturity_workshop.services.workshops import WorkshopService\n"
        f"service = WorkshopService.open({str(db_path)!r}, default_model())\n"
        "service.list_workshops()\n"
        "service.close()\n"
        "loaded = sorted(m for m in sys.modules if m.split('.')[0] in ('sqlalchemy', 'sqlmodel', 'alembic'))\n"
        "print(loaded)\n"
    )
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "[]"
