"""The team's history page's speed, against painting the grid once, measured in the same run, on a
team of 20 workshops, each with every cell noted and 10 actions (made through the service in a
temporary folder):

1. Opening the team's history (Ctrl+H): reading the team's workshops, filling the time line, the
   actions and the charts' data, and showing the page. Target: median <= 50 ms.
2. Drawing the six trend charts at the page's size (each laid out anew, then painted).
   Target: median <= 100 ms.

Run with ``./dev bench``, or ``.venv/bin/python benchmarks/bench_history_page.py``. Offscreen."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import sys  # noqa: E402
import tempfile  # noqa: E402
import time  # noqa: E402
from datetime import date, timedelta  # noqa: E402
from pathlib import Path  # noqa: E402

from PySide6.QtCore import qInstallMessageHandler  # noqa: E402

from maturity_workshop.domain import ActionDraft, ActionStatus, Rating, WorkshopDraft  # noqa: E402
from maturity_workshop.services.models import default_model  # noqa: E402
from maturity_workshop.services.workshops import WorkshopService  # noqa: E402
from maturity_workshop.ui.app import create_application  # noqa: E402
from maturity_workshop.ui.history.controller import RANGE_KEY  # noqa: E402
from timing import (  # noqa: E402
    Row, Stats, machine_facts, ms, print_report, qt_facts, quiet_qt_messages, shown_window,
)

WORKSHOPS, ACTIONS, RUNS = 20, 10, 30
STATUSES = (ActionStatus.OPEN, ActionStatus.IN_PROGRESS, ActionStatus.DONE, ActionStatus.DROPPED)


def make_team(service: WorkshopService) -> int:
    """A team of ``WORKSHOPS`` workshops, every cell noted, ``ACTIONS`` actions each; the last one's id."""
    model = service.model
    workshop = None
    for n in range(WORKSHOPS):
        workshop = service.start_workshop(
            WorkshopDraft("Bench team", f"Review {n + 1}", date(2024, 1, 8) + timedelta(weeks=6 * n), "Ada", 8),
            start_from_previous=False,
        )
        for i, practice in enumerate(model.practices):
            level = min(3, -1 + (n + i) // 4)
            service.save_rating(workshop.id, Rating(practice.id, level, min(3, level + 1)))
            for cell_level in model.level_values:
                service.save_note(workshop.id, model.cell(practice.id, cell_level).id,
                                  f"Workshop {n + 1}: what was said about {practice.name} here. " * 3)
        for a in range(ACTIONS):
            practice = model.practices[a % len(model.practices)]
            service.add_action(workshop.id, ActionDraft(practice.id, f"Action {a + 1} of review {n + 1}",
                                                        owner="Grace", status=STATUSES[a % len(STATUSES)]))
    return workshop.id


def median_of(run, count: int = RUNS) -> Stats:
    for _ in range(3):  # warm
        run()
    samples = []
    for _ in range(count):
        t0 = time.perf_counter()
        run()
        samples.append(time.perf_counter() - t0)
    return Stats(samples)


def main() -> int:
    qInstallMessageHandler(quiet_qt_messages)
    print(f"Maturity Workshop history page benchmarks — {machine_facts(qt_facts())}")
    app = create_application(sys.argv)
    with tempfile.TemporaryDirectory(prefix="mw-bench-") as name:
        service = WorkshopService.open(Path(name) / "history.sqlite3", default_model())
        t0 = time.perf_counter()
        last = make_team(service)
        service.set_setting(RANGE_KEY, "all")  # all 20 on the time line and in the charts
        made = time.perf_counter() - t0
        window = shown_window(service, last)
        try:
            grid = median_of(lambda: window.grid.viewport().repaint())
            t0 = time.perf_counter()
            window.history.show()
            first = time.perf_counter() - t0  # the page built and its modules imported
            page = window.history.page
            app.processEvents()

            def reopen() -> None:
                window.history.back()
                window.history.show()

            opening = median_of(reopen)
            app.processEvents()
            charts = page.charts

            def paint_charts() -> None:
                for view in charts:
                    view.set_chart(view.chart)  # laid out anew, as after opening
                    view.repaint()

            painting = median_of(paint_charts)
            chart_size = f"{charts[0].width()}x{charts[0].height()}"
        finally:
            window.close()
            service.close()
    rows = [
        Row(f"Opening the team's history ({WORKSHOPS} workshops), median of {RUNS}", ms(opening.median),
            ms(grid.median), f"target <= 50 ms ({opening.median / grid.median:.1f}x a grid paint)",
            opening.median <= 0.050),
        Row("Same, the first time (page built, modules imported)", ms(first), "", "info"),
        Row(f"Drawing the 6 trend charts ({chart_size} each), median of {RUNS}", ms(painting.median),
            ms(grid.median), f"target <= 100 ms ({painting.median / grid.median:.1f}x a grid paint)",
            painting.median <= 0.100),
        Row("Same, p90", ms(painting.percentile(90)), "", "info"),
    ]
    print(f"(the team made through the service in {made:.1f} s; baseline: painting the grid once)")
    print_report(rows, app="history page", baseline="grid paint")
    return 0


if __name__ == "__main__":
    sys.exit(main())
