"""Kill a child that edits a workshop file, again and again, and check the file after each kill.

Used by ``test_crash_safety.py`` (a few dozen kills) and ``scripts/stress_kill.py`` (thousands).
Every kill reuses the one file, so the state accumulates from kill to kill. After each kill:

* ``PRAGMA integrity_check`` is ok and ``PRAGMA foreign_key_check`` finds nothing;
* the file holds every acknowledged edit: it equals the acknowledged edits replayed onto the state
  before the child started, or that plus the one edit announced and not yet acknowledged (the kill
  can land after the commit and before the ack). Anything else counts as edits lost: one per
  rating, note, action or practice's action order that differs.
"""

from __future__ import annotations

import json
import random
import signal
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from maturity_workshop.domain.workshop import WorkshopDraft
from maturity_workshop.services.models import default_model
from maturity_workshop.services.workshops import WorkshopService

from .crash_model import Expected, apply, apply_in_flight, check_file, differences

CHILD = Path(__file__).with_name("edit_child.py")
MAX_DETAILS = 8
CHILD_TIMEOUT = 30.0  # seconds a child may take before the awaited ack


def create_database(path: Path) -> None:
    """A file with two workshops of one team, so that actions can be carried from one to the other."""
    service = WorkshopService.open(path, default_model())
    try:
        for title, held_on in (("Spring", date(2026, 3, 1)), ("Autumn", date(2026, 9, 1))):
            service.start_workshop(WorkshopDraft("Crash team", title, held_on, "Tess", 5))
    finally:
        service.close()


@dataclass
class KillStats:
    kills: int = 0
    acked: int = 0  # edits acknowledged by a child before it was killed
    lost: int = 0  # ratings, notes, actions or orders that differ from the acknowledged edits
    integrity_failures: int = 0  # integrity_check not ok, foreign_key_check not empty, positions broken
    child_errors: int = 0  # a child that stopped by itself (an exception) instead of being killed
    in_flight_committed: int = 0  # kills between a commit and its ack
    in_flight_not_committed: int = 0  # kills between an announced edit and its commit (or before it)
    before_first_edit: int = 0  # kills before the child announced anything
    seconds: float = 0.0
    failures: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not (self.lost or self.integrity_failures or self.child_errors)


def _busy_wait(seconds: float) -> None:
    """Sleep with finer grain than ``time.sleep`` offers for a few hundred microseconds."""
    end = time.perf_counter() + seconds
    while time.perf_counter() < end:
        pass


class KillRunner:
    """Runs children on ``db_path`` and kills them; ``seed`` decides every choice but the timing."""

    def __init__(self, db_path: Path, seed: int, python: str = sys.executable) -> None:
        self.db_path, self.seed, self.python = Path(db_path), seed, python
        self.rng = random.Random(seed)
        self.stats = KillStats()
        state, problems = check_file(self.db_path)
        if problems or state is None:
            raise RuntimeError(f"the file is not sound before the first kill: {problems}")
        self.expected: Expected = state

    def _fail(self, message: str) -> None:
        if len(self.stats.failures) < MAX_DETAILS:
            self.stats.failures.append(f"kill {self.stats.kills}: {message}")

    def _spawn_and_kill(self, child_seed: int, stderr) -> tuple[bytes, int | None, str]:
        """Start a child, kill it at a random moment; everything it wrote, its return code, and how
        the moment was chosen. The return code is None when the watchdog had to kill it."""
        rng = self.rng
        child = subprocess.Popen(
            [self.python, str(CHILD), str(self.db_path), str(child_seed)],
            stdin=subprocess.DEVNULL,
            stdout=subprocess.PIPE,
            stderr=stderr,
        )
        # A child that hangs (it writes nothing while the parent waits for an ack) is killed by the
        # watchdog and counted as a child error, instead of hanging the run.
        hung = threading.Event()

        def watchdog() -> None:
            hung.set()
            child.kill()

        timer = threading.Timer(CHILD_TIMEOUT, watchdog)
        timer.start()
        output = bytearray()
        how = ""
        try:
            roll = rng.random()
            if roll < 0.08:
                how = "at spawn"
            elif roll < 0.20:
                delay = rng.uniform(0.0, 0.3)
                how = f"{delay * 1000:.1f} ms after spawn"
                time.sleep(delay)
            else:
                wanted = min(int(rng.expovariate(1 / 10)), 80)
                acks = 0
                while acks < wanted:
                    line = child.stdout.readline()
                    if not line:
                        break  # the child ended by itself; reported below
                    output += line
                    acks += line.startswith(b"A ")
                delay = rng.choice((0.0, rng.uniform(0, 0.0005), rng.uniform(0, 0.003), rng.uniform(0, 0.02)))
                how = f"{delay * 1e6:.0f} µs after ack {wanted}"
                if delay < 0.002:
                    _busy_wait(delay)
                else:
                    time.sleep(delay)
        finally:
            timer.cancel()
            if child.poll() is None:
                child.send_signal(signal.SIGKILL)
            child.wait()
            output += child.stdout.read()
            child.stdout.close()
        if hung.is_set():
            return bytes(output), None, f"by the watchdog: no ack for {CHILD_TIMEOUT:.0f} s ({how or 'waiting'})"
        return bytes(output), child.returncode, how

    def kill_once(self) -> None:
        stats = self.stats
        stats.kills += 1
        child_seed = self.rng.getrandbits(48)
        with tempfile.TemporaryFile() as stderr:
            output, returncode, how = self._spawn_and_kill(child_seed, stderr)
            stderr.seek(0)
            errors = stderr.read().decode(errors="replace")
        where = f"(child seed {child_seed}, killed {how})"
        if returncode is None:
            stats.child_errors += 1
            self._fail(f"the child hung {where}:\n{errors[-3000:]}")
        elif returncode != -signal.SIGKILL:
            stats.child_errors += 1
            self._fail(f"the child ended by itself with {returncode} {where}:\n{errors[-3000:]}")

        expected, pending, lines = self.expected, None, output.split(b"\n")
        for line in lines[:-1]:  # the last piece has no newline: cut by the kill, or empty
            kind, _, payload = line.partition(b" ")
            message = json.loads(payload)
            if kind == b"I":
                if pending is not None:
                    self._fail(f"intent {message['seq']} follows intent {pending['seq']} with no ack {where}")
                pending = message
            elif kind == b"A":
                if pending is None or pending["seq"] != message["seq"] or pending["edit"] != message["edit"]:
                    self._fail(f"ack {message['seq']} does not answer the intent {pending} {where}")
                expected = apply(expected, message["edit"], message["id"])
                stats.acked += 1
                pending = None
            else:
                self._fail(f"the child wrote {line[:200]!r} {where}")
        if not any(line.startswith(b"I ") for line in lines):
            stats.before_first_edit += 1

        observed, problems = check_file(self.db_path)
        if problems:
            stats.integrity_failures += 1
            self._fail(f"the file is not sound {where}: {problems}")
        if observed is None:
            return
        if observed == expected:
            if pending is not None:
                stats.in_flight_not_committed += 1
        elif pending is not None and observed == apply_in_flight(expected, pending["edit"], observed):
            stats.in_flight_committed += 1
        else:
            missing = differences(expected, observed)
            if pending is not None:
                with_pending = differences(apply_in_flight(expected, pending["edit"], observed), observed)
                missing = min(missing, with_pending, key=len)
            stats.lost += len(missing)
            shown = "\n  ".join(missing[:10])
            self._fail(f"{len(missing)} acknowledged edits are not in the file {where}; in flight: {pending}\n  {shown}")
        self.expected = observed  # the next child starts from what the file holds

    def run(self, kills: int, progress=None) -> KillStats:
        started = time.perf_counter()
        for _ in range(kills):
            self.kill_once()
            if progress is not None:
                progress(self.stats)
            if self.stats.integrity_failures:
                break  # a damaged file: what follows would only repeat it
        self.stats.seconds += time.perf_counter() - started
        return self.stats
