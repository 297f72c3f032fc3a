"""What a voting session is and what the room sees of it: the facilitator's choices for the session
(:class:`VotingSetup`, the hotspot's password held in memory only, never saved) and the state the
board's panel and the cells' tallies draw (:class:`RoomView`). Plain data: no Qt, no server."""

from __future__ import annotations

from dataclasses import dataclass, replace

from ...domain.voting import DEFAULT_PHONE_CAP, Agreement, Tally

QrMatrix = tuple[tuple[bool, ...], ...]

# The spread in words, with the cue a split room gives (domain/voting.py holds the thresholds).
SPREAD_CUE = {
    Agreement.AGREED: "agreed",
    Agreement.SPLIT: "split: talk it through",
    Agreement.ALL_OVER: "all over: talk it through",
}

NO_PHONE_HINT = (
    "No phone has reached the voting server yet. What usually blocks it: a guest Wi-Fi that keeps its "
    "devices apart (client isolation), or this laptop's firewall refusing incoming connections. To check: "
    "on a phone on the same Wi-Fi, open {address}; if it does not load, allow incoming connections to "
    "port {port} in the firewall, pick another network interface (Stop voting, then Start voting…), or "
    "join the laptop and the phones to a hotspot."
)


@dataclass(frozen=True)
class VotingSetup:
    """The facilitator's choices in Start voting…, for this session only."""

    address: str  # the chosen interface's IPv4 address: the server listens there alone
    named: bool = False  # phones give names, and both the board and the phone say so
    phone_cap: int = DEFAULT_PHONE_CAP
    reveal_when_all_voted: bool = False  # reveal by itself once the workshop's participants voted
    hotspot_name: str = ""  # the laptop's Wi-Fi hotspot, to join by a second QR code
    hotspot_password: str = ""  # typed for the session, kept in memory only: never in the database

    @property
    def has_hotspot(self) -> bool:
        return bool(self.hotspot_name)

    def __repr__(self) -> str:  # never the password, in a log or a traceback
        return f"VotingSetup({self.address!r}, named={self.named}, cap={self.phone_cap}, hotspot={self.has_hotspot})"


def wifi_payload(name: str, password: str) -> str:
    """What a phone's camera reads as "join this Wi-Fi" (the WIFI: scheme; \\ ; , : " escaped)."""

    def escape(text: str) -> str:
        return "".join("\\" + c if c in '\\;,:"' else c for c in text)

    return f"WIFI:T:WPA;S:{escape(name)};P:{escape(password)};;" if password else f"WIFI:T:nopass;S:{escape(name)};;"


def check_hotspot(name: str, password: str) -> str | None:
    """What is wrong with a hotspot's name and password, in words; None when they will do."""
    if password and not name:
        return "Give the hotspot's name (its SSID) with its password."
    if len(name.encode()) > 32:
        return "A Wi-Fi network's name is at most 32 bytes."
    if password and not 8 <= len(password) <= 63:
        return "A Wi-Fi password (WPA) is 8 to 63 characters."
    if not (name + password).isprintable():
        return "The hotspot's name and password must be printable characters."
    return None


def short_address(url: str) -> str:
    """ "http://192.168.1.23:8642/" as typed on a phone: "192.168.1.23:8642"."""
    return url.removeprefix("http://").rstrip("/")


@dataclass(frozen=True)
class RoomView:
    """What the board shows of the voting session: the code to scan, the address to type and the
    room code while voting is on; the round's count while one is open (never a level before the
    reveal); the tally after it."""

    qr: QrMatrix
    address: str  # the short address, to type
    room_code: str
    participants: int = 0  # the workshop's participant count (0: not given)
    practice_id: str | None = None  # the round's practice (None: between rounds)
    practice_name: str = ""
    voted: int = 0  # phones whose vote is saved
    phones: int = 0  # phones connected to the server
    named: bool = False
    tally: Tally | None = None  # once revealed
    median_label: str = ""  # "1 Consistent"
    hotspot_name: str = ""
    hotspot_qr: QrMatrix | None = None
    hint: str = ""  # for the console: what usually blocks the phones

    @property
    def is_open(self) -> bool:
        return self.practice_id is not None and self.tally is None

    @property
    def revealed(self) -> bool:
        return self.tally is not None

    @property
    def count_words(self) -> str:
        """ "7 of 9 have voted" (of the workshop's participants), "1 has voted" without a count."""
        verb = "has" if self.voted == 1 else "have"
        return f"{self.voted} of {self.participants} {verb} voted" if self.participants else f"{self.voted} {verb} voted"

    @property
    def phones_words(self) -> str:
        return f"{self.phones} phone{'' if self.phones == 1 else 's'} connected"

    @property
    def room_code_words(self) -> str:
        code = self.room_code
        return f"{code[:3]} {code[3:]}" if len(code) == 6 else code

    @property
    def spread_words(self) -> str:
        """ "spread 2 · split: talk it through"."""
        tally = self.tally
        if tally is None or tally.agreement is None:
            return "no votes"
        return f"spread {tally.spread} · {SPREAD_CUE[tally.agreement]}"

    def but(self, **changes) -> RoomView:
        return replace(self, **changes)
