"""Speed of the PDF action plan: prints a table, each figure beside a bare-reportlab baseline.

Run it with ``./dev bench`` (after the grid benchmarks) or ``.venv/bin/python
benchmarks/bench_export.py``. It asserts nothing; it measures and says whether the targets are met.

* **First export** (what a facilitator waits for at the first Ctrl+E of a session, and what the
  command line's ``export`` costs): a fresh process times, from before its first reportlab import
  to the finished bytes, (a) the demo workshop's action plan and (b) reportlab building a minimal
  one-page document with one table. Runs alternate; medians compared. Targets: the action plan
  within 3x the minimal document, and under 0.5 s.
* **Later exports** in the same process (fonts and layouts already loaded), for information: the
  5-page plan with its matrix, chart and tables against the one-table page.
"""

from __future__ import annotations

import json
import statistics
import subprocess
import sys
import tempfile
import textwrap
import time
from datetime import date
from pathlib import Path

from timing import Row, demo_database, machine_facts, ms, print_report

ROUNDS = 9
REPEATS = 20

MINIMAL = textwrap.dedent(
    """
    import io, json, sys, time
    start = time.perf_counter()
    from reportlab.lib.pagesizes import A4
    from reportlab.platypus import SimpleDocTemplate, Table
    buffer = io.BytesIO()
    SimpleDocTemplate(buffer, pagesize=A4, invariant=1).build(
        [Table([[f"row {r} col {c}" for c in range(6)] for r in range(5)])]
    )
    print(json.dumps({"seconds": time.perf_counter() - start, "bytes": len(buffer.getvalue())}))
    """
)

PLAN = textwrap.dedent(
    """
    import json, sys, time
    from datetime import date
    from maturity_workshop.services.models import default_model
    from maturity_workshop.services.workshops import WorkshopService
    service = WorkshopService.open(sys.argv[1], default_model())
    state = service.load(int(sys.argv[2]))
    start = time.perf_counter()
    from maturity_workshop.export.pdf import render_action_plan
    content = render_action_plan(service.model, state, date(2026, 10, 14))
    print(json.dumps({"seconds": time.perf_counter() - start, "bytes": len(content)}))
    """
)


def run_child(script: str, *args: str) -> float:
    result = subprocess.run([sys.executable, "-c", script, *args], capture_output=True, text=True, check=True)
    return json.loads(result.stdout.strip().splitlines()[-1])["seconds"]


def later_exports(path: Path, workshop_id: int) -> tuple[float, float]:
    import io

    from reportlab.lib.pagesizes import A4
    from reportlab.platypus import SimpleDocTemplate, Table

    from maturity_workshop.export.pdf import render_action_plan
    from maturity_workshop.services.models import default_model
    from maturity_workshop.services.workshops import WorkshopService

    service = WorkshopService.open(path, default_model())
    state = service.load(workshop_id)
    service.close()

    def minimal() -> None:
        SimpleDocTemplate(io.BytesIO(), pagesize=A4, invariant=1).build(
            [Table([[f"row {r} col {c}" for c in range(6)] for r in range(5)])]
        )

    def plan() -> None:
        render_action_plan(service.model, state, date(2026, 10, 14))

    plan(), minimal()  # warm up: fonts registered, modules loaded
    plans, minimals = [], []
    for _ in range(REPEATS):
        for work, into in ((plan, plans), (minimal, minimals)):
            start = time.perf_counter()
            work()
            into.append(time.perf_counter() - start)
    return statistics.median(plans), statistics.median(minimals)


def main() -> int:
    import reportlab

    print(f"Action plan export benchmarks — {machine_facts(f'reportlab {reportlab.Version}')}")
    with tempfile.TemporaryDirectory(prefix="mw-bench-export-") as folder:
        path = Path(folder) / "demo.sqlite3"
        workshop_id = demo_database(path)
        plans, minimals = [], []
        for _ in range(ROUNDS):
            plans.append(run_child(PLAN, str(path), str(workshop_id)))
            minimals.append(run_child(MINIMAL))
        first_plan, first_minimal = statistics.median(plans), statistics.median(minimals)
        warm_plan, warm_minimal = later_exports(path, workshop_id)

    ratio = first_plan / first_minimal
    rows = [
        Row(f"First export in a process, median of {ROUNDS}", ms(first_plan), ms(first_minimal),
            f"{ratio:.2f}x (target <= 3.0x)", ratio <= 3.0),
        Row("First export, absolute", ms(first_plan), "", "target < 500 ms", first_plan < 0.5),
        Row(f"Later exports, median of {REPEATS}", ms(warm_plan), ms(warm_minimal),
            f"{warm_plan / warm_minimal:.1f}x (info: 5 pages vs 1 table)"),
    ]  # fmt: skip
    print_report(rows, app="action plan", baseline="minimal doc")
    return 0


if __name__ == "__main__":
    sys.exit(main())
