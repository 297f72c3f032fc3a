"""Speed of publishing to the organisation's database: prints a table. Part of ``./dev bench``; or run
``.venv/bin/python benchmarks/bench_publish.py``. It needs PostgreSQL's server installed (Debian:
``apt-get install postgresql``): it starts a cluster of its own (``tests/org/cluster.py``: a unix
socket only, in a folder under /tmp, stopped at the end), set up as the organisation's administrator
would, and publishes as a facilitator.

On the history benchmark's database (``bench_history.generate``: 200 teams x 20 workshops = 4,000,
every practice rated, every cell noted, 10 actions each, the agenda, two rounds of votes each):

* **the first publish** of every workshop. Target: at most 30 s.
* **one changed workshop** afterwards (a rating changed through the service, then a publish).
  Target: at most 200 ms.
* **nothing changed** (a publish that finds nothing to send). Target: at most 100 ms.
* ``waiting_count`` (what the window's status bar asks), for information.

against the baseline of the same run: connecting to the server and checking its schema, the least
any publish costs.
"""

from __future__ import annotations

import statistics
import sys
import tempfile
import time
from pathlib import Path

from bench_history import TEAMS, WORKSHOPS, generate
from timing import ROOT, Row, machine_facts, ms, print_report

sys.path.insert(0, str(ROOT))

from maturity_workshop.domain import Rating  # noqa: E402
from maturity_workshop.org.connection import create_engine, parse_url  # noqa: E402
from maturity_workshop.org.schema import check  # noqa: E402
from maturity_workshop.services.models import default_model  # noqa: E402
from maturity_workshop.services.publishing import publish, waiting_count  # noqa: E402
from maturity_workshop.services.workshops import WorkshopService  # noqa: E402
from tests.org.cluster import Unavailable, running_cluster, set_up_organisation  # noqa: E402

FIRST_TARGET, CHANGED_TARGET, UNCHANGED_TARGET = 30.0, 0.200, 0.100
ROUNDS = 11


def _timed(work) -> tuple[float, object]:
    start = time.perf_counter()
    result = work()
    return time.perf_counter() - start, result


def _connect_and_check(url: str) -> None:
    engine = create_engine(parse_url(url))
    try:
        with engine.connect() as connection:
            check(connection)
    finally:
        engine.dispose()


def main() -> int:
    print(f"Publishing benchmarks — {machine_facts()}")
    try:
        with tempfile.TemporaryDirectory(prefix="mw-bench-publish-") as folder, running_cluster() as cluster:
            organisation = set_up_organisation(cluster)
            url = organisation.url("alice")
            path = Path(folder) / "workshops.sqlite3"
            made, _ = _timed(lambda: generate(path))
            print(f"{TEAMS} teams x {WORKSHOPS} workshops, made in {made:.1f} s; PostgreSQL on a unix socket")
            _connect_and_check(url)
            baseline = statistics.median(_timed(lambda: _connect_and_check(url))[0] for _ in range(ROUNDS))

            first, report = _timed(lambda: publish(path, url))
            assert report.error is None and report.published == TEAMS * WORKSHOPS, report.summary()
            counted, _ = _timed(lambda: waiting_count(path))
            unchanged = statistics.median(_timed(lambda: publish(path, url))[0] for _ in range(ROUNDS))

            service = WorkshopService.open(path, default_model())
            practice = service.model.practices[0].id
            changed = []
            try:
                for n in range(ROUNDS):  # the open workshops: the last round of each team
                    service.save_rating(TEAMS * (WORKSHOPS - 1) + 1 + n * 7, Rating(practice, n % 4, 3))
                    seconds, report = _timed(lambda: publish(path, url))
                    assert report.published == 1 and report.waiting == 0, report.summary()
                    changed.append(seconds)
            finally:
                service.close()
            changed_median = statistics.median(changed)
            rows = [
                Row(f"first publish of {TEAMS * WORKSHOPS} workshops", f"{first:.2f} s", ms(baseline),
                    f"{first / baseline:.0f}x; target <= {FIRST_TARGET:.0f} s", first <= FIRST_TARGET),
                Row(f"one changed workshop, median of {ROUNDS}", ms(changed_median), ms(baseline),
                    f"{changed_median / baseline:.1f}x; target <= {CHANGED_TARGET * 1000:.0f} ms",
                    changed_median <= CHANGED_TARGET),
                Row(f"nothing changed, median of {ROUNDS}", ms(unchanged), ms(baseline),
                    f"{unchanged / baseline:.1f}x; target <= {UNCHANGED_TARGET * 1000:.0f} ms",
                    unchanged <= UNCHANGED_TARGET),
                Row("waiting_count (the status bar's)", ms(counted), ms(baseline), "info"),
            ]  # fmt: skip
            print_report(rows, app="time", baseline="connect + check")
    except Unavailable as missing:
        print(f"Skipped: {missing}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
