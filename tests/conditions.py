"""Hostile conditions, made deterministic for tests (root ignores file permissions, and no test can
fill a real disk): each is a context manager on an open service; leaving it clears the condition.

* ``disk_full``: ``PRAGMA max_page_count`` pinned to the pages the file has, so any write that needs
  one more page fails as SQLite fails on a full disk (SQLITE_FULL, "database or disk is full").
* ``locked_by_another_program``: another connection holds a write transaction (``BEGIN IMMEDIATE``)
  for longer than the service's busy timeout, shortened to keep the test fast (SQLITE_BUSY).
* ``lock_file_refused``: creating the lock file beside the database fails with "Permission
  denied", as in a read-only folder (which root, running the tests, would ignore).
* ``read_only_file``: the service's connection swapped for a ``mode=ro`` one, as when the file or
  its folder stops being writable, such as a USB stick remounted read-only (SQLITE_READONLY).
* ``backup_folder_blocked``: a plain file where the database's backups folder goes (the folder, if
  any, moved aside meanwhile), so no backup can be made ("File exists", whoever runs the tests).
* ``written_by_another_program``: SQL run on the database file by a connection of its own, as a
  program other than the app (or a hand edit) would: a row the app would never write (a date that
  is not a date, an unknown status), a column dropped, an emptied schema record.

A full disk met when opening, before any service is open:

* ``full_disk``: a real one, a small tmpfs mounted on a folder, which ``fill_up`` fills (or leaves
  a few bytes free); the test is skipped, saying why, where mounting is impossible (not root).
* ``lock_file_disk_full``: writing the lock file fails with ENOSPC, as on a full disk, where making
  the (empty) file still succeeds.
* ``no_room_for_sqlite_index``: for a child process, files cannot grow past 16 KiB (RLIMIT_FSIZE):
  SQLite then fails to size the -shm index of a WAL file, exactly as it does on a full disk
  (SQLITE_IOERR_SHMSIZE), while the lock file's few bytes still fit.
"""

from __future__ import annotations

import errno
import os
import shutil
import sqlite3
import subprocess
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

from maturity_workshop.store.engine import BUSY_TIMEOUT_MS

SHORT_BUSY_TIMEOUT_MS = 50


@contextmanager
def disk_full(service) -> Iterator[None]:
    connection = service.database.connection
    previous = connection.execute("PRAGMA max_page_count").fetchone()[0]
    pages = connection.execute("PRAGMA page_count").fetchone()[0]
    connection.execute(f"PRAGMA max_page_count = {pages}")
    try:
        yield
    finally:
        service.database.connection.execute(f"PRAGMA max_page_count = {previous}")


@contextmanager
def locked_by_another_program(service) -> Iterator[sqlite3.Connection]:
    other = sqlite3.connect(service.database.path, isolation_level=None)
    other.execute("BEGIN IMMEDIATE")
    service.database.connection.execute(f"PRAGMA busy_timeout = {SHORT_BUSY_TIMEOUT_MS}")
    try:
        yield other
    finally:
        other.execute("ROLLBACK")
        other.close()
        service.database.connection.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")


@contextmanager
def read_only_file(service) -> Iterator[None]:
    database = service.database
    writable = database.connection
    read_only = sqlite3.connect(f"{database.path.resolve().as_uri()}?mode=ro", uri=True, isolation_level=None)
    database.connection = read_only
    try:
        yield
    finally:
        database.connection = writable
        read_only.close()


@contextmanager
def backup_folder_blocked(database) -> Iterator[None]:
    from maturity_workshop.store.backups import backup_folder

    folder = backup_folder(database)
    aside = folder.with_name(f"{folder.name}.aside")
    if folder.exists():
        folder.rename(aside)
    folder.write_text("a file in the way of the backups folder")
    try:
        yield
    finally:
        folder.unlink()
        if aside.exists():
            aside.rename(folder)


CONDITIONS = {
    "disk full": (disk_full, "the disk is full"),
    "locked by another program": (locked_by_another_program, "the database is busy in another program"),
    "read-only file": (read_only_file, "the database file is read-only"),
}

# Big enough to need new pages in the file, so that a full disk refuses it.
BIG_NOTE = "What the team said about testing. " * 1500


def lock_file_refused(monkeypatch) -> None:
    """Making ``*.lock`` fails with EACCES from now until the test ends."""
    from maturity_workshop.store import lock as lock_module

    real_open = os.open

    def refuse(path, flags, *args, **kwargs):
        if str(path).endswith(".lock") and flags & os.O_CREAT:
            raise PermissionError(13, "Permission denied", str(path))
        return real_open(path, flags, *args, **kwargs)

    monkeypatch.setattr(lock_module.os, "open", refuse)


def written_by_another_program(path, *statements: str | tuple) -> None:
    """Run each statement (SQL, or SQL and its parameters) on the file at ``path`` and commit."""
    other = sqlite3.connect(path, isolation_level=None)
    try:
        other.execute("BEGIN IMMEDIATE")
        for statement in statements:
            sql, *parameters = (statement,) if isinstance(statement, str) else statement
            other.execute(sql, *parameters)
        other.execute("COMMIT")
    finally:
        other.close()


@contextmanager
def full_disk(folder: Path, size: str = "1m") -> Iterator[Path]:
    """A tmpfs of ``size`` mounted on ``folder`` (made if missing), to fill with :func:`fill_up`.
    Unmounted on the way out; skips the test, saying why, when it cannot be mounted."""
    folder.mkdir(parents=True, exist_ok=True)
    if shutil.which("mount") is None:
        pytest.skip("a real full disk needs the mount command, which is missing here")
    mounted = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", f"size={size}", "tmpfs", str(folder)], capture_output=True, text=True
    )
    if mounted.returncode != 0:
        pytest.skip(f"a real full disk needs a tmpfs mounted, which is impossible here: {mounted.stderr.strip()}")
    try:
        yield folder
    finally:
        subprocess.run(["umount", "--lazy", str(folder)], check=True)


def fill_up(folder: Path, free_bytes: int = 0) -> None:
    """Fill the disk of ``folder`` with the file ``filler`` until nothing (or ``free_bytes``) is left."""
    filler = folder / "filler"
    with open(filler, "ab", buffering=0) as stream:
        try:
            while True:
                stream.write(b"\0" * 4096)
        except OSError as error:
            assert error.errno == errno.ENOSPC, error
    if free_bytes:
        os.truncate(filler, max(0, filler.stat().st_size - free_bytes))
    assert shutil.disk_usage(folder).free <= free_bytes


def lock_file_disk_full(monkeypatch) -> None:
    """Writing a ``*.lock`` file fails with ENOSPC from now until the test ends."""
    from maturity_workshop.store import lock as lock_module

    real_open, real_write, real_close = os.open, os.write, os.close
    lock_fds: set[int] = set()

    def opening(path, flags, *args, **kwargs):
        fd = real_open(path, flags, *args, **kwargs)
        if str(path).endswith(".lock"):
            lock_fds.add(fd)
        else:
            lock_fds.discard(fd)
        return fd

    def writing(fd, data):
        if fd in lock_fds:
            raise OSError(errno.ENOSPC, "No space left on device")
        return real_write(fd, data)

    def closing(fd):
        lock_fds.discard(fd)
        real_close(fd)

    monkeypatch.setattr(lock_module.os, "open", opening)
    monkeypatch.setattr(lock_module.os, "write", writing)
    monkeypatch.setattr(lock_module.os, "close", closing)


SQLITE_INDEX_SIZE_LIMIT = 16 * 1024  # SQLite's -shm needs 32 KiB; a lock file needs a few hundred bytes


def no_room_for_sqlite_index() -> None:
    """A ``preexec_fn`` for a child process: no file it writes may grow past 16 KiB."""
    import resource

    resource.setrlimit(resource.RLIMIT_FSIZE, (SQLITE_INDEX_SIZE_LIMIT, SQLITE_INDEX_SIZE_LIMIT))
