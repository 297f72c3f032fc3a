"""What "last time" adds to opening a workshop, against the same opening without it, in the same run:

1. Opening a workshop (``MainWindow.show_workshop``) until the console's grid and the board (shown,
   1920x1080) are repainted, alternating between two workshops that each have a previous one.
   The baseline is the same opening with last time left out (``load_last_time`` answering "none"),
   measured in turns with it: blocks of ``BLOCK`` opens each way, the first two of each block left
   out (they show or hide the header's line, which is the toggle's cost, measured below). Target:
   the median adds at most 2 ms.
2. For information, showing and hiding last time (View ▸ Show last time) on an open workshop, and
   loading last time alone (``services.history.last_time``: two statements).

Run with ``./dev bench``, or ``.venv/bin/python benchmarks/bench_last_time.py``. Offscreen."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import sys  # noqa: E402
import tempfile  # noqa: E402
import time  # noqa: E402
from pathlib import Path  # noqa: E402

from PySide6.QtCore import qInstallMessageHandler  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402

from maturity_workshop.services.history import NO_LAST_TIME, last_time  # noqa: E402
from maturity_workshop.services.models import default_model  # noqa: E402
from maturity_workshop.services.workshops import WorkshopService  # noqa: E402
import maturity_workshop.ui.editing.editor as editor_module  # noqa: E402
from maturity_workshop.ui.app import create_application  # noqa: E402
from maturity_workshop.ui.board.sizing import board_sizes  # noqa: E402
from maturity_workshop.ui.window.main_window import MainWindow  # noqa: E402
from timing import WINDOW_SIZE, Row, Stats, demo_database, machine_facts, ms, print_table, qt_facts  # noqa: E402
from timing import quiet_qt_messages, wait_exposed  # noqa: E402

OPENS, WARMUP, BLOCK, SETTLE = 200, 20, 10, 2
TARGET = 0.002  # seconds added to the median opening


def history_database(path: Path) -> tuple[int, int]:
    """The demo (Payments Platform has four workshops): its latest and the one before it, both
    with a previous workshop."""
    autumn = demo_database(path)
    service = WorkshopService.open(path, default_model())
    try:
        return autumn, service.repo.previous_workshop(autumn).id
    finally:
        service.close()


def main() -> int:
    qInstallMessageHandler(quiet_qt_messages)
    print(f"Last time on opening a workshop — {machine_facts(qt_facts(), extra='QPA ' + os.environ['QT_QPA_PLATFORM'])}")
    app = create_application(sys.argv)
    with tempfile.TemporaryDirectory(prefix="mw-bench-last-time-") as name:
        database = Path(name) / "history.sqlite3"
        workshops = history_database(database)
        service = WorkshopService.open(database, default_model())
        window = MainWindow(service)
        try:
            rows = measure(app, service, window, workshops)
        finally:
            window.board.leave()
            window.close()
            service.close()
    print()
    print_table(rows, app="with last time", baseline="without")
    return 0


def measure(app: QApplication, service: WorkshopService, window: MainWindow, workshops: tuple[int, int]) -> list[Row]:
    window.resize(*WINDOW_SIZE)
    window.show()
    wait_exposed(window)
    board = window.board.presenter().board
    board.setFixedSize(1920, 1080)
    board.apply_sizes(board_sizes(1920, 1080, board.logicalDpiY()))
    board.show()
    wait_exposed(board)
    real = editor_module.load_last_time

    def without(_service, _workshop_id):
        return NO_LAST_TIME

    def open_once(workshop_id: int) -> float:
        t0 = time.perf_counter()
        window.show_workshop(workshop_id)
        window.grid.viewport().repaint()
        window.grid.horizontalHeader().viewport().repaint()
        board.grid.viewport().repaint()
        board.grid.horizontalHeader().viewport().repaint()
        return time.perf_counter() - t0

    timings: dict[str, list[float]] = {"with": [], "without": []}
    i = 0
    while min(len(timings["with"]), len(timings["without"])) < OPENS:
        for kind in ("with", "without"):
            editor_module.load_last_time = real if kind == "with" else without
            for step in range(BLOCK):
                elapsed = open_once(workshops[i % 2])
                app.processEvents()
                i += 1
                if i > WARMUP and step >= SETTLE:
                    timings[kind].append(elapsed)
    editor_module.load_last_time = real
    window.show_workshop(workshops[0])
    marked = window.grid_model.shows_last_time  # the real loader found last time

    toggles = []
    for _ in range(40):
        t0 = time.perf_counter()
        window.commands.show_last_time.trigger()
        window.grid.viewport().repaint()
        board.grid.viewport().repaint()
        toggles.append(time.perf_counter() - t0)
        app.processEvents()

    loads = []
    for i in range(OPENS):
        t0 = time.perf_counter()
        last_time(service, workshops[i % 2])
        loads.append(time.perf_counter() - t0)

    with_, without_ = Stats(timings["with"]), Stats(timings["without"])
    added = with_.median - without_.median
    return [
        Row(f"open a workshop, console + board repainted (median of {OPENS})", ms(with_.median), ms(without_.median),
            f"+{added * 1000:.2f} ms (target <= {TARGET * 1000:.0f} ms)", added <= TARGET and marked),
        Row("  p90", ms(with_.percentile(90)), ms(without_.percentile(90))),
        Row("show or hide last time (L), both grids repainted (median)", ms(Stats(toggles).median), "-"),
        Row("load last time alone (median)", ms(Stats(loads).median), "-"),
    ]


if __name__ == "__main__":
    sys.exit(main())
