"""The messages between a phone and the server: JSON objects in WebSocket text frames, each at
most :data:`MAX_MESSAGE_BYTES`, each with a ``type``.

From the phone (anything else is dropped and logged):

- ``{"type": "hello"}``: tell me where things stand (answered with ``waiting`` or ``round``);
- ``{"type": "join", "round": 7, "phone": "<its token for this round>"}``;
- ``{"type": "vote", "round": 7, "practice": "testing", "level": 2}``, with ``"name": "Ada"`` in a
  named round.

From the server:

- ``{"type": "waiting"}``: no round is open;
- ``{"type": "round", "round": 7, "practice": {"id", "name"}, "levels": [{"level", "name",
  "text"}...], "named": false, "state": "open" | "revealed", "words": ""}`` (``words``: the
  tally's, once revealed);
- ``{"type": "joined", "round": 7, "vote": null | 2, "name": null | "Ada"}``: the phone is in (again,
  after a reconnection: with the vote it had);
- ``{"type": "full", "round": 7, "text": ...}``: the round has all the phones its cap lets in;
- ``{"type": "ack", "round": 7, "level": 2}``: the vote is saved (sent only once it is committed);
- ``{"type": "refused", "round": 7, "text": ...}``: the vote was not counted, and why;
- ``{"type": "revealed", "round": 7, "words": "9 votes · median 1 · spread 2: split"}``.
"""

from __future__ import annotations

import json
import time
from collections.abc import Callable
from dataclasses import dataclass

from ..domain.errors import ValidationError
from ..domain.model import MaturityModel
from ..domain.voting import VotingRound, check_voter

MAX_MESSAGE_BYTES = 1024
MESSAGES_PER_SECOND = 4.0  # a phone's steady rate ...
MESSAGE_BURST = 8  # ... and the few it may send at once (quick taps)


class BadMessage(Exception):
    """A message that is not one of the protocol's: dropped and logged; ``str()`` says why."""


@dataclass(frozen=True)
class Hello:
    pass


@dataclass(frozen=True)
class Join:
    round_id: int
    phone: str  # the phone's random token for this round


@dataclass(frozen=True)
class Cast:
    round_id: int
    practice_id: str
    level: int
    name: str | None = None


Message = Hello | Join | Cast

_FIELDS = {
    "hello": ({"type"}, set()),
    "join": ({"type", "round", "phone"}, set()),
    "vote": ({"type", "round", "practice", "level"}, {"name"}),
}


def parse(raw: str | bytes) -> Message:
    """The phone's message ``raw``, or :class:`BadMessage` saying what is wrong with it."""
    if isinstance(raw, bytes):
        raise BadMessage("a binary frame")
    if len(raw.encode("utf-8", "surrogatepass")) > MAX_MESSAGE_BYTES:
        raise BadMessage(f"more than {MAX_MESSAGE_BYTES} bytes")
    try:
        data = json.loads(raw)
    except (ValueError, RecursionError):
        raise BadMessage("not JSON") from None
    if not isinstance(data, dict):
        raise BadMessage("not a JSON object")
    kind = data.get("type")
    if not isinstance(kind, str) or kind not in _FIELDS:
        raise BadMessage("an unknown type")
    required, optional = _FIELDS[kind]
    keys = set(data)
    if not required <= keys or not keys <= required | optional:
        raise BadMessage(f"a {kind} message with the wrong fields")
    if kind == "hello":
        return Hello()
    round_id = _whole(data["round"], "round")
    if kind == "join":
        phone = data["phone"]
        try:
            return Join(round_id, check_voter(phone, named=False))
        except ValidationError:
            raise BadMessage("a join without a valid phone token") from None
    practice, level, name = data["practice"], _whole(data["level"], "level"), data.get("name")
    if not isinstance(practice, str):
        raise BadMessage("a vote whose practice is not a text")
    if name is not None and not isinstance(name, str):
        raise BadMessage("a vote whose name is not a text")
    return Cast(round_id, practice, level, name)


def _whole(value: object, what: str) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or abs(value) > 2**53:
        raise BadMessage(f"a {what} that is not a whole number")
    return value


def check_cast(cast: Cast, voting_round: VotingRound, model: MaturityModel) -> str | None:
    """The voter a vote counts for (the name in a named round, None: the phone's token), or
    :class:`ValidationError` with the words for the phone when it does not fit the open round."""
    if cast.round_id != voting_round.id or cast.practice_id != voting_round.practice_id:
        raise ValidationError("That vote is for another round; this one is open now.")
    if not model.has_level(cast.level):
        raise ValidationError(f"{cast.level} is not a level of the model.")
    if not voting_round.named:
        if cast.name is not None:
            raise ValidationError("This round is anonymous: no names are kept.")
        return None
    if cast.name is None:
        raise ValidationError("This round keeps names: type yours first.")
    return check_voter(cast.name, named=True)


def encode(kind: str, **fields: object) -> str:
    return json.dumps({"type": kind, **fields}, ensure_ascii=False, separators=(",", ":"))


def round_message(voting_round: VotingRound, model: MaturityModel, *, revealed: str | None) -> str:
    """The ``round`` message: the practice's name and its cells' words, verbatim; once revealed
    (``revealed`` holds the tally's words), its state says so."""
    practice = model.practice(voting_round.practice_id)
    levels = [
        {"level": level.value, "name": level.name, "text": model.cell(practice.id, level.value).text}
        for level in model.levels
    ]
    return encode(
        "round",
        round=voting_round.id,
        practice={"id": practice.id, "name": practice.name},
        levels=levels,
        named=voting_round.named,
        state="open" if revealed is None else "revealed",
        words=revealed or "",
    )


class RateLimit:
    """A token bucket: :data:`MESSAGE_BURST` messages at once, then :data:`MESSAGES_PER_SECOND`."""

    def __init__(
        self, rate: float = MESSAGES_PER_SECOND, burst: int = MESSAGE_BURST, clock: Callable[[], float] = time.monotonic
    ) -> None:
        self._rate, self._burst, self._clock = rate, burst, clock
        self._tokens = float(burst)
        self._at = clock()

    def allow(self) -> bool:
        now = self._clock()
        self._tokens = min(self._burst, self._tokens + (now - self._at) * self._rate)
        self._at = now
        if self._tokens >= 1:
            self._tokens -= 1
            return True
        return False
