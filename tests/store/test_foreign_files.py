"""Another program's SQLite database is refused, and left exactly as it is: not migrated, not
checked into a -shm, nothing made beside it."""

from __future__ import annotations

from pathlib import Path

import pytest

from maturity_workshop.store.engine import DatabaseError, connect, open_database
from maturity_workshop.store.integrity import ForeignDatabaseError, refuse_foreign

from .damaged_files import FOREIGN, make_database, make_newer_version


def _folder(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir()) if p.is_file()}


@pytest.mark.parametrize("foreign", sorted(FOREIGN))
@pytest.mark.parametrize("read_only", [False, True], ids=["writing", "read-only"])
def test_another_programs_database_is_refused_byte_for_byte_untouched(foreign: str, read_only: bool, tmp_path: Path) -> None:
    path = FOREIGN[foreign](tmp_path / "their.sqlite3")
    before = _folder(tmp_path)
    with pytest.raises(ForeignDatabaseError) as refused:
        open_database(path, read_only=read_only)
    message = str(refused.value)
    assert "looks like another program's database" in message and str(path) in message
    assert "has not been changed" in message
    assert _folder(tmp_path) == before, "not one byte written, no -wal, -shm or backup made"


def test_the_refusal_names_their_tables(tmp_path: Path) -> None:
    path = FOREIGN["another Alembic app"](tmp_path / "their.sqlite3")
    with pytest.raises(ForeignDatabaseError, match=r"\(alembic_version, users\)"):
        refuse_foreign(path)


@pytest.mark.parametrize(
    "make",
    [
        pytest.param(lambda path: path, id="missing"),
        pytest.param(lambda path: connect(path).close() or path, id="no tables yet"),
        pytest.param(make_database, id="ours"),
        pytest.param(make_newer_version, id="a newer version of ours"),
        pytest.param(lambda path: path.write_bytes(b"not SQLite at all") and path, id="not SQLite"),
    ],
)
def test_files_that_are_not_another_programs_pass(make, tmp_path: Path) -> None:
    path = make(tmp_path / "workshops.sqlite3")
    refuse_foreign(path)


def test_a_newer_version_of_ours_is_still_called_so(tmp_path: Path) -> None:
    path = make_newer_version(tmp_path / "workshops.sqlite3")
    with pytest.raises(DatabaseError, match="newer version"):
        open_database(path)
