"""Who gets in, over real HTTP and WebSocket: the session's key on every request (403 and no hint
without it), the server's own Host and Origin only, the fixed list of files (no path reaches the
file system), the strict Content-Security-Policy, and the room code's exchange with its lock-out."""

from __future__ import annotations

import http.client
import json
import re

import pytest
from websockets.exceptions import InvalidStatus
from websockets.sync.client import connect

from maturity_workshop.locations import resource_path
from maturity_workshop.voting.access import ATTEMPTS_PER_MINUTE, FAILURES_IN_ALL, FAILURES_PER_ADDRESS, Access, RoomCodes
from maturity_workshop.voting.events import RequestsRefused

from .helpers import WAIT, a_round, http_get, origin_of, phone, socket_url

FORBIDDEN = (403, b"Forbidden\n")
STRICT = (
    "default-src 'none'; script-src 'self'; style-src 'self'; connect-src ws://127.0.0.1:{port}; "
    "img-src 'self' data:; base-uri 'none'; form-action 'none'; frame-ancestors 'none'"
)


def key_path(server, name: str = "") -> str:
    return f"/v/{server.token}/{name}"


def test_the_phone_page_and_its_files_are_served_with_a_strict_policy(server):
    for name, file in [("", "index.html"), ("phone.css", "phone.css"), ("phone.js", "phone.js")]:
        status, headers, body = http_get(server, key_path(server, name))
        assert status == 200
        assert body == resource_path("phone", file).read_bytes()
        assert headers["content-security-policy"] == STRICT.format(port=server.port)
        assert headers["x-content-type-options"] == "nosniff"
        assert headers["referrer-policy"] == "no-referrer"
    assert http_get(server, key_path(server))[1]["content-type"] == "text/html; charset=utf-8"


def test_the_pages_load_nothing_from_elsewhere_and_run_no_inline_code():
    for file in ["index.html", "code.html"]:
        html = resource_path("phone", file).read_text(encoding="utf-8")
        assert not re.search(r"<script(?![^>]*\bsrc=)", html), f"{file} has an inline script"
        assert "<style" not in html and " style=" not in html, f"{file} has an inline style"
        assert not re.search(r"\son[a-z]+\s*=", html), f"{file} has an inline event handler"
        assert not re.search(r"(src|href)=\"(https?:)?//", html), f"{file} loads something from elsewhere"
    for file in ["phone.css", "phone.js", "code.js"]:
        text = resource_path("phone", file).read_text(encoding="utf-8")
        assert "@import" not in text and "url(" not in text and "http" not in text.replace("http://", "")


@pytest.mark.parametrize(
    "path",
    [
        "/v/",
        "/v/not-the-key/",
        "/v/{token}",  # no page without the slash either
        "/v/{token}x/",
        "/v/{token}/../phone.js",
        "/v/{token}/%2e%2e/%2e%2e/pyproject.toml",
        "/v/{token}/..%2f..%2fpyproject.toml",
        "/v/{token}/index.html",
        "/v/{token}/code.html",
        "/v/{token}//etc/passwd",
        "/../../../../etc/passwd",
        "/%2e%2e/%2e%2e/etc/passwd",
        "/phone.js",
        "/index.html",
        "/resources/phone/phone.js",
        "/favicon.ico",
        "//",
        "*",
    ],
)
def test_every_other_path_is_refused_alike(server, path):
    status, headers, body = http_get(server, path.replace("{token}", server.token))
    assert (status, body) == FORBIDDEN
    assert "content-security-policy" in headers


def test_the_key_is_checked_on_the_websocket_too(server, recorder):
    for url in [socket_url(server).replace(server.token, "A" * 22), f"ws://127.0.0.1:{server.port}/ws"]:
        with pytest.raises(InvalidStatus) as refused:
            connect(url, origin=origin_of(server), open_timeout=WAIT)
        assert refused.value.response.status_code == 403
        assert refused.value.response.body == b"Forbidden\n"
    assert recorder.wait_for(RequestsRefused, lambda e: e.total == 2).reason == "a path without the session's key"


@pytest.mark.parametrize(
    "origin", ["http://evil.example", "http://127.0.0.1", "http://127.0.0.1:1", "https://127.0.0.1:{port}", "null"]
)
def test_a_websocket_from_another_origin_is_refused(server, origin):
    with pytest.raises(InvalidStatus) as refused:
        connect(socket_url(server), origin=origin.replace("{port}", str(server.port)), open_timeout=WAIT)
    assert refused.value.response.status_code == 403


def test_a_websocket_without_an_origin_is_refused(server):
    with pytest.raises(InvalidStatus) as refused:
        connect(socket_url(server), open_timeout=WAIT)
    assert refused.value.response.status_code == 403


def test_a_page_asked_from_another_origin_is_refused(server):
    assert http_get(server, key_path(server), {"Origin": "http://evil.example"})[0] == 403
    assert http_get(server, key_path(server), {"Origin": origin_of(server)})[0] == 200


@pytest.mark.parametrize("host", ["evil.example", "localhost:{port}", "127.0.0.1", "127.0.0.1:1", ""])
def test_a_request_for_another_host_is_refused(server, host):
    """A page from another site whose name is rebound to this address gets nothing."""
    assert http_get(server, key_path(server), {"Host": host.replace("{port}", str(server.port))})[:3:2] == FORBIDDEN
    upgrade = {
        "Host": host.replace("{port}", str(server.port)), "Origin": origin_of(server), "Upgrade": "websocket",
        "Connection": "Upgrade", "Sec-WebSocket-Key": "dGhlIHNhbXBsZSBub25jZQ==", "Sec-WebSocket-Version": "13",
    }  # fmt: skip
    assert http_get(server, key_path(server, "ws"), upgrade)[0] == 403


def test_two_host_headers_are_refused(server):
    assert http_get(server, key_path(server), {"Host": f"127.0.0.1:{server.port}"})[0] == 200
    connection = http.client.HTTPConnection(server.host, server.port, timeout=WAIT)
    connection.putrequest("GET", key_path(server), skip_host=True)
    connection.putheader("Host", f"127.0.0.1:{server.port}")
    connection.putheader("Host", "evil.example")
    connection.endheaders()
    assert connection.getresponse().status == 403
    connection.close()


def test_the_socket_path_without_an_upgrade_is_refused(server):
    assert http_get(server, key_path(server, "ws"))[::2] == FORBIDDEN


def test_the_short_address_asks_for_the_room_code(server):
    status, headers, body = http_get(server, "/")
    assert status == 200 and body == resource_path("phone", "code.html").read_bytes()
    assert "connect-src 'self'" in headers["content-security-policy"]
    assert http_get(server, "/code.js")[0] == http_get(server, "/phone.css")[0] == 200


def code_answer(server, code: str) -> tuple[int, dict]:
    status, _, body = http_get(server, f"/join?code={code}")
    return status, json.loads(body)


def test_the_room_code_is_exchanged_for_the_phone_page(server):
    status, answer = code_answer(server, server.room_code)
    assert status == 200 and answer["path"] == key_path(server)
    assert http_get(server, answer["path"])[0] == 200
    wrong = "000000" if server.room_code != "000000" else "111111"
    assert code_answer(server, wrong) == (403, {"text": f"That is not the room code. {FAILURES_PER_ADDRESS - 1} tries left.", "path": None})


@pytest.mark.parametrize("query", ["", "?", "?code=", "?code", "?a=1&b=2&code=1", "?code=%ZZ%00", "?code=" + "9" * 5000])
def test_a_malformed_code_request_is_a_wrong_code(server, query, caplog):
    status, _, body = http_get(server, "/join" + query)
    assert status == 403 and json.loads(body)["path"] is None
    assert not [r for r in caplog.records if r.levelname == "ERROR"]


def test_a_phone_that_tries_too_many_codes_is_locked_out_for_the_session(server, recorder):
    wrong = "000000" if server.room_code != "000000" else "111111"
    answers = [code_answer(server, wrong) for _ in range(ATTEMPTS_PER_MINUTE)]
    assert all(status == 403 for status, _ in answers)
    assert code_answer(server, server.room_code) == (
        429, {"text": "Too many tries from this phone: scan the QR code on the board instead.", "path": None}
    )  # the right code, too late: no token
    assert code_answer(server, server.room_code)[0] == 429
    assert recorder.wait_for(RequestsRefused, lambda e: e.total >= ATTEMPTS_PER_MINUTE + 2)


class FakeClock:
    def __init__(self) -> None:
        self.now = 0.0

    def __call__(self) -> float:
        return self.now


def codes(clock) -> RoomCodes:
    return RoomCodes("123456", Access("127.0.0.1", 8765, "k" * 22), clock)


def test_wrong_codes_lock_an_address_out_after_a_few_even_slowly():
    clock = FakeClock()
    room = codes(clock)
    for n in range(FAILURES_PER_ADDRESS - 1):
        clock.now += 61
        assert room.attempt("10.0.0.9", "654321").status == 403
    clock.now += 61
    assert room.attempt("10.0.0.9", "654321").text.startswith("Too many wrong codes")
    clock.now += 3600
    assert room.attempt("10.0.0.9", "123456").status == 429  # for the whole session
    assert room.attempt("10.0.0.10", " 123456 ").path == "/v/" + "k" * 22 + "/"  # others still get in


def test_a_few_tries_a_minute_then_locked_out():
    clock = FakeClock()
    room = codes(clock)
    for _ in range(ATTEMPTS_PER_MINUTE):
        clock.now += 1
        assert room.attempt("10.0.0.9", "123456").status == 200
    assert room.attempt("10.0.0.9", "123456").status == 429


def test_the_code_stops_working_after_too_many_wrong_codes_in_all():
    clock = FakeClock()
    room = codes(clock)
    for n in range(FAILURES_IN_ALL):
        assert room.attempt(f"10.0.{n // 200}.{n % 200}", "000000").status == 403
    assert room.attempt("10.9.9.9", "123456").text == "The room code no longer works: scan the QR code on the board."


def test_a_connected_phone_is_not_affected_by_refused_requests(server):
    server.open_round(a_round(1))
    with phone(server) as one:
        for _ in range(20):
            http_get(server, "/v/nope/")
        assert one.first["type"] == "round"
        one.send({"type": "hello"})
        assert one.expect("round")["round"] == 1
