"""A full disk, a database locked by another program, a file that cannot be written: each change
refused says why in plain words, nothing saved before is lost, and changes work again afterwards."""

from __future__ import annotations

import sqlite3
from datetime import date
from pathlib import Path

import pytest

from maturity_workshop.domain import ActionDraft, Rating, Workshop, WorkshopDraft
from maturity_workshop.services import WorkshopService
from maturity_workshop.store.engine import DatabaseError

from ..conditions import BIG_NOTE, CONDITIONS


def _fresh(db_path: Path, sql: str, *params):
    """What a restart would see: a new, independent connection."""
    connection = sqlite3.connect(db_path)
    try:
        return connection.execute(sql, params).fetchall()
    finally:
        connection.close()


@pytest.fixture
def saved_before(service: WorkshopService, workshop: Workshop) -> Workshop:
    service.save_rating(workshop.id, Rating("testing", 1, 2))
    service.save_note(workshop.id, "build-ci.repeatable", "Kept safe")
    service.add_action(workshop.id, ActionDraft("testing", "Write the tests"))
    return workshop


def _assert_saved_before_is_intact(db_path: Path, workshop_id: int) -> None:
    assert _fresh(db_path, "PRAGMA integrity_check") == [("ok",)]
    assert _fresh(
        db_path, "SELECT current_level, target_level FROM rating WHERE workshop_id = ? AND practice_id = 'testing'",
        workshop_id,
    ) == [(1, 2)]
    assert _fresh(db_path, "SELECT text FROM cell_note WHERE workshop_id = ?", workshop_id) == [("Kept safe",)]
    assert _fresh(db_path, "SELECT title FROM action WHERE workshop_id = ?", workshop_id) == [("Write the tests",)]


@pytest.mark.parametrize("condition", CONDITIONS)
def test_a_change_refused_says_why_and_loses_nothing(condition, service, saved_before, db_path) -> None:
    make, words = CONDITIONS[condition]
    workshop_id = saved_before.id
    with make(service):
        with pytest.raises(DatabaseError) as refused:
            service.save_note(workshop_id, "testing.consistent", BIG_NOTE)
        message = str(refused.value)
        assert message.startswith("The change was not saved: ") and words in message
        assert "sqlite" not in message.lower()
        # Reading still works meanwhile: the window can go on showing the workshop.
        assert service.load(workshop_id).ratings["testing"] == Rating("testing", 1, 2)
    _assert_saved_before_is_intact(db_path, workshop_id)
    assert _fresh(db_path, "SELECT COUNT(*) FROM cell_note WHERE cell_id = 'testing.consistent'") == [(0,)]
    # The condition cleared: the same change now succeeds, and is on disk.
    service.save_note(workshop_id, "testing.consistent", BIG_NOTE)
    service.save_rating(workshop_id, Rating("build-ci", 2))
    assert _fresh(db_path, "SELECT text FROM cell_note WHERE cell_id = 'testing.consistent'") == [(BIG_NOTE,)]
    assert service.load(workshop_id).ratings["build-ci"] == Rating("build-ci", 2)


@pytest.mark.parametrize("condition", ["locked by another program", "read-only file"])
def test_every_kind_of_change_is_refused_whole(condition, service, saved_before, db_path) -> None:
    """Not only notes: starting a workshop, a level, an action, the agenda and the time spent, a
    rename, closing, deleting; each is refused whole, none half done. (A full disk refuses only
    what needs more room: see above.)"""
    make, words = CONDITIONS[condition]
    workshop_id = saved_before.id
    action = service.load(workshop_id).actions[0]
    with make(service):
        for change in (
            lambda: service.start_workshop(WorkshopDraft("Mobile team", "Kick-off", date(2026, 5, 1))),
            lambda: service.save_rating(workshop_id, Rating("testing", 3, 3)),
            lambda: service.add_action(workshop_id, ActionDraft("testing", "Another")),
            lambda: service.update_action(action.id, ActionDraft("testing", "Changed")),
            lambda: service.delete_action(action.id),
            lambda: service.set_agenda(workshop_id, {"testing": 20}),
            lambda: service.save_time_spent(workshop_id, {"testing": 300}),
            lambda: service.rename_workshop(workshop_id, "Renamed"),
            lambda: service.set_closed(workshop_id, True),
            lambda: service.delete_workshop(workshop_id),
        ):
            with pytest.raises(DatabaseError, match=words):
                change()
    _assert_saved_before_is_intact(db_path, workshop_id)
    assert _fresh(db_path, "SELECT title, closed FROM workshop") == [("Spring review", 0)]
    assert _fresh(db_path, "SELECT COUNT(*) FROM team") == [(1,)]
