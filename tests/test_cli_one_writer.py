"""The command line beside a running window: list and export read the workshops read-only, demo
(which writes) is refused, and nothing is changed."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from datetime import date

import pytest

from maturity_workshop.domain import Rating, WorkshopDraft
from maturity_workshop.services import WorkshopService
from maturity_workshop.store.lock import DatabaseLock, lock_path_for


def _run(args, tmp_path):
    environment = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    return subprocess.run(
        [sys.executable, "-m", "maturity_workshop", *args],
        check=False, capture_output=True, text=True, timeout=120, env=environment, cwd=tmp_path,
    )


@pytest.fixture
def window_writing(db_path, model):
    """What a running window holds: the database open, and its lock."""
    service = WorkshopService.open(db_path, model, exclusive=True)
    workshop = service.start_workshop(WorkshopDraft("Platform team", "Spring review", date(2026, 3, 12)))
    service.save_rating(workshop.id, Rating("testing", 1, 2))
    yield service, workshop
    service.close()


def test_list_and_export_read_while_a_window_writes(window_writing, db_path, tmp_path):
    service, workshop = window_writing
    listing = _run(["list", "--db", str(db_path)], tmp_path)
    assert listing.returncode == 0, listing.stderr
    assert "Spring review" in listing.stdout
    assert "open in another Maturity Workshop" in listing.stderr and "read-only" in listing.stderr
    out = tmp_path / "plan.json"
    exported = _run(["export", str(workshop.id), "--db", str(db_path), "-f", "json", "-o", str(out)], tmp_path)
    assert exported.returncode == 0, exported.stderr
    assert json.loads(out.read_text(encoding="utf-8"))["workshop"]["title"] == "Spring review"
    assert service.lock.held and lock_path_for(db_path).exists(), "a reader must not touch the writer's lock"
    service.save_rating(workshop.id, Rating("testing", 2, 3))  # the window carries on writing


def test_demo_is_refused_while_a_window_writes(window_writing, db_path, tmp_path):
    service, _workshop = window_writing
    demo = _run(["demo", "--db", str(db_path)], tmp_path)
    assert demo.returncode == 1
    assert f"open in another Maturity Workshop (process {os.getpid()}" in demo.stderr
    assert [w.title for w in service.list_workshops()] == ["Spring review"]


def test_a_lock_left_by_a_crashed_window_does_not_stop_the_command_line(db_path, tmp_path):
    """A window that was killed leaves its lock file, but no process holds it: it is stale."""
    lock_path_for(db_path).write_text(json.dumps({"pid": 999999, "hostname": "gone", "started_at": None}))
    demo = _run(["demo", "--db", str(db_path)], tmp_path)
    assert demo.returncode == 0, demo.stderr
    assert not lock_path_for(db_path).exists(), "taken over, then released"
    with DatabaseLock.acquire(db_path):
        pass
