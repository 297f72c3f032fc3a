"""Who gets in: every request must come to the server's own address (Host), from its own pages
(Origin), and carry the voting session's key (the token in the QR code's address); the room code,
typed on the short address's page, is exchanged for that key, a few tries per phone only.

A request that fails a check is answered 403 with no word on which check it failed.
"""

from __future__ import annotations

import hmac
import time
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass, field

ATTEMPTS_PER_MINUTE = 5  # room-code tries an address may make within a minute; one more locks it out
FAILURES_PER_ADDRESS = 8  # wrong codes an address may type in a session before it is locked out
FAILURES_IN_ALL = 100  # wrong codes from all addresses, after which only the QR code lets phones in
PHONE_PAGE_PREFIX = "/v/"


class Access:
    """The checks of one voting session, at ``host``:``port`` with the key ``token``."""

    def __init__(self, host: str, port: int, token: str) -> None:
        self.host = host
        self.port = port
        self.token = token

    @property
    def origin(self) -> str:
        return f"http://{self.host}:{self.port}"

    @property
    def phone_path(self) -> str:
        """The phone page's path, key included: ``/v/<token>/``."""
        return f"{PHONE_PAGE_PREFIX}{self.token}/"

    def host_ok(self, host: str | None) -> bool:
        """Only the address the phones were given: a rebound name or another address is refused."""
        return host is not None and host.strip().lower() == f"{self.host}:{self.port}"

    def origin_ok(self, origin: str | None, *, required: bool) -> bool:
        """A browser names the page a request comes from; only the server's own pages may ask.
        A WebSocket must name it (every browser does); a plain page load may not."""
        if origin is None:
            return not required
        return origin.strip().lower() == self.origin

    def key_ok(self, candidate: str) -> bool:
        return hmac.compare_digest(candidate.encode("utf-8", "replace"), self.token.encode())

    def phone_file(self, path: str) -> str | None:
        """The name after ``/v/<token>/`` in ``path`` (``""`` for the page itself), or None when
        the path does not carry this session's key."""
        if not path.startswith(PHONE_PAGE_PREFIX):
            return None
        key, slash, name = path[len(PHONE_PAGE_PREFIX) :].partition("/")
        if not self.key_ok(key):
            return None
        return name if slash else None


@dataclass(frozen=True)
class CodeAnswer:
    """What the room-code page hears back: the phone page's path, or words and a status."""

    status: int
    text: str
    path: str | None = None


@dataclass
class _Tries:
    times: deque[float] = field(default_factory=deque)
    failures: int = 0
    locked: bool = False


class RoomCodes:
    """The room code's exchange for the session's key, with tries limited per client address:
    :data:`ATTEMPTS_PER_MINUTE` a minute (one more locks that address out for the session), at
    most :data:`FAILURES_PER_ADDRESS` wrong codes each, :data:`FAILURES_IN_ALL` in all."""

    def __init__(self, code: str, access: Access, clock: Callable[[], float] = time.monotonic) -> None:
        self.code = code
        self._access = access
        self._clock = clock
        self._tries: dict[str, _Tries] = {}
        self._failures = 0

    def attempt(self, address: str, typed: str) -> CodeAnswer:
        if self._failures >= FAILURES_IN_ALL:
            return CodeAnswer(403, "The room code no longer works: scan the QR code on the board.")
        tries = self._tries.setdefault(address, _Tries())
        now = self._clock()
        while tries.times and now - tries.times[0] >= 60:
            tries.times.popleft()
        tries.times.append(now)
        if len(tries.times) > ATTEMPTS_PER_MINUTE:
            tries.locked = True
        if tries.locked:
            return CodeAnswer(429, "Too many tries from this phone: scan the QR code on the board instead.")
        if hmac.compare_digest(typed.strip().encode("utf-8", "replace"), self.code.encode()):
            return CodeAnswer(200, "Welcome.", self._access.phone_path)
        tries.failures += 1
        self._failures += 1
        left = FAILURES_PER_ADDRESS - tries.failures
        if left <= 0:
            tries.locked = True
            return CodeAnswer(429, "Too many wrong codes from this phone: scan the QR code on the board instead.")
        plural = "try" if left == 1 else "tries"
        return CodeAnswer(403, f"That is not the room code. {left} {plural} left.")
