"""Presentation mode's speed, each against a baseline measured in the same run:

1. A full repaint of the board at 3840x2160, against a bare QTableView of the same size over a
   5x6 QStandardItemModel. Target: median <= 16 ms (one frame at 60 Hz).
2. Entering and leaving presentation mode (F5 twice), until the board is shown and painted, and
   hidden again; and, focused on one practice, moving to the next (PgDn) until the console and the
   board are laid out and painted again. Target: under 100 ms each (median).
3. A click on the console, until committed and both the console and the board are repainted.
   Target: median <= 10 ms, against the same click with no board.

Run with ``./dev bench``, or ``.venv/bin/python benchmarks/bench_board.py``. Offscreen."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import sys  # noqa: E402
import tempfile  # noqa: E402
import time  # noqa: E402
from pathlib import Path  # noqa: E402

from PySide6.QtCore import Qt, qInstallMessageHandler  # noqa: E402
from PySide6.QtGui import QStandardItem, QStandardItemModel  # noqa: E402
from PySide6.QtTest import QTest  # noqa: E402
from PySide6.QtWidgets import QApplication, QTableView  # noqa: E402

from maturity_workshop.services.models import default_model  # noqa: E402
from maturity_workshop.services.workshops import WorkshopService  # noqa: E402
from maturity_workshop.ui.app import create_application  # noqa: E402
from maturity_workshop.ui.board.sizing import board_sizes  # noqa: E402
from maturity_workshop.ui.window.main_window import MainWindow  # noqa: E402
from timing import (  # noqa: E402
    BARE_COLUMNS,
    BARE_ROWS,
    WINDOW_SIZE,
    Row,
    Stats,
    demo_database,
    grid_cycle,
    machine_facts,
    ms,
    print_table,
    qt_facts,
    quiet_qt_messages,
    wait_exposed,
)

REPAINTS, TOGGLES, CLICKS, WARMUP = 60, 20, 300, 30
BIG = (3840, 2160)


def bare_table(size: tuple[int, int]) -> QTableView:
    model = QStandardItemModel(BARE_ROWS, BARE_COLUMNS)
    for row in range(BARE_ROWS):
        for column in range(BARE_COLUMNS):
            model.setItem(row, column, QStandardItem(f"Cell {row}.{column} " * 8))
    view = QTableView()
    view.setModel(model)
    view.setWordWrap(True)
    view.setFixedSize(*size)
    view.show()
    wait_exposed(view)
    view._model = model  # kept alive with the view
    return view


def repaints(widget, count: int = REPAINTS) -> Stats:
    for _ in range(5):
        widget.repaint()
    samples = []
    for _ in range(count):
        t0 = time.perf_counter()
        widget.repaint()
        samples.append(time.perf_counter() - t0)
    return Stats(samples)


def clicks(app: QApplication, window: MainWindow, board_shown: bool) -> Stats:
    grid, model = window.grid, window.grid_model
    board = window.board.presenter().board if board_shown else None
    cells = grid_cycle(model.rowCount(), model.columnCount())
    samples = []
    for n in range(WARMUP + CLICKS):
        row, column = next(cells)
        centre = grid.visualRect(model.index(row, column)).center()
        t0 = time.perf_counter()
        QTest.mouseClick(grid.viewport(), Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, centre)
        grid.viewport().repaint()
        if board is not None:
            board.grid.viewport().repaint()
        t1 = time.perf_counter()
        app.processEvents()
        if n >= WARMUP:
            samples.append(t1 - t0)
    return Stats(samples)


def main() -> int:
    qInstallMessageHandler(quiet_qt_messages)
    print(f"Maturity Workshop board benchmarks — {machine_facts(qt_facts())}")
    app = create_application(sys.argv)
    rows: list[Row] = []
    with tempfile.TemporaryDirectory(prefix="mw-bench-") as name:
        database = Path(name) / "board.sqlite3"
        workshop_id = demo_database(database)
        service = WorkshopService.open(database, default_model())
        window = MainWindow(service)
        window.show_workshop(workshop_id)
        window.resize(*WINDOW_SIZE)
        window.show()
        wait_exposed(window)
        try:
            without_board = clicks(app, window, board_shown=False)

            presenter = window.board.presenter()
            toggles_in, toggles_out = [], []
            for _ in range(TOGGLES):
                t0 = time.perf_counter()
                presenter.enter()
                presenter.board.repaint()
                t1 = time.perf_counter()
                presenter.leave()
                app.processEvents()
                t2 = time.perf_counter()
                toggles_in.append(t1 - t0)
                toggles_out.append(t2 - t1)
            enter, leave = Stats(toggles_in), Stats(toggles_out)

            presenter.enter()
            with_board = clicks(app, window, board_shown=True)
            window.grid.setCurrentIndex(window.grid_model.index(4, 0))
            window.board.focus_on(0)
            walks = []
            for n in range(TOGGLES * 2):
                t0 = time.perf_counter()
                window.board.walk_practices(1 if (n // 5) % 2 == 0 else -1)
                window.grid.viewport().repaint()
                presenter.board.grid.viewport().repaint()
                walks.append(time.perf_counter() - t0)
                app.processEvents()
            walk = Stats(walks)
            window.board.focus_on(None)
            board = presenter.board
            board.setFixedSize(*BIG)
            board.apply_sizes(board_sizes(*BIG, board.logicalDpiY()))
            app.processEvents()
            big_board = repaints(board.grid.viewport())
            bare = bare_table(BIG)
            big_bare = repaints(bare.viewport())
            bare.close()
            presenter.leave()
        finally:
            window.close()
            service.close()

    rows.append(Row(
        f"Board repaint at {BIG[0]}x{BIG[1]}, median of {REPAINTS}", ms(big_board.median), ms(big_bare.median),
        f"target <= 16 ms ({big_board.median / big_bare.median:.1f}x bare)", big_board.median <= 0.016,
    ))
    rows.append(Row("Enter presentation (board shown and painted), median", ms(enter.median), "", "target < 100 ms",
                    enter.median < 0.1))
    rows.append(Row("Leave presentation, median", ms(leave.median), "", "target < 100 ms", leave.median < 0.1))
    rows.append(Row("Focus moved to the next practice (console and board laid out and painted), median",
                    ms(walk.median), "", "target < 100 ms", walk.median < 0.1))
    rows.append(Row(
        f"Click -> committed, console and board repainted, median of {CLICKS}", ms(with_board.median),
        ms(without_board.median), "target <= 10 ms (baseline: the same click, no board)", with_board.median <= 0.010,
    ))
    rows.append(Row("Same, p99", ms(with_board.percentile(99)), ms(without_board.percentile(99)), "info"))
    print_table(rows, baseline="baseline")
    met = [r.met for r in rows if r.met is not None]
    print(f"Targets met: {sum(met)} of {len(met)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
