"""The HTTP side of the voting server: a fixed list of files (read once, when voting starts),
the room-code exchange, and the checks every request passes. No path from a request ever reaches
the file system: a path is a key in :data:`PHONE_FILES` or :data:`OPEN_FILES`, or it is refused.

Routes (``<key>`` is the session's token, from the QR code):

- ``/v/<key>/`` the phone page, ``/v/<key>/phone.css``, ``/v/<key>/phone.js``, and
  ``/v/<key>/ws`` its WebSocket;
- ``/`` the room-code page (the short typed address), ``/code.js``, ``/phone.css``, and
  ``/join?code=123456``: the code exchanged for the phone page's address (JSON);
- anything else, or any check failed: 403 ``Forbidden``, the same for every reason.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import parse_qs

from .access import Access, RoomCodes

PHONE_FILES = {"": "index.html", "phone.css": "phone.css", "phone.js": "phone.js"}
OPEN_FILES = {"/": "code.html", "/code.js": "code.js", "/phone.css": "phone.css"}
SOCKET_NAME = "ws"
_TYPES = {".html": "text/html; charset=utf-8", ".css": "text/css; charset=utf-8", ".js": "text/javascript; charset=utf-8"}


@dataclass(frozen=True)
class Reply:
    status: int
    headers: tuple[tuple[str, str], ...]
    body: bytes


def policy(connect: str) -> str:
    """The Content-Security-Policy of every page: its own script and style files only (no inline
    code), no frame, no form target, and connections to ``connect`` alone."""
    return (
        "default-src 'none'; script-src 'self'; style-src 'self'; "
        f"connect-src {connect}; img-src 'self' data:; base-uri 'none'; "
        "form-action 'none'; frame-ancestors 'none'"
    )


def load_files(folder: Path) -> dict[str, bytes]:
    """Every file the pages use, read once: ``resources/phone/`` holds all a phone ever loads."""
    names = set(PHONE_FILES.values()) | set(OPEN_FILES.values())
    return {name: (folder / name).read_bytes() for name in sorted(names)}


class Pages:
    def __init__(self, access: Access, codes: RoomCodes, files: dict[str, bytes],
                 refused: Callable[[str], None]) -> None:  # fmt: skip
        self._access = access
        self._codes = codes
        self._files = files
        self._refused = refused

    def route(self, method: str, target: str, header: Callable[[str], str | None], client: str) -> Reply | None:
        """The answer to a request for ``target`` (path and query), or None: open the WebSocket."""
        access = self._access
        path, _, query = target.partition("?")
        socket = access.phone_file(path) == SOCKET_NAME
        if method != "GET":
            return self._forbid("a method other than GET")
        if not access.host_ok(header("Host")):
            return self._forbid("another host name")
        if not access.origin_ok(header("Origin"), required=socket):
            return self._forbid("another origin")
        if socket:
            return None if (header("Upgrade") or "").lower() == "websocket" else self._forbid("no upgrade")
        name = access.phone_file(path)
        if name in PHONE_FILES:
            return self._file(PHONE_FILES[name], f"ws://{access.host}:{access.port}")
        if path in OPEN_FILES:
            return self._file(OPEN_FILES[path], "'self'")
        if path == "/join":
            try:
                typed = parse_qs(query, max_num_fields=1).get("code", [""])[0]
            except ValueError:  # more fields than the page ever sends
                typed = ""
            answer = self._codes.attempt(client, typed[:32])
            if answer.path is None:
                self._refused("a wrong room code" if answer.status == 403 else "a phone locked out")
            body = json.dumps({"text": answer.text, "path": answer.path}).encode()
            return self._reply(answer.status, "application/json", body, "'self'")
        return self._forbid("a path without the session's key")

    def _file(self, name: str, connect: str) -> Reply:
        return self._reply(200, _TYPES[Path(name).suffix], self._files[name], connect)

    def _forbid(self, reason: str) -> Reply:
        self._refused(reason)
        return self._reply(403, "text/plain; charset=utf-8", b"Forbidden\n", "'none'")

    @staticmethod
    def _reply(status: int, content_type: str, body: bytes, connect: str) -> Reply:
        headers = (
            ("Content-Type", content_type),
            ("Content-Length", str(len(body))),
            ("Content-Security-Policy", policy(connect)),
            ("X-Content-Type-Options", "nosniff"),
            ("Referrer-Policy", "no-referrer"),
            ("Cache-Control", "no-store"),
            ("X-Frame-Options", "DENY"),
            ("Connection", "close"),
        )
        return Reply(status, headers, body)
