"""The thread model: the thread that opens a database (the ui thread) owns its connection; another
thread opens its own database, read-only where it can, and is handed domain objects, not the
connection."""

from __future__ import annotations

import threading
from collections.abc import Callable
from datetime import date
from pathlib import Path

import pytest

from maturity_workshop.domain import Rating, WorkshopDraft
from maturity_workshop.export.data import render_json
from maturity_workshop.services import WorkshopService
from maturity_workshop.store.engine import DatabaseError, WrongThreadError, open_database
from maturity_workshop.store.repository import WorkshopRepository


def _in_another_thread(work: Callable[[], object]) -> object:
    """What ``work`` returned or raised in a thread of its own (joined: no waiting on time)."""
    outcome: list[object] = []

    def run() -> None:
        try:
            outcome.append(work())
        except BaseException as error:  # handed back to the test's thread
            outcome.append(error)

    worker = threading.Thread(target=run, name="worker")
    worker.start()
    worker.join()
    return outcome[0]


@pytest.fixture
def started(service: WorkshopService) -> int:
    workshop = service.start_workshop(WorkshopDraft("Platform team", "Spring review", date(2026, 3, 12)))
    service.save_rating(workshop.id, Rating("testing", 1, 2))
    return workshop.id


@pytest.mark.parametrize(
    "use",
    [
        lambda service: service.list_workshops(),  # a snapshot
        lambda service: service.remember_last_workshop(1),  # a transaction
        lambda service: service.database.connection.execute("SELECT 1"),  # the connection itself
    ],
    ids=["read", "write", "connection"],
)
def test_the_services_database_cannot_be_used_from_another_thread(
    service: WorkshopService, started: int, use
) -> None:
    error = _in_another_thread(lambda: use(service))
    assert isinstance(error, WrongThreadError) and isinstance(error, DatabaseError)
    assert "opened by another thread" in str(error) and "opens its own database" in str(error)
    assert service.load(started).rating("testing") == Rating("testing", 1, 2)  # the owner still can


def test_another_thread_opens_its_own_read_only_database(service: WorkshopService, db_path: Path, started: int) -> None:
    def read() -> list[str]:
        database = open_database(db_path, read_only=True)
        try:
            return [w.title for w in WorkshopRepository(database).list_workshops()]
        finally:
            database.close()

    assert _in_another_thread(read) == ["Spring review"]
    service.rename_workshop(started, "Renamed")  # the owner writes on meanwhile
    assert _in_another_thread(read) == ["Renamed"]


def test_another_thread_works_on_domain_objects_built_on_the_owners_thread(
    service: WorkshopService, started: int
) -> None:
    state = service.load(started)  # built here, handed over: no connection crosses
    exported = _in_another_thread(lambda: render_json(service.model, state, date(2026, 3, 13)))
    assert exported == render_json(service.model, state, date(2026, 3, 13))
