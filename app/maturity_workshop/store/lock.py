"""One writer per database: a lock file beside it, held for as long as the app has it open.

``workshops.sqlite3`` is guarded by ``workshops.sqlite3.lock``, a small JSON file saying who holds
it (process id, host name, when it started, the app's version). Two things make the lock:

* the file itself, created with ``O_CREAT | O_EXCL``, so that the holder can be named; and
* an advisory lock of the operating system on it (``flock`` on POSIX, ``msvcrt.locking`` on
  Windows), held until the process ends. The operating system drops it when the process dies in
  any way (a crash, SIGKILL, a power cut), so a lock file that nobody holds is stale: the next app
  takes it over (and says so in the log) instead of refusing to start forever.

The advisory lock alone decides who the writer is; the file's contents are only for the message.
Readers (a second window opened read-only, the command line's ``list`` and ``export``) take no lock.
"""

from __future__ import annotations

import errno
import json
import logging
import os
import socket
import sys
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from ..domain.errors import DomainError

if sys.platform == "win32":  # pragma: no cover - exercised on Windows only
    import msvcrt

    fcntl = None
else:
    import fcntl

    msvcrt = None

log = logging.getLogger(__name__)

# msvcrt.locking locks bytes from the current position: one byte far past the JSON, so that a
# second app can still read who holds the lock.
_WINDOWS_LOCK_OFFSET = 1 << 30
_ATTEMPTS = 5  # tries to win races with another app creating, taking over or releasing the file


def lock_path_for(database: Path | str) -> Path:
    """The lock file of ``database``: its name with ``.lock`` added, in the same folder."""
    database = Path(database)
    return database.with_name(database.name + ".lock")


@dataclass(frozen=True)
class LockHolder:
    """Who holds a lock, as its file says; any field may be unknown (an unreadable file)."""

    pid: int | None = None
    hostname: str | None = None
    started_at: str | None = None
    version: str | None = None

    def describe(self) -> str:
        """A few plain words: 'process 4242 on LAPTOP-7, since 14:02 on 12 March'."""
        parts = []
        if self.pid is not None:
            parts.append(f"process {self.pid}")
        if self.hostname:
            parts.append(f"on {self.hostname}")
        started = _parse_time(self.started_at)
        if started is not None:
            local = started.astimezone()
            parts.append(f"since {local:%H:%M} on {local.day} {local:%B %Y}")
        return " ".join(parts)


class DatabaseLockedError(DomainError):
    """Another Maturity Workshop is the writer of this database."""

    def __init__(self, database: Path, holder: LockHolder) -> None:
        self.database = Path(database)
        self.holder = holder
        who = holder.describe()
        super().__init__(
            f"The workshops in {self.database} are open in another {_app_name()}"
            f"{f' ({who})' if who else ''}. Only one can change them at a time."
        )


class LockUnavailableError(DomainError):
    """The lock file cannot be made (a read-only folder, a full disk): nobody can write here."""

    def __init__(self, database: Path, reason: str, disk_full: bool = False) -> None:
        self.database = Path(database)
        self.disk_full = disk_full  # what the read-only offer then says (services/opening.py)
        super().__init__(f"The folder {self.database.parent} cannot be written ({reason}), so the workshops cannot be changed.")

    @classmethod
    def because(cls, database: Path, error: OSError) -> LockUnavailableError:
        return cls(database, error.strerror or str(error), disk_full=error.errno in _DISK_FULL_ERRNOS)


_DISK_FULL_ERRNOS = frozenset({errno.ENOSPC, getattr(errno, "EDQUOT", errno.ENOSPC)})


def _app_name() -> str:
    from .. import APP_NAME

    return APP_NAME


def _parse_time(text: str | None) -> datetime | None:
    try:
        return datetime.fromisoformat(text) if text else None
    except (TypeError, ValueError):
        return None


def _try_os_lock(fd: int) -> bool:
    """Take the advisory lock without waiting; False when another open file holds it."""
    try:
        if fcntl is not None:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        else:  # pragma: no cover - Windows
            os.lseek(fd, _WINDOWS_LOCK_OFFSET, os.SEEK_SET)
            msvcrt.locking(fd, msvcrt.LK_NBLCK, 1)
    except OSError as error:
        if error.errno in (errno.EAGAIN, errno.EACCES, errno.EWOULDBLOCK, errno.EDEADLK) or isinstance(
            error, BlockingIOError
        ):
            return False
        raise
    return True


def _os_unlock(fd: int) -> None:
    try:
        if fcntl is not None:
            fcntl.flock(fd, fcntl.LOCK_UN)
        else:  # pragma: no cover - Windows
            os.lseek(fd, _WINDOWS_LOCK_OFFSET, os.SEEK_SET)
            msvcrt.locking(fd, msvcrt.LK_UNLCK, 1)
    except OSError:
        pass  # closing the file releases it anyway


def _same_file(fd: int, path: Path) -> bool:
    """Whether ``fd`` is still the file at ``path`` (not one released and removed meanwhile)."""
    try:
        on_disk = os.stat(path)
    except FileNotFoundError:
        return False
    opened = os.fstat(fd)
    if sys.platform == "win32":  # pragma: no cover - st_ino is not reliable for every Windows file system
        return True
    return (opened.st_dev, opened.st_ino) == (on_disk.st_dev, on_disk.st_ino)


def _read_holder(fd: int) -> LockHolder:
    try:
        os.lseek(fd, 0, os.SEEK_SET)
        raw = os.read(fd, 64 * 1024)
        data = json.loads(raw.decode("utf-8"))
    except (OSError, ValueError):
        return LockHolder()  # being written, or garbled: the lock is held all the same
    if not isinstance(data, dict):
        return LockHolder()
    pid = data.get("pid")
    return LockHolder(
        pid=pid if isinstance(pid, int) else None,
        hostname=str(data["hostname"]) if data.get("hostname") else None,
        started_at=str(data["started_at"]) if data.get("started_at") else None,
        version=str(data["version"]) if data.get("version") else None,
    )


def read_holder(database: Path | str) -> LockHolder | None:
    """Who holds the lock of ``database`` now, or None when nobody does (no file, or a stale one)."""
    path = lock_path_for(database)
    try:
        fd = os.open(path, os.O_RDONLY)  # flock needs no write access: this works in a read-only folder
    except OSError:  # no lock file (or one nobody may read): no writer to name
        return None
    try:
        if _try_os_lock(fd):
            _os_unlock(fd)
            return None
        return _read_holder(fd)
    except OSError:
        return None
    finally:
        os.close(fd)


def is_locked(database: Path | str) -> bool:
    """Whether another app (or another open lock in this one) is the writer of ``database``."""
    return read_holder(database) is not None


class DatabaseLock:
    """The held lock of one database; :meth:`release` (or the process ending) gives it up."""

    def __init__(self, database: Path, path: Path, fd: int, holder: LockHolder) -> None:
        self.database = database
        self.path = path
        self._fd: int | None = fd
        self.holder = holder

    @property
    def held(self) -> bool:
        return self._fd is not None

    @classmethod
    def acquire(cls, database: Path | str, version: str | None = None) -> DatabaseLock:
        """Become the writer of ``database``, or raise :class:`DatabaseLockedError` naming the one
        who is. A stale lock (its holder died) is taken over. A folder where the lock cannot be
        made raises :class:`LockUnavailableError`."""
        database = Path(database)
        path = lock_path_for(database)
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
        except OSError as error:
            raise LockUnavailableError.because(database, error) from error
        for _attempt in range(_ATTEMPTS):
            try:
                fd = os.open(path, os.O_CREAT | os.O_EXCL | os.O_RDWR, 0o644)
                created = True
            except FileExistsError:
                try:
                    fd = os.open(path, os.O_RDWR)
                except FileNotFoundError:
                    continue  # released meanwhile: try to create it again
                except OSError as error:
                    raise LockUnavailableError.because(database, error) from error
                created = False
            except OSError as error:
                raise LockUnavailableError.because(database, error) from error
            try:
                locked = _try_os_lock(fd)
            except OSError as error:  # a file system without locks: nobody can be sure to be alone
                os.close(fd)
                raise LockUnavailableError.because(database, error) from error
            if not locked:
                holder = _read_holder(fd)
                os.close(fd)
                raise DatabaseLockedError(database, holder)
            if not _same_file(fd, path):
                os.close(fd)  # released and removed after we opened it: start again
                continue
            if not created:
                previous = _read_holder(fd)
                who = previous.describe() or "an unknown process"
                log.warning("Took over the stale lock %s left by %s, which is no longer running.", path, who)
            lock = cls(database, path, fd, LockHolder())
            try:
                lock.record(version)
            except OSError as error:
                lock.release()
                raise LockUnavailableError.because(database, error) from error
            log.info("Locked %s for writing (process %s).", database, os.getpid())
            return lock
        raise DatabaseLockedError(database, LockHolder())

    def record(self, version: str | None) -> None:
        """(Re)write who holds the lock; the version can be added once it is known."""
        if self._fd is None:
            return
        holder = LockHolder(
            pid=os.getpid(),
            hostname=socket.gethostname(),
            started_at=self.holder.started_at or datetime.now(UTC).isoformat(timespec="seconds"),
            version=version,
        )
        text = json.dumps(
            {"pid": holder.pid, "hostname": holder.hostname, "started_at": holder.started_at, "version": version}
        ).encode("utf-8")
        os.lseek(self._fd, 0, os.SEEK_SET)
        os.ftruncate(self._fd, 0)
        os.write(self._fd, text)
        self.holder = holder

    def release(self) -> None:
        """Give up the lock and remove its file. Safe to call twice."""
        fd, self._fd = self._fd, None
        if fd is None:
            return
        if sys.platform == "win32":  # pragma: no cover - an open file cannot be removed there
            _os_unlock(fd)
            os.close(fd)
            try:
                os.unlink(self.path)
            except OSError:
                pass  # another app opened it meanwhile; it will find it stale and take it over
            return
        # Remove the file while still holding it, so that nobody can take over a file that is
        # about to vanish (whoever opened it meanwhile sees it is gone and starts again).
        try:
            if _same_file(fd, self.path):
                os.unlink(self.path)
        except OSError:
            pass  # a read-only folder now: the next app finds the file stale and takes it over
        _os_unlock(fd)
        os.close(fd)
        log.info("Unlocked %s.", self.database)

    def __enter__(self) -> DatabaseLock:
        return self

    def __exit__(self, *_exc) -> None:
        self.release()
