"""One writer per database: the lock file beside it, the advisory lock on it, stale locks."""

from __future__ import annotations

import json
import logging
import os
import signal
import socket
import subprocess
import sys
from datetime import datetime
from pathlib import Path

import pytest

from maturity_workshop.store.lock import (
    DatabaseLock,
    DatabaseLockedError,
    LockUnavailableError,
    is_locked,
    lock_path_for,
    read_holder,
)

from ..conditions import lock_file_refused

HOLD_IN_CHILD = """
import sys
from maturity_workshop.store.lock import DatabaseLock
lock = DatabaseLock.acquire(sys.argv[1], version="7.7.7")
print("held", flush=True)
sys.stdin.readline()  # hold it until told, or until killed
"""


@pytest.fixture
def held_elsewhere(db_path: Path):
    """The lock of ``db_path`` held by another process, which is killed at the end."""
    child = subprocess.Popen(
        [sys.executable, "-c", HOLD_IN_CHILD, str(db_path)],
        stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
    )
    try:
        assert child.stdout.readline().strip() == "held", child.stderr.read()
        yield child
    finally:
        if child.poll() is None:
            child.kill()
        child.wait(timeout=30)


def test_the_lock_file_sits_beside_the_database_and_says_who_holds_it(db_path: Path) -> None:
    lock = DatabaseLock.acquire(db_path, version="1.2.3")
    try:
        assert lock.path == db_path.with_name("workshops.sqlite3.lock") == lock_path_for(db_path)
        data = json.loads(lock.path.read_text(encoding="utf-8"))
        assert data["pid"] == os.getpid()
        assert data["hostname"] == socket.gethostname()
        assert data["version"] == "1.2.3"
        started = datetime.fromisoformat(data["started_at"])
        assert started.tzinfo is not None and abs((datetime.now(started.tzinfo) - started).total_seconds()) < 60
    finally:
        lock.release()


def test_a_second_writer_is_refused_and_told_who_holds_it(db_path: Path) -> None:
    first = DatabaseLock.acquire(db_path, version="1.2.3")
    try:
        with pytest.raises(DatabaseLockedError) as refused:
            DatabaseLock.acquire(db_path)
        message = str(refused.value)
        assert "open in another Maturity Workshop" in message
        assert f"process {os.getpid()}" in message and socket.gethostname() in message
        assert refused.value.holder.version == "1.2.3"
        assert first.held and lock_path_for(db_path).exists()
    finally:
        first.release()


def test_releasing_removes_the_file_and_frees_the_database(db_path: Path) -> None:
    first = DatabaseLock.acquire(db_path)
    assert is_locked(db_path)
    first.release()
    first.release()  # twice is harmless
    assert not lock_path_for(db_path).exists()
    assert not is_locked(db_path)
    second = DatabaseLock.acquire(db_path)
    second.release()


def test_the_version_can_be_recorded_later(db_path: Path) -> None:
    with DatabaseLock.acquire(db_path) as lock:
        assert json.loads(lock.path.read_text())["version"] is None
        started = json.loads(lock.path.read_text())["started_at"]
        lock.record("2.0")
        data = json.loads(lock.path.read_text())
        assert data["version"] == "2.0" and data["started_at"] == started
        assert read_holder(db_path).version == "2.0"


def test_a_lock_held_by_another_process_refuses_this_one(db_path: Path, held_elsewhere) -> None:
    holder = read_holder(db_path)
    assert holder is not None and holder.pid == held_elsewhere.pid and holder.version == "7.7.7"
    with pytest.raises(DatabaseLockedError, match=f"process {held_elsewhere.pid}"):
        DatabaseLock.acquire(db_path)


@pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="SIGKILL is POSIX-only")
def test_a_lock_left_by_a_killed_process_is_stale_and_taken_over(db_path: Path, held_elsewhere, caplog) -> None:
    dead_pid = held_elsewhere.pid
    held_elsewhere.send_signal(signal.SIGKILL)
    held_elsewhere.wait(timeout=30)
    assert lock_path_for(db_path).exists(), "a killed process cannot remove its lock file"
    assert read_holder(db_path) is None, "nobody holds the advisory lock any more"
    with caplog.at_level(logging.WARNING, logger="maturity_workshop.store.lock"):
        lock = DatabaseLock.acquire(db_path)
    try:
        assert json.loads(lock.path.read_text())["pid"] == os.getpid()
        assert any("stale lock" in r.getMessage() and f"process {dead_pid}" in r.getMessage() for r in caplog.records)
        with pytest.raises(DatabaseLockedError):
            DatabaseLock.acquire(db_path)
    finally:
        lock.release()


def test_a_leftover_lock_file_nobody_holds_is_taken_over(db_path: Path, caplog) -> None:
    path = lock_path_for(db_path)
    path.write_text(json.dumps({"pid": 999999, "hostname": "old-laptop", "started_at": None, "version": "0.1"}))
    with caplog.at_level(logging.WARNING, logger="maturity_workshop.store.lock"):
        lock = DatabaseLock.acquire(db_path)
    try:
        assert json.loads(path.read_text())["pid"] == os.getpid()
        assert "old-laptop" in caplog.text
    finally:
        lock.release()


def test_a_garbled_lock_file_still_locks(db_path: Path) -> None:
    """What the file says is only for the message: the advisory lock decides."""
    with DatabaseLock.acquire(db_path) as lock:
        lock.path.write_bytes(b"\x00not json")
        with pytest.raises(DatabaseLockedError, match="open in another Maturity Workshop"):
            DatabaseLock.acquire(db_path)


def test_a_folder_where_the_lock_cannot_be_made_says_so(db_path: Path, monkeypatch) -> None:
    """Root ignores permissions, so the read-only folder is simulated where the lock file is made."""
    lock_file_refused(monkeypatch)
    with pytest.raises(LockUnavailableError, match=rf"folder {db_path.parent} cannot be written \(Permission denied\)"):
        DatabaseLock.acquire(db_path)


@pytest.mark.skipif(os.name != "posix" or os.geteuid() == 0, reason="root writes into read-only folders")
def test_a_read_only_folder_cannot_hold_the_lock(tmp_path: Path) -> None:
    folder = tmp_path / "ro"
    folder.mkdir()
    folder.chmod(0o555)
    try:
        with pytest.raises(LockUnavailableError, match="cannot be written"):
            DatabaseLock.acquire(folder / "workshops.sqlite3")
    finally:
        folder.chmod(0o755)
