"""Opening a workshop database: the connection, its pragmas and the schema migrations.

The schema is declared by the SQLModel tables in ``tables.py`` and changed only by the Alembic
revisions in ``migrations/``. At run time the app talks to SQLite through the standard library's
``sqlite3``: importing SQLAlchemy and SQLModel costs more than half a second on a facilitator's
laptop, so they are loaded only when a database needs migrating (a new file, or an upgrade).
``tests/store/test_migrations.py`` keeps the tables, the revisions and the runtime SQL in step.

Every connection runs in WAL mode with ``synchronous=FULL`` (a committed edit survives a power
cut), foreign keys on and a busy timeout. A database is backed up (``backups.py``) before it is
migrated; an empty (0-byte) file is refused rather than made into a new database: a missing file
is how a new database starts, an empty one is what a failed run left.
"""

from __future__ import annotations

import logging
import os
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from ..domain.errors import DomainError

BUSY_TIMEOUT_MS = 5000
# The newest revision in migrations/versions; tests/store/test_migrations.py keeps it honest.
HEAD_REVISION = "0003"
MIGRATIONS_DIR = Path(__file__).resolve().parent / "migrations"
PRAGMAS = (
    f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}",
    "PRAGMA journal_mode = WAL",
    "PRAGMA synchronous = FULL",
    "PRAGMA foreign_keys = ON",
)
# A read-only connection changes nothing, not even the journal mode: another app may be writing.
READ_ONLY_PRAGMAS = (
    f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}",
    "PRAGMA foreign_keys = ON",
    "PRAGMA query_only = ON",
)
READ_ONLY_REASON = "The change was not saved: the workshops were opened read-only."

log = logging.getLogger(__name__)


class DatabaseError(DomainError):
    """A database that cannot be opened or used; the message says why in plain words."""


class ReadOnlyDatabaseError(DatabaseError):
    """A change asked of a database opened read-only; the message says why it is read-only."""


def explain(error: sqlite3.Error, doing: str = "The change was not saved") -> DatabaseError:
    """A plain-words :class:`DatabaseError` for what SQLite reported."""
    message = str(error)
    lowered = message.lower()
    if "locked" in lowered or "busy" in lowered:
        return DatabaseError(f"{doing}: the database is busy in another program. Try again.")
    if "readonly" in lowered or "read-only" in lowered:
        return DatabaseError(
            f"{doing}: the database file is read-only (it, or its folder, cannot be written). "
            "What was saved before is safe."
        )
    if "disk" in lowered and "full" in lowered:
        return DatabaseError(f"{doing}: the disk is full. Free some space, then try again; what was saved before is safe.")
    if "not a database" in lowered or "malformed" in lowered:
        return DatabaseError(f"{doing}: the database file is damaged ({message}).")
    return DatabaseError(f"{doing}: {message}.")


def connect(path: Path | str, read_only: bool = False) -> sqlite3.Connection:
    """A connection with the pragmas, in autocommit mode: transactions are explicit. A read-only
    one (``mode=ro``) can read while another app writes, and can write nothing."""
    target, uri = str(path), False
    if read_only:
        path = Path(path).resolve()
        target, uri = f"{path.as_uri()}?mode=ro", True
        if not os.access(path.parent, os.W_OK) and not Path(f"{path}-wal").exists():
            # A read-only folder with no write-ahead log: nobody can be writing the file, and SQLite
            # could not make the shared-memory file a WAL reader needs, so read the file as it is.
            target += "&immutable=1"
    connection = sqlite3.connect(
        target, timeout=BUSY_TIMEOUT_MS / 1000, isolation_level=None, check_same_thread=False, uri=uri
    )
    try:
        for pragma in READ_ONLY_PRAGMAS if read_only else PRAGMAS:
            connection.execute(pragma)
    except sqlite3.Error:
        connection.close()
        raise
    return connection


class Database:
    """One open workshop database."""

    def __init__(self, path: Path | str, read_only: bool = False, read_only_reason: str | None = None) -> None:
        self.path = Path(path)
        self.read_only = read_only
        self.read_only_reason = read_only_reason or READ_ONLY_REASON
        self.connection = connect(self.path, read_only=read_only)

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


def open_database(path: Path | str, read_only: bool = False, read_only_reason: str | None = None) -> Database:
    """Open (or create) the database at ``path`` and bring its schema up to date.

    ``read_only`` opens an existing database without changing anything, not even its schema (while
    another app is its writer): a database that needs upgrading cannot be opened so.
    ``read_only_reason`` is the message a change asked of it is refused with."""
    path = Path(path)
    if read_only:
        return _open_read_only(path, read_only_reason)
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
        revision = current_revision(path) if path.exists() else None
        if revision != HEAD_REVISION:
            if revision is not None:
                _refuse_unknown(revision)
                _back_up_before_migrating(path, revision)
            migrate(path, revision)
        return Database(path)
    except DatabaseError:
        raise
    except sqlite3.Error as error:
        raise explain(error, f"The database {path} cannot be opened") from error


def _back_up_before_migrating(path: Path, revision: str) -> None:
    """A checked copy of the database as it was, in its backups folder, before any revision runs."""
    from datetime import UTC, datetime

    from .backups import BackupError, back_up_file

    try:
        back_up_file(path, datetime.now(UTC))
    except BackupError as error:
        raise DatabaseError(
            f"The database {path} (schema {revision}) needs upgrading, but it was not upgraded, because "
            f"the backup taken first failed: {error}"
        ) from None


def _refuse_unknown(revision: str) -> None:
    from alembic.config import Config
    from alembic.script import ScriptDirectory

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    if not _is_known_revision(ScriptDirectory.from_config(config), revision):
        raise _newer_version(revision)


def _newer_version(revision: str) -> DatabaseError:
    return DatabaseError(
        f"This database was made by a newer version of Maturity Workshop (schema {revision}). "
        "It has not been changed. Install the newer version to open it."
    )


def _open_read_only(path: Path, reason: str | None) -> Database:
    if not path.is_file() or path.stat().st_size == 0:
        raise DatabaseError(f"The database {path} does not exist yet, so it cannot be opened read-only.")
    try:
        revision = current_revision(path)
        if revision != HEAD_REVISION:
            if revision is not None and revision > HEAD_REVISION:
                raise DatabaseError(
                    f"The database {path} was made by a newer version of Maturity Workshop (schema "
                    f"{revision}); install the newer version to open it."
                )
            raise DatabaseError(
                f"The database {path} needs upgrading to this version of Maturity Workshop (schema "
                f"{revision or 'none'} to {HEAD_REVISION}), and a database opened read-only cannot be "
                "upgraded. Open it when no other Maturity Workshop has it open."
            )
        database = Database(path, read_only=True, read_only_reason=reason)
        try:
            database.connection.execute("SELECT COUNT(*) FROM sqlite_master").fetchone()
        except sqlite3.Error:
            database.close()
            raise
    except sqlite3.Error as error:
        raise explain(error, f"The database {path} cannot be opened read-only") from error
    log.info("Opened the database %s read-only.", path)
    return database


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
        raise _newer_version(revision)
    log.info("Upgrading the database %s from schema %s to %s.", path, revision or "(new)", HEAD_REVISION)
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
