"""Malformed, unknown, oversized and too fast messages: each dropped and logged, the phone that sent
it told nothing it could use, and the server serving every other phone as before."""

from __future__ import annotations

import json
import logging
import socket

import pytest
from hypothesis import given
from hypothesis import strategies as st
from websockets.exceptions import ConnectionClosedError

from maturity_workshop.voting.events import MessagesDropped
from maturity_workshop.voting.protocol import MAX_MESSAGE_BYTES, BadMessage, Cast, Hello, Join, RateLimit, parse
from maturity_workshop.voting.server import DROPS_BEFORE_CLOSING

from .helpers import WAIT, phone, phone_token

BAD = [
    ("not json", "not JSON"),
    ("[1, 2]", "not a JSON object"),
    ('"vote"', "not a JSON object"),
    ("{}", "an unknown type"),
    ('{"type": "reveal"}', "an unknown type"),
    ('{"type": 3}', "an unknown type"),
    ('{"type": "vote", "round": 1, "practice": "testing"}', "a vote message with the wrong fields"),
    ('{"type": "vote", "round": 1, "practice": "testing", "level": 1, "x": 1}', "a vote message with the wrong fields"),
    ('{"type": "vote", "round": 1, "practice": "testing", "level": "2"}', "a level that is not a whole number"),
    ('{"type": "vote", "round": 1, "practice": "testing", "level": 2.5}', "a level that is not a whole number"),
    ('{"type": "vote", "round": 1, "practice": "testing", "level": true}', "a level that is not a whole number"),
    ('{"type": "vote", "round": 1, "practice": "testing", "level": 1e400}', "a level that is not a whole number"),
    ('{"type": "vote", "round": "1", "practice": "testing", "level": 1}', "a round that is not a whole number"),
    ('{"type": "vote", "round": 1, "practice": ["testing"], "level": 1}', "a vote whose practice is not a text"),
    ('{"type": "vote", "round": 1, "practice": "testing", "level": 1, "name": 7}', "a vote whose name is not a text"),
    ('{"type": "join", "round": 1, "phone": "short"}', "a join without a valid phone token"),
    ('{"type": "join", "round": 1, "phone": "../../../../etc/passwd!"}', "a join without a valid phone token"),
    ('{"type": "join", "round": 1}', "a join message with the wrong fields"),
    ("[" * 900 + "]" * 90, "not JSON"),
]


@pytest.mark.parametrize("raw, reason", BAD)
def test_a_malformed_message_is_refused_with_its_reason(raw, reason):
    with pytest.raises(BadMessage, match=f"^{reason}$"):
        parse(raw)


def test_the_messages_of_the_protocol_are_read():
    assert parse('{"type": "hello"}') == Hello()
    assert parse(json.dumps({"type": "join", "round": 3, "phone": phone_token(1)})) == Join(3, phone_token(1))
    assert parse('{"type":"vote","round":3,"practice":"testing","level":-1,"name":"Ada"}') == Cast(3, "testing", -1, "Ada")
    with pytest.raises(BadMessage, match="a binary frame"):
        parse(b'{"type": "hello"}')
    with pytest.raises(BadMessage, match=f"more than {MAX_MESSAGE_BYTES} bytes"):
        parse(json.dumps({"type": "hello", "pad": "é" * 600}))


@given(st.one_of(st.text(max_size=300), st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=20),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.sampled_from(["type", "round", "level", "practice", "phone", "name", "x"]), inner, max_size=6),
).map(json.dumps)))  # fmt: skip
def test_whatever_arrives_is_read_or_refused_never_crashes(raw):
    try:
        parse(raw)
    except BadMessage:
        pass


def test_the_rate_limit_lets_a_burst_through_then_a_few_a_second():
    now = [0.0]
    limit = RateLimit(rate=4, burst=8, clock=lambda: now[0])
    assert [limit.allow() for _ in range(10)] == [True] * 8 + [False] * 2
    now[0] += 0.5
    assert [limit.allow() for _ in range(3)] == [True, True, False]


def test_bad_messages_are_dropped_and_logged_and_the_server_keeps_serving(server, room, recorder, caplog):
    voting = room.open()
    server.open_round(voting)
    r = voting.id
    caplog.set_level(logging.WARNING, "maturity_workshop.voting")
    with phone(server) as bad, phone(server) as good:
        good.join(r, phone_token(2))
        bad.join(r, phone_token(1))
        for raw, _ in BAD[:4]:  # with the join and the rest, the 8 a phone may send at once
            bad.send(raw)
        bad.send(b"\x00\x01binary")
        bad.send({"type": "hello"})
        assert bad.expect("round")["round"] == r  # nothing answered the bad ones; this one is
        assert bad.expect("joined")
        assert good.vote(r, 2)["type"] == "ack"
        assert bad.vote(r, 1)["type"] == "ack"
    assert recorder.wait_for(MessagesDropped, lambda e: e.total == 5).reason == "a binary frame"
    logged = [r.getMessage() for r in caplog.records if "Dropped a message" in r.getMessage()]
    assert len(logged) == 5 and logged[0].endswith(": not JSON")
    assert room.levels(r) == [1, 2]


def test_an_oversized_message_closes_only_that_phone(server, room, recorder):
    voting = room.open()
    server.open_round(voting)
    with phone(server) as big, phone(server) as good:
        good.join(voting.id, phone_token(2))
        big.send(json.dumps({"type": "hello", "pad": "x" * MAX_MESSAGE_BYTES}))
        with pytest.raises(ConnectionClosedError) as closed:
            big.receive()
        assert closed.value.rcvd.code == 1009  # "message too big"
        assert good.vote(voting.id, 3)["type"] == "ack"
    assert recorder.wait_for(MessagesDropped).reason == f"more than {MAX_MESSAGE_BYTES} bytes"


def test_a_message_just_under_the_limit_is_read(server):
    with phone(server) as one:
        one.send('{"type": "hello"' + " " * (MAX_MESSAGE_BYTES - 18) + "}")
        assert one.expect("waiting")


def test_a_phone_sending_too_fast_has_the_extra_dropped_then_is_closed(server, recorder):
    with phone(server) as fast, phone(server) as calm:
        for _ in range(8 + DROPS_BEFORE_CLOSING + 5):
            try:
                fast.send({"type": "hello"})
            except ConnectionClosedError:
                break
        answers = []
        with pytest.raises(ConnectionClosedError) as closed:
            while True:
                answers.append(fast.receive())
        assert 8 <= len(answers) < 20  # the burst, and the few the rate let through meanwhile
        assert closed.value.rcvd.code == 1008
        calm.send({"type": "hello"})
        assert calm.expect("waiting")
    assert recorder.wait_for(MessagesDropped, lambda e: e.total >= DROPS_BEFORE_CLOSING).reason == "too many messages a second"


def test_garbage_instead_of_http_is_dropped(server):
    with socket.create_connection((server.host, server.port), timeout=WAIT) as raw:
        raw.sendall(b"\x16\x03\x01\x02\x00 not http at all\r\n\r\n")
        raw.recv(1024)  # an error answer, or the connection closed
    with socket.create_connection((server.host, server.port), timeout=WAIT) as raw:
        raw.sendall(b"POST /v/" + server.token.encode() + b"/ HTTP/1.1\r\nHost: x\r\nContent-Length: 5\r\n\r\nhello")
        raw.recv(1024)
    with phone(server) as one:
        assert one.first == {"type": "waiting"}


def test_a_method_other_than_get_is_refused(server):
    with socket.create_connection((server.host, server.port), timeout=WAIT) as raw:
        host = f"{server.host}:{server.port}"
        raw.sendall(f"DELETE /v/{server.token}/ HTTP/1.1\r\nHost: {host}\r\n\r\n".encode())
        assert raw.recv(1024).startswith(b"HTTP/1.1 403 Forbidden\r\n")
