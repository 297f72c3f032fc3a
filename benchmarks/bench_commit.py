"""For information, the SQLite commit alone (``WorkshopService.save_rating``), beside a raw
``sqlite3`` UPDATE + COMMIT with the same pragmas, to show where the click's time goes."""

from __future__ import annotations

import sqlite3
import time
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

from maturity_workshop.domain.workshop import Rating
from maturity_workshop.services.models import default_model
from maturity_workshop.services.workshops import WorkshopService
from timing import Row, Stats, demo_database, grid_cycle, ms

COMMITS = 1_000
WARMUP_COMMITS = 30


def bench_commits(folder: Path) -> list[Row]:
    """``save_rating`` on its own, and a raw sqlite3 UPDATE + COMMIT with the app's pragmas."""
    database = folder / "commits.sqlite3"
    workshop_id = demo_database(database)
    model = default_model()
    practices = [p.id for p in model.practices]
    levels = [level.value for level in model.levels]

    def plan() -> Iterator[tuple[str, int]]:
        # the same cycle as the clicks: every save really changes the practice's level
        for row, column in grid_cycle(len(levels), len(practices)):
            yield practices[column], levels[row]

    service = WorkshopService.open(database, model)
    try:
        cells = plan()
        for _ in range(WARMUP_COMMITS):
            service.save_rating(workshop_id, Rating(*next(cells)))
        times = []
        for _ in range(COMMITS):
            rating = Rating(*next(cells))
            t0 = time.perf_counter()
            service.save_rating(workshop_id, rating)
            times.append(time.perf_counter() - t0)
        orm = Stats(times)
    finally:
        service.close()

    # The floor: the same two rows written with plain sqlite3, WAL and synchronous=FULL (the
    # app's pragmas, see store/engine.py), so the difference is SQLAlchemy/SQLModel's share.
    raw = sqlite3.connect(database, isolation_level=None)
    try:
        raw.execute("PRAGMA journal_mode = WAL")
        raw.execute("PRAGMA synchronous = FULL")
        raw.execute("PRAGMA foreign_keys = ON")
        cells = plan()
        times = []
        for _ in range(COMMITS):
            practice, level = next(cells)
            now = datetime.now(UTC).isoformat(sep=" ")
            t0 = time.perf_counter()
            raw.execute("BEGIN")
            raw.execute(
                "UPDATE rating SET current_level = ?, updated_at = ?"
                " WHERE workshop_id = ? AND practice_id = ?",
                (level, now, workshop_id, practice),
            )
            raw.execute("UPDATE workshop SET updated_at = ? WHERE id = ?", (now, workshop_id))
            raw.execute("COMMIT")
            times.append(time.perf_counter() - t0)
        floor = Stats(times)
    finally:
        raw.close()

    return [
        Row(
            f"SQLite commit alone (save_rating vs raw sqlite3), median of {COMMITS}",
            ms(orm.median),
            ms(floor.median),
            f"info ({orm.median / floor.median:.1f}x raw)",
        ),
        Row("SQLite commit alone, p99", ms(orm.percentile(99)), ms(floor.percentile(99)), "info"),
    ]
