"""An upgrade runs in one real transaction: a revision that fails midway, after creating a table,
changing rows and rebuilding a table, leaves the file exactly as it was, and says so plainly.

The failing revision is a real one, numbered after the newest of the app's and run by Alembic
after the app's own revisions from a copy of the migrations folder."""

from __future__ import annotations

import shutil
import sqlite3
from pathlib import Path

import pytest

from maturity_workshop.store import engine as engine_module
from maturity_workshop.store.backups import list_backups
from maturity_workshop.store.engine import DatabaseError, current_revision, open_database

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"
APP_MIGRATIONS, APP_HEAD = engine_module.MIGRATIONS_DIR, engine_module.HEAD_REVISION
TRAP_REVISION = f"{int(APP_HEAD) + 1:04d}"  # after the app's newest revision, whichever it is
TRAP = '''"""a revision that fails after changing the schema and the rows"""
from alembic import op
import sqlalchemy as sa

revision = "{revision}"
down_revision = "{down_revision}"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table("trap", sa.Column("id", sa.Integer(), primary_key=True))
    op.execute("INSERT INTO trap (id) VALUES (1)")
    op.execute("UPDATE workshop SET title = 'changed by the trap'")
    with op.batch_alter_table("team") as batch_op:
        batch_op.add_column(sa.Column("trap", sa.Integer(), nullable=True))
    raise RuntimeError("the trap springs after changing the schema")


def downgrade() -> None:
    pass
'''


@pytest.fixture
def trapped(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    """The app's migrations with a failing revision after them, as the head."""
    folder = tmp_path / "migrations"
    shutil.copytree(engine_module.MIGRATIONS_DIR, folder, ignore=shutil.ignore_patterns("__pycache__"))
    trap = TRAP.replace("{revision}", TRAP_REVISION).replace("{down_revision}", APP_HEAD)
    (folder / "versions" / f"{TRAP_REVISION}_trap.py").write_text(trap, encoding="utf-8")
    monkeypatch.setattr(engine_module, "MIGRATIONS_DIR", folder)
    monkeypatch.setattr(engine_module, "HEAD_REVISION", TRAP_REVISION)
    engine_module.known_revisions.cache_clear()
    yield
    engine_module.known_revisions.cache_clear()


def _beside(path: Path) -> list[str]:
    return sorted(p.name for p in path.parent.iterdir() if p.name.startswith(path.name))


def _schema_and_rows(path: Path) -> tuple[list, dict]:
    connection = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
    try:
        schema = connection.execute("SELECT type, name, sql FROM sqlite_master ORDER BY name").fetchall()
        tables = [name for (kind, name, _sql) in schema if kind == "table"]
        return schema, {name: connection.execute(f'SELECT * FROM "{name}" ORDER BY 1').fetchall() for name in tables}
    finally:
        connection.close()


@pytest.mark.parametrize("revision", ["0001", "0003", APP_HEAD])
def test_a_revision_failing_midway_leaves_the_file_exactly_as_it_was(trapped, revision: str, tmp_path: Path) -> None:
    path = tmp_path / "workshops.sqlite3"
    shutil.copyfile(FIXTURES / f"schema-{revision}.sqlite3", path)
    before, schema_and_rows = path.read_bytes(), _schema_and_rows(path)

    with pytest.raises(DatabaseError) as failed:
        open_database(path)

    message = str(failed.value)
    assert f"could not be upgraded from schema {revision} to {TRAP_REVISION}" in message
    assert "the trap springs" in message and "left exactly as it was" in message
    assert "Traceback" not in message and "sqlalche.me" not in message
    assert _schema_and_rows(path) == schema_and_rows, "no trap table, no changed title, no rebuilt team table"
    assert path.read_bytes() == before
    assert _beside(path) == ["workshops.sqlite3"], "no -journal, -wal or -shm left"
    assert current_revision(path) == revision
    (backup,) = list_backups(path)  # taken first, as before every upgrade
    assert backup.path.read_bytes() != b"" and current_revision(backup.path) == revision


def test_a_new_database_that_cannot_be_made_leaves_no_file(trapped, tmp_path: Path) -> None:
    """Not a half-made file, nor an empty one (which the next start would refuse as left by a failed run)."""
    path = tmp_path / "workshops.sqlite3"
    with pytest.raises(DatabaseError, match="A new database could not be made .*the trap springs"):
        open_database(path)
    assert _beside(path) == []


def test_after_the_failure_the_apps_own_revisions_upgrade_it(trapped, tmp_path: Path, monkeypatch) -> None:
    path = tmp_path / "workshops.sqlite3"
    shutil.copyfile(FIXTURES / "schema-0001.sqlite3", path)
    with pytest.raises(DatabaseError):
        open_database(path)
    monkeypatch.setattr(engine_module, "MIGRATIONS_DIR", APP_MIGRATIONS)
    monkeypatch.setattr(engine_module, "HEAD_REVISION", APP_HEAD)
    engine_module.known_revisions.cache_clear()
    open_database(path).close()
    assert current_revision(path) == APP_HEAD
