"""The voting server: an asyncio loop in a daemon thread beside Qt, serving the phone page (plain
HTTP) and its WebSocket on one address, one round after another, with the `websockets` library.

Every public method is called from the ui thread and returns at once: it hands the work to the
loop (``call_soon_threadsafe``) and never waits for it. What happens comes back through ``events``,
a callable the server calls from its own thread with the small objects of :mod:`.events`.

A vote is acknowledged to its phone only once the sink's Future has resolved, that is once the vote
is committed (see :class:`VoteSink`).
"""

from __future__ import annotations

import asyncio
import concurrent.futures
import errno
import ipaddress
import logging
import threading
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from http import HTTPStatus
from pathlib import Path
from typing import Any, Protocol

from websockets.asyncio.server import Server, ServerConnection, broadcast, serve
from websockets.datastructures import Headers
from websockets.exceptions import ConnectionClosed
from websockets.frames import CloseCode
from websockets.http11 import Request, Response

from ..domain.errors import DomainError, ValidationError
from ..domain.model import MaturityModel
from ..domain.voting import Tally, VotingRound, check_cap, new_room_code, new_session_token
from ..locations import resource_path
from . import events as ev
from .access import Access, RoomCodes
from .pages import Pages, load_files
from .phones import RoundPhones
from .protocol import MAX_MESSAGE_BYTES, BadMessage, Cast, Hello, Join, RateLimit, check_cast, encode, parse
from .protocol import round_message

log = logging.getLogger(__name__)

MAX_CONNECTIONS = 1000  # phones connected at once, whatever the rounds' caps
DROPS_BEFORE_CLOSING = 40  # bad or too fast messages a connection may send before it is closed
REPORT_DELAY = 0.2  # seconds over which refusals and drops are gathered into one event
LOGGED_PER_PHONE = 10  # dropped messages logged per connection (then only counted)
NOT_SAVED = "Your vote was not saved: tap it again."


class VoteSink(Protocol):
    """Where votes go: the store's ``VoteWriter``. ``submit`` may be called from any thread; its
    Future resolves once the vote is committed (a changed vote replacing the earlier one), and it
    raises ValidationError when the round is not open."""

    def submit(self, round_id: int, voter: str, level: int) -> concurrent.futures.Future[Any]: ...


@dataclass(eq=False)
class _Phone:
    socket: ServerConnection
    limit: RateLimit = field(default_factory=RateLimit)
    token: str | None = None  # its token in the round it joined
    round_id: int | None = None
    drops: int = 0


@dataclass
class _Report:
    total: int = 0
    reason: str = ""
    due: bool = False


class VotingServer:
    """Serves the phones of one voting session at ``host`` (one interface's address, never all of
    them) and ``port`` (0: any free one; or the one remembered from the last session)."""

    def __init__(
        self,
        host: str,
        sink: VoteSink,
        model: MaturityModel,
        events: Callable[[ev.VotingEvent], None],
        *,
        port: int = 0,
        token: str | None = None,
        room_code: str | None = None,
        vote_timeout: float = 5.0,
        files: Path | None = None,
    ) -> None:
        try:
            address = ipaddress.IPv4Address(host)
        except ValueError:
            raise ValidationError(f"{host!r} is not the IPv4 address of a network interface.") from None
        if address.is_unspecified or address.is_multicast:
            raise ValidationError("The server listens on one interface's address, never on all of them.")
        self.host = str(address)
        self.token = token or new_session_token()
        self.room_code = room_code or new_room_code()
        self._port = port
        self._sink = sink
        self._model = model
        self._events = events
        self._vote_timeout = vote_timeout
        self._folder = files
        self._access = Access(self.host, port, self.token)
        self._codes = RoomCodes(self.room_code, self._access)
        self._pages: Pages | None = None
        self._thread: threading.Thread | None = None
        self._loop: asyncio.AbstractEventLoop | None = None
        self._stopping: asyncio.Event | None = None
        self._stopped: concurrent.futures.Future[None] = concurrent.futures.Future()
        self._phones: set[_Phone] = set()
        self._room: RoundPhones | None = None  # kept over a restart, so phones keep their places
        self._reports = {"refused": _Report(), "dropped": _Report()}
        self._logged_refusals = 0

    # -- from the ui thread ----------------------------------------------------------------------
    @property
    def port(self) -> int:
        return self._port

    @property
    def url(self) -> str:
        """The QR code's address, the session's key in it."""
        return self._access.origin + self._access.phone_path

    @property
    def short_url(self) -> str:
        """The address to type, whose page asks for the room code."""
        return self._access.origin + "/"

    @property
    def running(self) -> bool:
        return self._thread is not None and self._thread.is_alive() and not self._stopped.done()

    def start(self, timeout: float = 5.0) -> tuple[str, int]:
        """Listen, and return the address once listening. Again after a stop or a failure: on the
        same port where it is free, so the phones reconnect by themselves."""
        if self.running:
            return self.host, self._port
        ready: concurrent.futures.Future[None] = concurrent.futures.Future()
        self._stopped = concurrent.futures.Future()
        self._thread = threading.Thread(target=self._run, args=(ready,), name="voting-server", daemon=True)
        self._thread.start()
        try:
            ready.result(timeout)
        except concurrent.futures.TimeoutError:
            raise DomainError("The voting server did not start in time.") from None
        return self.host, self._port

    def open_round(self, voting_round: VotingRound, saved: Mapping[str, int] | None = None) -> None:
        """Phones see this round's practice and vote; the round before it, if any, is over.
        ``saved``: the votes the store already holds for it (voter -> level), when the app takes up
        a round it left open: the phones find their votes again, and the count starts from them."""
        if not voting_round.state.is_open:
            raise ValidationError("Only an open round takes votes.")
        if not self._model.has_practice(voting_round.practice_id):
            raise ValidationError(f"{voting_round.practice_id!r} is not a practice of the model.")
        check_cap(voting_round.phone_cap)
        self._call(self._open, voting_round, dict(saved or {}))

    def reveal(self, tally: Tally) -> None:
        """The votes are on the board: phones say so, and the round takes no more votes."""
        self._call(self._reveal, tally.words)

    def close_round(self) -> None:
        """The round is over: phones wait for the next one."""
        self._call(self._close)

    def stop(self) -> concurrent.futures.Future[None]:
        """Close every connection and stop listening; the Future resolves once stopped."""
        if self.running and self._loop is not None and self._stopping is not None:
            try:
                self._loop.call_soon_threadsafe(self._stopping.set)
            except RuntimeError:  # the loop closed meanwhile
                pass
        elif not self._stopped.done():
            self._stopped.set_result(None)
        return self._stopped

    def _call(self, function: Callable[..., None], *args: object) -> None:
        loop = self._loop
        try:
            if not self.running or loop is None:
                raise RuntimeError
            loop.call_soon_threadsafe(function, *args)
        except RuntimeError:  # never started, stopped, or its loop closing meanwhile
            raise ValidationError("The voting server is not running.") from None

    # -- the server's thread ---------------------------------------------------------------------
    def _run(self, ready: concurrent.futures.Future[None]) -> None:
        error = None
        try:
            asyncio.run(self._main(ready))
        except Exception as exc:  # anything unforeseen: the ui hears of it and may start again
            log.exception("The voting server failed")
            error = f"The voting server failed: {exc}"
            if not ready.done():
                ready.set_exception(DomainError(error))
        finally:
            self._phones.clear()
            self._loop = None
            self._stopped.set_result(None)
            self._emit(ev.ServerStopped(error))

    async def _main(self, ready: concurrent.futures.Future[None]) -> None:
        self._loop = asyncio.get_running_loop()
        self._stopping = asyncio.Event()
        self._pages = Pages(self._access, self._codes, load_files(self._folder or resource_path("phone")), self._refused)
        server = await self._listen(ready)
        if server is None:
            return
        async with server:
            ready.set_result(None)
            log.info("Voting server listening on %s:%d", self.host, self._port)
            await self._stopping.wait()
        log.info("Voting server stopped")

    async def _listen(self, ready: concurrent.futures.Future[None]) -> Server | None:
        ports = [self._port, 0] if self._port else [0]
        for port in ports:
            try:
                server = await serve(
                    self._serve_phone, self.host, port, process_request=self._answer, max_size=MAX_MESSAGE_BYTES,
                    max_queue=4, compression=None, server_header=None, open_timeout=10, ping_interval=15,
                    ping_timeout=15, close_timeout=1,
                )  # fmt: skip
            except OSError as exc:
                if exc.errno == errno.EADDRINUSE and port != ports[-1]:
                    log.warning("Port %d is taken; the voting server takes another", port)
                    continue
                ready.set_exception(DomainError(f"The voting server cannot listen on {self.host}: {exc.strerror}."))
                return None
            self._port = self._access.port = server.sockets[0].getsockname()[1]
            return server
        return None

    def _answer(self, connection: ServerConnection, request: Request) -> Response | None:
        def header(name: str) -> str | None:
            values = request.headers.get_all(name)
            return values[0] if len(values) == 1 else (None if not values else "")

        client = connection.remote_address[0] if connection.remote_address else "?"
        assert self._pages is not None
        reply = self._pages.route(request.method, request.path, header, client)
        if reply is None and len(self._phones) >= MAX_CONNECTIONS:
            self._refused("too many phones connected")
            return connection.respond(HTTPStatus.SERVICE_UNAVAILABLE, "The room is full.\n")
        if reply is None:
            return None
        return Response(reply.status, HTTPStatus(reply.status).phrase, Headers(reply.headers), reply.body)

    async def _serve_phone(self, socket: ServerConnection) -> None:
        phone = _Phone(socket)
        self._phones.add(phone)
        self._phones_changed()
        try:
            await socket.send(self._state())
            async for raw in socket:
                await self._on_message(phone, raw)
        except ConnectionClosed:
            pass
        finally:
            self._phones.discard(phone)
            close = socket.protocol.close_sent
            if close is not None and close.code == CloseCode.MESSAGE_TOO_BIG:
                self._drop(phone, f"more than {MAX_MESSAGE_BYTES} bytes")
            self._phones_changed()

    async def _on_message(self, phone: _Phone, raw: str | bytes) -> None:
        if not phone.limit.allow():
            self._drop(phone, "too many messages a second")
            return
        try:
            message = parse(raw)
        except BadMessage as exc:
            self._drop(phone, str(exc))
            return
        if isinstance(message, Hello):
            await self._send(phone, self._state())
            if self._room is not None and phone.round_id == self._room.round.id:
                await self._send_seat(phone)
        elif isinstance(message, Join):
            await self._join(phone, message)
        elif isinstance(message, Cast):
            await self._cast(phone, message)

    async def _join(self, phone: _Phone, join: Join) -> None:
        room = self._room
        if room is None or join.round_id != room.round.id:
            await self._send(phone, self._state())
            return
        if phone.round_id == room.round.id and phone.token != join.phone:
            self._drop(phone, "a second phone token on one connection")
            return
        if room.join(join.phone) is None:
            cap = room.round.phone_cap
            text = f"The round is full: it lets {cap} phone{'s' if cap != 1 else ''} in. Wait for the next round."
            await self._send(phone, encode("full", round=room.round.id, text=text))
        else:
            phone.token, phone.round_id = join.phone, room.round.id
            await self._send_seat(phone)
        self._phones_changed()

    async def _send_seat(self, phone: _Phone) -> None:
        assert self._room is not None and phone.token is not None
        seat = self._room.seat(phone.token)
        assert seat is not None
        await self._send(phone, encode("joined", round=self._room.round.id, vote=seat.vote, name=seat.name))

    async def _cast(self, phone: _Phone, cast: Cast) -> None:
        room = self._room
        if room is None or cast.round_id != room.round.id:
            await self._refuse(phone, cast, "This round is closed: your vote was not counted.")
            return
        if room.revealed:
            await self._refuse(phone, cast, "The votes are revealed: this round takes no more votes.")
            return
        if phone.round_id != room.round.id or phone.token is None:
            await self._refuse(phone, cast, "Join the round before voting.")
            return
        try:
            voter = room.voter(phone.token, check_cast(cast, room.round, self._model))
            saving = asyncio.wrap_future(self._sink.submit(room.round.id, voter, cast.level))
            await asyncio.wait_for(asyncio.shield(saving), self._vote_timeout)
        except ValidationError as exc:
            await self._refuse(phone, cast, str(exc))
            return
        except Exception:  # the store failed, or did not answer in time: the phone is told
            log.exception("A vote in round %d was not saved", room.round.id)
            await self._refuse(phone, cast, NOT_SAVED)
            return
        if room.saved(phone.token, cast.level) and room is self._room and not room.revealed:
            self._emit(ev.VotesCounted(room.round.id, room.votes))
        await self._send(phone, encode("ack", round=cast.round_id, level=cast.level))

    async def _refuse(self, phone: _Phone, cast: Cast, text: str) -> None:
        await self._send(phone, encode("refused", round=cast.round_id, text=text))

    async def _send(self, phone: _Phone, message: str) -> None:
        try:
            await phone.socket.send(message)
        except ConnectionClosed:
            pass

    def _state(self) -> str:
        room = self._room
        if room is None:
            return encode("waiting")
        return round_message(room.round, self._model, revealed=room.reveal_words if room.revealed else None)

    def _open(self, voting_round: VotingRound, saved: dict[str, int]) -> None:
        if self._room is None or self._room.round.id != voting_round.id:
            self._room = RoundPhones(voting_round)
            self._room.restore(saved)
        broadcast(self._sockets(), self._state())
        self._phones_changed()

    def _reveal(self, words: str) -> None:
        if self._room is None or self._room.revealed:
            return
        self._room.revealed, self._room.reveal_words = True, words
        broadcast(self._sockets(), encode("revealed", round=self._room.round.id, words=words))

    def _close(self) -> None:
        self._room = None
        broadcast(self._sockets(), encode("waiting"))
        self._phones_changed()

    def _sockets(self) -> list[ServerConnection]:
        return [phone.socket for phone in self._phones]

    # -- what the app hears ----------------------------------------------------------------------
    def _phones_changed(self) -> None:
        room = self._room
        if room is None:
            self._emit(ev.PhonesChanged(len(self._phones)))
        else:
            self._emit(ev.PhonesChanged(len(self._phones), room.round.id, room.joined, room.turned_away))

    def _drop(self, phone: _Phone, reason: str) -> None:
        phone.drops += 1
        if phone.drops <= LOGGED_PER_PHONE:
            log.warning("Dropped a message from %s: %s", phone.socket.remote_address, reason)
        if phone.drops == DROPS_BEFORE_CLOSING:
            log.warning("Closing the connection of %s: too many bad messages", phone.socket.remote_address)
            asyncio.ensure_future(phone.socket.close(CloseCode.POLICY_VIOLATION, "too many bad messages"))
        self._report("dropped", reason)

    def _refused(self, reason: str) -> None:
        self._logged_refusals += 1
        if self._logged_refusals <= 100:
            log.warning("Refused a request: %s", reason)
        self._report("refused", reason)

    def _report(self, kind: str, reason: str) -> None:
        report = self._reports[kind]
        report.total += 1
        report.reason = reason
        if not report.due and self._loop is not None:
            report.due = True
            self._loop.call_later(REPORT_DELAY, self._send_report, kind)

    def _send_report(self, kind: str) -> None:
        report = self._reports[kind]
        report.due = False
        event = ev.RequestsRefused if kind == "refused" else ev.MessagesDropped
        self._emit(event(report.total, report.reason))

    def _emit(self, event: ev.VotingEvent) -> None:
        try:
            self._events(event)
        except Exception:  # the app's handler must never take the server down
            log.exception("The voting events' handler failed on %r", event)
