"""A child editing through the services is SIGKILLed at random moments, again and again on one
file; after every kill the file is sound and holds every edit the child acknowledged.

The seed is random per run and printed on failure; RELIABILITY_SEED=N replays a run's choices
(not its timing), RELIABILITY_KILLS=N runs more kills. scripts/stress_kill.py runs thousands."""

from __future__ import annotations

import os
import random
import signal

import pytest

from .kill_harness import KillRunner, create_database

KILLS = int(os.environ.get("RELIABILITY_KILLS", "60"))


@pytest.mark.slow
@pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="SIGKILL is POSIX-only")
def test_every_acknowledged_edit_survives_sigkill(tmp_path):
    seed = int(os.environ.get("RELIABILITY_SEED") or random.SystemRandom().randrange(2**32))
    db_path = tmp_path / "workshops.sqlite3"
    create_database(db_path)

    stats = KillRunner(db_path, seed).run(KILLS)

    summary = (
        f"seed {seed} (rerun with RELIABILITY_SEED={seed}): {stats.kills} kills, {stats.acked} edits acknowledged, "
        f"{stats.lost} lost, {stats.integrity_failures} integrity failures, {stats.child_errors} child errors\n"
        + "\n".join(stats.failures)
    )
    assert stats.ok, summary
    assert stats.kills == KILLS, summary
    # the kills must land everywhere: before any edit, between edits, and with an edit in flight
    assert stats.acked >= KILLS, summary
    assert stats.before_first_edit > 0, summary
    assert stats.in_flight_committed + stats.in_flight_not_committed > 0, summary
