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


class DiskFullError(DatabaseError):
    """The disk holding the database is full: nothing can be written beside it until space is freed."""


# SQLite's answers to a full disk: SQLITE_FULL, and the -shm index that cannot be given its size
# (SQLITE_IOERR_SHMSIZE: SQLite writes a byte at the end of each of its pages, and that fails).
_DISK_FULL_CODES = frozenset({sqlite3.SQLITE_FULL, sqlite3.SQLITE_IOERR_SHMSIZE})


def is_disk_full(error: sqlite3.Error) -> bool:
    """Whether SQLite failed because the disk is full."""
    code = getattr(error, "sqlite_errorcode", None)
    if code is not None and (code in _DISK_FULL_CODES or code & 0xFF == sqlite3.SQLITE_FULL):
        return True
    lowered = str(error).lower()
    return "disk" in lowered and "full" in lowered


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
    if is_disk_full(error):
        return DiskFullError(f"{doing}: the disk is full. Free some space, then try again; what was saved before is safe.")
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
    return _opened(Path(path), str(path), uri=False, pragmas=PRAGMAS)


def open_read_only(path: Path | str, *, kept_open: bool = False, disk_full: bool = False) -> sqlite3.Connection:
    """A connection that reads the database at ``path`` and writes nothing, in autocommit mode.

    With no write-ahead log beside the file, nobody has it open in WAL mode and the file alone is
    the whole database: it is read as "immutable", without making the -shm and -wal files a WAL
    reader would (beside a backup, or a file about to be checked or migrated). A connection
    ``kept_open`` (a database opened read-only while another app may start writing it at any
    moment) is immutable only when nobody can write the file: when its folder cannot be written,
    or on a ``disk_full``, where an empty write-ahead log counts as none. Immutable ignores the log:
    a log holding changes is read through its -shm index, and when a full disk leaves no room for
    that index, :class:`DiskFullError` says the latest changes can be read once space is freed,
    rather than showing an older state as if it were the latest."""
    path = Path(path).resolve()
    log_size = _size(Path(f"{path}-wal"))
    no_log = log_size is None or (disk_full and log_size == 0)
    immutable = no_log and (not kept_open or disk_full or not os.access(path.parent, os.W_OK))
    target = f"{path.as_uri()}?mode=ro" + ("&immutable=1" if immutable else "")
    try:
        return _opened(path, target, uri=True, pragmas=READ_ONLY_PRAGMAS)
    except sqlite3.Error as error:
        if not disk_full or not is_disk_full(error):
            raise
    raise DiskFullError(
        f"The workshops in {path} cannot be read while the disk is full: their latest changes are still in "
        f"{path.name}-wal, and reading them needs a little room on the disk. Free some space on it, then open "
        "them again; nothing has been lost."
    )


def open_main_file(path: Path | str) -> sqlite3.Connection:
    """A connection to what the file at ``path`` itself holds, ignoring any write-ahead log beside it:
    it creates nothing (no -wal, no -shm, no lock), to look at a file that may not be ours."""
    path = Path(path).resolve()
    return _opened(path, f"{path.as_uri()}?mode=ro&immutable=1", uri=True, pragmas=READ_ONLY_PRAGMAS)


def _size(path: Path) -> int | None:
    try:
        return path.stat().st_size
    except OSError:
        return None


# The -shm index SQLite uses is at least this big; a smaller one was left by a failed start.
_SHM_PAGE = 32768


def _opened(path: Path, target: str, uri: bool, pragmas: tuple[str, ...]) -> sqlite3.Connection:
    missing = [Path(f"{path}{extra}") for extra in ("-wal", "-shm") if not Path(f"{path}{extra}").exists()]
    # check_same_thread stays on: a connection is used only by the thread that opened it.
    connection = sqlite3.connect(target, timeout=BUSY_TIMEOUT_MS / 1000, isolation_level=None, uri=uri)
    try:
        for pragma in pragmas:
            connection.execute(pragma)
        connection.execute("SELECT COUNT(*) FROM sqlite_master").fetchone()  # a WAL file opens its log here
    except sqlite3.Error as error:
        connection.close()
        if is_disk_full(error):
            _remove_unfinished(missing)
        raise
    return connection


def _remove_unfinished(companions: list[Path]) -> None:
    """On a full disk SQLite leaves the -wal and -shm it could not finish (an empty log, an index of a
    few bytes, often 3): those this open made, and too small to be in use by anyone, are removed."""
    for companion in companions:
        size = _size(companion)
        if size is not None and size < (_SHM_PAGE if companion.name.endswith("-shm") else 1):
            try:
                companion.unlink()
            except OSError:
                pass


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
