"""What the voting server tells the app, from its own thread: small immutable events, which the ui
turns into queued signals. Before a reveal they carry counts only, never a vote's level."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class PhonesChanged:
    """Phones connected to the server, and those in the open round (None: no round open)."""

    connected: int
    round_id: int | None = None
    joined: int = 0  # phones that joined the round (they count against its cap)
    turned_away: int = 0  # phones refused because the round was full


@dataclass(frozen=True)
class VotesCounted:
    """Phones whose vote in the round is saved (a changed vote counts once). Never the levels."""

    round_id: int
    count: int


@dataclass(frozen=True)
class RequestsRefused:
    """Requests turned away since voting started: without the session's key, from another
    address or site, a wrong room code, a phone locked out... ``reason`` is the latest one's."""

    total: int
    reason: str


@dataclass(frozen=True)
class MessagesDropped:
    """Messages from phones dropped since voting started (malformed, unknown, too big, too
    fast), each logged; ``reason`` is the latest one's."""

    total: int
    reason: str


@dataclass(frozen=True)
class ServerStopped:
    """The server stopped: asked to (``error`` None), or because it failed (``error`` says why)."""

    error: str | None = None


VotingEvent = PhonesChanged | VotesCounted | RequestsRefused | MessagesDropped | ServerStopped
