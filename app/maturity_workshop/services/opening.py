"""Opening the workshop database at launch, and what to do when the file is damaged.

A damaged file is never written over. When :func:`~..store.integrity.check_file` finds the file
empty, not SQLite, cut short or failing ``PRAGMA quick_check``, the caller's ``ask`` is told what is
wrong and which backup is the newest good one, and chooses: restore that backup, start with an
empty database, only set the file aside, or quit (which leaves every file as it is). Except on quit
the damaged file is first moved aside, with its ``-wal`` and ``-shm``, to ``NAME.corrupt-<UTC time>``.

The window's ``ask`` is a dialog; the command line's is :func:`restore_newest_backup`, which starts
an empty database only for a command asked to write. Another program's database is refused before
anything is written beside it; a full disk opens the workshops read-only.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from enum import Enum
from pathlib import Path

from ..domain.clock import utcnow
from ..domain.errors import DomainError
from ..domain.model import MaturityModel
from ..store import backups as backup_store
from ..store.backups import Backup, BackupSummary
from ..store.integrity import FileProblem, aside_path, check_file, move_aside, refuse_foreign
from ..store.lock import DatabaseLock, DatabaseLockedError, LockUnavailableError
from ..store.sqlite import DiskFullError
from .workshops import READ_ONLY_BECAUSE_IN_USE, WorkshopService

log = logging.getLogger(__name__)


class Choice(Enum):
    RESTORE = "restore"  # the newest good backup
    FRESH = "fresh"  # an empty database
    SET_ASIDE = "set-aside"  # move the damaged file aside, open nothing
    QUIT = "quit"  # open nothing, change nothing


class OpeningCancelled(DomainError):
    """The facilitator chose not to open anything after the file was found damaged."""


@dataclass(frozen=True)
class Candidate:
    """A backup that passed its check, with what it holds."""

    backup: Backup
    summary: BackupSummary


@dataclass(frozen=True)
class Recovery:
    """What was found wrong at launch, and what can be done about it."""

    problem: FileProblem
    aside: Path  # where the damaged file goes (it is moved only once a choice other than quit is made)
    backup: Candidate | None  # the newest backup that passed its check, if any

    @property
    def path(self) -> Path:
        return self.problem.path

    def explanation(self) -> str:
        """What happened, in plain words, for the dialog and the command line."""
        return (
            f"The workshop file {self.path.name} {self.problem.reason}. It cannot be opened, and it will "
            f"not be changed: it is kept as it is, renamed {self.aside.name}, in {self.aside.parent}."
        )


@dataclass(frozen=True)
class Opened:
    service: WorkshopService
    recovery: Recovery | None = None  # None: the file was whole (or new)
    choice: Choice | None = None
    moved_to: Path | None = None  # where the damaged file now is


Ask = Callable[[Recovery], Choice]


def newest_good_backup(database: Path | str) -> Candidate | None:
    """The newest backup of ``database`` that passes ``PRAGMA quick_check`` and can be read."""
    for backup in backup_store.list_backups(database):
        if backup_store.check_copy(backup.path):
            continue
        summary = backup_store.summarize(backup.path)
        if summary.problem is None:
            return Candidate(backup, summary)
    return None


def restore_newest_backup(recovery: Recovery, start_empty: bool = True) -> Choice:
    """The choice when nobody can be asked (the command line): the newest good backup, else an
    empty database when the command is to write (``start_empty``), else only setting the file aside."""
    if recovery.backup is not None:
        return Choice.RESTORE
    return Choice.FRESH if start_empty else Choice.SET_ASIDE


def open_or_recover(
    path: Path | str, model: MaturityModel, ask: Ask, clock: Callable[[], datetime] = utcnow
) -> Opened:
    """Open the database at ``path``; when its file is damaged, ask what to do (see the module)."""
    path = Path(path)
    problem = check_file(path)
    if problem is None:
        return Opened(WorkshopService.open(path, model, clock))
    now = clock()
    recovery = Recovery(problem, aside_path(path, now), newest_good_backup(path))
    choice = ask(recovery)
    if choice is Choice.RESTORE and recovery.backup is None:
        choice = Choice.FRESH
    if choice is Choice.QUIT:
        raise OpeningCancelled(
            f"Nothing was opened. The damaged workshop file {path} was left as it is; "
            f"its backups are in {backup_store.backup_folder(path)}."
        )
    moved = move_aside(path, now)
    if choice is Choice.SET_ASIDE:
        raise OpeningCancelled(
            f"{recovery.explanation()} No good backup of it was found, so nothing was opened; starting "
            "Maturity Workshop (or its demo command) begins an empty database."
        )
    if choice is Choice.RESTORE:
        assert recovery.backup is not None
        backup_store.copy_into(recovery.backup.backup.path, path)
    return Opened(WorkshopService.open(path, model, clock), recovery, choice, moved)


@dataclass(frozen=True)
class ReadOnlyOffer:
    """The workshops cannot be opened for changing: why, in words for the facilitator's question, and
    what every change is refused with if they are opened read-only instead."""

    problem: str
    reason: str
    disk_full: bool = False


AskReadOnly = Callable[[ReadOnlyOffer], bool]

READ_ONLY_BECAUSE_DISK_FULL = (
    "Not saved: the disk is full, so these workshops were opened read-only. Free some space on the disk, "
    "then start Maturity Workshop again to make changes."
)


def _disk_full(database: Path) -> ReadOnlyOffer:
    return ReadOnlyOffer(
        f"The disk holding {database} is full, so no change to the workshops can be saved until some space "
        "is freed on it.",
        READ_ONLY_BECAUSE_DISK_FULL,
        disk_full=True,
    )


def open_as_writer_or_reader(
    database: Path, model: MaturityModel, ask_damaged: Ask, ask_read_only: AskReadOnly
) -> WorkshopService | None:
    """The service on ``database``, as its one writer (``store/lock.py``). When another Maturity
    Workshop is the writer, the folder cannot be written or the disk is full, ``ask_read_only``
    decides whether to open it read-only instead; None when it says no. Two writers never share a
    file. Only the writer may check the file and, if it is damaged, ask ``ask_damaged`` what to do.
    Another program's database is refused before anything, even the lock file, is made beside it."""
    refuse_foreign(database)
    try:
        lock = DatabaseLock.acquire(database)
    except DatabaseLockedError as error:
        log.warning("%s", error)
        offer = ReadOnlyOffer(str(error), READ_ONLY_BECAUSE_IN_USE)
    except LockUnavailableError as error:
        log.warning("%s", error)
        if not database.is_file():
            raise
        offer = _disk_full(database) if error.disk_full else ReadOnlyOffer(
            str(error),
            f"Not saved: these workshops were opened read-only, because the folder {database.parent} "
            "cannot be written.",
        )
    else:
        try:
            service = open_or_recover(database, model, ask_damaged).service
        except DiskFullError as error:  # room for the lock file, not for SQLite's index of its log
            lock.release()
            log.warning("%s", error)
            if not database.is_file():
                raise
            offer = _disk_full(database)
        except BaseException:
            lock.release()
            raise
        else:
            service.lock = lock
            return service
    if not ask_read_only(offer):
        log.info("Not opened: the facilitator chose not to open %s read-only.", database)
        return None
    return WorkshopService.open(
        database, model, read_only=True, read_only_reason=offer.reason, disk_full=offer.disk_full
    )


def open_copy(database: Path, model: MaturityModel, folder: Path) -> WorkshopService:
    """A private copy of the workshops at ``database`` in ``folder``, to look at without touching
    them (another window may have them open): a picture of the board is drawn from it."""
    if not database.is_file():
        raise DomainError(f"There is no workshop database at {database}.")
    copy = folder / "workshops-copy.sqlite3"
    backup_store.copy_into(database, copy)
    return WorkshopService.open(copy, model)
