"""Opening a workshop database: the engine, its pragmas and the schema migrations.

Every connection runs in WAL mode with ``synchronous=FULL`` (a committed edit survives a power
cut), foreign keys on and a busy timeout. The schema is brought to the newest Alembic revision
when the database opens; a database that is already current skips Alembic entirely, which keeps
start-up fast.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

from sqlalchemy import Engine, create_engine, event

from ..domain.errors import DomainError

BUSY_TIMEOUT_MS = 5000
# The newest revision in migrations/versions; tests/store/test_migrations.py keeps it honest.
HEAD_REVISION = "0002"
MIGRATIONS_DIR = Path(__file__).resolve().parent / "migrations"


class DatabaseError(DomainError):
    """A database that cannot be opened or used; the message says why in plain words."""


def _set_pragmas(dbapi_connection: sqlite3.Connection, _record: object) -> None:
    cursor = dbapi_connection.cursor()
    try:
        cursor.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
        cursor.execute("PRAGMA journal_mode = WAL")
        cursor.execute("PRAGMA synchronous = FULL")
        cursor.execute("PRAGMA foreign_keys = ON")
    finally:
        cursor.close()


def create_database_engine(path: Path | str) -> Engine:
    """An engine on ``path`` (created if missing) whose connections all carry the pragmas."""
    path = Path(path)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise DatabaseError(f"The folder for the database, {path.parent}, cannot be created: {exc.strerror}.") from None
    engine = create_engine(f"sqlite:///{path}", connect_args={"timeout": BUSY_TIMEOUT_MS / 1000})
    event.listen(engine, "connect", _set_pragmas)
    return engine


def open_database(path: Path | str) -> Engine:
    """Open (or create) the database at ``path`` and bring its schema up to date."""
    engine = create_database_engine(path)
    try:
        migrate(engine)
    except DatabaseError:
        engine.dispose()
        raise
    except Exception as exc:
        engine.dispose()
        raise DatabaseError(f"The database {path} cannot be opened: {exc}") from exc
    return engine


def current_revision(engine: Engine) -> str | None:
    with engine.connect() as connection:
        has_table = connection.exec_driver_sql(
            "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'alembic_version'"
        ).first()
        if not has_table:
            return None
        row = connection.exec_driver_sql("SELECT version_num FROM alembic_version").first()
        return row[0] if row else None


def migrate(engine: Engine) -> None:
    """Apply every pending revision. Batch migrations copy tables, so foreign keys are off meanwhile
    (a table rebuild with them on could cascade-delete child rows) and checked afterwards."""
    revision = current_revision(engine)
    if revision == HEAD_REVISION:
        return

    from alembic import command
    from alembic.config import Config
    from alembic.script import ScriptDirectory

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    scripts = ScriptDirectory.from_config(config)
    if revision is not None and not _is_known_revision(scripts, revision):
        raise DatabaseError(
            f"This database was made by a newer version of Maturity Workshop (schema {revision}). "
            "It has not been changed. Install the newer version to open it."
        )
    with engine.connect() as connection:
        connection.exec_driver_sql("PRAGMA foreign_keys = OFF")
        try:
            config.attributes["connection"] = connection
            command.upgrade(config, "head")
            connection.commit()
            problems = connection.exec_driver_sql("PRAGMA foreign_key_check").fetchall()
            if problems:
                raise DatabaseError(
                    f"Upgrading the database left {len(problems)} broken references; "
                    "please report this with the database file."
                )
        finally:
            connection.exec_driver_sql("PRAGMA foreign_keys = ON")


def _is_known_revision(scripts, revision: str) -> bool:
    try:
        return scripts.get_revision(revision) is not None
    except Exception:  # alembic raises for a revision it has never heard of
        return False
