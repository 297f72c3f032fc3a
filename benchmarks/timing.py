"""What the benchmarks share: summaries of timings (median, percentiles), the printed table, the
machine's facts, the demo database they run on, and the bare-Qt baselines they are measured against.

Qt is imported only by the functions that need it, so the export benchmark runs without it.
"""

from __future__ import annotations

import math
import os
import platform
import statistics
import sys
import textwrap
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
WINDOW_SIZE = (1600, 900)

# The baseline grid has the app's shape: 5 levels (rows) x 6 practices (columns), short text.
BARE_ROWS, BARE_COLUMNS = 5, 6

# The bare-Qt launch baseline, written to a temporary file and run like the app.
BARE_LAUNCH_SCRIPT = textwrap.dedent(
    f"""\
    import sys

    from PySide6.QtCore import QTimer
    from PySide6.QtGui import QStandardItem, QStandardItemModel
    from PySide6.QtWidgets import QApplication, QMainWindow, QTableView

    app = QApplication(sys.argv)
    model = QStandardItemModel({BARE_ROWS}, {BARE_COLUMNS})
    for row in range({BARE_ROWS}):
        for column in range({BARE_COLUMNS}):
            model.setItem(row, column, QStandardItem(f"Cell {{row}}.{{column}}"))
    window = QMainWindow()
    view = QTableView()
    view.setModel(model)
    window.setCentralWidget(view)
    window.show()


    def ready():
        print("ready", flush=True)
        app.quit()


    QTimer.singleShot(0, ready)
    sys.exit(app.exec())
    """
)


# -- timings and the table ---------------------------------------------------------------------
@dataclass
class Stats:
    """Summary of a list of durations, in seconds."""

    samples: list[float]

    @property
    def median(self) -> float:
        return statistics.median(self.samples)

    @property
    def minimum(self) -> float:
        return min(self.samples)

    @property
    def maximum(self) -> float:
        return max(self.samples)

    def percentile(self, p: float) -> float:
        """Nearest-rank percentile: the smallest sample with at least ``p`` % of samples <= it."""
        ordered = sorted(self.samples)
        return ordered[max(0, math.ceil(p / 100 * len(ordered)) - 1)]


@dataclass
class Row:
    """One line of the printed table."""

    measurement: str
    app: str
    baseline: str
    verdict: str = ""  # the ratio and/or the target
    met: bool | None = None  # None: information only, no target


def ms(seconds: float) -> str:
    return f"{seconds * 1000:.2f} ms"


def print_table(rows: list[Row], app: str = "app", baseline: str = "baseline") -> None:
    headers = ("measurement", app, baseline, "ratio / target", "met?")
    cells = [
        (r.measurement, r.app, r.baseline, r.verdict, "-" if r.met is None else ("yes" if r.met else "NO"))
        for r in rows
    ]
    widths = [max(len(h), *(len(c[i]) for c in cells)) for i, h in enumerate(headers)]
    align = ("<", ">", ">", "<", "<")

    def line(values) -> str:
        return " | ".join(f"{v:{a}{w}}" for v, a, w in zip(values, align, widths)).rstrip()

    print(line(headers))
    print("-+-".join("-" * w for w in widths))
    for values in cells:
        print(line(values))


def print_report(rows: list[Row], app: str = "app", baseline: str = "baseline") -> None:
    """The table after a blank line, then how many of its targets were met."""
    print()
    print_table(rows, app=app, baseline=baseline)
    targets = [row.met for row in rows if row.met is not None]
    print(f"\nTargets met: {sum(targets)} of {len(targets)}")


def machine_facts(*libraries: str, extra: str = "") -> str:
    return " · ".join(
        [f"Python {platform.python_version()}", *libraries, platform.platform(), f"{os.cpu_count()} CPUs"]
        + ([extra] if extra else [])
    )


def qt_facts() -> str:
    import PySide6
    from PySide6.QtCore import qVersion

    return f"PySide6 {PySide6.__version__} (Qt {qVersion()})"


def filesystem_of(path: Path) -> str:
    """The file system type holding ``path`` (the commit cost depends on it), if Linux says."""
    try:
        mounts = Path("/proc/mounts").read_text().splitlines()
    except OSError:
        return "unknown"
    best, kind = "", "unknown"
    resolved = str(path.resolve())
    for line in mounts:
        fields = line.split()
        if len(fields) >= 3 and resolved.startswith(fields[1]) and len(fields[1]) > len(best):
            best, kind = fields[1], fields[2]
    return kind


# -- what the benchmarks run on ----------------------------------------------------------------
def demo_database(path: Path) -> int:
    """Create ``path`` holding the demo workshop, remembered as the last one open; its id."""
    from maturity_workshop.services.demo import create_demo_workshop
    from maturity_workshop.services.models import default_model
    from maturity_workshop.services.workshops import WorkshopService

    service = WorkshopService.open(path, default_model())
    try:
        workshop = create_demo_workshop(service)
        service.remember_last_workshop(workshop.id)
        return workshop.id
    finally:
        service.close()


def grid_cycle(rows: int, columns: int) -> Iterator[tuple[int, int]]:
    """Cells in an order that moves every column to a different row each time it comes round:
    column ``i % columns``, row ``(i // columns) % rows``."""
    i = 0
    while True:
        yield (i // columns) % rows, i % columns
        i += 1


# -- bare Qt -----------------------------------------------------------------------------------
def bare_window():
    """The baseline's window: a bare QTableView over a small QStandardItemModel, shown."""
    from PySide6.QtGui import QStandardItem, QStandardItemModel
    from PySide6.QtWidgets import QMainWindow, QTableView

    model = QStandardItemModel(BARE_ROWS, BARE_COLUMNS)
    for row in range(BARE_ROWS):
        for column in range(BARE_COLUMNS):
            model.setItem(row, column, QStandardItem(f"Cell {row}.{column}"))
    view = QTableView()
    view.setModel(model)
    window = QMainWindow()
    window.setCentralWidget(view)
    window.resize(*WINDOW_SIZE)
    window.show()
    wait_exposed(window)
    return window, view, model


def shown_window(service, workshop_id: int):
    """The app's window on ``workshop_id``, at the benchmarks' size, shown."""
    from maturity_workshop.ui.window.main_window import MainWindow

    window = MainWindow(service)
    window.show_workshop(workshop_id)
    window.resize(*WINDOW_SIZE)
    window.show()
    wait_exposed(window)
    return window


def wait_exposed(window) -> None:
    from PySide6.QtTest import QTest

    if not QTest.qWaitForWindowExposed(window):
        print(f"warning: {type(window).__name__} was not exposed within the timeout", file=sys.stderr)


def quiet_qt_messages(kind, context, message: str) -> None:
    """Qt's messages on stderr, less the offscreen plugin's note repeated for every window shown."""
    if "propagateSizeHints" not in message:
        print(message, file=sys.stderr)
