"""Is the database file whole, and ours? And, when it is not whole, moving it aside untouched.

:func:`check_file` reads the file without writing to it: its size, its SQLite header, then
``PRAGMA quick_check``. :func:`move_aside` renames a damaged file (and its ``-wal`` and ``-shm``)
to ``NAME.corrupt-<UTC time>``, so that nothing ever writes over it and it can be sent for rescue.
:func:`refuse_foreign` refuses another program's SQLite database before anything is written
beside it (not even the lock file), and it is never moved: it is whole, just not ours.
"""

from __future__ import annotations

import os
import sqlite3
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from enum import Enum
from pathlib import Path

from ..domain.clock import utcnow
from .backups import STAMP_FORMAT
from .sqlite import DatabaseError, is_disk_full, explain, open_main_file, open_read_only, quick_check

SQLITE_HEADER = b"SQLite format 3\x00"
_COMPANIONS = ("-wal", "-shm")
# Every table a revision of the app ever made (tests/store/test_migrations.py keeps it in step).
APP_TABLES = frozenset(
    {"app_state", "team", "workshop", "rating", "cell_note", "action", "practice_time", "vote_round", "vote", "publication"}
)


class ForeignDatabaseError(DatabaseError):
    """A SQLite database made by another program: it is left exactly as it is."""


class ProblemKind(Enum):
    EMPTY = "empty"
    NOT_SQLITE = "not-sqlite"
    TRUNCATED = "truncated"
    DAMAGED = "damaged"


@dataclass(frozen=True)
class FileProblem:
    path: Path
    kind: ProblemKind
    detail: str = ""  # what SQLite said, for the curious and for bug reports

    @property
    def reason(self) -> str:
        """What is wrong, in plain words, to follow "The workshop file … ". """
        if self.kind is ProblemKind.EMPTY:
            return "is empty (0 bytes): the program that last wrote it stopped before saving anything in it"
        if self.kind is ProblemKind.NOT_SQLITE:
            return "is not a workshop database: it holds something else"
        if self.kind is ProblemKind.TRUNCATED:
            return "is cut short: its end is missing, as happens when copying it was interrupted"
        return "is damaged: SQLite's check found parts of it that do not fit together"


def check_file(path: Path | str) -> FileProblem | None:
    """What is wrong with the database file at ``path``, or None when it is whole or missing (a new
    database will be made). Nothing is written to the file (reading one that has a write-ahead log
    beside it makes the ``-shm`` index SQLite needs to read it, nothing else)."""
    path = Path(path)
    try:
        size = path.stat().st_size
    except FileNotFoundError:
        return None
    except OSError as error:
        raise DatabaseError(f"The database {path} cannot be read: {error.strerror or error}.") from None
    if size == 0:
        return FileProblem(path, ProblemKind.EMPTY)
    try:
        with open(path, "rb") as stream:
            header = stream.read(100)
    except OSError as error:
        raise DatabaseError(f"The database {path} cannot be read: {error.strerror or error}.") from None
    if not header.startswith(SQLITE_HEADER):
        return FileProblem(path, ProblemKind.NOT_SQLITE, f"the first bytes are {header[:16]!r}")
    if len(header) < 100:
        return FileProblem(path, ProblemKind.TRUNCATED, f"only {size} bytes, shorter than SQLite's header")
    expected = _expected_size(header)
    if expected is not None and size < expected and not _has_write_ahead_log(path):
        # With a write-ahead log the header may run ahead of the file until the log is copied back.
        return FileProblem(path, ProblemKind.TRUNCATED, f"{size} bytes of the {expected} its header announces")
    try:
        connection = open_read_only(path)
    except sqlite3.Error as error:
        return _problem_from(path, error)
    try:
        problems = quick_check(connection)
    except sqlite3.Error as error:
        return _problem_from(path, error)
    finally:
        connection.close()
    if problems:
        return FileProblem(path, ProblemKind.DAMAGED, "; ".join(problems[:3]))
    return None


def _expected_size(header: bytes) -> int | None:
    """The size the header announces, when it can be trusted (SQLite's "version-valid-for" rule)."""
    page_size = int.from_bytes(header[16:18], "big")
    page_size = 65536 if page_size == 1 else page_size
    change_counter = header[24:28]
    valid_for = header[92:96]
    pages = int.from_bytes(header[28:32], "big")
    if pages == 0 or change_counter != valid_for or page_size < 512 or page_size & (page_size - 1):
        return None
    return pages * page_size


def _has_write_ahead_log(path: Path) -> bool:
    try:
        return Path(f"{path}-wal").stat().st_size > 0
    except OSError:
        return False


def _problem_from(path: Path, error: sqlite3.Error) -> FileProblem:
    if is_disk_full(error):  # a whole file that cannot be read on a full disk is not damaged
        raise explain(error, f"The database {path} cannot be read") from error
    message = str(error)
    if "not a database" in message.lower():
        return FileProblem(path, ProblemKind.NOT_SQLITE, message)
    return FileProblem(path, ProblemKind.DAMAGED, message)


def aside_path(path: Path | str, now: datetime) -> Path:
    """Where :func:`move_aside` would put ``path`` at ``now`` (the first free name)."""
    path = Path(path)
    moment = now.astimezone(UTC).replace(microsecond=0)
    while True:
        candidate = path.with_name(f"{path.name}.corrupt-{moment.strftime(STAMP_FORMAT)}")
        if not any(Path(f"{candidate}{extra}").exists() for extra in ("", *_COMPANIONS)):
            return candidate
        moment += timedelta(seconds=1)


def move_aside(path: Path | str, now: datetime | None = None) -> Path:
    """Rename the damaged database at ``path`` to ``NAME.corrupt-<UTC time>``, its ``-wal`` and ``-shm``
    with it (as ``NAME.corrupt-<time>-wal``, so SQLite still pairs them). Returns the new path.
    The companions move first: a write-ahead log must never be left to meet a new file."""
    path = Path(path)
    target = aside_path(path, now or utcnow())
    try:
        for extra in _COMPANIONS:
            companion = Path(f"{path}{extra}")
            if companion.exists():
                os.replace(companion, f"{target}{extra}")
        if path.exists():
            os.replace(path, target)
    except OSError as error:
        raise DatabaseError(
            f"The damaged database {path} could not be moved aside, so nothing was opened: "
            f"{error.strerror or error}."
        ) from None
    return target


def refuse_foreign(path: Path | str) -> None:
    """Raise :class:`ForeignDatabaseError` when the file at ``path`` is a SQLite database with tables
    but none of the app's (no ``alembic_version``, or unknown tables and none of :data:`APP_TABLES`
    beside it): another program's. Nothing is made beside it: the file itself is read as immutable,
    and when its tables are all still in its write-ahead log, a copy of both in a temporary folder.
    A missing file, one with no tables (a new database), and one SQLite cannot read (:func:`check_file`
    says why) pass."""
    path = Path(path)
    if not path.is_file():
        return
    names = _table_names(path)
    if names == [] and _has_write_ahead_log(path):
        names = _table_names_in_a_copy(path)
    others = set(names or ()) - APP_TABLES - {"alembic_version"}
    if not names or ("alembic_version" in names and (APP_TABLES.intersection(names) or not others)):
        return  # new, or ours (alembic_version alone: a newer version's, which is refused as such)
    shown = ", ".join(names[:5]) + (f" and {len(names) - 5} more" if len(names) > 5 else "")
    raise ForeignDatabaseError(
        f"The file {path} looks like another program's database: it holds tables ({shown}) but none of "
        "Maturity Workshop's. It was not opened and has not been changed. Choose another file for the "
        "workshops (--db PATH)."
    )


def _table_names(path: Path, main_file_only: bool = True) -> list[str] | None:
    """The tables of the database at ``path``, None when SQLite cannot read them."""
    try:
        connection = open_main_file(path) if main_file_only else open_read_only(path)
    except sqlite3.Error:
        return None
    try:
        rows = connection.execute("SELECT name FROM sqlite_master WHERE type = 'table'").fetchall()
    except sqlite3.Error:
        return None
    finally:
        connection.close()
    return sorted(name for (name,) in rows if not name.startswith("sqlite_"))


def _table_names_in_a_copy(path: Path) -> list[str] | None:
    import shutil
    import tempfile

    with tempfile.TemporaryDirectory(prefix="maturity-workshop-") as folder:
        copy = Path(folder) / "copy.sqlite3"
        try:
            shutil.copyfile(path, copy)
            shutil.copyfile(f"{path}-wal", f"{copy}-wal")
        except OSError:
            return None
        return _table_names(copy, main_file_only=False)
