"""One writer per database file: the writer holds the lock; a second one reads, and changes nothing."""

from __future__ import annotations

import hashlib
import os
from datetime import date
from pathlib import Path

import pytest

from maturity_workshop.domain import ActionDraft, DomainError, MaturityModel, Rating, WorkshopDraft
from maturity_workshop.services import WorkshopService
from maturity_workshop.store.lock import DatabaseLockedError, LockUnavailableError, is_locked, lock_path_for

IN_USE = "opened read-only because another Maturity Workshop has them open"


def _digest(path: Path) -> str:
    """The file and its write-ahead log, where a writer's commits land first."""
    digest = hashlib.sha256(path.read_bytes())
    wal = Path(f"{path}-wal")
    digest.update(wal.read_bytes() if wal.exists() else b"")
    return digest.hexdigest()


@pytest.fixture
def writer(db_path: Path, model: MaturityModel):
    service = WorkshopService.open(db_path, model, exclusive=True)
    yield service
    service.close()


@pytest.fixture
def saved(writer: WorkshopService):
    workshop = writer.start_workshop(WorkshopDraft("Platform team", "Spring review", date(2026, 3, 12)))
    writer.save_rating(workshop.id, Rating("testing", 1, 2))
    writer.save_note(workshop.id, "testing.consistent", "Said in the room")
    writer.add_action(workshop.id, ActionDraft("testing", "Write the tests"))
    return workshop


def test_the_writer_holds_the_lock_until_it_closes(db_path: Path, model: MaturityModel) -> None:
    service = WorkshopService.open(db_path, model, exclusive=True)
    assert is_locked(db_path) and lock_path_for(db_path).exists()
    with pytest.raises(DatabaseLockedError, match="open in another Maturity Workshop"):
        WorkshopService.open(db_path, model, exclusive=True)
    service.close()
    assert not is_locked(db_path) and not lock_path_for(db_path).exists()
    WorkshopService.open(db_path, model, exclusive=True).close()


def test_a_refused_writer_leaves_the_file_alone(db_path: Path, model: MaturityModel, writer, saved) -> None:
    before = _digest(db_path)
    with pytest.raises(DatabaseLockedError):
        WorkshopService.open(db_path, model, exclusive=True)
    assert _digest(db_path) == before
    assert writer.lock is not None and writer.lock.held


def test_a_reader_sees_the_writers_workshops(db_path: Path, model: MaturityModel, writer, saved) -> None:
    reader = WorkshopService.open(db_path, model, read_only=True)
    try:
        assert reader.read_only and reader.lock is None
        state = reader.load(saved.id)
        assert state.ratings["testing"] == Rating("testing", 1, 2)
        assert state.notes["testing.consistent"] == "Said in the room"
        writer.save_rating(saved.id, Rating("testing", 2, 3))  # the writer carries on meanwhile
        assert reader.load(saved.id).ratings["testing"] == Rating("testing", 2, 3)
    finally:
        reader.close()
    assert writer.lock.held, "a reader closing must not free the writer's lock"


def test_a_reader_refuses_every_change_plainly(db_path: Path, model: MaturityModel, writer, saved) -> None:
    action = writer.load(saved.id).actions[0]
    reader = WorkshopService.open(db_path, model, read_only=True)
    changes = {
        "start_workshop": lambda: reader.start_workshop(WorkshopDraft("Other team", "Kick-off", date(2026, 4, 1))),
        "save_rating": lambda: reader.save_rating(saved.id, Rating("testing", 3)),
        "save_note": lambda: reader.save_note(saved.id, "testing.consistent", "changed"),
        "rename_workshop": lambda: reader.rename_workshop(saved.id, "Renamed"),
        "set_closed": lambda: reader.set_closed(saved.id, True),
        "delete_workshop": lambda: reader.delete_workshop(saved.id),
        "add_action": lambda: reader.add_action(saved.id, ActionDraft("testing", "Another")),
        "update_action": lambda: reader.update_action(action.id, ActionDraft("testing", "Changed")),
        "move_action": lambda: reader.move_action(action.id, 0),
        "delete_action": lambda: reader.delete_action(action.id),
        "remember_last_workshop": lambda: reader.remember_last_workshop(saved.id),
        "set_setting": lambda: reader.set_setting("ui.zoom", "3"),
    }
    before = _digest(db_path)
    try:
        for name, change in changes.items():
            with pytest.raises(DomainError) as refused:
                change()
            assert IN_USE in str(refused.value), name
        with pytest.raises(DomainError, match=IN_USE):
            reader.check_writable()
    finally:
        reader.close()
    assert _digest(db_path) == before
    state = writer.load(saved.id)
    assert state.workshop.title == "Spring review" and not state.workshop.closed
    assert state.ratings["testing"] == Rating("testing", 1, 2)
    assert [a.title for a in state.actions] == ["Write the tests"]


def test_a_reader_can_be_told_another_reason(db_path: Path, model: MaturityModel, saved) -> None:
    reader = WorkshopService.open(db_path, model, read_only=True, read_only_reason="Not saved: the folder is locked.")
    try:
        with pytest.raises(DomainError, match="the folder is locked"):
            reader.save_rating(saved.id, Rating("testing", 3))
    finally:
        reader.close()


@pytest.mark.skipif(os.name != "posix" or os.geteuid() == 0, reason="root writes into read-only folders")
def test_a_read_only_folder_is_read_and_never_written(db_path: Path, model: MaturityModel, saved, writer) -> None:
    """A real read-only folder (not as root, which ignores permissions): the writer cannot be made,
    the workshops can still be read, though SQLite cannot make its shared-memory file there."""
    writer.close()
    for leftover in (Path(f"{db_path}-wal"), Path(f"{db_path}-shm")):
        assert not leftover.exists()
    before = _digest(db_path)
    db_path.parent.chmod(0o555)
    try:
        with pytest.raises(LockUnavailableError, match="cannot be written"):
            WorkshopService.open(db_path, model, exclusive=True)
        reader = WorkshopService.open(db_path, model, read_only=True, read_only_reason="Not saved: read-only folder.")
        try:
            assert reader.load(saved.id).notes["testing.consistent"] == "Said in the room"
            with pytest.raises(DomainError, match="read-only folder"):
                reader.save_rating(saved.id, Rating("testing", 3))
        finally:
            reader.close()
    finally:
        db_path.parent.chmod(0o755)
    assert _digest(db_path) == before
