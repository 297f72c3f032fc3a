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
PySide6 6.12.0 on Python < 3.12 drops a reference to ``None`` on every call of a C++ method that
returns void (and one to ``True``/``False`` on some bool signals delivered to Python), and the
process aborts ("none_dealloc: deallocating None") once such a count reaches zero. The benchmark
measures how many references a click loses, and keeps its own process alive by topping the counts
up (see :class:`RefcountGuard`); the app has no such guard.
"""

from __future__ import annotations

import os

# Qt reads the platform plugin when the QApplication is created; set it before anything imports Qt.
os.environ["QT_QPA_PLATFORM"] = "offscreen"

import ctypes  # noqa: E402
import math  # noqa: E402
import platform  # noqa: E402
import sqlite3  # noqa: E402
import statistics  # noqa: E402
import subprocess  # noqa: E402
import sys  # noqa: E402
import tempfile  # noqa: E402
import textwrap  # noqa: E402
import threading  # noqa: E402
import time  # noqa: E402
from collections.abc import Callable, Iterator  # noqa: E402
from dataclasses import dataclass  # noqa: E402
from datetime import UTC, datetime  # noqa: E402
from pathlib import Path  # noqa: E402

import PySide6  # noqa: E402
from PySide6.QtCore import QPoint, Qt, qInstallMessageHandler, qVersion  # noqa: E402
from PySide6.QtGui import QStandardItem, QStandardItemModel  # noqa: E402
from PySide6.QtTest import QTest  # noqa: E402
from PySide6.QtWidgets import QApplication, QMainWindow, QTableView, QWidget  # noqa: E402

from maturity_workshop.domain.workshop import Rating  # noqa: E402
from maturity_workshop.services.demo import create_demo_workshop  # noqa: E402
from maturity_workshop.services.models import default_model  # noqa: E402
from maturity_workshop.services.workshops import WorkshopService  # noqa: E402
from maturity_workshop.ui.app import create_application  # noqa: E402
from maturity_workshop.ui.window.main_window import MainWindow  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent

# -- targets and sizes -------------------------------------------------------------------------
LAUNCH_RATIO_TARGET = 3.0  # app launch median / bare-Qt launch median
CLICK_MEDIAN_TARGET_MS = 10.0
CLICK_P99_TARGET_MS = 30.0

LAUNCH_ROUNDS = 7  # timed launches of each kind, interleaved app/bare, after one warm-up each
LAUNCH_TIMEOUT_S = 60.0
CLICKS = 1_000  # timed clicks per window
WARMUP_CLICKS = 30  # one lap of the grid first, untimed: first paints, caches, imports
COMMITS = 1_000
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


# -- small helpers -----------------------------------------------------------------------------
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


def machine_facts() -> str:
    return (
        f"Python {platform.python_version()} · PySide6 {PySide6.__version__} (Qt {qVersion()}) · "
        f"{platform.platform()} · {os.cpu_count()} CPUs · QPA {os.environ['QT_QPA_PLATFORM']}"
    )


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


def demo_database(path: Path) -> int:
    """Create ``path`` holding the demo workshop, remembered as the last one open; its id."""
    service = WorkshopService.open(path, default_model())
    try:
        workshop = create_demo_workshop(service)
        service.remember_last_workshop(workshop.id)
        return workshop.id
    finally:
        service.close()


def wait_exposed(window: QWidget) -> None:
    if not QTest.qWaitForWindowExposed(window):
        print(f"warning: {type(window).__name__} was not exposed within the timeout", file=sys.stderr)


def quiet_qt_messages(kind, context, message: str) -> None:
    """Qt's messages on stderr, less the offscreen plugin's note repeated for every window shown."""
    if "propagateSizeHints" not in message:
        print(message, file=sys.stderr)


# -- PySide6's lost references -----------------------------------------------------------------
class RefcountGuard:
    """Keeps this process alive under PySide6's lost references to None/True/False, and counts them.

    On Python < 3.12 these singletons have ordinary reference counts, and PySide6 6.12.0 decrements
    ``None``'s once per call of a void C++ method (``QFont.setBold``, ``QPainter.save``,
    ``repaint``, ...), and a bool's once per bool signal delivered to a Python callable, without
    having incremented it. When a count reaches zero CPython aborts the process. Adding to the
    counts is harmless (the singletons are never freed anyway), and the references added are never
    taken back, so the interpreter also survives its own shutdown. On Python >= 3.12 the singletons
    are immortal and the guard does nothing.
    """

    SINGLETONS = {"None": None, "True": True, "False": False}
    LOW_WATER = 1_000_000
    TOP_UP = 10_000_000

    def __init__(self) -> None:
        self.active = sys.version_info < (3, 12)
        self.added = dict.fromkeys(self.SINGLETONS, 0)

    def refs(self) -> dict[str, int]:
        """Each singleton's reference count as it would be without the guard's top-ups."""
        return {name: sys.getrefcount(obj) - self.added[name] for name, obj in self.SINGLETONS.items()}

    def top_up(self) -> None:
        if not self.active:
            return
        for name, obj in self.SINGLETONS.items():
            if sys.getrefcount(obj) < self.LOW_WATER:
                ctypes.c_ssize_t.from_address(id(obj)).value += self.TOP_UP  # ob_refcnt: the first field
                self.added[name] += self.TOP_UP


GUARD = RefcountGuard()


# -- 1. launch ---------------------------------------------------------------------------------
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


# -- 2. clicks ---------------------------------------------------------------------------------
@dataclass
class ClickResult:
    # press + release + viewport().repaint(); the repaint syncs the whole window's dirty region,
    # so it also paints what the click invalidated elsewhere (headers, note panel, status bar)
    click: Stats
    deferred: Stats  # the event-loop turn after it: posted updates, the status bar, ...
    skipped: int  # clicks left out because they would not have changed anything
    missed: int  # clicks after which the model did not show the change
    refs_lost: dict[str, float]  # per click, to None/True/False: PySide6's lost references (0 when healthy)


def grid_cycle(rows: int, columns: int) -> Iterator[tuple[int, int]]:
    """Cells in an order that moves every column to a different row each time it comes round:
    column ``i % columns``, row ``(i // columns) % rows``."""
    i = 0
    while True:
        yield (i // columns) % rows, i % columns
        i += 1


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


# -- 3. the commit alone -----------------------------------------------------------------------
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
        for _ in range(WARMUP_CLICKS):
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


# -- the table ---------------------------------------------------------------------------------
def print_table(rows: list[Row]) -> None:
    headers = ("measurement", "app", "baseline", "ratio / target", "met?")
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


def main() -> int:
    started = time.perf_counter()
    qInstallMessageHandler(quiet_qt_messages)
    print(f"Maturity Workshop grid benchmarks — {machine_facts()}")
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
