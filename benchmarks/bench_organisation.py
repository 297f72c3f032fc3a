"""Speed of the organisation's heat map, from the local workshops file and from PostgreSQL: prints a table. Part of
``./dev bench``; or run ``.venv/bin/python benchmarks/bench_organisation.py``.

It generates the history benchmark's database (``bench_history.generate``: 200 teams x 20
workshops, every cell noted, 10 actions each), then times building the heat map of every team's
latest workshop (``services.organisation.heat_map``: what the page, Ctrl+G, and ``heatmap``
read), against loading one workshop in the same run. Target: at most 100 ms. Then, on a PostgreSQL
server it starts (``postgres.py``) holding the same 200 teams x 20 workshops: the heat map read straight
from it (``heatmap --org``; target: at most 300 ms), and pulling the copy the window reads offline.
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
ORG_TARGET = 0.300  # seconds, read from PostgreSQL on loopback
ROUNDS = 21
PULL_ROUNDS = 9


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
        finally:
            service.close()
        rows += organisation_rows(Path(folder), ms(baseline))
    print_report(rows, app="time", baseline="load 1 workshop")
    return 0


def organisation_rows(folder: Path, baseline: str) -> list[Row]:
    """The organisation's view from PostgreSQL on loopback: read straight from it (``heatmap --org``),
    and pulled into the copy the window reads offline, then read from the copy."""
    from postgres import READER, fill, organisation_server

    from maturity_workshop.services import organisation_cache as cache

    laptop = folder / "laptop" / "workshops.sqlite3"
    with organisation_server() as server:
        made = fill(server, TEAMS, 5)
        url, model = server.url(READER), default_model()

        def heat_from_copy():
            copy = cache.open_cache(laptop, model)
            try:
                return organisation.heat_map(copy, None)
            finally:
                copy.close()

        first, pulled = median_of(lambda: cache.pull_organisation(laptop, url), PULL_ROUNDS)
        _, heat = median_of(heat_from_copy, ROUNDS)
        both = pulled + heat
        teams = len(heat_from_copy())
        made += fill(server, TEAMS, WORKSHOPS - 5, first=5)
        first_read, fresh = median_of(lambda: organisation.organisation_heat_map(laptop, model, url), ROUNDS)
        fresh_teams = len(organisation.organisation_heat_map(laptop, model, url)[0])
        start = time.perf_counter()
        big = cache.pull_organisation(laptop, url)
        big_pull = time.perf_counter() - start
    size = (folder / "laptop" / cache.CACHE_NAME).stat().st_size / 1e6
    return [
        Row(f"org: heat map of {fresh_teams} teams read from PostgreSQL ({made} workshops), median of {ROUNDS}",
            ms(fresh), baseline, f"target <= {ORG_TARGET * 1000:.0f} ms", fresh <= ORG_TARGET),
        Row("org: that read, the first (its code loading)", ms(first_read), baseline, "info"),
        Row(f"org: pull {TEAMS} teams x 5 workshops + heat map of {teams} from the copy", ms(both), baseline, "info"),
        Row(f"org: pull of {TEAMS * 5} workshops from PostgreSQL, median of {PULL_ROUNDS}", ms(pulled), baseline,
            "info"),
        Row("org: heat map from the pulled copy", ms(heat), baseline, "info"),
        Row("org: the first pull (its code loading)", ms(first), baseline, "info"),
        Row(f"org: pull of {big.workshops} workshops ({made} made, copy {size:.1f} MB)", ms(big_pull), baseline,
            "info"),
    ]  # fmt: skip


if __name__ == "__main__":
    sys.exit(main())
