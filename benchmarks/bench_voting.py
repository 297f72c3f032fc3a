"""The room votes from its phones while the facilitator clicks: 50 simulated phones (real
``websockets`` clients, on an asyncio loop in a thread, over loopback) join each round, vote, and
change their votes about once a second, while the console (with the board shown) is clicked.
Each measured against a baseline from the same run:

1. A click on the console until committed and the console and the board are repainted, median:
   with 50 phones voting, against the same clicks with voting off. Target: at most 10 ms.
2. A phone's vote until the board's count shows it, 99th percentile, against the phone's own
   round trip (vote until its acknowledgement, once committed). Target: at most 100 ms.
3. Opening a round (V) until every one of the 50 phones has it, the slowest of the rounds, against
   the window's part (the round written and handed to the server). Target: at most 200 ms.
4. Every vote counted exactly once: each phone's last acknowledged vote is the one in the
   database, one per phone, and the revealed tally counts 50. Start voting's time is printed.

Run with ``./dev bench``, or ``.venv/bin/python benchmarks/bench_voting.py [ROUNDS] [SECONDS]``.
Offscreen, on a throw-away database; it measures and prints, it is not a test."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import asyncio  # noqa: E402
import json  # noqa: E402
import random  # noqa: E402
import sys  # noqa: E402
import tempfile  # noqa: E402
import threading  # noqa: E402
import time  # noqa: E402
from dataclasses import dataclass, field  # noqa: E402
from datetime import date  # noqa: E402
from pathlib import Path  # noqa: E402

from PySide6.QtCore import QEventLoop, Qt, QTimer, qInstallMessageHandler  # noqa: E402
from PySide6.QtTest import QTest  # noqa: E402
from websockets.asyncio.client import connect  # noqa: E402

from maturity_workshop.domain.workshop import WorkshopDraft  # noqa: E402
from maturity_workshop.services.models import default_model  # noqa: E402
from maturity_workshop.services.voting import VotingService  # noqa: E402
from maturity_workshop.services.workshops import WorkshopService  # noqa: E402
from maturity_workshop.ui.app import create_application  # noqa: E402
from maturity_workshop.ui.voting.room import VotingSetup  # noqa: E402
from timing import Row, Stats, grid_cycle, machine_facts, ms, print_report, qt_facts, quiet_qt_messages  # noqa: E402
from timing import shown_window  # noqa: E402

PHONES, CLICKS_QUIET, WARMUP = 50, 200, 20


@dataclass
class SimPhone:
    n: int
    socket: object = None
    token: str = ""
    replies: asyncio.Queue = field(default_factory=asyncio.Queue)
    round_seen: dict[int, float] = field(default_factory=dict)  # round -> when its message came
    first_vote: dict[int, tuple[float, float]] = field(default_factory=dict)  # round -> (sent, acknowledged)
    last_acked: dict[int, int] = field(default_factory=dict)  # round -> level
    round_trips: list[float] = field(default_factory=list)
    votes: int = 0


class Room:
    """50 phones on an asyncio loop of their own, connected once for every round."""

    def __init__(self, url: str, origin: str) -> None:
        self.url, self.origin = url, origin
        self.phones = [SimPhone(n) for n in range(PHONES)]
        self.loop = asyncio.new_event_loop()
        self.thread = threading.Thread(target=self.loop.run_forever, daemon=True)
        self.thread.start()
        self._run(self._connect_all())

    def _run(self, coroutine, timeout: float = 60):
        return asyncio.run_coroutine_threadsafe(coroutine, self.loop).result(timeout)

    async def _connect_all(self) -> None:
        await asyncio.gather(*(self._connect(phone) for phone in self.phones))

    async def _connect(self, phone: SimPhone) -> None:
        phone.replies = asyncio.Queue()
        phone.socket = await connect(self.url, origin=self.origin, open_timeout=20, max_queue=None)
        await phone.socket.recv()  # where things stand
        asyncio.ensure_future(self._listen(phone))

    async def _listen(self, phone: SimPhone) -> None:
        async for raw in phone.socket:
            message = json.loads(raw)
            if message["type"] == "round":
                phone.round_seen.setdefault(message["round"], time.perf_counter())
            elif message["type"] in ("joined", "ack", "refused", "full"):
                await phone.replies.put(message)

    def vote(self, round_id: int, practice_id: str, seconds: float) -> threading.Event:
        """Every phone joins ``round_id``, votes within a second and a half, then changes its vote
        about once a second for ``seconds``; the event is set when all are done."""
        done = threading.Event()
        future = asyncio.run_coroutine_threadsafe(self._vote_all(round_id, practice_id, seconds), self.loop)
        future.add_done_callback(lambda f: done.set())
        self.voting = future
        return done

    async def _vote_all(self, round_id: int, practice_id: str, seconds: float) -> None:
        end = time.perf_counter() + seconds
        await asyncio.gather(*(self._vote(phone, round_id, practice_id, end) for phone in self.phones))

    async def _vote(self, phone: SimPhone, round_id: int, practice_id: str, end: float) -> None:
        rng = random.Random(phone.n * 1000 + round_id)
        token = f"bench-{round_id:04d}-{phone.n:04d}-xxxxxxxx"
        await phone.socket.send(json.dumps({"type": "join", "round": round_id, "phone": token}))
        assert (await phone.replies.get())["type"] == "joined"
        phone.token = token
        await asyncio.sleep(rng.uniform(0, 1.5))
        while True:
            level = rng.randint(-1, 3)
            sent = time.perf_counter()
            await phone.socket.send(json.dumps({"type": "vote", "round": round_id, "practice": practice_id, "level": level}))
            reply = await phone.replies.get()
            acked = time.perf_counter()
            if reply["type"] != "ack":
                raise RuntimeError(f"phone {phone.n}: {reply}")
            phone.votes += 1
            phone.round_trips.append(acked - sent)
            phone.first_vote.setdefault(round_id, (sent, acked))
            phone.last_acked[round_id] = level
            if time.perf_counter() > end:
                return
            await asyncio.sleep(rng.uniform(0.6, 1.4))

    def close(self) -> None:
        async def close_all():
            await asyncio.gather(*(phone.socket.close() for phone in self.phones))

        self._run(close_all())
        self.loop.call_soon_threadsafe(self.loop.stop)


def wait(milliseconds: int) -> None:
    """The ui thread in its event loop for a while, as the app's is between clicks (an event loop
    lets the other threads run; QTest.qWait would hold Python's lock meanwhile)."""
    loop = QEventLoop()
    QTimer.singleShot(milliseconds, loop.quit)
    loop.exec()


def click_once(app, window, board, cells) -> float:
    grid, model = window.grid, window.grid_model
    row, column = next(cells)
    centre = grid.visualRect(model.index(row, column)).center()
    t0 = time.perf_counter()
    QTest.mouseClick(grid.viewport(), Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, centre)
    grid.viewport().repaint()
    board.grid.viewport().repaint()
    return time.perf_counter() - t0


def main() -> int:
    rounds = int(sys.argv[1]) if len(sys.argv) > 1 else 6
    seconds = float(sys.argv[2]) if len(sys.argv) > 2 else 5.0
    qInstallMessageHandler(quiet_qt_messages)
    app = create_application([])
    with tempfile.TemporaryDirectory(prefix="mw-bench-voting-") as folder:
        path = Path(folder) / "voting.sqlite3"
        service = WorkshopService.open(path, default_model())
        workshop = service.start_workshop(WorkshopDraft("Bench team", "Votes", date(2026, 3, 12), "", PHONES))
        window = shown_window(service, workshop.id)
        window.commands.present.trigger()
        board = window.board.presenter().board
        cells = grid_cycle(window.grid_model.rowCount(), window.grid_model.columnCount())

        quiet = []
        for n in range(WARMUP + CLICKS_QUIET):
            took = click_once(app, window, board, cells)
            app.processEvents()
            if n >= WARMUP:
                quiet.append(took)

        voting = window.voting
        began = time.perf_counter()
        voting.begin(workshop.id, VotingSetup("127.0.0.1", phone_cap=PHONES))
        start_seconds = time.perf_counter() - began
        server = voting.session.server
        room = Room(server.url.replace("http://", "ws://") + "ws", f"http://{server.host}:{server.port}")
        board_panel = voting._displays[-1].panel
        shown: dict[tuple[int, int], float] = {}  # (round, count) -> when the board showed it

        def on_room(view) -> None:
            if view is not None and view.is_open and voting.round is not None:
                board_panel.count.repaint()
                shown.setdefault((voting.round.id, view.voted), time.perf_counter())

        voting.roomChanged.connect(on_room)
        busy, to_shown, opening, window_part, checks = [], [], [], [], []
        practices = [p.id for p in service.model.practices]
        votes_service = VotingService(service)
        for r in range(rounds):
            opened_at = time.perf_counter()
            voting.open_round(practices[r % len(practices)])
            round_id = voting.round.id
            window_part.append(voting.opened_in)
            while not all(round_id in phone.round_seen for phone in room.phones):
                app.processEvents()
                time.sleep(0.001)
            opening.append(max(phone.round_seen[round_id] for phone in room.phones) - opened_at)
            done = room.vote(round_id, voting.round.practice_id, seconds)
            while not done.is_set():
                busy.append(click_once(app, window, board, cells))
                wait(random.randint(50, 250))  # a brisk facilitator: several clicks a second
            room.voting.result()
            wait(50)
            # the k-th phone to be acknowledged made the count k
            firsts = sorted(phone.first_vote[round_id] for phone in room.phones)
            by_ack = sorted(firsts, key=lambda pair: pair[1])
            to_shown += [shown[(round_id, k + 1)] - sent for k, (sent, _acked) in enumerate(by_ack)]
            voting.reveal()
            record = next(rec for rec in votes_service.rounds_of(workshop.id) if rec.round.id == round_id)
            stored = {vote.voter: vote.level for vote in record.votes}
            acked = {phone.token: phone.last_acked[round_id] for phone in room.phones}
            checks.append(stored == acked and votes_service.tally(record).total == PHONES)
        room.close()
        stopping = time.perf_counter()
        window.close()
        stop_seconds = time.perf_counter() - stopping
        service.close()

    trips = [t for phone in room.phones for t in phone.round_trips]
    votes = sum(phone.votes for phone in room.phones)
    quiet_s, busy_s, shown_s, trip_s = Stats(quiet), Stats(busy), Stats(to_shown), Stats(trips)
    rows = [
        Row(f"Click -> committed, console and board repainted, median (n={len(busy)} / {len(quiet)})",
            ms(busy_s.median), ms(quiet_s.median), "target <= 10 ms", busy_s.median <= 0.010),
        Row(f"Vote -> count shown on the board, p99 (n={len(to_shown)}); baseline: vote -> ack, p99",
            ms(shown_s.percentile(99)), ms(trip_s.percentile(99)), "target <= 100 ms", shown_s.percentile(99) <= 0.100),
        Row("Vote -> count shown on the board, median; baseline: vote -> ack, median",
            ms(shown_s.median), ms(trip_s.median), ""),
        Row(f"Open round (V) -> all {PHONES} phones have it, slowest of {rounds}; baseline: the window's part",
            ms(max(opening)), ms(max(window_part)), "target <= 200 ms", max(opening) <= 0.200),
        Row(f"Every vote counted exactly once ({votes} votes, {rounds} rounds of {PHONES} phones)",
            "yes" if all(checks) else "NO", "", "each phone's last ack is its one stored vote", all(checks)),
        Row("Start voting (writer's connection, server listening; imports the first time)", ms(start_seconds), "", ""),
        Row("Window closed with voting on (server and writer stopped)", ms(stop_seconds), "", ""),
    ]  # fmt: skip
    print(f"Voting from {PHONES} phones over loopback, {rounds} rounds of {seconds:g} s, the board shown")
    print(machine_facts(qt_facts()))
    print_report(rows, app="50 phones", baseline="baseline")
    return 0


if __name__ == "__main__":
    sys.exit(main())
