"""Speed of the organisation's heat map on the local workshops file: prints a table. Part of
``./dev bench``; or run ``.venv/bin/python benchmarks/bench_organisation.py``.

It generates the history benchmark's database (``bench_history.generate``: 200 teams x 20
workshops, every cell noted, 10 actions each), then times building the heat map of every team's
latest workshop (``services.organisation.heat_map``: what the page, Ctrl+G, and ``heatmap``
read), against loading one workshop in the same run. Target: at most 100 ms.
"""

from __future__ import annotations

import sys
import tempfile
import time
from pathlib import Path

from bench_history import TEAMS, WORKSHOPS, generate, median_of
from timing import Row, machine_facts, ms, print_report

from maturity_workshop.services import organisation  # noqa: E402
from maturity_workshop.services.models import default_model  # noqa: E402
from maturity_workshop.services.workshops import WorkshopService  # noqa: E402

TARGET = 0.100  # seconds, from the local file
ROUNDS = 21


def main() -> int:
    print(f"Organisation heat map benchmarks — {machine_facts()}")
    with tempfile.TemporaryDirectory(prefix="mw-bench-organisation-") as folder:
        path = Path(folder) / "workshops.sqlite3"
        start = time.perf_counter()
        generate(path)
        print(f"{TEAMS} teams x {WORKSHOPS} workshops, made in {time.perf_counter() - start:.1f} s")
        service = WorkshopService.open(path, default_model())
        try:
            last = service.list_workshops()[0].id
            _, baseline = median_of(lambda: service.load(last), ROUNDS)
            first, heat = median_of(lambda: organisation.heat_map(service, None), ROUNDS)
            built = organisation.heat_map(service, None)
            rows = [
                Row(f"heat map of {len(built)} teams, median of {ROUNDS}", ms(heat), ms(baseline),
                    f"{heat / baseline:.1f}x; target <= {TARGET * 1000:.0f} ms", heat <= TARGET),
                Row("heat map, first read after opening", ms(first), ms(baseline), "info"),
            ]  # fmt: skip
            print_report(rows, app="time", baseline="load 1 workshop")
        finally:
            service.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
