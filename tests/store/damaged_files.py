"""Database files for the data-safety tests: real ones, and each way a file can be damaged."""

from __future__ import annotations

import sqlite3
from datetime import UTC, date, datetime
from pathlib import Path

from maturity_workshop.domain import MaturityModel, Rating, WorkshopDraft
from maturity_workshop.services import WorkshopService
from maturity_workshop.services.models import default_model
from maturity_workshop.store.backups import backup_folder, list_backups
from maturity_workshop.store.integrity import ProblemKind

NOW = datetime(2026, 11, 26, 6, 12, 33, tzinfo=UTC)
KINDS = {  # each damage made below, and what the integrity check must call it
    "zero-length": ProblemKind.EMPTY,
    "not-sqlite": ProblemKind.NOT_SQLITE,
    "truncated": ProblemKind.TRUNCATED,
    "corrupted-page": ProblemKind.DAMAGED,
}

PAGE_SIZE = 4096
BTREE_PAGE_TYPES = {0x02, 0x05, 0x0A, 0x0D}
NOTE_CELLS = [cell.id for cell in default_model().cells]


def make_database(path: Path, team: str = "Platform team", title: str = "Spring review", notes: int = 30,
                  model: MaturityModel | None = None, keep_backups: bool = False) -> Path:
    """A real workshop database, closed (so one self-contained file) with enough rows to span many
    pages. The backups its making took are removed, unless ``keep_backups``."""
    existing = set(list_backups(path))
    service = WorkshopService.open(path, model or default_model())
    try:
        workshop = service.start_workshop(WorkshopDraft(team, title, date(2026, 3, 12), "Ada", 9))
        service.save_rating(workshop.id, Rating("testing", 1, 2))
        for index, cell_id in enumerate(NOTE_CELLS[:notes]):
            service.save_note(workshop.id, cell_id, f"Note {index}: " + "words that fill pages " * 60)
    finally:
        service.close()
    assert not Path(f"{path}-wal").exists()
    if not keep_backups:
        for made in set(list_backups(path)) - existing:
            made.path.unlink()
        try:
            backup_folder(path).rmdir()  # if now empty
        except OSError:
            pass
    return path


def add_workshop(path: Path, team: str, title: str) -> None:
    service = WorkshopService.open(path, default_model())
    try:
        service.start_workshop(WorkshopDraft(team, title, date(2026, 4, 1)))
    finally:
        service.close()


def workshop_titles(path: Path) -> list[str]:
    connection = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
    try:
        return [title for (title,) in connection.execute("SELECT title FROM workshop ORDER BY id")]
    finally:
        connection.close()


def make_zero_length(path: Path) -> Path:
    path.write_bytes(b"")
    return path


def make_text(path: Path) -> Path:
    path.write_text("These are the minutes of the workshop, typed into the wrong file.\n" * 40, encoding="utf-8")
    return path


def make_truncated(path: Path) -> Path:
    """The first half of a real database file."""
    make_database(path)
    data = path.read_bytes()
    path.write_bytes(data[: len(data) // 2])
    return path


def make_corrupted_page(path: Path) -> Path:
    """A real database with bytes flipped in the middle of one of its b-tree pages (one holding rows)."""
    make_database(path)
    connection = sqlite3.connect(path)
    try:
        connection.execute("VACUUM")  # no free pages: every b-tree-looking page is one in use
    finally:
        connection.close()
    data = bytearray(path.read_bytes())
    pages = len(data) // PAGE_SIZE
    for number in [*range(pages // 2, pages), *range(pages // 2 - 1, 0, -1)]:  # from the middle outwards
        start = number * PAGE_SIZE
        cells = int.from_bytes(data[start + 3 : start + 5], "big")
        if data[start] in BTREE_PAGE_TYPES and cells > 0:
            for offset in range(start + 8, start + PAGE_SIZE // 2):
                data[offset] ^= 0xA5
            path.write_bytes(bytes(data))
            return path
    raise AssertionError("no b-tree page found to damage")


def make_newer_version(path: Path) -> Path:
    """A whole database whose schema revision this app does not know (made by a newer version)."""
    make_database(path, notes=2)
    connection = sqlite3.connect(path)
    try:
        connection.execute("UPDATE alembic_version SET version_num = '9999'")
        connection.commit()
    finally:
        connection.close()
    return path


DAMAGES = {
    "zero-length": make_zero_length,
    "not-sqlite": make_text,
    "truncated": make_truncated,
    "corrupted-page": make_corrupted_page,
}


# -- other programs' SQLite files: whole, but not ours ---------------------------------------------
def make_foreign_tables(path: Path) -> Path:
    """Another program's database: its own tables, no alembic_version."""
    connection = sqlite3.connect(path)
    try:
        connection.execute("CREATE TABLE notes (id INTEGER PRIMARY KEY, body TEXT NOT NULL)")
        connection.executemany("INSERT INTO notes (body) VALUES (?)", [("Buy milk",), ("Call Ada",)])
        connection.commit()
    finally:
        connection.close()
    return path


def make_foreign_alembic(path: Path) -> Path:
    """Another program that uses Alembic too, even with a revision named like one of ours."""
    connection = sqlite3.connect(path)
    try:
        connection.execute("CREATE TABLE alembic_version (version_num VARCHAR(32) NOT NULL)")
        connection.execute("INSERT INTO alembic_version VALUES ('0001')")
        connection.execute("CREATE TABLE users (id INTEGER PRIMARY KEY, email TEXT)")
        connection.execute("INSERT INTO users (email) VALUES ('ada@example.org')")
        connection.commit()
    finally:
        connection.close()
    return path


def make_foreign_in_its_log(path: Path) -> Path:
    """Another program's WAL database as it is while that program runs: its file holds no table yet,
    its write-ahead log holds them all (copied, with no -shm, while the program has it open)."""
    scratch = path.with_name(f"{path.name}.making")
    connection = sqlite3.connect(scratch, isolation_level=None)
    try:
        connection.execute("PRAGMA journal_mode = WAL")
        connection.execute("PRAGMA wal_autocheckpoint = 0")
        connection.execute("CREATE TABLE measurements (id INTEGER PRIMARY KEY, value REAL)")
        connection.execute("INSERT INTO measurements (value) VALUES (21.5)")
        path.write_bytes(scratch.read_bytes())
        Path(f"{path}-wal").write_bytes(Path(f"{scratch}-wal").read_bytes())
    finally:
        connection.close()
    for extra in ("", "-wal", "-shm"):
        Path(f"{scratch}{extra}").unlink(missing_ok=True)
    return path


FOREIGN = {
    "own tables": make_foreign_tables,
    "another Alembic app": make_foreign_alembic,
    "all in its log": make_foreign_in_its_log,
}


def copy_with_latest_in_its_log(source: Path, target: Path, title: str = "Latest title") -> Path:
    """A copy at ``target`` of the database at ``source`` as a crash leaves it: every workshop
    renamed ``title`` by a commit still only in the -wal beside it (no -shm, no checkpoint)."""
    connection = sqlite3.connect(source, isolation_level=None)
    try:
        connection.execute("PRAGMA wal_autocheckpoint = 0")
        connection.execute("UPDATE workshop SET title = ?", (title,))
        target.write_bytes(source.read_bytes())
        Path(f"{target}-wal").write_bytes(Path(f"{source}-wal").read_bytes())
    finally:
        connection.close()
    assert Path(f"{target}-wal").stat().st_size > 0
    return target
