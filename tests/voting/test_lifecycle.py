"""The server's life: it listens on one address only, starts again on the same port (phones then
reconnect and keep their places), stops by itself when asked, and its methods never hold up the
ui thread."""

from __future__ import annotations

import socket
import threading

import pytest
from websockets.exceptions import ConnectionClosed

from maturity_workshop.domain import DomainError, ValidationError
from maturity_workshop.domain.voting import RoundState, tally
from maturity_workshop.voting.events import PhonesChanged, ServerStopped
from maturity_workshop.voting.server import VotingServer

from .helpers import WAIT, a_round, phone, phone_token


@pytest.mark.parametrize("host", ["0.0.0.0", "localhost", "::1", "224.0.0.1", "192.168.1.300", ""])
def test_it_binds_to_one_interface_address_only(host, sink, model, recorder):
    with pytest.raises(ValidationError):
        VotingServer(host, sink, model, recorder)


def test_it_listens_on_the_address_given_only(server):
    assert server.host == "127.0.0.1" and server.url.startswith(f"http://127.0.0.1:{server.port}/v/")
    with socket.create_connection(("127.0.0.1", server.port), timeout=WAIT):
        pass
    with pytest.raises(OSError):  # another loopback address of the same machine: nothing there
        socket.create_connection(("127.0.0.2", server.port), timeout=WAIT)


def test_stop_closes_the_phones_and_the_port(server, recorder):
    with phone(server) as one:
        stopped = server.stop()
        stopped.result(WAIT)
        with pytest.raises(ConnectionClosed):
            one.receive()
    assert recorder.wait_for(ServerStopped) == ServerStopped(None)
    assert not server.running
    with pytest.raises(OSError):
        socket.create_connection(("127.0.0.1", server.port), timeout=WAIT)
    with pytest.raises(ValidationError, match="The voting server is not running."):
        server.open_round(a_round(1))


def test_it_starts_again_on_the_same_address_and_phones_keep_their_places(server, room):
    voting = room.open()
    server.open_round(voting)
    address, url = (server.host, server.port), server.url
    with phone(server) as one:
        one.join(voting.id, phone_token(1))
        one.vote(voting.id, 1)
    server.stop().result(WAIT)
    assert server.start() == address and server.url == url
    server.open_round(voting)
    with phone(server) as again:
        assert again.join(voting.id, phone_token(1))["vote"] == 1
        assert again.vote(voting.id, 2)["type"] == "ack"
    assert room.votes == {(voting.id, phone_token(1)): 2}


def test_a_remembered_port_taken_by_another_program_gives_another(make_server):
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        server = make_server(port=port)
        assert server.port not in (0, port)
        with phone(server) as one:
            assert one.first["type"] == "waiting"


def test_a_failed_start_says_why(sink, model, recorder, tmp_path):
    server = VotingServer("127.0.0.1", sink, model, recorder, files=tmp_path)
    with pytest.raises(DomainError, match="The voting server failed"):
        server.start()
    assert recorder.wait_for(ServerStopped).error.startswith("The voting server failed")


def test_only_an_open_round_of_the_model_is_served(server):
    with pytest.raises(ValidationError, match="Only an open round takes votes."):
        server.open_round(a_round(1).__class__(**{**a_round(1).__dict__, "state": RoundState.REVEALED}))
    with pytest.raises(ValidationError, match="'nope' is not a practice of the model."):
        server.open_round(a_round(1, "nope"))
    with pytest.raises(ValidationError):
        server.open_round(a_round(1, cap=0))


def test_the_ui_threads_calls_never_wait_for_the_servers_thread(sink, model):
    """The server's thread is held (its events' handler waits, as a busy one would): every call the
    ui thread makes still returns at once, handing its work on, and stop's Future resolves after."""
    held, release = threading.Event(), threading.Event()

    def busy(event) -> None:
        if isinstance(event, PhonesChanged) and not held.is_set():  # the first round opened
            held.set()
            release.wait(WAIT)

    server = VotingServer("127.0.0.1", sink, model, busy)
    server.start()
    try:
        server.open_round(a_round(0))
        assert held.wait(WAIT), "the server's thread did not take the round"
        calls_done = threading.Event()

        def the_ui_thread() -> None:
            for n in range(1, 100):
                server.open_round(a_round(n))
                server.reveal(tally(model, [1, 2]))
                server.close_round()
            calls_done.set()

        threading.Thread(target=the_ui_thread, daemon=True).start()
        assert calls_done.wait(WAIT), "a call waited for the server's thread"
        stopping = server.stop()
        assert not stopping.done()  # handed on too: the server's thread is still held
        release.set()
        stopping.result(WAIT)
    finally:
        release.set()
        server.stop().result(WAIT)


def test_an_events_handler_that_fails_does_not_stop_the_server(sink, room, model):
    def broken(event):
        raise RuntimeError("the handler's bug")

    server = VotingServer("127.0.0.1", sink, model, broken)
    server.start()
    try:
        voting = room.open()
        server.open_round(voting)
        with phone(server) as one:
            assert one.join(voting.id, phone_token(1))["type"] == "joined"
            assert one.vote(voting.id, 0)["type"] == "ack"
    finally:
        server.stop().result(WAIT)
    assert room.votes == {(voting.id, phone_token(1)): 0}


def test_phones_connected_are_counted(server, recorder):
    with phone(server), phone(server):
        recorder.wait_for(PhonesChanged, lambda e: e.connected == 2)
    recorder.wait_for(PhonesChanged, lambda e: e.connected == 0)
