"""Crash-safety stress: SIGKILL a child that edits a workshop file through the services, thousands
of times on one file, and check after every kill that the file is sound and holds every edit the
child acknowledged. The pytest version (tests/reliability/test_crash_safety.py) runs 60 kills.

    .venv/bin/python scripts/stress_kill.py --kills 2000 [--seed N] [--db PATH] [--keep]

Exits 1 if an acknowledged edit was lost, the file failed integrity_check or foreign_key_check,
or a child stopped by itself. "edits lost" counts each rating, note, action or practice's action
order that differs from what the acknowledged edits say.
"""

from __future__ import annotations

import argparse
import random
import shutil
import signal
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))  # tests.reliability
sys.path.append(str(ROOT / "app"))  # maturity_workshop, if the venv does not have it already

from tests.reliability.kill_harness import KillRunner, KillStats, create_database


def table(stats: KillStats, seed: int) -> str:
    rows = [
        ("seed", seed),
        ("kills", stats.kills),
        ("edits acknowledged", stats.acked),
        ("edits lost (must be 0)", stats.lost),
        ("integrity failures", stats.integrity_failures),
        ("child errors", stats.child_errors),
        ("kills before the first edit", stats.before_first_edit),
        ("kills with an edit in flight, committed", stats.in_flight_committed),
        ("kills with an edit in flight, not committed", stats.in_flight_not_committed),
        ("time", f"{stats.seconds:.1f} s ({stats.seconds / max(stats.kills, 1) * 1000:.0f} ms a kill)"),
    ]
    width = max(len(name) for name, _ in rows)
    return "\n".join(f"{name:<{width}}  {value}" for name, value in rows)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--kills", type=int, default=2000)
    parser.add_argument("--seed", type=int, default=None, help="default: a random one, printed")
    parser.add_argument("--db", type=Path, default=None, help="the file to use (default: a new temporary one)")
    parser.add_argument("--keep", action="store_true", help="keep the temporary folder")
    args = parser.parse_args(argv)
    if not hasattr(signal, "SIGKILL"):
        print("SIGKILL is POSIX-only", file=sys.stderr)
        return 2
    seed = args.seed if args.seed is not None else random.SystemRandom().randrange(2**32)
    folder = None
    if args.db is None:
        folder = Path(tempfile.mkdtemp(prefix="stress-kill-"))
        db_path = folder / "workshops.sqlite3"
    else:
        db_path = args.db
    if not db_path.exists():
        create_database(db_path)
    print(f"{args.kills} kills on {db_path}, seed {seed}", flush=True)

    last = [time.monotonic()]

    def progress(stats: KillStats) -> None:
        if time.monotonic() - last[0] > 10 or stats.kills == args.kills:
            last[0] = time.monotonic()
            print(f"  {stats.kills} kills, {stats.acked} acknowledged, {stats.lost} lost, "
                  f"{stats.integrity_failures} integrity failures", flush=True)

    try:
        stats = KillRunner(db_path, seed).run(args.kills, progress)
    finally:
        if folder is not None and not args.keep:
            shutil.rmtree(folder, ignore_errors=True)
    print()
    print(table(stats, seed))
    for failure in stats.failures:
        print(f"\n{failure}")
    return 0 if stats.ok else 1


if __name__ == "__main__":
    sys.exit(main())
