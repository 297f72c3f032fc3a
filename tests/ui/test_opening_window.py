"""The window's start on files that are not what they should be, answered through the prompts:
another program's database gets a clear dialog and nothing is written beside it; on a full disk
the workshops come up read-only, saying why, and nothing is left beside them."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from maturity_workshop import diagnostics
from maturity_workshop.ui import app as app_module

from ..conditions import fill_up, full_disk, lock_file_disk_full
from ..store.damaged_files import FOREIGN, copy_with_latest_in_its_log, make_database
from .launching import launch_guard


def _no_window(opened: list):
    """A ready hook that records and closes a window that should never have opened."""
    return lambda win: (opened.append(win.service.read_only), win.close())


def _files(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir()) if p.is_file() and p.name != "filler"}


@pytest.fixture
def started():
    """What a launch leaves running (the log, the error hooks) is stopped after the test."""
    yield
    diagnostics.stop()


@pytest.mark.parametrize("foreign", sorted(FOREIGN))
def test_another_programs_database_gets_a_clear_dialog_and_nothing_written(
    qtbot, tmp_path: Path, foreign: str, prompts, started
) -> None:
    database = FOREIGN[foreign](tmp_path / "their.sqlite3")
    before = _files(tmp_path)
    opened = []
    with launch_guard():
        assert app_module.run(database, ready_hook=_no_window(opened), prompts=prompts) == 1
    assert opened == []
    (message,) = prompts.criticals
    assert "cannot start" in message and "looks like another program's database" in message
    assert "has not been changed" in message
    assert prompts.questions == [] and prompts.shown == [], "no question, no damaged-file dialog"
    assert _files(tmp_path) == before, "no lock file, -wal, -shm or backup left, not one byte changed"


def _launch_read_only(database: Path, prompts) -> dict:
    seen = {}

    def ready(win) -> None:
        seen.update(read_only=win.service.read_only, banner=win.read_only_banner.text(), title=win.editor.workshop_id)
        win.close()

    prompts.confirm_next(True)
    with launch_guard():
        assert app_module.run(database, ready_hook=ready, prompts=prompts) == 0
    (question,) = prompts.questions
    assert f"The disk holding {database} is full" in question.message and "Open them read-only" in question.message
    return seen


@pytest.fixture
def made(tmp_path: Path) -> Path:
    return make_database(tmp_path / "made" / "workshops.sqlite3", title="Saved before", notes=3)


def test_when_the_lock_file_finds_no_space_the_window_opens_read_only(
    qtbot, made: Path, monkeypatch, prompts, started
) -> None:
    lock_file_disk_full(monkeypatch)
    before = _files(made.parent)
    seen = _launch_read_only(made, prompts)
    assert seen["read_only"] and "The disk is full" in seen["banner"] and "Free some space" in seen["banner"]
    assert _files(made.parent) == before


def test_on_a_real_full_disk_the_window_opens_read_only(qtbot, made: Path, tmp_path: Path, prompts, started) -> None:
    with full_disk(tmp_path / "disk") as disk:
        database = disk / "workshops.sqlite3"
        shutil.copyfile(made, database)
        fill_up(disk)
        before = _files(disk)
        seen = _launch_read_only(database, prompts)
        assert seen["read_only"] and "The disk is full" in seen["banner"]
        assert _files(disk) == before


def test_on_a_real_full_disk_changes_in_the_log_are_said_to_wait_for_space(
    qtbot, made: Path, tmp_path: Path, prompts, started
) -> None:
    with full_disk(tmp_path / "disk") as disk:
        database = copy_with_latest_in_its_log(made, disk / "workshops.sqlite3")
        fill_up(disk)
        before = _files(disk)
        prompts.confirm_next(True)
        opened = []
        with launch_guard():
            assert app_module.run(database, ready_hook=_no_window(opened), prompts=prompts) == 1
        assert opened == [], "an older state shown as if it were the latest"
        (message,) = prompts.criticals
        assert "cannot be read while the disk is full" in message and "latest changes" in message
        assert _files(disk) == before
