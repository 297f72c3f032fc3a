"""Backup copies of a workshop database, made with SQLite's backup API.

The copies live in a ``backups/`` folder beside the database file, one file each, named after the
database and the UTC second they were taken: ``workshops-20261126T061233Z.sqlite3``, so that the
names sort by time. Each copy is written under a temporary name, checked with ``PRAGMA
quick_check``, then renamed into place: a copy that fails the check is deleted and reported, so
every file in the folder is one that was whole when it was made. Copies are single files (rollback
journal, not WAL), so they can be read, listed and restored without anything beside them.

Which copies are kept is decided by :func:`backups_to_keep`, a pure function of their times: the
last 10, the newest of each of the last 14 days, the newest of each of the last 9 weeks (a little
over two months). Days and weeks are UTC calendar days and ISO weeks.
"""

from __future__ import annotations

import os
import re
import sqlite3
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

from ..domain.errors import DomainError
from .sqlite import connect, open_read_only, quick_check, read_revision

BACKUP_FOLDER = "backups"
BACKUP_SUFFIX = ".sqlite3"
KEEP_LAST = 10
KEEP_DAILY_DAYS = 14
KEEP_WEEKLY_WEEKS = 9  # the current ISO week and the 8 before it: a little over two months
STAMP_FORMAT = "%Y%m%dT%H%M%SZ"  # UTC, to the second: names that sort by time
_PARTIAL_SUFFIX = ".partial"


class BackupError(DomainError):
    """A backup that could not be made or restored; the message says why in plain words.

    ``damaged`` is True when the copy was made but failed its check: then the database it was
    copied from is probably damaged itself."""

    def __init__(self, message: str, damaged: bool = False) -> None:
        super().__init__(message)
        self.damaged = damaged


@dataclass(frozen=True)
class Backup:
    path: Path
    taken_at: datetime  # UTC, to the second

    @property
    def size(self) -> int:
        try:
            return self.path.stat().st_size
        except OSError:
            return 0


@dataclass(frozen=True)
class BackupSummary:
    """What a backup holds, read from the copy itself."""

    workshops: int = 0
    teams: int = 0
    last_title: str | None = None  # the workshop changed last
    last_team: str | None = None
    last_held_on: date | None = None
    last_changed_at: datetime | None = None  # UTC
    revision: str | None = None
    problem: str | None = None  # why it could not be read, in plain words


# -- names ----------------------------------------------------------------------------------------
def backup_folder(database: Path | str) -> Path:
    return Path(database).parent / BACKUP_FOLDER


def backup_name(database: Path | str, moment: datetime) -> str:
    return f"{Path(database).stem}-{moment.astimezone(UTC).strftime(STAMP_FORMAT)}{BACKUP_SUFFIX}"


def _name_pattern(database: Path | str) -> re.Pattern[str]:
    stem = re.escape(Path(database).stem)
    return re.compile(rf"^{stem}-(\d{{8}}T\d{{6}}Z){re.escape(BACKUP_SUFFIX)}$")


def list_backups(database: Path | str) -> list[Backup]:
    """The backups of ``database``, newest first. Other files in the folder are ignored."""
    folder = backup_folder(database)
    pattern = _name_pattern(database)
    found = []
    try:
        entries = list(folder.iterdir())
    except OSError:
        return []
    for entry in entries:
        match = pattern.match(entry.name)
        if not match or not entry.is_file():
            continue
        try:
            taken_at = datetime.strptime(match.group(1), STAMP_FORMAT).replace(tzinfo=UTC)
        except ValueError:
            continue
        found.append(Backup(entry, taken_at))
    return sorted(found, key=lambda backup: backup.taken_at, reverse=True)


# -- which to keep --------------------------------------------------------------------------------
def backups_to_keep(
    times: Iterable[datetime],
    now: datetime,
    keep_last: int = KEEP_LAST,
    daily_days: int = KEEP_DAILY_DAYS,
    weekly_weeks: int = KEEP_WEEKLY_WEEKS,
) -> set[datetime]:
    """Which of the backups taken at ``times`` to keep at ``now``: the ``keep_last`` newest; the
    newest of each UTC day among the last ``daily_days`` days (today included); the newest of each
    ISO week among the last ``weekly_weeks`` weeks (this week included). A time after ``now`` (a
    clock set back) is always kept: nothing is deleted on the word of a clock that disagrees."""
    now = now.astimezone(UTC)
    times = sorted({t.astimezone(UTC) for t in times}, reverse=True)  # newest first
    kept = {t for t in times if t > now}
    kept.update(times[:keep_last])
    today = now.date()
    this_monday = today - timedelta(days=today.weekday())
    newest_of_day: dict[date, datetime] = {}
    newest_of_week: dict[date, datetime] = {}
    for moment in times:
        if moment > now:
            continue
        day = moment.date()
        monday = day - timedelta(days=day.weekday())
        if (today - day).days < daily_days:
            newest_of_day.setdefault(day, moment)  # times run newest first: the first seen is the newest
        if (this_monday - monday).days // 7 < weekly_weeks:
            newest_of_week.setdefault(monday, moment)
    kept.update(newest_of_day.values())
    kept.update(newest_of_week.values())
    return kept


def prune(database: Path | str, now: datetime) -> list[Path]:
    """Delete the backups :func:`backups_to_keep` does not keep; returns the deleted files."""
    backups = list_backups(database)
    keep = backups_to_keep((b.taken_at for b in backups), now)
    deleted = []
    for backup in backups:
        if backup.taken_at not in keep:
            try:
                backup.path.unlink()
                deleted.append(backup.path)
            except OSError:
                pass  # tried again after the next backup
    return deleted


# -- checking -------------------------------------------------------------------------------------
def check_copy(path: Path | str) -> list[str]:
    """The problems ``PRAGMA quick_check`` finds in the file at ``path`` ([] when it is whole)."""
    try:
        connection = open_read_only(path)
    except sqlite3.Error as error:
        return [str(error)]
    try:
        return quick_check(connection)
    except sqlite3.Error as error:
        return [str(error)]
    finally:
        connection.close()


def summarize(path: Path | str) -> BackupSummary:
    """How many workshops and teams a backup holds and which workshop was changed last."""
    try:
        connection = open_read_only(path)
    except sqlite3.Error as error:
        return BackupSummary(problem=f"It cannot be read ({error}).")
    try:
        tables = {name for (name,) in connection.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
        revision = read_revision(connection)
        if not {"team", "workshop"} <= tables:
            return BackupSummary(revision=revision)
        workshops = connection.execute("SELECT COUNT(*) FROM workshop").fetchone()[0]
        teams = connection.execute("SELECT COUNT(*) FROM team").fetchone()[0]
        last = connection.execute(
            "SELECT w.title, t.name, w.held_on, w.updated_at FROM workshop w JOIN team t ON t.id = w.team_id "
            "ORDER BY w.updated_at DESC, w.id DESC LIMIT 1"
        ).fetchone()
    except sqlite3.Error as error:
        return BackupSummary(problem=f"It cannot be read ({error}).")
    finally:
        connection.close()
    if last is None:
        return BackupSummary(workshops=workshops, teams=teams, revision=revision)
    title, team, held_on, updated_at = last
    return BackupSummary(
        workshops=workshops,
        teams=teams,
        last_title=title,
        last_team=team,
        last_held_on=_parse_date(held_on),
        last_changed_at=_parse_time(updated_at),
        revision=revision,
    )


def _parse_date(text: object) -> date | None:
    try:
        return date.fromisoformat(str(text)[:10])
    except ValueError:
        return None


def _parse_time(text: object) -> datetime | None:
    try:
        moment = datetime.fromisoformat(str(text))
    except ValueError:
        return None
    return moment.replace(tzinfo=UTC) if moment.tzinfo is None else moment.astimezone(UTC)


# -- taking and restoring -------------------------------------------------------------------------
def take_backup(
    source: sqlite3.Connection,
    database: Path | str,
    now: datetime,
    check: Callable[[sqlite3.Connection], list[str]] = quick_check,
) -> Backup:
    """Copy the database ``source`` is connected to into the backups folder of ``database``, check
    the copy, then keep only what :func:`backups_to_keep` keeps. Raises :class:`BackupError`."""
    folder = backup_folder(database)
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise BackupError(f"The backup folder {folder} cannot be created: {error.strerror or error}.") from None
    _remove_leftovers(folder)
    moment = now.astimezone(UTC).replace(microsecond=0)
    while (folder / backup_name(database, moment)).exists():  # one name per second: take the next free one
        moment += timedelta(seconds=1)
    final = folder / backup_name(database, moment)
    partial = folder / f".{final.name}{_PARTIAL_SUFFIX}"
    try:
        copy = sqlite3.connect(str(partial), isolation_level=None)
        try:
            source.backup(copy)
            copy.execute("PRAGMA journal_mode = DELETE")  # one self-contained file
            try:
                problems = check(copy)
            except sqlite3.DatabaseError as error:  # too damaged for the check to finish
                problems = [str(error)]
        finally:
            copy.close()
        if problems:
            _unlink(partial)
            raise BackupError(
                "A backup copy failed its check, so it was deleted. The database itself may be damaged: "
                f"{'; '.join(problems[:3])}",
                damaged=True,
            )
        _fsync(partial)
        os.replace(partial, final)
        _fsync_folder(folder)
    except BackupError:
        raise
    except (sqlite3.Error, OSError) as error:
        _unlink(partial)
        raise BackupError(f"The backup could not be written to {folder}: {_reason(error)}.") from None
    finally:
        for extra in ("-journal", "-wal", "-shm"):
            _unlink(Path(f"{partial}{extra}"))
    prune(database, moment)
    return Backup(final, moment)


def back_up_file(database: Path | str, now: datetime) -> Backup:
    """A backup of the database file at ``database``, read without writing to it (before a migration)."""
    try:
        source = open_read_only(database)
    except sqlite3.Error as error:
        raise BackupError(f"The database {database} cannot be read to back it up: {error}.") from None
    try:
        return take_backup(source, database, now)
    finally:
        source.close()


def copy_into(backup: Path | str, database: Path | str) -> None:
    """Replace the whole content of the database at ``database`` (created if missing) by the backup's,
    with the backup API: one write transaction, so a failure or a crash leaves the database as it was.
    Nobody else may have the database open."""
    try:
        source = open_read_only(backup)
    except sqlite3.Error as error:
        raise BackupError(f"The backup {Path(backup).name} cannot be read: {error}.") from None
    try:
        target = connect(database)
        try:
            source.backup(target)
        finally:
            target.close()
    except sqlite3.Error as error:
        raise BackupError(f"The backup could not be copied into {database}: {_reason(error)}.") from None
    finally:
        source.close()


def _reason(error: BaseException) -> str:
    if isinstance(error, OSError):
        return error.strerror or str(error)
    text = str(error)
    return "the disk is full" if "full" in text.lower() else text


def _remove_leftovers(folder: Path) -> None:
    """Temporary files of a backup that was interrupted (the app was killed while copying)."""
    for leftover in folder.glob(f".*{_PARTIAL_SUFFIX}*"):
        _unlink(leftover)


def _unlink(path: Path) -> None:
    try:
        path.unlink()
    except FileNotFoundError:
        pass
    except OSError:
        pass


def _fsync(path: Path) -> None:
    with open(path, "rb") as stream:
        os.fsync(stream.fileno())


def _fsync_folder(folder: Path) -> None:
    if os.name != "posix":
        return
    try:
        handle = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(handle)
    except OSError:
        pass
    finally:
        os.close(handle)
