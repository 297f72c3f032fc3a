"""Speed benchmarks of the maturity grid: prints a table, each figure beside a bare-Qt baseline.

Run it with ``./dev bench`` (or ``.venv/bin/python benchmarks/bench_grid.py``). It is not a test:
it asserts nothing, it measures and says whether each target is met. Everything runs offscreen,
on throw-away databases in a temporary folder, and takes well under two minutes.

What it measures, each against a baseline measured in the same run:

1. Launch to an interactive grid showing the last workshop. ``python -m maturity_workshop --db DB
   --report-startup`` is spawned and timed until it prints "ready" (the window is shown and the
   event loop has turned). The baseline is a bare PySide6 script showing a QTableView over a
   small QStandardItemModel, timed the same way. Target: app median <= 3 x bare median.
2. A click on a cell, until the level is committed to SQLite and the grid is repainted, over
   1,000 clicks on the real main window. The baseline is the same clicks on a bare QTableView
   whose click does a single ``setData``. Targets: median <= 10 ms, p99 <= 30 ms.
3. For information, the SQLite commit alone (``WorkshopService.save_rating``), beside a raw
   ``sqlite3`` UPDATE + COMMIT with the same pragmas, to show where the click's time goes.

It also checks one thing that is not speed but decides whether 1,000 clicks can be made at all:
how many references to None/True/False a click loses to PySide6 (see ``refcount.py``).

Each benchmark has its module (``bench_launch.py``, ``bench_click.py``, ``bench_commit.py``); what
they share is in ``timing.py``. This one runs them all and prints the table.
"""

from __future__ import annotations

import os

# Qt reads the platform plugin when the QApplication is created; set it before anything imports Qt.
os.environ["QT_QPA_PLATFORM"] = "offscreen"

import sys  # noqa: E402
import tempfile  # noqa: E402
import time  # noqa: E402
from pathlib import Path  # noqa: E402

from PySide6.QtCore import qInstallMessageHandler  # noqa: E402

from bench_click import CLICKS, WARMUP_CLICKS, bench_clicks_app, bench_clicks_bare, click_rows  # noqa: E402
from bench_commit import bench_commits  # noqa: E402
from bench_launch import bench_launch  # noqa: E402
from maturity_workshop.ui.app import create_application  # noqa: E402
from refcount import GUARD  # noqa: E402
from timing import filesystem_of, machine_facts, print_table, qt_facts, quiet_qt_messages  # noqa: E402


def main() -> int:
    started = time.perf_counter()
    qInstallMessageHandler(quiet_qt_messages)
    print(f"Maturity Workshop grid benchmarks — {machine_facts(qt_facts(), extra='QPA ' + os.environ['QT_QPA_PLATFORM'])}")
    with tempfile.TemporaryDirectory(prefix="mw-bench-") as name:
        folder = Path(name)
        print(f"Temporary databases in {folder} ({filesystem_of(folder)}); SQLite WAL, synchronous=FULL")
        print("Baselines: bare PySide6 QTableView over a 5x6 QStandardItemModel, same machine, same run.")
        print(flush=True)

        # Launches first, while this process has no window of its own competing for the CPUs.
        rows = bench_launch(folder)

        GUARD.top_up()  # before the first Qt call: creating the windows alone loses thousands
        app = create_application(sys.argv)  # the app's font and settings, for both windows below
        app_clicks = bench_clicks_app(app, folder)  # first, so its None headroom is a fresh app's
        bare = bench_clicks_bare(app)
        rows += click_rows(app_clicks, bare)
        rows += bench_commits(folder)

    print_table(rows)
    print()
    print(f"DB check: {app_clicks.db_check}")
    for label, result in (("app", app_clicks.result), ("baseline", bare)):
        print(
            f"Clicks ({label}): {CLICKS} timed after {WARMUP_CLICKS} warm-up; "
            f"skipped as no-ops: {result.skipped}; did not take effect: {result.missed}"
        )
    targets = [row.met for row in rows if row.met is not None] + [app_clicks.db_ok]
    print(
        f"Targets and checks met: {sum(targets)} of {len(targets)}"
        f"  (benchmark took {time.perf_counter() - started:.0f} s)"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
