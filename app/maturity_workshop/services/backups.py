"""When to back up the open database: as a workshop starts, every few minutes while edits happen,
and as the database closes. The copying, checking and rotation are ``store/backups.py``'s.

A backup is a safety net under a save that has already succeeded, so an automatic backup that fails
never fails the edit: the problem is handed to ``on_problem`` (the window shows it) and logged.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import datetime, timedelta
from pathlib import Path

from ..domain.clock import utcnow
from ..store import backups as store
from ..store.backups import Backup, BackupError, BackupSummary
from ..store.engine import Database

BACKUP_INTERVAL = timedelta(minutes=5)
log = logging.getLogger(__name__)


class BackupService:
    """Backups of one open database. ``clock`` gives the time (UTC); tests set it."""

    def __init__(
        self,
        database: Database,
        clock: Callable[[], datetime] = utcnow,
        interval: timedelta = BACKUP_INTERVAL,
    ) -> None:
        self.database = database
        self.clock = clock
        self.interval = interval
        self.edited = False  # changes since the last backup
        self.last_backup_at: datetime | None = None
        self.on_problem: Callable[[str], None] | None = None
        self.problems: list[str] = []

    # -- the moments a backup is taken ---------------------------------------------------------
    def take(self, now: datetime | None = None) -> Backup:
        """A backup now, checked and rotated; raises :class:`BackupError`."""
        now = now or self.clock()
        backup = store.take_backup(self.database.connection, self.database.path, now)
        self.edited = False
        self.last_backup_at = now
        log.info("Backed up %s to %s", self.database.path, backup.path)
        return backup

    def workshop_started(self) -> Backup | None:
        return self._safely(self.take)

    def record_edit(self) -> Backup | None:
        """A change was saved: back up if the last backup is ``interval`` old or more."""
        self.edited = True
        return self.maybe_backup()

    def maybe_backup(self, now: datetime | None = None) -> Backup | None:
        """A backup when something changed since the last one and that one is ``interval`` old."""
        if not self.edited:
            return None
        now = now or self.clock()
        last = self._last_backup_time(now)
        if last is not None and last > now:  # the clock was set back: count the interval from now
            self.last_backup_at = now
            return None
        if last is not None and now - last < self.interval:
            return None
        return self._safely(lambda: self.take(now))

    def closing(self) -> Backup | None:
        """The database is about to close: back up what changed since the last backup."""
        return self._safely(self.take) if self.edited else None

    # -- helpers ----------------------------------------------------------------------------------
    def _last_backup_time(self, now: datetime) -> datetime | None:
        """The last backup of this session, or else the newest one in the folder (made by an earlier
        run) that is not dated after ``now``."""
        if self.last_backup_at is None:
            earlier = [b for b in store.list_backups(self.database.path) if b.taken_at <= now]
            if earlier:
                self.last_backup_at = earlier[0].taken_at
        return self.last_backup_at

    def _safely(self, take: Callable[[], Backup]) -> Backup | None:
        try:
            return take()
        except BackupError as error:
            self.report(str(error))
            return None

    def report(self, message: str) -> None:
        log.warning("Backup problem: %s", message)
        self.problems.append(message)
        if self.on_problem is not None:
            try:
                self.on_problem(message)
            except Exception:  # the messenger must not turn a backup problem into a failed edit
                log.exception("Showing a backup problem failed")


def backups_with_summaries(database_path: Path) -> list[tuple[Backup, BackupSummary]]:
    """The backups of the database at ``database_path``, newest first, each with what it holds."""
    return [(backup, store.summarize(backup.path)) for backup in store.list_backups(database_path)]
