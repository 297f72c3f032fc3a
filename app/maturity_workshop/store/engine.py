"""Opening a workshop database: the connection, its pragmas and the schema migrations.

The schema is declared by the SQLModel tables in ``tables.py`` and changed only by the Alembic
revisions in ``migrations/``. At run time the app talks to SQLite through the standard library's
``sqlite3``: importing SQLAlchemy and SQLModel costs more than half a second on a facilitator's
laptop, so they are loaded only when a database needs migrating (a new file, or an upgrade).
``tests/store/test_migrations.py`` keeps the tables, the revisions and the runtime SQL in step.

Every connection runs in WAL mode with ``synchronous=FULL`` (a committed edit survives a power
cut), foreign keys on and a busy timeout.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from ..domain.errors import DomainError

BUSY_TIMEOUT_MS = 5000
# The newest revision in migrations/versions; tests/store/test_migrations.py keeps it honest.
HEAD_REVISION = "0002"
MIGRATIONS_DIR = Path(__file__).resolve().parent / "migrations"
PRAGMAS = (
    f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}",
    "PRAGMA journal_mode = WAL",
    "PRAGMA synchronous = FULL",
    "PRAGMA foreign_keys = ON",
)


class DatabaseError(DomainError):
    """A database that cannot be opened or used; the message says why in plain words."""


def explain(error: sqlite3.Error, doing: str = "The change was not saved") -> DatabaseError:
    """A plain-words :class:`DatabaseError` for what SQLite reported."""
    message = str(error)
    lowered = message.lower()
    if "locked" in lowered or "busy" in lowered:
        return DatabaseError(f"{doing}: the database is busy in another program. Try again.")
    if "readonly" in lowered or "read-only" in lowered:
        return DatabaseError(f"{doing}: the database file is read-only.")
    if "disk" in lowered and "full" in lowered:
        return DatabaseError(f"{doing}: the disk is full.")
    if "not a database" in lowered or "malformed" in lowered:
        return DatabaseError(f"{doing}: the database file is damaged ({message}).")
    return DatabaseError(f"{doing}: {message}.")


def connect(path: Path | str) -> sqlite3.Connection:
    """A connection with the pragmas, in autocommit mode: transactions are explicit."""
    connection = sqlite3.connect(
        str(path), timeout=BUSY_TIMEOUT_MS / 1000, isolation_level=None, check_same_thread=False
    )
    try:
        for pragma in PRAGMAS:
            connection.execute(pragma)
    except sqlite3.Error:
        connection.close()
        raise
    return connection


class Database:
    """One open workshop database."""

    def __init__(self, path: Path | str) -> None:
        self.path = Path(path)
        self.connection = connect(self.path)

    def close(self) -> None:
        self.connection.close()

    @contextmanager
    def transaction(self) -> Iterator[sqlite3.Connection]:
        """A write transaction, committed (and so on disk) when the block ends without error."""
        connection = self.connection
        try:
            connection.execute("BEGIN IMMEDIATE")
        except sqlite3.Error as error:
            raise explain(error) from error
        try:
            yield connection
            connection.execute("COMMIT")
        except BaseException as error:
            if connection.in_transaction:
                connection.execute("ROLLBACK")
            if isinstance(error, sqlite3.Error):
                raise explain(error) from error
            raise

    @contextmanager
    def snapshot(self) -> Iterator[sqlite3.Connection]:
        """A read transaction: every query inside sees the same state of the file."""
        connection = self.connection
        try:
            connection.execute("BEGIN")
            try:
                yield connection
            finally:
                if connection.in_transaction:
                    connection.execute("COMMIT")
        except sqlite3.Error as error:
            raise explain(error, "The database could not be read") from error


def current_revision(path: Path | str) -> str | None:
    """The schema revision recorded in the file, None for a new or empty one."""
    path = Path(path)
    # Read without writing anything: with no write-ahead log beside it the file alone is the whole
    # database, and "immutable" reads it without creating the -shm and -wal files a reader would.
    has_wal = Path(f"{path}-wal").exists()
    mode = "mode=ro" if has_wal else "mode=ro&immutable=1"
    connection = sqlite3.connect(f"{path.resolve().as_uri()}?{mode}", uri=True, timeout=BUSY_TIMEOUT_MS / 1000)
    try:
        has_table = connection.execute(
            "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'alembic_version'"
        ).fetchone()
        if not has_table:
            return None
        row = connection.execute("SELECT version_num FROM alembic_version").fetchone()
        return row[0] if row else None
    finally:
        connection.close()


def open_database(path: Path | str) -> Database:
    """Open (or create) the database at ``path`` and bring its schema up to date."""
    path = Path(path)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise DatabaseError(
            f"The folder for the database, {path.parent}, cannot be created: {exc.strerror}."
        ) from None
    try:
        revision = current_revision(path) if path.exists() and path.stat().st_size else None
        if revision != HEAD_REVISION:
            migrate(path, revision)
        return Database(path)
    except DatabaseError:
        raise
    except sqlite3.Error as error:
        raise explain(error, f"The database {path} cannot be opened") from error


def migrate(path: Path, revision: str | None) -> None:
    """Apply every pending revision with Alembic. Batch migrations copy tables, so foreign keys are
    off meanwhile (a table rebuild with them on could cascade-delete child rows) and checked after."""
    from alembic import command
    from alembic.config import Config
    from alembic.script import ScriptDirectory
    from sqlalchemy import create_engine, event

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    scripts = ScriptDirectory.from_config(config)
    if revision is not None and not _is_known_revision(scripts, revision):
        raise DatabaseError(
            f"This database was made by a newer version of Maturity Workshop (schema {revision}). "
            "It has not been changed. Install the newer version to open it."
        )
    engine = create_engine(f"sqlite:///{path}", connect_args={"timeout": BUSY_TIMEOUT_MS / 1000})
    event.listen(engine, "connect", lambda dbapi, _record: [dbapi.execute(p) for p in PRAGMAS])
    try:
        with engine.connect() as connection:
            connection.exec_driver_sql("PRAGMA foreign_keys = OFF")
            config.attributes["connection"] = connection
            command.upgrade(config, "head")
            problems = connection.exec_driver_sql("PRAGMA foreign_key_check").fetchall()
            if problems:
                connection.rollback()
                raise DatabaseError(
                    f"Upgrading the database would leave {len(problems)} broken references, so it was "
                    "not upgraded; please report this with the database file."
                )
            connection.commit()
    finally:
        engine.dispose()


def _is_known_revision(scripts, revision: str) -> bool:
    try:
        return scripts.get_revision(revision) is not None
    except Exception:  # alembic raises for a revision it has never heard of
        return False
