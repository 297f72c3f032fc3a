"""The connections every store module opens, each made here once: the writing one with its pragmas,
the one read-only open, and SQLite's quick check; and the plain-words :class:`DatabaseError`.

Every writing connection runs in WAL mode with ``synchronous=FULL`` (a committed edit survives a
power cut), foreign keys on and a busy timeout; it is in autocommit mode: transactions are explicit.
A read-only connection changes nothing, not even the journal mode: another app may be writing.

This module imports no other store module, so that every one of them can import it.
"""

from __future__ import annotations

import os
import sqlite3
from pathlib import Path

from ..domain.errors import DomainError

BUSY_TIMEOUT_MS = 5000
PRAGMAS = (
    f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}",
    "PRAGMA journal_mode = WAL",
    "PRAGMA synchronous = FULL",
    "PRAGMA foreign_keys = ON",
)
READ_ONLY_PRAGMAS = (
    f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}",
    "PRAGMA foreign_keys = ON",
    "PRAGMA query_only = ON",
)


class DatabaseError(DomainError):
    """A database that cannot be opened or used; the message says why in plain words."""


class ReadOnlyDatabaseError(DatabaseError):
    """A change asked of a database opened read-only; the message says why it is read-only."""


class WrongThreadError(DatabaseError):
    """A database used by a thread other than the one that opened it (see the README's design)."""


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
    if "no such column" in lowered or "no such table" in lowered:
        return DatabaseError(
            f"{doing}: its tables are not the ones this version of Maturity Workshop made ({message}); "
            "another program may have changed them. Nothing was changed."
        )
    if "not a database" in lowered or "malformed" in lowered:
        return DatabaseError(f"{doing}: the database file is damaged ({message}).")
    return DatabaseError(f"{doing}: {message}.")


def connect(path: Path | str) -> sqlite3.Connection:
    """A writing connection with the pragmas, in autocommit mode."""
    return _opened(str(path), uri=False, pragmas=PRAGMAS)


def open_read_only(path: Path | str, *, kept_open: bool = False) -> sqlite3.Connection:
    """A connection that reads the database at ``path`` and writes nothing, in autocommit mode.

    With no write-ahead log beside the file, nobody has it open in WAL mode and the file alone is
    the whole database: it is read as "immutable", without making the -shm and -wal files a WAL
    reader would (beside a backup, or a file about to be checked or migrated). A connection
    ``kept_open`` (a database opened read-only while another app may start writing it at any
    moment) is immutable only when nobody can write the file: when its folder cannot be written."""
    path = Path(path).resolve()
    no_log = not Path(f"{path}-wal").exists()
    immutable = no_log and (not kept_open or not os.access(path.parent, os.W_OK))
    target = f"{path.as_uri()}?mode=ro" + ("&immutable=1" if immutable else "")
    return _opened(target, uri=True, pragmas=READ_ONLY_PRAGMAS)


def _opened(target: str, uri: bool, pragmas: tuple[str, ...]) -> sqlite3.Connection:
    # check_same_thread stays on: a connection is used only by the thread that opened it.
    connection = sqlite3.connect(target, timeout=BUSY_TIMEOUT_MS / 1000, isolation_level=None, uri=uri)
    try:
        for pragma in pragmas:
            connection.execute(pragma)
    except sqlite3.Error:
        connection.close()
        raise
    return connection


def quick_check(connection: sqlite3.Connection) -> list[str]:
    """SQLite's quick check: [] when the file is whole, else what it found (at most 10 lines)."""
    rows = connection.execute("PRAGMA quick_check(10)").fetchall()
    messages = [str(row[0]) for row in rows]
    return [] if messages == ["ok"] else messages


def read_revision(connection: sqlite3.Connection) -> str | None:
    """The schema revision Alembic recorded in the database, None when there is none (a new
    database), "" when its ``alembic_version`` table is there but holds none (never a new one)."""
    has_table = connection.execute(
        "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'alembic_version'"
    ).fetchone()
    if not has_table:
        return None
    row = connection.execute("SELECT version_num FROM alembic_version").fetchone()
    return str(row[0]) if row else ""
