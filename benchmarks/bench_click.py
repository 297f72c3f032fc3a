"""A click on a cell, until the level is committed to SQLite and the grid is repainted, over 1,000
clicks on the real main window, against the same clicks on a bare QTableView whose click does a
single ``setData``. Targets: median <= 10 ms, p99 <= 30 ms. Also: how many references to
None/True/False a click loses (see ``refcount.py``).
"""

from __future__ import annotations

import sqlite3
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QPoint, Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QTableView

from maturity_workshop.services.models import default_model
from maturity_workshop.services.workshops import WorkshopService
from maturity_workshop.ui.window.main_window import MainWindow
from refcount import GUARD, RefcountGuard
from timing import WINDOW_SIZE, Row, Stats, bare_window, demo_database, grid_cycle, ms, wait_exposed

CLICK_MEDIAN_TARGET_MS = 10.0
CLICK_P99_TARGET_MS = 30.0
CLICKS = 1_000  # timed clicks per window
WARMUP_CLICKS = 30  # one lap of the grid first, untimed: first paints, caches, imports


@dataclass
class ClickResult:
    # press + release + viewport().repaint(); the repaint syncs the whole window's dirty region,
    # so it also paints what the click invalidated elsewhere (headers, note panel, status bar)
    click: Stats
    deferred: Stats  # the event-loop turn after it: posted updates, the status bar, ...
    skipped: int  # clicks left out because they would not have changed anything
    missed: int  # clicks after which the model did not show the change
    refs_lost: dict[str, float]  # per click, to None/True/False: PySide6's lost references (0 when healthy)


def run_clicks(
    app: QApplication,
    view: QTableView,
    count: int,
    changes: Callable[[int, int], bool],
    landed: Callable[[int, int], bool],
) -> ClickResult:
    """Click ``count`` cells of ``view``, timing each click and the synchronous repaint after it.

    ``changes(row, column)`` says whether a click there would change anything (if not, the cell
    is skipped); ``landed(row, column)`` checks afterwards that the click took effect.
    """
    viewport = view.viewport()
    model = view.model()
    cells = grid_cycle(model.rowCount(), model.columnCount())
    click_times, deferred_times = [], []
    skipped = missed = 0
    GUARD.top_up()
    refs_before = GUARD.refs()
    while len(click_times) < count:
        row, column = next(cells)
        if not changes(row, column):
            skipped += 1
            continue
        centre: QPoint = view.visualRect(model.index(row, column)).center()

        t0 = time.perf_counter()
        QTest.mouseClick(viewport, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, centre)
        viewport.repaint()  # paint now, synchronously, instead of on the next event-loop turn
        t1 = time.perf_counter()
        app.processEvents()  # what the event loop would do next; timed apart, not in the click
        t2 = time.perf_counter()

        click_times.append(t1 - t0)
        deferred_times.append(t2 - t1)
        if not landed(row, column):
            missed += 1
        GUARD.top_up()
    refs_after = GUARD.refs()
    lost = {name: (refs_before[name] - refs_after[name]) / count for name in refs_before}
    return ClickResult(Stats(click_times), Stats(deferred_times), skipped, missed, lost)


def bench_clicks_bare(app: QApplication) -> ClickResult:
    """The baseline: a bare QTableView whose click does one setData on the clicked item."""
    window, view, model = bare_window()

    clicks = {"n": 0}

    def on_pressed(index) -> None:  # the app acts on the press too
        clicks["n"] += 1
        model.setData(index, f"Clicked {clicks['n']}")

    view.pressed.connect(on_pressed)

    def landed(row: int, column: int) -> bool:
        return model.item(row, column).text() == f"Clicked {clicks['n']}"

    try:
        run_clicks(app, view, WARMUP_CLICKS, lambda r, c: True, landed)
        return run_clicks(app, view, CLICKS, lambda r, c: True, landed)
    finally:
        window.close()
        window.deleteLater()
        app.processEvents()


@dataclass
class AppClickResult:
    result: ClickResult
    db_check: str
    db_ok: bool
    refs_at_start: dict[str, int]  # None/True/False counts with the window up, before any click


def bench_clicks_app(app: QApplication, folder: Path) -> AppClickResult:
    """The real main window on the demo workshop; each click sets a practice's current level."""
    database = folder / "clicks.sqlite3"
    workshop_id = demo_database(database)
    service = WorkshopService.open(database, default_model())
    window = MainWindow(service)
    try:
        window.show_workshop(workshop_id)
        window.resize(*WINDOW_SIZE)
        window.show()
        wait_exposed(window)
        grid, grid_model = window.grid, window.grid_model
        practices = grid_model.maturity_model.practices
        last: dict[str, object] = {}

        def changes(row: int, column: int) -> bool:
            practice = practices[column].id
            return grid_model.rating(practice).current != grid_model.level_at_row(row)

        def landed(row: int, column: int) -> bool:
            practice, level = practices[column].id, grid_model.level_at_row(row)
            last.update(practice=practice, level=level)
            return grid_model.rating(practice).current == level

        GUARD.top_up()
        refs_at_start = GUARD.refs()
        run_clicks(app, grid, WARMUP_CLICKS, changes, landed)
        result = run_clicks(app, grid, CLICKS, changes, landed)

        # The click is only done if it is committed: read the last one back with a raw connection.
        with sqlite3.connect(database) as raw:
            stored = raw.execute(
                "SELECT current_level FROM rating WHERE workshop_id = ? AND practice_id = ?",
                (workshop_id, last["practice"]),
            ).fetchone()
        db_ok = stored is not None and stored[0] == last["level"]
        check = (
            f"last click set {last['practice']} to level {last['level']}; table rating holds "
            f"{stored[0] if stored else 'no row'} -> {'OK' if db_ok else 'MISMATCH'}"
        )
        return AppClickResult(result, check, db_ok, refs_at_start)
    finally:
        window.close()
        window.deleteLater()
        app.processEvents()
        service.close()


def click_rows(app_result: AppClickResult, bare: ClickResult) -> list[Row]:
    app = app_result.result
    median_ms, p99_ms = app.click.median * 1000, app.click.percentile(99) * 1000
    return [
        Row(
            f"Click -> level committed + repainted, median of {CLICKS}",
            ms(app.click.median),
            ms(bare.click.median),
            f"target <= {CLICK_MEDIAN_TARGET_MS:.0f} ms ({app.click.median / bare.click.median:.1f}x bare)",
            median_ms <= CLICK_MEDIAN_TARGET_MS,
        ),
        Row(
            "Click -> level committed + repainted, p99",
            ms(app.click.percentile(99)),
            ms(bare.click.percentile(99)),
            f"target <= {CLICK_P99_TARGET_MS:.0f} ms",
            p99_ms <= CLICK_P99_TARGET_MS,
        ),
        Row("Click -> level committed + repainted, max", ms(app.click.maximum), ms(bare.click.maximum)),
        Row(
            "Event-loop turn after the click, median (untimed above)",
            ms(app.deferred.median),
            ms(bare.deferred.median),
            "info",
        ),
        refcount_row(app_result, bare),
    ]


def refcount_row(app_result: AppClickResult, bare: ClickResult) -> Row:
    """Health check, not speed: a click must not lose references to None/True/False (see above)."""
    lost = app_result.result.refs_lost

    def show(refs_lost: dict[str, float]) -> str:
        # a small gain (< 0) is noise: objects kept by the undo stack hold references too
        return " / ".join(f"{max(0.0, refs_lost[name]):.0f}" for name in RefcountGuard.SINGLETONS)

    # Clicks until the first singleton's count, as the app had it before any click, runs out.
    runs_out = [app_result.refs_at_start[name] / n for name, n in lost.items() if n > 0.5]
    if not GUARD.active:
        verdict, met = "immortal on this Python: harmless", None
    elif runs_out:
        verdict, met = f"must be 0: unguarded, the app aborts after ~{min(runs_out):,.0f} clicks", False
    else:
        verdict, met = "must be 0", True
    return Row("Refs lost per click to None / True / False", show(lost), show(bare.refs_lost), verdict, met)
