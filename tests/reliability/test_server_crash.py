"""The voting server, end to end, SIGKILLed mid-round: a child runs the real VotingServer on
127.0.0.1 with the real VoteWriter on the test's database, a round open; the test's phones are real
WebSocket clients that join, vote and change their votes, recording each vote the server
acknowledged ("ack"). The child is killed with votes on their way. Then every acknowledged vote (or
a later change of it by the same phone, committed before the kill) is in the database and the file
passes quick_check; a second server takes the same round up, the same phones vote on, and it is
killed in turn.

(``test_vote_crash.py`` kills the writer alone; this one kills the whole server.)"""

from __future__ import annotations

import asyncio
import json
import signal
import subprocess
import sys
import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

import pytest
from websockets.asyncio.client import connect
from websockets.exceptions import ConnectionClosed

from maturity_workshop.domain.voting import RoundState
from maturity_workshop.domain.workshop import WorkshopDraft
from maturity_workshop.services.models import default_model
from maturity_workshop.services.voting import VotingService
from maturity_workshop.services.workshops import WorkshopService

from .stored_votes import stored_votes

CHILD = Path(__file__).with_name("server_child.py")
CHILD_TIMEOUT = 60.0  # seconds a child may live: one that hangs is killed, and the test fails
PHONES = 60
VOTES_EACH = 7  # with the join, within the burst of 8 a phone may send at once: no waiting on the rate
LEVELS = (-1, 0, 1, 2, 3)
# Each run: how many acknowledgements before the kill (of PHONES x VOTES_EACH votes), and the
# number of the phones' first vote; the second run goes on in the same round, the same phones
# changing their votes.
RUNS = ((150, 0), (230, VOTES_EACH))

pytestmark = [pytest.mark.slow, pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="SIGKILL is POSIX-only")]


def token_of(phone: int) -> str:
    return f"crash-server-phone-{phone:04d}"


def level_of(phone: int, n: int) -> int:
    return LEVELS[(phone * 3 + n * 2) % len(LEVELS)]


@dataclass
class Run:
    """What the phones saw of one server's life."""

    acks_wanted: int
    sent: dict[str, list[int]] = field(default_factory=dict)  # phone: the levels it sent, in order
    acknowledged: dict[str, int] = field(default_factory=dict)  # phone: how many of those were acked
    acks: int = 0
    in_flight_at_kill: int = 0  # votes sent, not yet answered, when the kill was sent
    refused: list[str] = field(default_factory=list)


def _open_round(path: Path) -> tuple[int, int]:
    service = WorkshopService.open(path, default_model())
    try:
        workshop = service.start_workshop(WorkshopDraft("Crash team", "Votes", date(2026, 3, 12), "Tess", PHONES))
        return workshop.id, VotingService(service).open_round(workshop.id, "testing", phone_cap=PHONES).id
    finally:
        service.close()


async def _phone(url: str, round_id: int, phone: int, first: int, run: Run, kill: Callable[[], None]) -> None:
    """One phone: joins, then casts ``VOTES_EACH`` votes one after the other, each answered before
    the next, recording them in ``run``; ``kill`` is called at the acknowledgement the run waits for."""
    token = token_of(phone)
    sent = run.sent.setdefault(token, [])
    socket_url = url.replace("http://", "ws://") + "ws"
    try:
        async with connect(socket_url, origin=url.split("/v/")[0], open_timeout=CHILD_TIMEOUT) as socket:
            while json.loads(await socket.recv())["type"] != "round":
                pass  # a phone that came before the round hears "waiting" first
            await socket.send(json.dumps({"type": "join", "round": round_id, "phone": token}))
            assert json.loads(await socket.recv())["type"] == "joined"
            for n in range(first, first + VOTES_EACH):
                sent.append(level_of(phone, n))
                await socket.send(json.dumps({"type": "vote", "round": round_id, "practice": "testing",
                                              "level": sent[-1]}))  # fmt: skip
                answer = json.loads(await socket.recv())
                if answer["type"] != "ack":
                    run.refused.append(f"{token}: {answer}")
                    return
                assert (answer["round"], answer["level"]) == (round_id, sent[-1]), answer
                run.acknowledged[token] = run.acknowledged.get(token, 0) + 1
                run.acks += 1
                if run.acks == run.acks_wanted:
                    run.in_flight_at_kill = sum(map(len, run.sent.values())) - run.acks
                    kill()
    except (ConnectionClosed, OSError):
        pass  # the server was killed: this phone's last vote, if sent, was never answered


def _run_and_kill(path: Path, round_id: int, acks_wanted: int, first: int) -> Run:
    """A server in a child, the phones voting, the child SIGKILLed at the ``acks_wanted``-th ack."""
    child = subprocess.Popen(
        [sys.executable, str(CHILD), str(path), str(round_id)],
        stdin=subprocess.DEVNULL, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
    )  # fmt: skip
    watchdog = threading.Timer(CHILD_TIMEOUT, child.kill)  # a child that hangs fails the test, not the run
    watchdog.start()
    run = Run(acks_wanted)
    try:
        ready = child.stdout.readline().decode()
        assert ready.startswith("READY "), f"the server did not start: {ready!r}"
        url = ready.split()[1]

        async def room() -> None:
            kill = lambda: child.send_signal(signal.SIGKILL)  # noqa: E731
            await asyncio.wait_for(asyncio.gather(*(_phone(url, round_id, n, first, run, kill) for n in range(PHONES))),
                                   CHILD_TIMEOUT)  # fmt: skip

        asyncio.run(room())
    finally:
        watchdog.cancel()
        if child.poll() is None and run.acks < acks_wanted:
            child.kill()  # the test failed before the kill: the child goes too
        child.wait()
        errors = child.stderr.read().decode(errors="replace")
        child.stdout.close()
        child.stderr.close()
    assert child.returncode == -signal.SIGKILL, f"the server ended by itself ({child.returncode}):\n{errors[-3000:]}"
    assert run.refused == [], run.refused[:5]
    assert run.acks >= acks_wanted, errors[-3000:]
    return run


def _may_be_stored(runs: list[Run], token: str) -> set[int]:
    """The levels ``token``'s phone may hold now: its last acknowledged vote, or one it sent after."""
    levels, last_acked = [], None
    for run in runs:
        sent = run.sent.get(token, [])
        if run.acknowledged.get(token):
            last_acked = len(levels) + run.acknowledged[token] - 1
        levels += sent
    return set(levels[last_acked:]) if last_acked is not None else set(levels)


def test_every_vote_acknowledged_by_the_server_survives_sigkill(tmp_path: Path) -> None:
    path = tmp_path / "workshops.sqlite3"
    workshop_id, round_id = _open_round(path)
    runs: list[Run] = []
    for acks_wanted, first in RUNS:
        runs.append(_run_and_kill(path, round_id, acks_wanted, first))
        stored, problems = stored_votes(path)
        assert problems == []
        tokens = {token_of(n) for n in range(PHONES)}
        acknowledged = {t for run in runs for t, count in run.acknowledged.items() if count}
        assert acknowledged - set(stored) == set(), "acknowledged votes lost"
        for token in acknowledged:
            assert stored[token] in _may_be_stored(runs, token), (token, stored[token], _may_be_stored(runs, token))
        assert set(stored) <= tokens
    in_flight = [run.in_flight_at_kill for run in runs]
    print(f"votes acknowledged before each kill: {[r.acks for r in runs]}; on their way at the kill: {in_flight}")
    assert all(in_flight), in_flight  # each kill landed with votes on their way

    service = WorkshopService.open(path, default_model())  # the app started again: the round goes on
    try:
        voting = VotingService(service)
        (record,) = voting.rounds_of(workshop_id)
        assert record.round.state is RoundState.OPEN and voting.open_round_of(workshop_id) == record.round
        assert {vote.voter: vote.level for vote in record.votes} == stored_votes(path)[0]
    finally:
        service.close()
