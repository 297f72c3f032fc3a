"""What the voting tests share: the room's store (a workshop on the test's database, rounds opened
through the window's service, the votes the real VoteWriter committed read back), a sink whose
commits fail on demand, a recorder of the server's events, and phones: real WebSocket and HTTP
clients."""

from __future__ import annotations

import concurrent.futures
import http.client
import json
import sqlite3
import threading
from collections.abc import Callable
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any, TypeVar

from websockets.sync.client import ClientConnection, connect

from maturity_workshop.domain import MaturityModel, WorkshopDraft
from maturity_workshop.domain.voting import DEFAULT_PHONE_CAP, RoundState, Tally, Vote, VotingRound
from maturity_workshop.services.voting import VotingService
from maturity_workshop.services.workshops import WorkshopService

WAIT = 5.0  # seconds any wait gives up after: a test waits on something, never sleeps
E = TypeVar("E")


class Room:
    """The real store behind the server: a workshop on a test's own database, its rounds opened,
    revealed and cancelled through the window's :class:`VotingService`, and the votes the server's
    :class:`VoteWriter` committed, read back from the file."""

    def __init__(self, path: Path, model: MaturityModel) -> None:
        self.path = path
        self.service = WorkshopService.open(path, model)
        draft = WorkshopDraft("Phones team", "Voting from phones", date(2026, 3, 12), "Tess", 12)
        self.workshop = self.service.start_workshop(draft)
        self.voting = VotingService(self.service)

    def open(self, practice_id: str = "testing", *, cap: int = DEFAULT_PHONE_CAP, named: bool = False) -> VotingRound:
        return self.voting.open_round(self.workshop.id, practice_id, named=named, phone_cap=cap)

    def reveal(self, round_id: int) -> Tally:
        """The round revealed in the database, as the window reveals it: its tally, for the server."""
        return self.voting.tally(self.voting.reveal(round_id))

    def cancel(self, round_id: int) -> None:
        self.voting.cancel(round_id)

    @property
    def votes(self) -> dict[tuple[int, str], int]:
        """Every vote committed: (round id, voter) -> level."""
        return {(v.round_id, v.voter): v.level for r in self.voting.rounds_of(self.workshop.id) for v in r.votes}

    def levels(self, round_id: int) -> list[int]:
        return sorted(level for (r, _), level in self.votes.items() if r == round_id)

    @contextmanager
    def held(self):
        """Another connection holding the database's write lock: the writer's commits wait (for
        less than the busy timeout) until the block ends."""
        blocker = sqlite3.connect(self.path, isolation_level=None)
        try:
            blocker.execute("BEGIN IMMEDIATE")
            yield
            blocker.execute("ROLLBACK")
        finally:
            blocker.close()

    def close(self) -> None:
        self.service.close()


class FailingSink:
    """A stand-in for the store's VoteWriter whose commits fail while ``fail_with`` is set: a disk
    that refuses a COMMIT cannot be had on demand from a real file (the writer would first wait out
    its 5-second busy timeout), and the writer's own failed batch is tested in tests/store."""

    def __init__(self) -> None:
        self.votes: dict[tuple[int, str], int] = {}
        self.fail_with: Exception | None = None
        self._pool = concurrent.futures.ThreadPoolExecutor(1, thread_name_prefix="failing-sink")

    def submit(self, round_id: int, voter: str, level: int) -> concurrent.futures.Future[Vote]:
        return self._pool.submit(self._commit, round_id, voter, level)

    def _commit(self, round_id: int, voter: str, level: int) -> Vote:
        if self.fail_with is not None:
            raise self.fail_with
        self.votes[(round_id, voter)] = level
        return Vote(round_id, voter, level, datetime.now(UTC))

    def close(self) -> None:
        self._pool.shutdown(wait=True)


class Recorder:
    """The server's events, as they come from its thread; ``wait_for`` blocks on a condition."""

    def __init__(self) -> None:
        self.events: list[Any] = []
        self._changed = threading.Condition()

    def __call__(self, event: Any) -> None:
        with self._changed:
            self.events.append(event)
            self._changed.notify_all()

    def of(self, kind: type[E]) -> list[E]:
        with self._changed:
            return [e for e in self.events if isinstance(e, kind)]

    def wait_for(self, kind: type[E], test: Callable[[E], bool] = lambda e: True, timeout: float = WAIT) -> E:
        found: list[E] = []

        def seen() -> bool:
            found[:] = [e for e in self.events if isinstance(e, kind) and test(e)]
            return bool(found)

        with self._changed:
            if not self._changed.wait_for(seen, timeout):
                raise AssertionError(f"no {kind.__name__} as expected within {timeout} s; got {self.events}")
        return found[-1]


def a_round(round_id: int = 1, practice_id: str = "testing", *, cap: int = 50, named: bool = False) -> VotingRound:
    """A round that is in no database: for a test where no phone votes."""
    return VotingRound(round_id, 1, practice_id, RoundState.OPEN, named, cap, datetime.now(UTC))


def phone_token(n: int) -> str:
    return f"phone-{n:04d}-" + "x" * 12


@dataclass
class Phone:
    socket: ClientConnection
    first: dict[str, Any] | None = None  # what the server said on connecting

    def send(self, message: Any) -> None:
        self.socket.send(message if isinstance(message, (str, bytes)) else json.dumps(message))

    def receive(self, timeout: float = WAIT) -> dict[str, Any]:
        return json.loads(self.socket.recv(timeout))

    def expect(self, kind: str, timeout: float = WAIT) -> dict[str, Any]:
        """The next message, which must be of ``kind``."""
        message = self.receive(timeout)
        assert message["type"] == kind, message
        return message

    def join(self, round_id: int, token: str) -> dict[str, Any]:
        self.send({"type": "join", "round": round_id, "phone": token})
        return self.receive()

    def vote(self, round_id: int, level: int, practice: str = "testing", **extra: Any) -> dict[str, Any]:
        self.send({"type": "vote", "round": round_id, "practice": practice, "level": level, **extra})
        return self.receive()


def socket_url(server: Any) -> str:
    return server.url.replace("http://", "ws://") + "ws"


def origin_of(server: Any) -> str:
    return f"http://{server.host}:{server.port}"


@contextmanager
def phone(server: Any, *, url: str | None = None, origin: str | None = None):
    """A phone connected to ``server``'s WebSocket, its first message (the state) read."""
    with connect(url or socket_url(server), origin=origin or origin_of(server), open_timeout=WAIT, max_queue=None) as socket:
        connected = Phone(socket)
        connected.first = connected.receive()
        yield connected


def http_get(server: Any, path: str, headers: dict[str, str] | None = None) -> tuple[int, dict[str, str], bytes]:
    """A plain GET of ``path`` (sent as it is, never normalised), with the headers given (Host
    too, if given)."""
    connection = http.client.HTTPConnection(server.host, server.port, timeout=WAIT)
    try:
        connection.putrequest("GET", path, skip_host=bool(headers and "Host" in headers), skip_accept_encoding=True)
        for name, value in (headers or {}).items():
            connection.putheader(name, value)
        connection.endheaders()
        response = connection.getresponse()
        return response.status, {k.lower(): v for k, v in response.getheaders()}, response.read()
    finally:
        connection.close()
