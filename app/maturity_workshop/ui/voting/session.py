"""One voting session's machinery for the window: the voting server and the writer of its votes, and
the bridge that carries the server's events to the ui thread.

The server's events come from its own thread; :class:`VotingBridge` emits each as a Qt signal, and
a receiver living in the ui thread gets it queued, on its own thread. Nothing of ``voting/`` loads
before the first session starts (launch stays lean)."""

from __future__ import annotations

import concurrent.futures
import logging
import time
from collections.abc import Callable

from PySide6.QtCore import QObject, Signal

from ...domain.errors import DomainError
from .room import VotingSetup, short_address

log = logging.getLogger(__name__)

STOP_WAIT = 1.0  # seconds the window waits for the server to stop, and again for its writer


class VotingBridge(QObject):
    """Called by the server, from its thread, with each event; emits it for the ui thread."""

    event = Signal(object)

    def __call__(self, event: object) -> None:
        self.event.emit(event)


class VotingSession:
    """The server of one workshop's voting, on the address the facilitator chose, with one key and
    one room code for the whole session: a round after another, and after a restart, on the same
    address, so phones scan once."""

    def __init__(self, votes, workshop_id: int, setup: VotingSetup, events: Callable[[object], None]) -> None:
        self.votes, self.workshop_id, self.setup, self._events = votes, workshop_id, setup, events
        self.writer = None
        self.server = None
        self.started_in = 0.0  # seconds Start voting took: the writer's connection, the server listening

    def start(self) -> None:
        """The writer's connection opened and the server listening; a DomainError says why not."""
        began = time.perf_counter()
        from ...voting.server import VotingServer  # about 85 ms, the first time: only when voting starts

        writer = self.votes.vote_writer()
        writer.start()
        try:
            server = VotingServer(self.setup.address, writer, self.votes.model, self._events)
            server.start()
        except Exception:
            writer.close()
            raise
        self.writer, self.server = writer, server
        self.started_in = time.perf_counter() - began
        log.info("Voting started on %s in %.1f ms", server.short_url, self.started_in * 1000)

    def restart(self) -> None:
        """The server again after it stopped by itself: the same port (where it is free) and key."""
        if self.server is None:
            raise DomainError("Voting is not on.")
        self.server.start()

    @property
    def running(self) -> bool:
        return self.server is not None and self.server.running

    @property
    def url(self) -> str:
        return self.server.url

    @property
    def address(self) -> str:
        return short_address(self.server.short_url)

    @property
    def port(self) -> int:
        return self.server.port

    @property
    def room_code(self) -> str:
        return self.server.room_code

    def stop(self, timeout: float = STOP_WAIT) -> None:
        """The server stopped (its phones disconnected) and the writer's queue committed, each
        waited for at most ``timeout``: the window's closing never hangs on them."""
        server, writer, self.server, self.writer = self.server, self.writer, None, None
        if server is not None:
            try:
                server.stop().result(timeout)
            except concurrent.futures.TimeoutError:
                log.warning("The voting server did not stop within %.1f s", timeout)
        if writer is not None:
            writer.close(timeout)
