"""Speed of a team's history at scale: prints a table. Part of ``./dev bench``; or run
``.venv/bin/python benchmarks/bench_history.py``. It asserts nothing: it measures and says whether
the target is met.

The database is generated for the run, its schema made by the app's own ``open_database``, then
filled with plain ``executemany``: 200 teams x 20 workshops = 4,000 workshops, every practice rated
(levels moving up and down), every cell noted, 10 actions each (some carried from the team's
previous workshop), the agenda's time on every practice, two revealed rounds of the room's votes
(9 phones each) on two practices of each workshop. Then, on the app's service:

* **opening a team's history** (``services.history.team_history``: what the history page, the
  ``history`` command and File ▸ Export team history read). Target: at most 50 ms.
* **the previous workshop's marks** (``services.history.last_time``: what opening a workshop adds for
  the grid's "last time" marks). Target: at most 2 ms.

both against the baseline of the same run, loading one workshop's state (``service.load``, what
opening a workshop reads). Then the database's size, and SQLite's plan (EXPLAIN QUERY PLAN) of
each statement those reads run, caught as the app runs them.
"""

from __future__ import annotations

import random
import sqlite3
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import date, timedelta
from pathlib import Path

from timing import ROOT, Row, machine_facts, ms, print_report

sys.path.insert(0, str(ROOT / "app"))

from maturity_workshop.domain.clock import utcnow  # noqa: E402
from maturity_workshop.services import history as histories  # noqa: E402
from maturity_workshop.services.models import default_model  # noqa: E402
from maturity_workshop.services.workshops import WorkshopService  # noqa: E402
from maturity_workshop.store.engine import open_database  # noqa: E402
from maturity_workshop.domain.identity import team_uuid, workshop_uuid  # noqa: E402
from maturity_workshop.store.repository import INSERT_COLUMNS  # noqa: E402
from maturity_workshop.store.rows import to_text, to_time  # noqa: E402

TEAMS, WORKSHOPS, ACTIONS = 200, 20, 10
CARRIED = 3  # of each workshop's actions, carried from the team's previous workshop
VOTED, PHONES = 2, 9  # rounds revealed at each workshop (on practices of their own), phones voting in each
ROUNDS = 21
HISTORY_TARGET, LAST_TIME_TARGET = 0.050, 0.002
STATUSES = ("open", "in_progress", "done", "dropped")


def insert(table: str) -> str:
    columns = INSERT_COLUMNS[table]
    return f"INSERT INTO {table} ({', '.join(columns)}) VALUES ({', '.join('?' * len(columns))})"


def generate(path: Path) -> None:
    """The 200 x 20 database at ``path``; workshops made round by round, so a team's are spread
    through the table as they are in a database used for years."""
    model = default_model()
    open_database(path).close()  # the schema, by the app's own revisions
    now = to_text(utcnow())
    levels = model.level_values
    rng = random.Random(11)
    teams = [(f"Team {n:03}", f"team {n:03}", False, now, now, team_uuid(f"team {n:03}")) for n in range(TEAMS)]
    workshops, ratings, notes, actions, times, rounds, votes = [], [], [], [], [], [], []
    level = {(t, p.id): rng.choice(levels[:3]) for t in range(TEAMS) for p in model.practices}
    previous_actions: dict[int, list[int]] = {}
    workshop_id = action_id = 0
    for round_ in range(WORKSHOPS):
        for team in range(TEAMS):
            workshop_id += 1
            held_on = date(2021, 1, 4) + timedelta(days=round_ * 45 + team % 30)
            workshops.append((workshop_id, team + 1, f"Review {round_ + 1}", held_on.isoformat(), "Ada", 8, model.id,
                              model.version, round_ < WORKSHOPS - 1, now, now,
                              workshop_uuid(teams[team][-1], to_time(now), workshop_id)))  # fmt: skip
            for practice in model.practices:
                key = (team, practice.id)
                level[key] = min(max(level[key] + rng.choice((-1, 0, 1, 1)), levels[0]), levels[-1])
                ratings.append((workshop_id, practice.id, level[key], min(level[key] + 1, levels[-1]), now, now))
                times.append((workshop_id, practice.id, 10, rng.randrange(300, 1200), now, now))
            for cell in model.cells:
                notes.append((workshop_id, cell.id, f"Round {round_ + 1}: what {cell.id} looks like here. " * 2,
                              now, now))  # fmt: skip
            carried_from = previous_actions.get(team, [])[:CARRIED]
            mine = []
            for n in range(ACTIONS):
                action_id += 1
                practice = model.practices[n % len(model.practices)]
                source = carried_from[n] if n < len(carried_from) else None
                actions.append((action_id, workshop_id, practice.id, None, f"Action {n} of round {round_ + 1}", "Bo",
                                None, STATUSES[(n + round_) % 4], "medium", n // len(model.practices), source,
                                now, now))  # fmt: skip
                mine.append(action_id)
            previous_actions[team] = mine
            for n in range(VOTED):
                practice = model.practices[(round_ + n) % len(model.practices)].id
                rounds.append((workshop_id, practice, "revealed", False, 50, now, now, now, now))
                round_id = len(rounds)
                votes.extend((round_id, f"bench-phone-{p:04d}-{round_id:06d}", rng.choice(levels), now, now)
                             for p in range(PHONES))  # fmt: skip
    connection = sqlite3.connect(path, isolation_level=None)
    try:
        connection.execute("BEGIN")
        for table, rows in (("team", teams), ("workshop", workshops), ("rating", ratings), ("cell_note", notes),
                            ("action", actions), ("practice_time", times), ("vote_round", rounds),
                            ("vote", votes)):  # fmt: skip
            connection.executemany(insert(table), rows)
        connection.execute("COMMIT")  # no ANALYZE: the app never runs it, so the plans are the users'
        connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    finally:
        connection.close()


def median_of(work: Callable[[], object], rounds: int = ROUNDS) -> tuple[float, float]:
    """(the first run, the median of ``rounds`` more), in seconds."""
    start = time.perf_counter()
    work()
    first = time.perf_counter() - start
    samples = []
    for _ in range(rounds):
        start = time.perf_counter()
        work()
        samples.append(time.perf_counter() - start)
    return first, statistics.median(samples)


def statements_of(service: WorkshopService, work: Callable[[], object]) -> list[str]:
    """The SELECT statements ``work`` runs on the service's connection, values filled in."""
    seen: list[str] = []
    connection = service.repo.db.connection
    connection.set_trace_callback(seen.append)
    try:
        work()
    finally:
        connection.set_trace_callback(None)
    return [sql for sql in seen if sql.lstrip().upper().startswith("SELECT")]


def print_plans(service: WorkshopService, reads: dict[str, Callable[[], object]]) -> None:
    connection = service.repo.db.connection
    for name, work in reads.items():
        print(f"\n{name}:")
        for n, sql in enumerate(statements_of(service, work), 1):
            print(f"  {n}. {' '.join(sql.split())}")
            for _, parent, _, detail in connection.execute(f"EXPLAIN QUERY PLAN {sql}").fetchall():
                print(f"       {'  ' if parent else ''}{detail}")


def main() -> int:
    print(f"Team history benchmarks — {machine_facts(f'SQLite {sqlite3.sqlite_version}')}")
    with tempfile.TemporaryDirectory(prefix="mw-bench-history-") as folder:
        path = Path(folder) / "workshops.sqlite3"
        start = time.perf_counter()
        generate(path)
        made_in = time.perf_counter() - start
        size = sum(p.stat().st_size for p in Path(folder).iterdir() if p.name.startswith(path.name))
        service = WorkshopService.open(path, default_model())
        try:
            team = service.repo.find_team("Team 100")
            workshops = service.repo.team_history(team.id)[0]
            last = workshops[-1].workshop.id  # the team's latest: 19 before it
            print(f"{TEAMS} teams x {WORKSHOPS} workshops, {ACTIONS} actions each, every cell noted, "
                  f"{VOTED} rounds of {PHONES} votes each: "
                  f"{size / 2**20:.1f} MiB, made in {made_in:.1f} s")  # fmt: skip
            _, baseline = median_of(lambda: service.load(last))
            history_first, history = median_of(lambda: histories.team_history(service, team))
            _, marks = median_of(lambda: histories.last_time(service, last), ROUNDS * 10)
            rows = [
                Row(f"team history ({WORKSHOPS} workshops), median of {ROUNDS}", ms(history), ms(baseline),
                    f"{history / baseline:.1f}x; target <= {HISTORY_TARGET * 1000:.0f} ms", history <= HISTORY_TARGET),
                Row("team history, first read after opening", ms(history_first), ms(baseline), "info"),
                Row(f"last-time marks added to opening, median of {ROUNDS * 10}", ms(marks), ms(baseline),
                    f"{marks / baseline:.2f}x; target <= {LAST_TIME_TARGET * 1000:.0f} ms", marks <= LAST_TIME_TARGET),
            ]  # fmt: skip
            print_report(rows, app="time", baseline="load 1 workshop")
            print("\nQuery plans (EXPLAIN QUERY PLAN) of the statements as the app runs them:")
            print_plans(service, {
                "repository.team_history (6 statements)": lambda: service.repo.team_history(team.id),
                "repository.previous_workshop": lambda: service.repo.previous_workshop(last),
                "repository.ratings_of": lambda: service.repo.ratings_of(last),
            })  # fmt: skip
        finally:
            service.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
