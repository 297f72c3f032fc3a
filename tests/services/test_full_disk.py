"""A full disk does not stop reading: the workshops open read-only, every change is refused with
the reason, and nothing is left beside the file (no lock file, no -wal, no 3-byte -shm). With
committed changes still in the -wal and no room for SQLite's -shm index, they are not shown in an
older state: the facilitator is told they can be read once space is freed.

Real full disks (a small tmpfs, filled up) where it can be mounted; the lock file's ENOSPC emulated
everywhere (``tests/conditions.py``)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from maturity_workshop.domain import Rating
from maturity_workshop.services.opening import ReadOnlyOffer, open_as_writer_or_reader
from maturity_workshop.store.engine import DatabaseError, ReadOnlyDatabaseError

from ..conditions import fill_up, full_disk, lock_file_disk_full
from ..store.damaged_files import copy_with_latest_in_its_log, make_database, workshop_titles


def _never(recovery):
    raise AssertionError(f"a whole file on a full disk was called damaged: {recovery.explanation()}")


def _files(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir()) if p.is_file() and p.name != "filler"}


class Offers(list):
    """Says yes to opening read-only, and keeps what it was offered."""

    def __call__(self, offer: ReadOnlyOffer) -> bool:
        self.append(offer)
        return True


@pytest.fixture
def made(tmp_path: Path) -> Path:
    return make_database(tmp_path / "made" / "workshops.sqlite3", title="Saved before", notes=3)


@pytest.fixture
def disk(tmp_path: Path):
    with full_disk(tmp_path / "disk") as folder:
        yield folder


def _reads_read_only_and_refuses_changes(database: Path, model) -> Offers:
    offers = Offers()
    before = _files(database.parent)
    service = open_as_writer_or_reader(database, model, _never, offers)
    try:
        assert service is not None and service.read_only
        (workshop,) = service.list_workshops()
        assert workshop.title == "Saved before"
        assert service.load(workshop.id).ratings["testing"] == Rating("testing", 1, 2)
        with pytest.raises(ReadOnlyDatabaseError, match="the disk is full.*Free some space"):
            service.save_rating(workshop.id, Rating("testing", 3))
    finally:
        service.close()
    (offer,) = offers
    assert offer.disk_full and f"The disk holding {database} is full" in offer.problem
    assert "until some space is freed" in offer.problem
    assert _files(database.parent) == before, "no lock file, -wal, -shm, backup or moved-aside file left"
    return offers


def test_when_the_lock_file_cannot_be_written_for_want_of_space_the_workshops_open_read_only(
    made: Path, model, monkeypatch
) -> None:
    lock_file_disk_full(monkeypatch)
    _reads_read_only_and_refuses_changes(made, model)


@pytest.mark.parametrize("free", [0, 8192], ids=["nothing free", "room for the lock file only"])
def test_on_a_full_disk_the_workshops_open_read_only(disk: Path, made: Path, free: int, model) -> None:
    database = disk / "workshops.sqlite3"
    shutil.copyfile(made, database)
    fill_up(disk, free)
    _reads_read_only_and_refuses_changes(database, model)


@pytest.mark.parametrize("free", [0, 8192], ids=["nothing free", "room for the lock file only"])
def test_changes_still_in_the_log_are_not_shown_older_but_read_once_space_is_freed(
    disk: Path, made: Path, free: int, model
) -> None:
    database = copy_with_latest_in_its_log(made, disk / "workshops.sqlite3")
    fill_up(disk, free)
    before = _files(disk)
    offers = Offers()
    with pytest.raises(DatabaseError) as refused:
        open_as_writer_or_reader(database, model, _never, offers)
    message = str(refused.value)
    assert "cannot be read while the disk is full" in message and "latest changes" in message
    assert "workshops.sqlite3-wal" in message and "Free some space" in message
    assert offers and offers[0].disk_full
    assert _files(disk) == before, "no -shm of 3 bytes, nothing moved aside as damaged"

    (disk / "filler").unlink()
    assert workshop_titles(database) == ["Latest title"]
