"""A room's worth of phones at once: 50 joining and voting together, each counted exactly once;
200 trying a round capped at 50, the 150 refused cleanly and the 50 unaffected; the server ready
within 200 ms."""

from __future__ import annotations

import asyncio
import json
import time

from websockets.asyncio.client import connect

from maturity_workshop.voting.events import PhonesChanged, VotesCounted

from .helpers import WAIT, a_round, origin_of, phone, phone_token, socket_url


async def _phone(server, n: int, round_id: int, phones: int, everyone_answered: asyncio.Event, answered: list[int]):
    """One phone: joins, votes (the level n % 5 - 1) if let in, and stays until all have been
    answered, so that the refused ones are refused while the others are in."""
    async with connect(socket_url(server), origin=origin_of(server), open_timeout=WAIT * 3) as socket:
        assert json.loads(await socket.recv())["type"] == "round"
        await socket.send(json.dumps({"type": "join", "round": round_id, "phone": phone_token(n)}))
        joined = json.loads(await socket.recv())
        answered.append(n)
        if len(answered) == phones:
            everyone_answered.set()
        result = {"joined": joined}
        if joined["type"] == "joined":
            level = n % 5 - 1
            await socket.send(json.dumps({"type": "vote", "round": round_id, "practice": "testing", "level": level}))
            result["vote"] = json.loads(await socket.recv())
        await asyncio.wait_for(everyone_answered.wait(), WAIT * 3)
        return result


async def _room(server, phones: int, round_id: int):
    everyone_answered = asyncio.Event()
    answered: list[int] = []
    return await asyncio.wait_for(
        asyncio.gather(*(_phone(server, n, round_id, phones, everyone_answered, answered) for n in range(phones))),
        WAIT * 6,
    )


def test_fifty_phones_at_once_are_each_counted_once(server, room, sink, recorder):
    voting = room.open()
    server.open_round(voting)
    started = time.perf_counter()
    results = asyncio.run(_room(server, 50, voting.id))
    took = time.perf_counter() - started
    assert all(r["joined"]["type"] == "joined" and r["vote"]["type"] == "ack" for r in results)
    assert len(room.votes) == 50 and room.levels(voting.id) == sorted(n % 5 - 1 for n in range(50))
    assert sink.stats.batches < 50  # the writer took them in batches
    counted = recorder.wait_for(VotesCounted, lambda e: e.count == 50)
    assert [e.count for e in recorder.of(VotesCounted)] == list(range(1, 51))  # one each, in order
    assert counted.round_id == voting.id
    assert took < 10, f"50 phones took {took:.1f} s"


def test_two_hundred_phones_try_a_round_capped_at_fifty(server, room, recorder):
    voting = room.open(cap=50)
    server.open_round(voting)
    results = asyncio.run(_room(server, 200, voting.id))
    kinds = [r["joined"]["type"] for r in results]
    assert kinds.count("joined") == 50 and kinds.count("full") == 150
    refused = next(r["joined"] for r in results if r["joined"]["type"] == "full")
    assert refused == {
        "type": "full", "round": voting.id, "text": "The round is full: it lets 50 phones in. Wait for the next round."
    }
    assert all(r["vote"]["type"] == "ack" for r in results if "vote" in r)  # the 50 unaffected
    assert len(room.votes) == 50
    last = recorder.wait_for(PhonesChanged, lambda e: e.connected == 0 and e.turned_away == 150)
    assert last.joined == 50


def test_the_server_is_ready_within_200_ms(make_server):
    started = time.perf_counter()
    server = make_server()
    server.open_round(a_round(1))
    with phone(server) as one:
        assert one.first["type"] == "round"
        ready = time.perf_counter() - started
    assert ready < 0.2, f"ready after {ready * 1000:.0f} ms"


def test_a_round_opened_reaches_the_phones_at_once(server):
    with phone(server) as one, phone(server) as two:
        started = time.perf_counter()
        server.open_round(a_round(5))
        assert one.expect("round")["round"] == two.expect("round")["round"] == 5
        assert time.perf_counter() - started < 0.2
