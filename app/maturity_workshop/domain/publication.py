"""What a workshop publishes to the organisation's database, and the rules that say whether it
changed since it was last published.

The content is the workshop as the organisation sees it: its team (UUID, name and key), its own
fields, its ratings, notes, actions (each known by ``identity.action_uuid``, with the UUID of the
action it carries over), its agenda, and its rounds of votes with their distribution only (how many
votes each level had: who voted stays on the laptop).

:func:`content_hash` is SHA-256 of a canonical JSON of the content (keys sorted, every list in a
fixed order, times in UTC): the same content gives the same hash on every laptop, so a workshop the
server holds as it is here is not written again. :func:`change_marker` is the cheap test that comes
first: a workshop whose marker is the one recorded when it was last published has not changed.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from datetime import UTC, date, datetime
from functools import lru_cache

# The levels a round's counts are given for, in order: counts[0] is the votes for level -1.
COUNTED_LEVELS = (-1, 0, 1, 2, 3)


@dataclass(frozen=True)
class PublishedTeam:
    uuid: str
    name: str
    name_key: str


@dataclass(frozen=True)
class PublishedRating:
    practice_id: str
    current_level: int | None
    target_level: int | None


@dataclass(frozen=True)
class PublishedNote:
    cell_id: str
    text: str


@dataclass(frozen=True)
class PublishedAction:
    uuid: str  # identity.action_uuid(the workshop's uuid, the action's id here)
    practice_id: str
    cell_id: str | None
    title: str
    owner: str
    due_on: date | None
    status: str
    priority: str
    position: int
    carried_from_uuid: str | None  # the action it carries over, by the same rule


@dataclass(frozen=True)
class PublishedTime:
    practice_id: str
    planned_minutes: int
    spent_seconds: int


@dataclass(frozen=True)
class PublishedRound:
    number: int  # its place among the workshop's rounds, in the order they were opened, from 1
    practice_id: str
    state: str
    named: bool
    phone_cap: int
    opened_at: datetime
    revealed_at: datetime | None
    counts: tuple[int, ...]  # votes per level of COUNTED_LEVELS


@dataclass(frozen=True)
class WorkshopContent:
    uuid: str
    team: PublishedTeam
    title: str
    held_on: date
    facilitator: str
    participant_count: int
    model_id: str
    model_version: str
    closed: bool
    created_at: datetime
    updated_at: datetime
    ratings: tuple[PublishedRating, ...]
    notes: tuple[PublishedNote, ...]
    actions: tuple[PublishedAction, ...]
    times: tuple[PublishedTime, ...]
    rounds: tuple[PublishedRound, ...]

    @property
    def label(self) -> str:
        """How a message names the workshop: “Title” (team)."""
        return f"“{self.title}” ({self.team.name})"


def vote_counts(levels: list[int] | tuple[int, ...]) -> tuple[int, ...]:
    """The distribution of a round's votes: how many each level of :data:`COUNTED_LEVELS` had."""
    return tuple(sum(1 for level in levels if level == counted) for counted in COUNTED_LEVELS)


def in_order(content: WorkshopContent) -> WorkshopContent:
    """``content`` with every list in its one fixed order (whatever order the rows were read in)."""
    from dataclasses import replace

    return replace(
        content,
        ratings=tuple(sorted(content.ratings, key=lambda r: r.practice_id)),
        notes=tuple(sorted(content.notes, key=lambda n: n.cell_id)),
        actions=tuple(sorted(content.actions, key=lambda a: a.uuid)),
        times=tuple(sorted(content.times, key=lambda t: t.practice_id)),
        rounds=tuple(sorted(content.rounds, key=lambda r: r.number)),
    )


def _canonical(value: object) -> object:
    """A dataclass as a dict of its fields (as ``asdict``, without its deep copies), times in UTC."""
    fields = getattr(value, "__dataclass_fields__", None)
    if fields is not None:
        return {name: _canonical(getattr(value, name)) for name in fields}
    if isinstance(value, datetime):
        return value.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ")
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, dict):
        return {key: _canonical(item) for key, item in value.items()}
    if isinstance(value, (list, tuple)):
        return [_canonical(item) for item in value]
    return value


def content_hash(content: WorkshopContent) -> str:
    """SHA-256 (hex) of the canonical JSON of ``content``: the same on every laptop for the same content."""
    canonical = _canonical(in_order(content))
    text = json.dumps(canonical, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def change_marker(updated_at: str, team_name: str, votes_updated_at: str | None, carried_links: int = 0) -> str:
    """The workshop's change marker, from the times as stored: its ``updated_at`` (every edit of its
    content moves it), its team's name, the newest ``updated_at`` of its rounds and votes (which
    change without touching the workshop's), and how many of its actions carry another over (a link
    that goes, without the workshop's time moving, when the action it carried is deleted). Equal
    markers: nothing changed. At most about 100 characters."""
    return f"{updated_at}|{votes_updated_at or '-'}|{carried_links}|{_name_mark(team_name)}"


@lru_cache(maxsize=1024)
def _name_mark(team_name: str) -> str:
    return hashlib.sha256(team_name.encode("utf-8", "surrogatepass")).hexdigest()[:24]
