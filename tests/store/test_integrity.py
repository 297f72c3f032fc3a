"""Telling a whole database file from a damaged one, without writing to it; moving a damaged one aside."""

from __future__ import annotations

import sqlite3
from datetime import timedelta
from pathlib import Path

import pytest

from maturity_workshop.store.engine import DatabaseError, connect
from maturity_workshop.store.integrity import FileProblem, ProblemKind, aside_path, check_file, move_aside

from .damaged_files import DAMAGES, KINDS, NOW, make_database, make_newer_version, workshop_titles



def _folder(path: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(path.parent.iterdir()) if p.is_file()}


def test_a_missing_file_is_no_problem(tmp_path: Path) -> None:
    assert check_file(tmp_path / "workshops.sqlite3") is None
    assert list(tmp_path.iterdir()) == []


def test_a_whole_database_is_no_problem_and_is_not_touched(tmp_path: Path) -> None:
    path = make_database(tmp_path / "workshops.sqlite3")
    before = _folder(path)
    assert check_file(path) is None
    assert _folder(path) == before


def test_a_database_of_a_newer_version_is_whole(tmp_path: Path) -> None:
    """Refusing it is the engine's job (untouched); it is not damaged, so it is never moved aside."""
    path = make_newer_version(tmp_path / "workshops.sqlite3")
    before = _folder(path)
    assert check_file(path) is None
    assert _folder(path) == before


@pytest.mark.parametrize("damage", sorted(DAMAGES))
def test_each_kind_of_damage_is_found_without_touching_the_file(damage: str, tmp_path: Path) -> None:
    path = DAMAGES[damage](tmp_path / "workshops.sqlite3")
    before = _folder(path)
    problem = check_file(path)
    assert isinstance(problem, FileProblem)
    assert problem.kind is KINDS[damage]
    assert problem.path == path
    assert problem.reason  # plain words for the dialog
    assert _folder(path) == before


def test_a_truncated_file_says_how_much_is_missing(tmp_path: Path) -> None:
    path = DAMAGES["truncated"](tmp_path / "workshops.sqlite3")
    problem = check_file(path)
    assert problem is not None and problem.kind is ProblemKind.TRUNCATED
    assert f"{path.stat().st_size} bytes of the {2 * path.stat().st_size}" in problem.detail


def test_a_file_shorter_than_the_header_is_truncated(tmp_path: Path) -> None:
    path = make_database(tmp_path / "workshops.sqlite3", notes=1)
    path.write_bytes(path.read_bytes()[:60])
    problem = check_file(path)
    assert problem is not None and problem.kind is ProblemKind.TRUNCATED


def test_a_database_with_its_write_ahead_log_still_to_copy_back_is_whole(tmp_path: Path) -> None:
    """Committed changes still in the -wal (the app was killed) are part of the database, not damage."""
    path = make_database(tmp_path / "workshops.sqlite3", notes=3)
    live = connect(path)
    try:
        live.execute("PRAGMA wal_autocheckpoint = 0")
        live.executemany(
            "INSERT INTO team (name, name_key, created_at, updated_at, uuid) VALUES (?, ?, '2026-01-01', '2026-01-01', ?)",
            [(f"Team {i} " + "x" * 500, f"team {i} " + "x" * 500, f"uuid-{i}") for i in range(200)],
        )
        assert path.stat().st_size < Path(f"{path}-wal").stat().st_size
        main_before = path.read_bytes()
        assert check_file(path) is None
        assert path.read_bytes() == main_before
    finally:
        live.close()


def test_a_damaged_page_is_reported_with_what_sqlite_found(tmp_path: Path) -> None:
    path = DAMAGES["corrupted-page"](tmp_path / "workshops.sqlite3")
    problem = check_file(path)
    assert problem is not None and problem.detail


# -- moving aside ----------------------------------------------------------------------------------
def test_moving_aside_renames_the_file_and_its_companions_unchanged(tmp_path: Path) -> None:
    path = DAMAGES["corrupted-page"](tmp_path / "workshops.sqlite3")
    Path(f"{path}-wal").write_bytes(b"wal bytes")
    Path(f"{path}-shm").write_bytes(b"shm bytes")
    content = path.read_bytes()
    moved = move_aside(path, NOW)
    assert moved == tmp_path / "workshops.sqlite3.corrupt-20261126T061233Z"
    assert moved.read_bytes() == content
    assert Path(f"{moved}-wal").read_bytes() == b"wal bytes"
    assert Path(f"{moved}-shm").read_bytes() == b"shm bytes"
    assert not path.exists() and not Path(f"{path}-wal").exists() and not Path(f"{path}-shm").exists()


def test_a_file_moved_aside_with_its_log_still_reads_as_it_was(tmp_path: Path) -> None:
    """The -wal keeps its pairing with the file, so what was committed in it is not lost."""
    path = make_database(tmp_path / "workshops.sqlite3", title="Before", notes=1)
    writer = sqlite3.connect(path, isolation_level=None)
    writer.execute("PRAGMA wal_autocheckpoint = 0")
    writer.execute("UPDATE workshop SET title = 'Only in the log'")
    # Leave the log behind as a killed app would: copy the files while the connection holds them.
    snapshot = {name: Path(f"{path}{name}").read_bytes() for name in ("", "-wal")}
    writer.close()
    for name, data in snapshot.items():
        Path(f"{path}{name}").write_bytes(data)
    Path(f"{path}-shm").unlink(missing_ok=True)
    moved = move_aside(path, NOW)
    assert workshop_titles(moved) == ["Only in the log"]


def test_moving_aside_twice_in_one_second_keeps_both(tmp_path: Path) -> None:
    path = tmp_path / "workshops.sqlite3"
    path.write_bytes(b"first")
    first = move_aside(path, NOW)
    path.write_bytes(b"second")
    second = move_aside(path, NOW)
    assert first != second
    assert second.name == "workshops.sqlite3.corrupt-20261126T061234Z"
    assert (first.read_bytes(), second.read_bytes()) == (b"first", b"second")


def test_aside_path_skips_a_name_whose_companion_exists(tmp_path: Path) -> None:
    path = tmp_path / "workshops.sqlite3"
    Path(f"{tmp_path / 'workshops.sqlite3.corrupt-20261126T061233Z'}-wal").write_bytes(b"")
    assert aside_path(path, NOW) == tmp_path / "workshops.sqlite3.corrupt-20261126T061234Z"
    assert aside_path(path, NOW + timedelta(hours=1)).name == "workshops.sqlite3.corrupt-20261126T071233Z"


def test_a_file_that_cannot_be_moved_is_a_database_error(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import os

    path = tmp_path / "workshops.sqlite3"
    path.write_bytes(b"damaged")

    def refuse(*_args):
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(os, "replace", refuse)
    with pytest.raises(DatabaseError, match="could not be moved aside.*Permission denied"):
        move_aside(path, NOW)
    assert path.read_bytes() == b"damaged"
