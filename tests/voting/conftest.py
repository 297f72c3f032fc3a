"""The voting server's fixtures: a real server on 127.0.0.1, writing its votes through the store's
real VoteWriter into the test's own database, where the rounds are opened through the window's
service (``room``)."""

from __future__ import annotations

import pytest

from maturity_workshop.store.votes import VoteWriter
from maturity_workshop.voting.server import VotingServer

from .helpers import WAIT, FailingSink, Recorder, Room


@pytest.fixture
def room(db_path, model):
    opened = Room(db_path, model)
    yield opened
    opened.close()


@pytest.fixture
def sink(room):
    writer = VoteWriter(room.path)
    writer.start()
    yield writer
    writer.close()


@pytest.fixture
def failing_sink():
    failing = FailingSink()
    yield failing
    failing.close()


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
