"""Launch to an interactive grid showing the last workshop, against a bare-Qt window.

``python -m maturity_workshop --db DB --report-startup`` is spawned and timed until it prints
"ready" (the window is shown and the event loop has turned). The baseline is a bare PySide6 script
showing a QTableView over a small QStandardItemModel, timed the same way.
Target: app median <= 3 x bare median.
"""

from __future__ import annotations

import os
import subprocess
import sys
import threading
import time
from pathlib import Path

from timing import BARE_LAUNCH_SCRIPT, ROOT, Row, Stats, demo_database, ms

LAUNCH_RATIO_TARGET = 3.0  # app launch median / bare-Qt launch median
LAUNCH_ROUNDS = 7  # timed launches of each kind, interleaved app/bare, after one warm-up each
LAUNCH_TIMEOUT_S = 60.0


def time_launch(command: list[str], env: dict[str, str], stderr_path: Path) -> float:
    """Seconds from spawning ``command`` until it prints "ready"; then waits for it to exit."""
    with stderr_path.open("wb") as stderr:
        start = time.perf_counter()
        process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=stderr, env=env, cwd=ROOT)
        assert process.stdout is not None
        watchdog = threading.Timer(LAUNCH_TIMEOUT_S, process.kill)  # a hung child ends the read below
        watchdog.start()
        try:
            for line in process.stdout:  # blocks until the child writes a line (or exits)
                if line.strip() == b"ready":
                    elapsed = time.perf_counter() - start
                    break
            else:
                raise RuntimeError(
                    f"{' '.join(command)} exited ({process.wait()}) without printing 'ready':\n"
                    + stderr_path.read_text(errors="replace")
                )
            process.stdout.read()  # drain, so the child never blocks on a full pipe
            process.wait(timeout=LAUNCH_TIMEOUT_S)
        finally:
            watchdog.cancel()
            if process.poll() is None:
                process.kill()
                process.wait()
    return elapsed


def bench_launch(folder: Path) -> list[Row]:
    database = folder / "launch.sqlite3"
    demo_database(database)
    bare_script = folder / "bare_window.py"
    bare_script.write_text(BARE_LAUNCH_SCRIPT)

    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", MATURITY_WORKSHOP_DATA_DIR=str(folder / "data"))
    app_command = [sys.executable, "-m", "maturity_workshop", "--db", str(database), "--report-startup"]
    bare_command = [sys.executable, str(bare_script)]
    stderr_path = folder / "launch-stderr.txt"

    # One warm-up each (bytecode compiled, files in the page cache), then interleaved rounds so a
    # slow patch of the machine hits both kinds alike.
    time_launch(app_command, env, stderr_path)
    time_launch(bare_command, env, stderr_path)
    app_times, bare_times = [], []
    for _ in range(LAUNCH_ROUNDS):
        app_times.append(time_launch(app_command, env, stderr_path))
        bare_times.append(time_launch(bare_command, env, stderr_path))
    app, bare = Stats(app_times), Stats(bare_times)

    ratio = app.median / bare.median
    return [
        Row(
            f"Launch to grid of last workshop, median of {LAUNCH_ROUNDS}",
            ms(app.median),
            ms(bare.median),
            f"{ratio:.2f}x (target <= {LAUNCH_RATIO_TARGET:.1f}x)",
            ratio <= LAUNCH_RATIO_TARGET,
        ),
        Row(
            f"Launch to grid of last workshop, min of {LAUNCH_ROUNDS}",
            ms(app.minimum),
            ms(bare.minimum),
            f"{app.minimum / bare.minimum:.2f}x",
        ),
    ]
