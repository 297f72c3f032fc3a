"""The voting server's writer is SIGKILLed mid-round: every vote a phone was told was received
(its Future resolved) is in the database, the file is whole, and the round goes on afterwards."""

from __future__ import annotations

import signal
import subprocess
import sys
import threading
from datetime import date
from pathlib import Path

import pytest

from maturity_workshop.domain.voting import RoundState
from maturity_workshop.domain.workshop import WorkshopDraft
from maturity_workshop.services.models import default_model
from maturity_workshop.services.voting import VotingService
from maturity_workshop.services.workshops import WorkshopService
from maturity_workshop.store.votes import VoteWriter

from .stored_votes import stored_votes
from .vote_child import PHONES, level_of, voter_of

CHILD = Path(__file__).with_name("vote_child.py")
CHILD_TIMEOUT = 60.0  # seconds a child may take to acknowledge what the test waits for
# (first vote's seq, acknowledgements before the kill, whether to wait for a vote submitted after the
# last of them): a kill right at an acknowledgement, or with a vote surely on its way.
KILLS = ((0, 200, False), (1000, 137, True), (2000, 311, False), (3000, 59, False), (4000, 250, False))

pytestmark = [pytest.mark.slow, pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="SIGKILL is POSIX-only")]


def _open_round(path: Path) -> int:
    service = WorkshopService.open(path, default_model())
    try:
        workshop = service.start_workshop(WorkshopDraft("Crash team", "Votes", date(2026, 3, 12), "Tess", 40))
        return VotingService(service).open_round(workshop.id, "testing", phone_cap=PHONES).id
    finally:
        service.close()


def _record(line: bytes, submitted: list[int], acknowledged: list[int], failures: list[str]) -> None:
    kind, seq, *_ = line.decode().rstrip("\n").split(" ", 2)
    if kind == "E":
        failures.append(line.decode())
    else:
        (submitted if kind == "S" else acknowledged).append(int(seq))


def _run_and_kill(
    path: Path, round_id: int, first_seq: int, acks_wanted: int, mid_stream: bool = False
) -> tuple[list[int], list[int], list[str]]:
    """Start a child casting votes, SIGKILL it right after its ``acks_wanted``-th acknowledgement
    (``mid_stream``: once a vote was submitted after it, not yet acknowledged);
    the votes it submitted and those acknowledged (by seq), and its failures."""
    child = subprocess.Popen(
        [sys.executable, str(CHILD), str(path), str(round_id), str(first_seq)],
        stdin=subprocess.DEVNULL, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
    )  # fmt: skip
    watchdog = threading.Timer(CHILD_TIMEOUT, child.kill)  # a child that hangs fails the test, not the run
    watchdog.start()
    submitted, acknowledged, failures = [], [], []
    try:
        # Up to the wanted acknowledgement (and, mid-stream, a vote submitted after it), then the kill.
        while len(acknowledged) < acks_wanted or (mid_stream and not set(submitted) - set(acknowledged)):
            line = child.stdout.readline()
            if not line:
                break
            _record(line, submitted, acknowledged, failures)
        child.send_signal(signal.SIGKILL)
        child.wait()
        for line in child.stdout.read().split(b"\n")[:-1]:  # what it wrote before the kill landed
            _record(line, submitted, acknowledged, failures)
    finally:
        watchdog.cancel()
        errors = child.stderr.read().decode(errors="replace")
        child.stdout.close()
        child.stderr.close()
    assert child.returncode == -signal.SIGKILL, f"the child ended by itself ({child.returncode}):\n{errors[-3000:]}"
    assert len(acknowledged) >= acks_wanted, errors[-3000:]
    return submitted, acknowledged, failures


def test_every_vote_acknowledged_to_a_phone_survives_sigkill(tmp_path: Path) -> None:
    path = tmp_path / "workshops.sqlite3"
    round_id = _open_round(path)
    last_acknowledged: dict[str, int] = {}  # phone: seq of its last vote acknowledged
    everything_submitted: set[int] = set()
    in_flight_at_kills = []
    for first_seq, acks_wanted, mid_stream in KILLS:
        submitted, acknowledged, failures = _run_and_kill(path, round_id, first_seq, acks_wanted, mid_stream)
        assert failures == []
        everything_submitted |= set(submitted)
        in_flight_at_kills.append(len(set(submitted) - set(acknowledged)))
        for seq in sorted(acknowledged):
            last_acknowledged[voter_of(seq)] = seq

        stored, problems = stored_votes(path)
        assert problems == []
        for voter, seq in last_acknowledged.items():
            # the vote acknowledged last, or one the phone changed it to afterwards (committed before the kill)
            allowed = {level_of(s) for s in everything_submitted if voter_of(s) == voter and s >= seq}
            assert voter in stored, f"the acknowledged vote {seq} of {voter} is lost"
            assert stored[voter] in allowed, (voter, seq, stored[voter], allowed)
        assert set(stored) <= {voter_of(s) for s in everything_submitted}
    print(f"votes on their way at each kill: {in_flight_at_kills}; phones with an acknowledged vote: {len(last_acknowledged)}")
    assert any(in_flight_at_kills), in_flight_at_kills  # the kills landed with votes on their way


def test_the_round_goes_on_after_the_crash(tmp_path: Path) -> None:
    path = tmp_path / "workshops.sqlite3"
    round_id = _open_round(path)
    _, acknowledged, _ = _run_and_kill(path, round_id, 0, 60)

    service = WorkshopService.open(path, default_model())  # the app started again
    try:
        voting = VotingService(service)
        (left_open,) = [r for r in voting.rounds_of(1) if r.round.state is RoundState.OPEN]
        assert voting.open_round_of(1) == left_open.round
        assert {v.voter for v in left_open.votes} >= {voter_of(s) for s in acknowledged}
        assert voting.reopen(round_id) == left_open.round

        writer = VoteWriter(path)
        writer.start()
        try:
            writer.submit(round_id, "after-the-crash-0001", 3).result(10)
        finally:
            writer.close()
        revealed = voting.reveal(round_id)
        assert "after-the-crash-0001" in {v.voter for v in revealed.votes}
        assert voting.tally(revealed).total == len(revealed.votes) >= len({voter_of(s) for s in acknowledged}) + 1
        assert voting.standing(1)["testing"].round.id == round_id
    finally:
        service.close()
