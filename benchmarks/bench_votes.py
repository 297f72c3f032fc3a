"""The room's votes beside the facilitator's clicks: votes submitted at a steady rate (50 a second,
as a room of 50 phones changing their minds once a second would), and meanwhile a click's save
(``WorkshopService.save_rating``) every few tens of milliseconds. It prints how long a click's save
took, how long a vote took from submit to its acknowledgement (its commit), and the batch sizes.

Run it with ``.venv/bin/python benchmarks/bench_votes.py [VOTES_PER_SECOND] [SECONDS]``. It is not a
test: it measures and prints. It runs on a throw-away database in a temporary folder.
"""

from __future__ import annotations

import random
import statistics
import sys
import tempfile
import threading
import time
from concurrent.futures import Future
from datetime import date
from pathlib import Path

from maturity_workshop.domain.workshop import Rating, WorkshopDraft
from maturity_workshop.services.models import default_model
from maturity_workshop.services.voting import VotingService
from maturity_workshop.services.workshops import WorkshopService
from maturity_workshop.store.votes import VoteWriter


def _summary(name: str, seconds: list[float]) -> str:
    ordered = sorted(seconds)
    p99 = ordered[min(len(ordered) - 1, int(len(ordered) * 0.99))]
    return (
        f"{name:<34} n={len(ordered):<5} median {statistics.median(ordered) * 1000:6.2f} ms   "
        f"p99 {p99 * 1000:6.2f} ms   max {ordered[-1] * 1000:6.2f} ms"
    )


def bench(folder: Path, rate: float, seconds: float) -> None:
    path = folder / "votes.sqlite3"
    model = default_model()
    service = WorkshopService.open(path, model)
    workshop = service.start_workshop(WorkshopDraft("Bench team", "Votes", date(2026, 3, 12), "", 50))
    voting_round = VotingService(service).open_round(workshop.id, "build-ci", phone_cap=50)
    writer = VoteWriter(path)
    writer.start()
    stop = threading.Event()
    acknowledged: list[float] = []

    def cast() -> None:
        n, started = 0, time.perf_counter()
        while not stop.is_set():
            submitted = time.perf_counter()
            future: Future = writer.submit(voting_round.id, f"bench-phone-{n % 50:06d}", n % 4)
            future.add_done_callback(lambda f, t=submitted: acknowledged.append(time.perf_counter() - t))
            n += 1
            time.sleep(max(0.0, started + n / rate - time.perf_counter()))

    casting = threading.Thread(target=cast)
    casting.start()
    clicks: list[float] = []
    rng = random.Random(12)
    end = time.perf_counter() + seconds
    try:
        while time.perf_counter() < end:
            time.sleep(rng.uniform(0.005, 0.06))  # clicks land anywhere in the batches' cycle
            t0 = time.perf_counter()
            service.save_rating(workshop.id, Rating("testing", len(clicks) % 4, 3))
            clicks.append(time.perf_counter() - t0)
    finally:
        stop.set()
        casting.join()
        writer.close()
    quiet = []
    for n in range(200):  # the same save with no votes coming in
        t0 = time.perf_counter()
        service.save_rating(workshop.id, Rating("testing", n % 4, 3))
        quiet.append(time.perf_counter() - t0)
    service.close()
    sizes = writer.stats.sizes
    print(f"{rate:g} votes a second for {seconds:g} s, batches of {writer.batch_seconds * 1000:g} ms, on {folder}")
    print(_summary("a click's save, no votes", quiet))
    print(_summary("a click's save, votes coming in", clicks))
    print(_summary("a vote, submit to acknowledgement", acknowledged))
    print(
        f"{'batches':<34} n={len(sizes):<5} votes per batch: median {statistics.median(sizes):g}, "
        f"largest {max(sizes)}; {writer.stats.votes} votes committed"
    )


if __name__ == "__main__":
    votes_per_second = float(sys.argv[1]) if len(sys.argv) > 1 else 50.0
    duration = float(sys.argv[2]) if len(sys.argv) > 2 else 10.0
    with tempfile.TemporaryDirectory(dir=Path(__file__).resolve().parent.parent) as scratch:  # a real disk
        bench(Path(scratch), votes_per_second, duration)
