"""When backups are taken (a workshop starts, every 5 minutes while edits happen, on close) and
restoring one; the clock is the test's, so nothing sleeps."""

from __future__ import annotations

import sqlite3
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest

from maturity_workshop.domain import Rating, WorkshopDraft
from maturity_workshop.services import WorkshopService
from maturity_workshop.services.backups import BACKUP_INTERVAL
from maturity_workshop.store import backups as store
from maturity_workshop.store.backups import Backup, BackupError, backup_folder, list_backups

from ..conditions import backup_folder_blocked
from ..store.damaged_files import workshop_titles

START = datetime(2026, 11, 26, 9, 0, 0, tzinfo=UTC)


class Clock:
    def __init__(self, now: datetime = START) -> None:
        self.now = now

    def __call__(self) -> datetime:
        return self.now

    def advance(self, **delta: float) -> None:
        self.now += timedelta(**delta)


@pytest.fixture
def clock() -> Clock:
    return Clock()


@pytest.fixture
def svc(db_path: Path, model, clock: Clock):
    service = WorkshopService.open(db_path, model, clock)
    yield service
    service.close()


def _start(service: WorkshopService, title: str = "Spring review"):
    return service.start_workshop(WorkshopDraft("Platform team", title, date(2026, 3, 12)))


def _notes(path: Path) -> list[str]:
    connection = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro&immutable=1", uri=True)
    try:
        return [text for (text,) in connection.execute("SELECT text FROM cell_note ORDER BY id")]
    finally:
        connection.close()


def _times(db_path: Path) -> list[datetime]:
    return sorted(b.taken_at for b in list_backups(db_path))


def test_opening_a_new_database_takes_no_backup(svc: WorkshopService, db_path: Path) -> None:
    assert list_backups(db_path) == []


def test_starting_a_workshop_takes_a_backup_holding_it(svc: WorkshopService, db_path: Path) -> None:
    _start(svc, "Kick-off")
    (backup,) = list_backups(db_path)
    assert backup.taken_at == START
    assert backup.path.parent == db_path.parent / "backups"
    assert workshop_titles(backup.path) == ["Kick-off"]


def test_edits_are_backed_up_every_five_minutes_and_only_when_there_are_edits(
    svc: WorkshopService, db_path: Path, clock: Clock
) -> None:
    workshop = _start(svc)
    svc.save_rating(workshop.id, Rating("testing", 1))
    clock.advance(minutes=4, seconds=59)
    svc.save_rating(workshop.id, Rating("testing", 2))
    assert _times(db_path) == [START]  # less than five minutes since the last backup
    clock.advance(seconds=1)
    svc.save_note(workshop.id, "testing.consistent", "At five minutes")
    assert _times(db_path) == [START, START + BACKUP_INTERVAL]
    assert svc.backups.maybe_backup(clock.now + timedelta(hours=1)) is None  # no edit since
    clock.advance(minutes=30)
    svc.save_rating(workshop.id, Rating("testing", 3))  # the first edit after a quiet spell
    assert _times(db_path)[-1] == clock.now


def test_every_kind_of_edit_counts(svc: WorkshopService, db_path: Path, clock: Clock, model) -> None:
    from maturity_workshop.domain.actions import ActionDraft

    workshop = _start(svc)
    edits = [
        lambda: svc.save_rating(workshop.id, Rating("testing", 1)),
        lambda: svc.save_note(workshop.id, "testing.consistent", "A note"),
        lambda: svc.add_action(workshop.id, ActionDraft("testing", "Write tests")),
        lambda: svc.update_action(svc.load(workshop.id).actions[0].id, ActionDraft("testing", "Write more tests")),
        lambda: svc.delete_action(svc.load(workshop.id).actions[0].id),
        lambda: svc.rename_workshop(workshop.id, "Renamed"),
        lambda: svc.set_closed(workshop.id, True),
        lambda: svc.set_closed(workshop.id, False),
        lambda: svc.delete_workshop(workshop.id),
    ]
    for edit in edits:
        clock.advance(minutes=6)
        before = len(list_backups(db_path))
        edit()
        assert len(list_backups(db_path)) == before + 1


def test_settings_are_not_edits(svc: WorkshopService, db_path: Path, clock: Clock) -> None:
    workshop = _start(svc)
    clock.advance(minutes=10)
    svc.set_setting("ui.zoom", "3")
    svc.remember_last_workshop(workshop.id)
    assert _times(db_path) == [START]
    svc.close()
    assert _times(db_path) == [START]  # nothing to back up on close either


def test_closing_backs_up_the_edits_since_the_last_backup(svc: WorkshopService, db_path: Path, clock: Clock) -> None:
    workshop = _start(svc)
    clock.advance(minutes=1)
    svc.save_note(workshop.id, "testing.consistent", "Said at the very end")
    svc.close()
    assert _times(db_path) == [START, START + timedelta(minutes=1)]
    assert _notes(list_backups(db_path)[0].path) == ["Said at the very end"]
    svc.close()  # closing twice is harmless and backs up nothing more
    assert len(list_backups(db_path)) == 2


def test_the_interval_counts_from_the_newest_backup_of_an_earlier_run(db_path: Path, model, clock: Clock) -> None:
    first = WorkshopService.open(db_path, model, clock)
    workshop = _start(first)
    first.close()
    clock.advance(minutes=2)
    second = WorkshopService.open(db_path, model, clock)
    try:
        second.save_rating(workshop.id, Rating("testing", 1))
        assert _times(db_path) == [START]
        clock.advance(minutes=3)
        second.save_rating(workshop.id, Rating("testing", 2))
        assert _times(db_path) == [START, START + timedelta(minutes=5)]
    finally:
        second.close()


def test_a_clock_set_back_restarts_the_interval(svc: WorkshopService, db_path: Path, clock: Clock) -> None:
    workshop = _start(svc)
    clock.advance(hours=-2)
    svc.save_rating(workshop.id, Rating("testing", 1))
    assert len(list_backups(db_path)) == 1
    clock.advance(minutes=5)
    svc.save_rating(workshop.id, Rating("testing", 2))
    assert len(list_backups(db_path)) == 2


def test_a_failed_backup_never_fails_the_edit_and_is_reported(svc: WorkshopService, db_path: Path, clock: Clock) -> None:
    reported: list[str] = []
    svc.backups.on_problem = reported.append
    workshop = _start(svc)

    with backup_folder_blocked(db_path):
        clock.advance(minutes=6)
        saved_at = svc.save_rating(workshop.id, Rating("testing", 2))
        assert saved_at is not None
        assert svc.load(workshop.id).rating("testing") == Rating("testing", 2)
        assert reported == [f"The backup folder {backup_folder(db_path)} cannot be created: File exists."]
        assert svc.backups.problems == reported
        clock.advance(minutes=1)
        svc.save_rating(workshop.id, Rating("testing", 3))  # still due: tried again at the next edit
        assert len(reported) == 2


def test_a_broken_problem_reporter_does_not_fail_the_edit(svc: WorkshopService, clock: Clock) -> None:
    workshop = _start(svc)

    def broken(_message: str) -> None:
        raise RuntimeError("the window is gone")

    svc.backups.on_problem = broken
    with backup_folder_blocked(svc.database.path):
        clock.advance(minutes=6)
        svc.save_rating(workshop.id, Rating("testing", 1))


# -- restoring ----------------------------------------------------------------------------------------
def test_restoring_replaces_the_database_after_backing_it_up(svc: WorkshopService, db_path: Path, clock: Clock) -> None:
    first = _start(svc, "First")
    svc.save_note(first.id, "testing.consistent", "As it was")
    clock.advance(minutes=1)
    svc.backups.take()
    chosen = list_backups(db_path)[0]
    clock.advance(minutes=1)
    _start(svc, "Second")
    svc.save_note(first.id, "testing.consistent", "Changed later")
    clock.advance(minutes=1)

    restored = svc.restore_backup(chosen)

    assert restored.backup == chosen
    assert restored.safety is not None and restored.safety.taken_at == clock.now
    assert workshop_titles(restored.safety.path) == ["First", "Second"]
    assert [w.title for w in svc.list_workshops()] == ["First"]
    assert svc.load(first.id).notes == {"testing.consistent": "As it was"}
    assert workshop_titles(db_path) == ["First"]  # the file itself, not only the service's view
    # The service carries on with the restored database: edits are saved there, backups follow.
    svc.save_rating(first.id, Rating("testing", 2))
    assert svc.load(first.id).rating("testing") == Rating("testing", 2)

    undone = svc.restore_backup(restored.safety)  # a restore can be undone from the same list
    assert [w.title for w in svc.list_workshops()] == ["Second", "First"]
    assert undone.safety is not None


def test_restoring_a_path_finds_its_time(svc: WorkshopService, db_path: Path) -> None:
    _start(svc)
    backup = list_backups(db_path)[0]
    assert svc.restore_backup(backup.path).backup == backup


def test_a_damaged_backup_is_not_restored(svc: WorkshopService, db_path: Path) -> None:
    _start(svc, "Kept")
    bad = backup_folder(db_path) / "workshops-20261120T000000Z.sqlite3"
    bad.write_bytes(b"not a database " * 400)
    with pytest.raises(BackupError, match="damaged.*nothing was changed"):
        svc.restore_backup(bad)
    assert [w.title for w in svc.list_workshops()] == ["Kept"]


def test_a_restore_is_refused_when_the_database_cannot_be_backed_up_first(svc: WorkshopService, db_path: Path) -> None:
    _start(svc, "Kept")
    backup = list_backups(db_path)[0]
    _start(svc, "Also kept")
    chosen = Backup(db_path.with_name(backup.path.name), backup.taken_at)  # out of the way of what follows
    backup.path.rename(chosen.path)
    with backup_folder_blocked(db_path), pytest.raises(BackupError, match="could not be backed up first.*File exists"):
        svc.restore_backup(chosen)
    assert [w.title for w in svc.list_workshops()] == ["Also kept", "Kept"]


def test_a_database_too_damaged_to_back_up_is_moved_aside_before_restoring(
    svc: WorkshopService, db_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _start(svc, "In the backup")
    backup = list_backups(db_path)[0]
    _start(svc, "Only in the damaged file")
    monkeypatch.setattr(
        store, "take_backup", lambda *a, **k: (_ for _ in ()).throw(BackupError("failed its check", damaged=True))
    )
    restored = svc.restore_backup(backup)
    assert restored.safety is None
    assert restored.moved_aside is not None and restored.moved_aside.name.startswith("workshops.sqlite3.corrupt-")
    assert workshop_titles(restored.moved_aside) == ["In the backup", "Only in the damaged file"]
    assert [w.title for w in svc.list_workshops()] == ["In the backup"]


def test_restoring_an_older_schemas_backup_upgrades_it(db_path: Path, model, clock: Clock) -> None:
    import shutil

    fixture = Path(__file__).resolve().parents[1] / "fixtures" / "schema-0001.sqlite3"
    service = WorkshopService.open(db_path, model, clock)
    try:
        folder = backup_folder(db_path)
        folder.mkdir()
        old = folder / "workshops-20250101T000000Z.sqlite3"
        shutil.copyfile(fixture, old)
        service.restore_backup(old)
        assert len(service.list_workshops()) == 5
        assert service.load(4).workshop.title == "季度成熟度评估"
    finally:
        service.close()
