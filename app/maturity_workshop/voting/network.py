"""The machine's IPv4 network interfaces, for the facilitator to pick the one the phones reach:
the server binds to that address alone, and the QR code carries it (Android browsers do not
resolve ``.local`` names, so an address it is). The default is the interface of the default route,
found without sending anything: a UDP socket "connected" to an outside address sends no packet,
yet the system picks the address it would send from. Loopback is listed last, for testing only.
"""

from __future__ import annotations

import ipaddress
import socket
import struct
import sys
from dataclasses import dataclass

_SIOCGIFADDR = {"linux": 0x8915, "darwin": 0xC0206921}  # ioctl: an interface's IPv4 address
_OUTSIDE = ("192.0.2.1", 9)  # TEST-NET-1 (RFC 5737): routed by the default route, never reached


@dataclass(frozen=True)
class NetworkInterface:
    name: str
    address: str
    is_default: bool = False

    @property
    def is_loopback(self) -> bool:
        return ipaddress.IPv4Address(self.address).is_loopback

    @property
    def label(self) -> str:
        """'wlan0 · 192.168.1.23 (default)', 'lo · 127.0.0.1 (for testing)'."""
        note = " (default)" if self.is_default else " (for testing)" if self.is_loopback else ""
        return f"{self.name} · {self.address}{note}"


def default_route_address() -> str | None:
    """The address this machine would send from to the outside world; None without a route."""
    with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as probe:
        try:
            probe.connect(_OUTSIDE)
            address = probe.getsockname()[0]
        except OSError:
            return None
    return None if address == "0.0.0.0" else address


def _address_of(name: str) -> str | None:
    request = _SIOCGIFADDR.get(sys.platform)
    if request is None:
        return None
    import fcntl  # POSIX only

    with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as probe:
        try:
            answer = fcntl.ioctl(probe.fileno(), request, struct.pack("256s", name[:15].encode()))
        except OSError:  # no IPv4 address (down, or IPv6 only)
            return None
    return socket.inet_ntoa(answer[20:24])


def interfaces() -> list[NetworkInterface]:
    """Each interface with an IPv4 address: the default one first, loopback last."""
    default = default_route_address()
    found: dict[str, NetworkInterface] = {}
    try:
        names = [name for _, name in socket.if_nameindex()]
    except OSError:
        names = []
    for name in names:
        address = _address_of(name)
        if address is not None and address not in found:
            found[address] = NetworkInterface(name, address, address == default)
    if default is not None and default not in found:  # where interfaces cannot be listed by name
        found[default] = NetworkInterface("default network", default, True)
    if not any(interface.is_loopback for interface in found.values()):
        found["127.0.0.1"] = NetworkInterface("loopback", "127.0.0.1")
    return sorted(found.values(), key=lambda i: (not i.is_default, i.is_loopback, i.name))


def default_interface(choices: list[NetworkInterface]) -> NetworkInterface | None:
    """The one to offer first: the default route's, else the first that is not loopback."""
    return next((i for i in choices if i.is_default), None) or next((i for i in choices if not i.is_loopback), None)
