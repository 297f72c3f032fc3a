"""Opening a workshop database: the connection, its pragmas and the schema migrations.

The schema is declared by the SQLModel tables in ``tables.py`` and changed only by the Alembic
revisions in ``migrations/``. At run time the app talks to SQLite through the standard library's
``sqlite3``: importing SQLAlchemy and SQLModel costs more than half a second on a facilitator's
laptop, so they are loaded only when a database needs migrating (a new file, or an upgrade).
``tests/store/test_migrations.py`` keeps the tables and the revisions in step,
``tests/store/test_schema_in_step.py`` the tables and the repository's SQL.

The connections and their pragmas are ``sqlite.py``'s. A database is backed up (``backups.py``)
before it is migrated; an empty (0-byte) file is refused rather than made into a new database: a
missing file is how a new database starts, an empty one is what a failed run left.
"""

from __future__ import annotations

import logging
import sqlite3
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from functools import cache
from pathlib import Path

from ..domain.clock import utcnow
from . import backups
from .integrity import refuse_foreign
from .sqlite import (
    BUSY_TIMEOUT_MS,
    DatabaseError,
    ReadOnlyDatabaseError,
    WrongThreadError,
    connect,
    explain,
    is_disk_full,
    open_read_only,
    read_revision,
)

# The newest revision in migrations/versions; tests/store/test_migrations.py keeps it honest.
HEAD_REVISION = "0008"
MIGRATIONS_DIR = Path(__file__).resolve().parent / "migrations"
READ_ONLY_REASON = "The change was not saved: the workshops were opened read-only."

log = logging.getLogger(__name__)


class Database:
    """One open workshop database, for the thread that opened it.

    The thread model: the ui thread owns the writing connection. Any other thread (an export, a
    check) opens its own :class:`Database`, read-only where it can, and is handed domain objects
    built on the ui thread, never the ui's connection: using it from another thread raises
    :class:`WrongThreadError`."""

    def __init__(
        self, path: Path | str, read_only: bool = False, read_only_reason: str | None = None, disk_full: bool = False
    ) -> None:
        self.path = Path(path)
        self.read_only = read_only
        self.read_only_reason = read_only_reason or READ_ONLY_REASON
        self.thread_id = threading.get_ident()
        self._connection = (
            open_read_only(self.path, kept_open=True, disk_full=disk_full) if read_only else connect(self.path)
        )

    @property
    def connection(self) -> sqlite3.Connection:
        """The connection, to the thread that opened the database; any other gets :class:`WrongThreadError`."""
        if threading.get_ident() != self.thread_id:
            raise WrongThreadError(
                f"The database {self.path} was opened by another thread, and its connection is that "
                "thread's alone: a thread other than the one that opened it opens its own database "
                "(read-only where it can) and is handed the workshops, not the connection."
            )
        return self._connection

    @connection.setter
    def connection(self, connection: sqlite3.Connection) -> None:
        self._connection = connection

    def close(self) -> None:
        self.connection.close()

    @contextmanager
    def transaction(self) -> Iterator[sqlite3.Connection]:
        """A write transaction, committed (and so on disk) when the block ends without error."""
        if self.read_only:
            raise ReadOnlyDatabaseError(self.read_only_reason)
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


def current_revision(path: Path | str, disk_full: bool = False) -> str | None:
    """The schema revision recorded in the file, None for a new or empty one. Nothing is written."""
    connection = open_read_only(path, disk_full=disk_full)
    try:
        return read_revision(connection)
    finally:
        connection.close()


@cache
def known_revisions() -> frozenset[str]:
    """The revisions this version can open: one file each in migrations/versions, named after it
    (``0002_actions.py``; ``tests/store/test_migrations.py`` checks the names)."""
    return frozenset(p.name.split("_", 1)[0] for p in (MIGRATIONS_DIR / "versions").glob("*.py"))


def _refuse_unknown(path: Path, revision: str | None) -> None:
    """Refuse a database whose revision this version does not know: a newer version made it."""
    if revision == "":
        raise DatabaseError(
            f"The database {path} records no schema version (its alembic_version table is empty), so "
            "which version made it cannot be told. It was not opened, and it has not been changed."
        )
    if revision is not None and revision not in known_revisions():
        raise DatabaseError(
            f"The database {path} was made by a newer version of Maturity Workshop (schema {revision}). "
            "It has not been changed. Install the newer version to open it."
        )


def open_database(
    path: Path | str, read_only: bool = False, read_only_reason: str | None = None, disk_full: bool = False
) -> Database:
    """Open (or create) the database at ``path`` and bring its schema up to date.

    ``read_only`` opens an existing database without changing anything, not even its schema (while
    another app is its writer): a database that needs upgrading cannot be opened so.
    ``read_only_reason`` is the message a change asked of it is refused with; ``disk_full`` says
    that nothing can be written beside it (``sqlite.open_read_only``). Another program's database
    is refused untouched (``integrity.refuse_foreign``)."""
    path = Path(path)
    refuse_foreign(path)
    if read_only:
        return _open_read_only(path, read_only_reason, disk_full)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise DatabaseError(
            f"The folder for the database, {path.parent}, cannot be created: {exc.strerror}."
        ) from None
    try:
        if path.exists() and path.stat().st_size == 0:
            # A new database is made from a missing file; an empty one was left by a run that failed.
            raise DatabaseError(
                f"The database {path} is an empty file (0 bytes), so it was not opened; it has not been changed."
            )
        existed = path.exists()
        revision = current_revision(path) if existed else None
        if revision != HEAD_REVISION:
            _refuse_unknown(path, revision)
            if revision is not None:
                _back_up_before_migrating(path, revision)
            try:
                migrate(path, revision)
            except BaseException:
                if not existed:
                    remove_database_files(path)  # a new database that failed is no file at all
                raise
        return Database(path)
    except DatabaseError:
        raise
    except sqlite3.Error as error:
        raise explain(error, f"The database {path} cannot be opened") from error


def _back_up_before_migrating(path: Path, revision: str) -> None:
    """A checked copy of the database as it was, in its backups folder, before any revision runs."""
    try:
        backups.back_up_file(path, utcnow())
    except backups.BackupError as error:
        raise DatabaseError(
            f"The database {path} (schema {revision}) needs upgrading, but it was not upgraded, because "
            f"the backup taken first failed: {error}"
        ) from None


def remove_database_files(path: Path) -> None:
    """Remove the database file at ``path`` and its journal, write-ahead log and index, those there are."""
    for extra in ("", "-journal", "-wal", "-shm"):
        try:
            Path(f"{path}{extra}").unlink(missing_ok=True)
        except OSError:
            pass


def _open_read_only(path: Path, reason: str | None, disk_full: bool) -> Database:
    if not path.is_file() or path.stat().st_size == 0:
        raise DatabaseError(f"The database {path} does not exist yet, so it cannot be opened read-only.")
    try:
        revision = current_revision(path, disk_full)
        if revision != HEAD_REVISION:
            _refuse_unknown(path, revision)
            raise DatabaseError(
                f"The database {path} needs upgrading to this version of Maturity Workshop (schema "
                f"{revision or 'none'} to {HEAD_REVISION}), and a database opened read-only cannot be "
                "upgraded. Open it when no other Maturity Workshop has it open."
            )
        database = Database(path, read_only=True, read_only_reason=reason, disk_full=disk_full)
    except sqlite3.Error as error:
        raise explain(error, f"The database {path} cannot be opened read-only") from error
    log.info("Opened the database %s read-only.", path)
    return database


def migrate(path: Path, revision: str | None) -> None:
    """Apply every pending revision with Alembic to a database at ``revision`` (a known one: see
    :func:`open_database`), all in one transaction: a revision that fails, or a crash, leaves the
    file as it was, each CREATE and ALTER undone with the rows. The ``sqlite3`` module's legacy
    transaction handling would run each DDL statement on its own, outside any transaction, so it is
    switched off and the BEGIN is ours (SQLAlchemy's recipe for pysqlite, "Enabling Non-Legacy
    SQLite Transactional Modes"), begun before Alembic runs. The journal mode is left as it is
    meanwhile (``Database`` turns on WAL afterwards). Batch migrations copy tables, so foreign keys
    are off meanwhile (a table rebuild with them on could cascade-delete child rows) and checked after."""
    from alembic import command
    from alembic.config import Config
    from sqlalchemy import create_engine, event

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    log.info("Upgrading the database %s from schema %s to %s.", path, revision or "(new)", HEAD_REVISION)
    engine = create_engine(f"sqlite:///{path}", connect_args={"timeout": BUSY_TIMEOUT_MS / 1000})

    @event.listens_for(engine, "connect")
    def _connected(dbapi, _record) -> None:
        dbapi.isolation_level = None  # no BEGIN, COMMIT or autocommitted DDL of the sqlite3 module's own
        for pragma in (f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}", "PRAGMA synchronous = FULL", "PRAGMA foreign_keys = OFF"):
            dbapi.execute(pragma)

    @event.listens_for(engine, "begin")
    def _begin(connection) -> None:
        connection.exec_driver_sql("BEGIN IMMEDIATE")

    try:
        with engine.connect() as connection:
            # Begun here, so Alembic runs every revision inside it (it would commit each one on its own).
            connection.begin()
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
    except DatabaseError:
        raise
    except Exception as error:
        log.exception("Upgrading the database %s failed.", path)
        raise _upgrade_failed(path, revision, error) from error
    finally:
        engine.dispose()


def _upgrade_failed(path: Path, revision: str | None, error: Exception) -> DatabaseError:
    cause = getattr(error, "orig", None) or error  # SQLite's own words, not SQLAlchemy's wrapping
    if isinstance(cause, sqlite3.Error) and is_disk_full(cause):
        return explain(cause, f"The database {path} cannot be opened")
    if revision is None:
        return DatabaseError(f"A new database could not be made at {path}: {cause}. Nothing was kept of it.")
    return DatabaseError(
        f"The database {path} could not be upgraded from schema {revision} to {HEAD_REVISION} ({cause}), so it "
        f"was left exactly as it was; a copy taken before is in {backups.backup_folder(path)}. Please report this "
        "with the database file."
    )
