"""The voting server's fixtures: a real server on 127.0.0.1, with the vote sink as one fixture to
swap (for the store's VoteWriter once it lands)."""

from __future__ import annotations

import pytest

from maturity_workshop.voting.server import VotingServer

from .helpers import WAIT, MemorySink, Recorder


@pytest.fixture
def sink():
    memory = MemorySink()
    yield memory
    memory.close()


@pytest.fixture
def recorder() -> Recorder:
    return Recorder()


@pytest.fixture
def make_server(sink, recorder, model):
    started: list[VotingServer] = []

    def make(**options) -> VotingServer:
        server = VotingServer("127.0.0.1", options.pop("sink", sink), model, recorder, **options)
        server.start()
        started.append(server)
        return server

    yield make
    for server in started:
        server.stop().result(WAIT)


@pytest.fixture
def server(make_server) -> VotingServer:
    return make_server()
