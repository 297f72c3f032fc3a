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
import platform
import statistics
import subprocess
import sys
import tempfile
import textwrap
import time
from datetime import date
from pathlib import Path

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


def demo_database(folder: Path) -> tuple[Path, int]:
    from maturity_workshop.services.demo import create_demo_workshop
    from maturity_workshop.services.models import default_model
    from maturity_workshop.services.workshops import WorkshopService

    path = folder / "demo.sqlite3"
    service = WorkshopService.open(path, default_model())
    try:
        return path, create_demo_workshop(service).id
    finally:
        service.close()


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

    print(
        f"Action plan export benchmarks — Python {platform.python_version()} · reportlab {reportlab.Version} · "
        f"{platform.platform()} · {__import__('os').cpu_count()} CPUs"
    )
    with tempfile.TemporaryDirectory(prefix="mw-bench-export-") as folder:
        path, workshop_id = demo_database(Path(folder))
        plans, minimals = [], []
        for _ in range(ROUNDS):
            plans.append(run_child(PLAN, str(path), str(workshop_id)))
            minimals.append(run_child(MINIMAL))
        first_plan, first_minimal = statistics.median(plans), statistics.median(minimals)
        warm_plan, warm_minimal = later_exports(path, workshop_id)

    ratio = first_plan / first_minimal
    rows = [
        ("First export in a process, median of %d" % ROUNDS, first_plan, first_minimal,
         f"{ratio:.2f}x (target <= 3.0x)", "yes" if ratio <= 3.0 else "NO"),
        ("First export, absolute", first_plan, None, "target < 500 ms", "yes" if first_plan < 0.5 else "NO"),
        ("Later exports, median of %d" % REPEATS, warm_plan, warm_minimal,
         f"{warm_plan / warm_minimal:.1f}x (info: 5 pages vs 1 table)", "-"),
    ]
    print()
    print(f"{'measurement':44} | {'action plan':>11} | {'minimal doc':>11} | {'ratio / target':34} | met?")
    print("-" * 44 + "-+-" + "-" * 11 + "-+-" + "-" * 11 + "-+-" + "-" * 34 + "-+-----")
    for name, app, base, target, met in rows:
        base_text = f"{base * 1000:8.1f} ms" if base is not None else ""
        print(f"{name:44} | {app * 1000:8.1f} ms | {base_text:>11} | {target:34} | {met}")
    met = sum(1 for row in rows if row[4] == "yes")
    print(f"\nTargets met: {met} of 2")
    return 0


if __name__ == "__main__":
    sys.exit(main())
