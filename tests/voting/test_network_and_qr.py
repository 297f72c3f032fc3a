"""The interfaces offered to the facilitator, and the QR code of the phones' address."""

from __future__ import annotations

import ipaddress
import struct
import zlib

import pytest

from maturity_workshop.domain import ValidationError
from maturity_workshop.voting import network
from maturity_workshop.voting.network import NetworkInterface, default_interface, interfaces
from maturity_workshop.voting.qr import QUIET_ZONE, qr_matrix, qr_png

URL = "http://192.168.1.23:8765/v/Jq2vYg0hX1cQeR7o1aV3yA/"


def test_every_interface_is_an_ipv4_address_with_a_name_and_loopback_is_for_testing():
    found = interfaces()
    assert found and all(i.name and ipaddress.IPv4Address(i.address) for i in found)
    assert len({i.address for i in found}) == len(found)
    loopback = [i for i in found if i.is_loopback]
    assert loopback and loopback[0].label.endswith("(for testing)")
    assert found[-1].is_loopback  # listed last
    assert sum(i.is_default for i in found) <= 1


def test_the_default_is_the_interface_of_the_default_route():
    route = network.default_route_address()
    chosen = default_interface(interfaces())
    if route is None:
        pytest.skip("this machine has no default route")
    assert chosen is not None and chosen.address == route and chosen.is_default
    assert chosen.label == f"{chosen.name} · {route} (default)"


def test_without_a_default_route_the_first_real_interface_is_offered(monkeypatch):
    choices = [NetworkInterface("lo", "127.0.0.1"), NetworkInterface("wlan0", "192.168.1.23")]
    assert default_interface(choices) == choices[1]
    assert default_interface([NetworkInterface("lo", "127.0.0.1")]) is None
    assert NetworkInterface("wlan0", "192.168.1.23").label == "wlan0 · 192.168.1.23"


def test_an_interface_list_the_system_cannot_give_still_offers_the_default_route(monkeypatch):
    monkeypatch.setattr(network, "_address_of", lambda name: None)
    monkeypatch.setattr(network, "default_route_address", lambda: "10.1.2.3")
    assert [i.label for i in interfaces()] == ["default network · 10.1.2.3 (default)", "loopback · 127.0.0.1 (for testing)"]


def test_the_qr_matrix_is_a_square_of_modules_with_its_finder_patterns():
    matrix = qr_matrix(URL)
    size = len(matrix)
    assert size >= 21 and (size - 17) % 4 == 0 and all(len(row) == size for row in matrix)
    finder = [row[:7] for row in matrix[:7]]
    assert finder[0] == (True,) * 7 and finder[3] == (True, False, True, True, True, False, True)


def _png_size(data: bytes) -> tuple[int, int]:
    assert data[:8] == b"\x89PNG\r\n\x1a\n" and data[12:16] == b"IHDR"
    width, height = struct.unpack(">II", data[16:24])
    zlib.crc32(data[12:29])  # a well-formed header chunk
    return width, height


@pytest.mark.parametrize("asked", [300, 512, 1000])
def test_the_png_is_at_most_the_size_asked_in_whole_pixels_per_module(asked):
    modules = len(qr_matrix(URL)) + 2 * QUIET_ZONE
    width, height = _png_size(qr_png(URL, asked))
    assert width == height == (asked // modules) * modules
    assert asked - modules < width <= asked


def test_a_png_too_small_for_its_modules_is_refused():
    with pytest.raises(ValidationError, match="needs at least"):
        qr_png(URL, 20)
