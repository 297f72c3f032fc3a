"""Opening at launch: a whole file opens; a damaged one is never written over, but moved aside, and
the newest good backup (or an empty database) is offered."""

from __future__ import annotations

import shutil
import subprocess
import sys
from datetime import datetime, timedelta
from pathlib import Path

import pytest

from maturity_workshop.services.opening import (
    Choice,
    OpeningCancelled,
    Recovery,
    newest_good_backup,
    open_as_writer_or_reader,
    open_or_recover,
    restore_newest_backup,
)
from maturity_workshop.store.backups import back_up_file, backup_folder, list_backups
from maturity_workshop.store.engine import DatabaseError
from maturity_workshop.store.integrity import ForeignDatabaseError, ProblemKind
from maturity_workshop.store.lock import lock_path_for

from ..store.damaged_files import (
    DAMAGES,
    FOREIGN,
    KINDS,
    NOW,
    add_workshop,
    make_database,
    make_newer_version,
    workshop_titles,
)



class Asker:
    """Stands in for the dialog: records what it was told, answers as told."""

    def __init__(self, answer: Choice) -> None:
        self.answer = answer
        self.asked: list[Recovery] = []

    def __call__(self, recovery: Recovery) -> Choice:
        self.asked.append(recovery)
        return self.answer


def _never(recovery: Recovery) -> Choice:
    raise AssertionError(f"asked about a file that is whole: {recovery}")


def _clock() -> datetime:
    return NOW


def _files(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir()) if p.is_file()}


def _with_backups(tmp_path: Path) -> tuple[Path, Path]:
    """A database with two backups: "Older" alone, then with "Newer"; returns the path and the newest."""
    path = make_database(tmp_path / "workshops.sqlite3", title="Older", notes=2)
    older = back_up_file(path, NOW - timedelta(days=2)).path
    add_workshop(path, "Mobile team", "Newer")
    newest = back_up_file(path, NOW - timedelta(hours=1)).path
    for extra in backup_folder(path).iterdir():  # the one starting "Newer" took, at the real time
        if extra not in (older, newest):
            extra.unlink()
    return path, newest


def _damage(path: Path, damage: str) -> bytes:
    """Replace the database at ``path`` by a damaged one (made elsewhere, so its backups stay apart)."""
    scratch = path.parent / "scratch"
    scratch.mkdir(exist_ok=True)
    made = DAMAGES[damage](scratch / "damaged.sqlite3")
    shutil.move(made, path)
    shutil.rmtree(scratch)
    return path.read_bytes()


def test_a_whole_database_opens_without_asking(tmp_path: Path, model) -> None:
    path = make_database(tmp_path / "workshops.sqlite3", title="Fine", notes=1)
    opened = open_or_recover(path, model, _never, _clock)
    try:
        assert opened.recovery is None and opened.choice is None and opened.moved_to is None
        assert [w.title for w in opened.service.list_workshops()] == ["Fine"]
    finally:
        opened.service.close()


def test_a_missing_file_is_a_new_database(tmp_path: Path, model) -> None:
    path = tmp_path / "new" / "workshops.sqlite3"
    opened = open_or_recover(path, model, _never, _clock)
    try:
        assert opened.service.list_workshops() == []
    finally:
        opened.service.close()
    assert path.is_file()
    assert not any(p.name.startswith("workshops.sqlite3.corrupt") for p in path.parent.iterdir())


@pytest.mark.parametrize("damage", sorted(DAMAGES))
def test_a_damaged_file_is_moved_aside_and_the_newest_good_backup_restored(damage: str, tmp_path: Path, model) -> None:
    path, newest = _with_backups(tmp_path)
    damaged_bytes = _damage(path, damage)
    ask = Asker(Choice.RESTORE)

    opened = open_or_recover(path, model, ask, _clock)
    try:
        assert [w.title for w in opened.service.list_workshops()] == ["Newer", "Older"]
    finally:
        opened.service.close()

    (recovery,) = ask.asked
    assert recovery.problem.kind is KINDS[damage]
    assert recovery.backup is not None and recovery.backup.backup.path == newest
    assert recovery.backup.summary.workshops == 2
    assert recovery.aside == tmp_path / "workshops.sqlite3.corrupt-20261126T061233Z"
    assert opened.moved_to == recovery.aside
    assert opened.moved_to.read_bytes() == damaged_bytes  # kept byte for byte
    assert opened.choice is Choice.RESTORE
    assert "workshops.sqlite3" in recovery.explanation() and recovery.aside.name in recovery.explanation()


@pytest.mark.parametrize("damage", sorted(DAMAGES))
def test_with_no_backup_a_damaged_file_is_moved_aside_for_an_empty_database(damage: str, tmp_path: Path, model) -> None:
    path = DAMAGES[damage](tmp_path / "workshops.sqlite3")
    shutil.rmtree(backup_folder(path), ignore_errors=True)
    damaged_bytes = path.read_bytes()
    ask = Asker(Choice.FRESH)
    opened = open_or_recover(path, model, ask, _clock)
    try:
        assert opened.service.list_workshops() == []
    finally:
        opened.service.close()
    assert ask.asked[0].backup is None
    assert opened.moved_to is not None and opened.moved_to.read_bytes() == damaged_bytes


def test_choosing_restore_without_a_backup_starts_empty(tmp_path: Path, model) -> None:
    path = DAMAGES["not-sqlite"](tmp_path / "workshops.sqlite3")
    opened = open_or_recover(path, model, Asker(Choice.RESTORE), _clock)
    try:
        assert opened.choice is Choice.FRESH
        assert opened.service.list_workshops() == []
    finally:
        opened.service.close()


def test_a_zero_length_file_left_by_a_failed_run_is_moved_aside_and_a_backup_offered(tmp_path: Path, model) -> None:
    path, newest = _with_backups(tmp_path)
    path.write_bytes(b"")
    ask = Asker(Choice.RESTORE)
    opened = open_or_recover(path, model, ask, _clock)
    opened.service.close()
    assert ask.asked[0].problem.kind is ProblemKind.EMPTY
    assert ask.asked[0].backup.backup.path == newest
    assert opened.moved_to.stat().st_size == 0
    assert workshop_titles(path) == ["Older", "Newer"]


def test_a_damaged_newest_backup_is_passed_over_for_the_next_good_one(tmp_path: Path, model) -> None:
    path, newest = _with_backups(tmp_path)
    (older,) = [b.path for b in list_backups(path) if b.path != newest]
    newest.write_bytes(newest.read_bytes()[:4096])  # the newest backup is cut short
    _damage(path, "not-sqlite")
    ask = Asker(Choice.RESTORE)
    opened = open_or_recover(path, model, ask, _clock)
    opened.service.close()
    assert ask.asked[0].backup.backup.path == older
    assert workshop_titles(path) == ["Older"]
    assert newest_good_backup(path).backup.path == older


def test_quitting_changes_nothing(tmp_path: Path, model) -> None:
    path, _newest = _with_backups(tmp_path)
    _damage(path, "truncated")
    before, backups_before = _files(tmp_path), _files(backup_folder(path))
    with pytest.raises(OpeningCancelled, match="left as it is"):
        open_or_recover(path, model, Asker(Choice.QUIT), _clock)
    assert _files(tmp_path) == before
    assert _files(backup_folder(path)) == backups_before


def test_a_newer_versions_database_is_refused_untouched_without_asking(tmp_path: Path, model) -> None:
    path = make_newer_version(tmp_path / "workshops.sqlite3")
    before = _files(tmp_path)
    with pytest.raises(DatabaseError, match="newer version"):
        open_or_recover(path, model, _never, _clock)
    assert _files(tmp_path) == before
    assert not backup_folder(path).exists()


def test_the_command_lines_choice_is_the_newest_backup_else_empty(tmp_path: Path) -> None:
    path, _newest = _with_backups(tmp_path)
    with_backup = Recovery(problem=None, aside=tmp_path / "x", backup=newest_good_backup(path))  # type: ignore[arg-type]
    without = Recovery(problem=None, aside=tmp_path / "x", backup=None)  # type: ignore[arg-type]
    assert restore_newest_backup(with_backup) is Choice.RESTORE
    assert restore_newest_backup(without) is Choice.FRESH
    assert restore_newest_backup(with_backup, start_empty=False) is Choice.RESTORE
    assert restore_newest_backup(without, start_empty=False) is Choice.SET_ASIDE


@pytest.mark.parametrize("damage", sorted(DAMAGES))
def test_setting_a_damaged_file_aside_opens_nothing_and_says_where_it_is(damage: str, tmp_path: Path, model) -> None:
    """What a command that only reads does when there is no backup: no empty database in its place."""
    path = DAMAGES[damage](tmp_path / "workshops.sqlite3")
    shutil.rmtree(backup_folder(path), ignore_errors=True)
    damaged_bytes = path.read_bytes()
    with pytest.raises(OpeningCancelled) as cancelled:
        open_or_recover(path, model, Asker(Choice.SET_ASIDE), _clock)
    aside = tmp_path / "workshops.sqlite3.corrupt-20261126T061233Z"
    assert _files(tmp_path) == {aside.name: damaged_bytes}, "moved aside byte for byte, nothing in its place"
    message = str(cancelled.value)
    assert aside.name in message and "No good backup" in message and "nothing was opened" in message


@pytest.mark.parametrize("foreign", sorted(FOREIGN))
def test_another_programs_database_is_refused_before_its_folder_is_touched(foreign: str, tmp_path: Path, model) -> None:
    """Not even the lock file is made; and a file of theirs where ours would go is neither read as a
    lock, nor written, nor removed."""
    path = FOREIGN[foreign](tmp_path / "their.sqlite3")
    lock_path_for(path).write_text("their own lock file, not JSON", encoding="utf-8")
    before = _files(tmp_path)
    with pytest.raises(ForeignDatabaseError, match="another program's database"):
        open_as_writer_or_reader(path, model, _never, lambda offer: pytest.fail(f"offered {offer}"))
    assert _files(tmp_path) == before


def test_the_command_line_recovers_on_its_own_and_says_so(tmp_path: Path) -> None:
    path, _newest = _with_backups(tmp_path)
    _damage(path, "corrupted-page")
    result = subprocess.run(
        [sys.executable, "-m", "maturity_workshop", "list", "--db", str(path)],
        capture_output=True, text=True, timeout=60, check=False,
    )
    assert result.returncode == 0, result.stderr
    assert "is damaged" in result.stderr and "restoring the backup" in result.stderr
    assert "Newer" in result.stdout and "Older" in result.stdout
    assert any(p.name.startswith("workshops.sqlite3.corrupt-") for p in tmp_path.iterdir())


def test_opening_a_whole_database_loads_no_sqlalchemy(tmp_path: Path) -> None:
    """The check at launch keeps start-up fast: no SQLAlchemy, no Alembic."""
    path = make_database(tmp_path / "workshops.sqlite3", notes=1)
    script = (
        "import sys\n"
        "from maturity_workshop.services.models import default_model\n"
        "from maturity_workshop.services.opening import open_or_recover\n"
        f"opened = open_or_recover({str(path)!r}, default_model(), lambda r: 1 / 0)\n"
        "opened.service.list_workshops()\n"
        "opened.service.close()\n"
        "print(sorted(m for m in sys.modules if m.split('.')[0] in ('sqlalchemy', 'sqlmodel', 'alembic')))\n"
    )
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=60, check=False)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "[]"
