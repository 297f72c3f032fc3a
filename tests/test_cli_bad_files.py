"""The command line on files that are not what they should be: another program's database is
refused untouched; a damaged file with no backup is moved aside and the command fails, with no
empty database in its place; a full disk still lets the workshops be listed and exported."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from .conditions import fill_up, full_disk, no_room_for_sqlite_index
from .store.damaged_files import DAMAGES, FOREIGN, copy_with_latest_in_its_log, make_database


def _run(args, cwd: Path, preexec_fn=None):
    environment = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    return subprocess.run(
        [sys.executable, "-m", "maturity_workshop", *args],
        check=False, capture_output=True, text=True, timeout=120, env=environment, cwd=cwd, preexec_fn=preexec_fn,
    )


def _files(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir()) if p.is_file() and p.name != "filler"}


COMMANDS = {
    "list": lambda db, out: ["list", "--db", str(db)],
    "export": lambda db, out: ["export", "1", "-f", "json", "-o", str(out), "--db", str(db)],
    "demo": lambda db, out: ["demo", "--db", str(db)],
    "history": lambda db, out: ["history", "Platform team", "-o", str(out), "--db", str(db)],
}


@pytest.mark.parametrize("command", sorted(COMMANDS))
def test_another_programs_database_is_refused_by_every_command_and_left_untouched(command: str, tmp_path: Path) -> None:
    folder = tmp_path / "theirs"
    folder.mkdir()
    database = FOREIGN["own tables"](folder / "their.sqlite3")
    before = _files(folder)
    result = _run(COMMANDS[command](database, tmp_path / "plan.json"), tmp_path)
    assert result.returncode == 1
    assert "looks like another program's database" in result.stderr and "has not been changed" in result.stderr
    assert "Traceback" not in result.stderr
    assert _files(folder) == before and sorted(p.name for p in folder.iterdir()) == ["their.sqlite3"]
    assert not (tmp_path / "plan.json").exists()


@pytest.mark.parametrize("command", ["list", "export", "history"])
def test_a_command_that_reads_sets_a_damaged_file_aside_and_fails_without_making_an_empty_one(
    command: str, tmp_path: Path
) -> None:
    database = DAMAGES["corrupted-page"](tmp_path / "workshops.sqlite3")
    shutil.rmtree(tmp_path / "backups", ignore_errors=True)
    damaged = database.read_bytes()
    result = _run(COMMANDS[command](database, tmp_path / "plan.json"), tmp_path)
    assert result.returncode == 1
    (aside,) = [p for p in tmp_path.iterdir() if p.name.startswith("workshops.sqlite3.corrupt-")]
    assert aside.read_bytes() == damaged
    assert "is damaged" in result.stderr and f"renamed {aside.name}" in result.stderr
    assert "No good backup" in result.stderr and "nothing was opened" in result.stderr
    assert "does not exist" not in result.stderr and "empty database" not in result.stdout
    assert not database.exists() and not (tmp_path / "plan.json").exists()

    again = _run(["list", "--db", str(database)], tmp_path)
    assert again.returncode == 1 and "no workshop database at" in again.stderr
    assert not database.exists(), "a command that reads never makes a database"


def test_demo_asked_to_write_starts_an_empty_database_after_setting_a_damaged_one_aside(tmp_path: Path) -> None:
    database = DAMAGES["not-sqlite"](tmp_path / "workshops.sqlite3")
    result = _run(["demo", "--db", str(database)], tmp_path)
    assert result.returncode == 0, result.stderr
    assert "starting with an empty database" in result.stderr and "Created the demo workshop 1" in result.stdout
    assert any(p.name.startswith("workshops.sqlite3.corrupt-") for p in tmp_path.iterdir())


@pytest.fixture
def made(tmp_path: Path) -> Path:
    return make_database(tmp_path / "made" / "workshops.sqlite3", title="Saved before", notes=3)


def _reads_on_a_full_disk(database: Path, tmp_path: Path, preexec_fn=None) -> None:
    before = _files(database.parent)
    listing = _run(["list", "--db", str(database)], tmp_path, preexec_fn)
    assert listing.returncode == 0, listing.stderr
    assert "Saved before" in listing.stdout
    assert f"The disk holding {database} is full" in listing.stderr and "read-only" in listing.stderr
    out = tmp_path / "plan.json"
    exported = _run(["export", "1", "-f", "json", "-o", str(out), "--db", str(database)], tmp_path, preexec_fn)
    assert exported.returncode == 0, exported.stderr
    assert json.loads(out.read_text(encoding="utf-8"))["workshop"]["title"] == "Saved before"
    demo = _run(["demo", "--db", str(database)], tmp_path, preexec_fn)
    assert demo.returncode == 1 and "is full" in demo.stderr
    assert _files(database.parent) == before, "no lock file, -wal or -shm left beside it"


def _latest_waits_for_space(database: Path, tmp_path: Path, preexec_fn=None) -> None:
    before = _files(database.parent)
    listing = _run(["list", "--db", str(database)], tmp_path, preexec_fn)
    assert listing.returncode == 1
    assert "latest changes are still in workshops.sqlite3-wal" in listing.stderr and "Free some space" in listing.stderr
    assert "Saved before" not in listing.stdout, "never an older state shown as if it were the latest"
    assert _files(database.parent) == before, "no 3-byte -shm left, nothing moved aside"


def test_with_no_room_for_sqlites_index_list_and_export_read_read_only(made: Path, tmp_path: Path) -> None:
    """SQLite cannot size the -shm (files may not grow past 16 KiB: as on a full disk, SQLITE_IOERR_SHMSIZE)."""
    _reads_on_a_full_disk(made, tmp_path, no_room_for_sqlite_index)


def test_with_no_room_for_sqlites_index_changes_in_the_log_wait_for_space(made: Path, tmp_path: Path) -> None:
    (tmp_path / "copy").mkdir()
    database = copy_with_latest_in_its_log(made, tmp_path / "copy" / "workshops.sqlite3")
    _latest_waits_for_space(database, tmp_path, no_room_for_sqlite_index)
    assert "Latest title" in _run(["list", "--db", str(database)], tmp_path).stdout


def test_on_a_real_full_disk_list_and_export_read_read_only(made: Path, tmp_path: Path) -> None:
    with full_disk(tmp_path / "disk") as disk:
        database = disk / "workshops.sqlite3"
        shutil.copyfile(made, database)
        fill_up(disk)
        _reads_on_a_full_disk(database, tmp_path)


def test_on_a_real_full_disk_changes_in_the_log_wait_for_space(made: Path, tmp_path: Path) -> None:
    with full_disk(tmp_path / "disk") as disk:
        database = copy_with_latest_in_its_log(made, disk / "workshops.sqlite3")
        fill_up(disk)
        _latest_waits_for_space(database, tmp_path)
        (disk / "filler").unlink()
        assert "Latest title" in _run(["list", "--db", str(database)], tmp_path).stdout
