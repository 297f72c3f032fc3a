"""Speed and memory of big PDF action plans: prints a table. Part of ``./dev bench``; or run
``.venv/bin/python benchmarks/bench_big_exports.py``. It asserts nothing: it measures and says
whether the target is met.

Each plan is rendered in a fresh process (fonts registered, reportlab imported, as at the first
Ctrl+E of a session), timed from before the import to the finished bytes; the process's peak
resident memory (``ru_maxrss``, taken before the plan is read back) and the plan's pages are reported beside it.

* **30 long notes**: the demo plan with a note of 10,000 characters on each of its 30 cells.
  Target: under 5 s.
* **One note of 100,000 characters** (the longest allowed), for information.
"""

from __future__ import annotations

import json
import statistics
import subprocess
import sys
import textwrap

from timing import ROOT, Row, machine_facts, print_report

ROUNDS = 3

CHILD = textwrap.dedent(
    """
    import io, json, resource, sys, time
    from datetime import date
    from maturity_workshop.domain import Rating, Workshop, WorkshopState
    from maturity_workshop.services.demo import DEMO_RATINGS
    from maturity_workshop.services.models import default_model

    def note(size, seed):
        words, i = [], 0
        while sum(len(w) + 1 for w in words) < size:
            words.append(f"team{seed}agreed{i}")
            i += 1
        return " ".join(words)[:size]

    model = default_model()
    when = date(2026, 10, 14)
    workshop = Workshop(1, 1, "Payments Platform", "Autumn review", when, "Grace Hopper", 9, model.id,
                        model.version, False, None, None)
    if sys.argv[1] == "thirty":
        notes = {cell.id: note(10_000, n) for n, cell in enumerate(model.cells)}
    else:
        notes = {"testing.consistent": note(100_000, 0)}
    ratings = {pid: Rating(pid, current, target) for pid, (current, target) in DEMO_RATINGS.items()}
    state = WorkshopState(workshop, ratings, notes)
    start = time.perf_counter()
    from maturity_workshop.export.pdf import render_action_plan
    content = render_action_plan(model, state, when)
    seconds = time.perf_counter() - start
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # KiB on Linux; before pypdf loads
    from pypdf import PdfReader
    pages = len(PdfReader(io.BytesIO(content)).pages)
    print(json.dumps({"seconds": seconds, "pages": pages, "bytes": len(content), "peak_mib": peak}))
    """
)


def measure(kind: str) -> dict:
    runs = []
    for _ in range(ROUNDS):
        result = subprocess.run(
            [sys.executable, "-c", CHILD, kind], capture_output=True, text=True, check=True, cwd=ROOT
        )
        runs.append(json.loads(result.stdout.strip().splitlines()[-1]))
    median = statistics.median(run["seconds"] for run in runs)
    return {**runs[-1], "seconds": median, "peak_mib": max(run["peak_mib"] for run in runs)}


def main() -> int:
    import reportlab

    print(f"Big action plan benchmarks — {machine_facts(f'reportlab {reportlab.Version}')}")
    thirty, single = measure("thirty"), measure("single")
    rows = []
    for label, figures, target in (
        ("30 notes of 10,000 characters", thirty, 5.0),
        ("1 note of 100,000 characters", single, None),
    ):
        seconds = figures["seconds"]
        facts = f"{figures['pages']} pages, {figures['bytes'] / 1024:.0f} KiB, peak {figures['peak_mib']:.0f} MiB"
        verdict = f"target < {target:.0f} s" if target else "info"
        rows.append(Row(f"{label}, median of {ROUNDS}", f"{seconds:.2f} s", facts, verdict,
                        None if target is None else seconds < target))  # fmt: skip
    print_report(rows, app="time", baseline="the PDF")
    return 0


if __name__ == "__main__":
    sys.exit(main())
