"""What this file has to publish to the organisation's database, each workshop's content for it, and
the record of what it published (the ``publication`` table, revision 0008).

A publish runs on a thread of its own, beside the window: it opens its own connection to the file
(WAL: it reads without waiting for the window, and its short writes of the record wait at most the
busy timeout for the window's), as the voting server's writer does. Only the record is written:
never a workshop. Demo teams' workshops are never published, nor those of a copy pulled from the
organisation (``workshop.published_by`` set: another role published them).
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from ..domain.clock import utcnow
from ..domain.errors import DamagedRowError
from ..domain.identity import action_uuid
from ..domain.publication import (
    PublishedAction,
    PublishedNote,
    PublishedRating,
    PublishedRound,
    PublishedTeam,
    PublishedTime,
    WorkshopContent,
    change_marker,
    in_order,
    vote_counts,
)
from .engine import HEAD_REVISION, Database, current_revision
from .rows import to_text, to_time
from .sqlite import DatabaseError, explain

# The newest change of a workshop's rounds and votes ("w." is the workshop).
_VOTES_AT = (
    "max(coalesce((SELECT max(r.updated_at) FROM vote_round r WHERE r.workshop_id = w.id), ''), "
    "coalesce((SELECT max(v.updated_at) FROM vote v JOIN vote_round r ON r.id = v.round_id "
    "WHERE r.workshop_id = w.id), ''))"
)
# How many of a workshop's actions carry another over: a link that goes when the action it carried is
# deleted, without the workshop's own time moving.
_LINKS = "(SELECT count(*) FROM action a WHERE a.workshop_id = w.id AND a.carried_from_id IS NOT NULL)"
# Every workshop that may be published, with its marker's parts and what was published of it; then
# the records whose workshop is gone (id NULL): one statement for the whole survey.
SURVEY = (
    f"SELECT w.id, w.uuid, w.updated_at, t.name, {_VOTES_AT}, {_LINKS}, p.marker, p.content_hash "
    "FROM workshop w JOIN team t ON t.id = w.team_id LEFT JOIN publication p ON p.workshop_uuid = w.uuid "
    "WHERE t.is_demo = 0 AND w.published_by IS NULL "
    "UNION ALL SELECT NULL, p.workshop_uuid, NULL, NULL, NULL, NULL, p.marker, p.content_hash FROM publication p "
    "WHERE NOT EXISTS (SELECT 1 FROM workshop w WHERE w.uuid = p.workshop_uuid)"
)
_WORKSHOP = (
    "SELECT w.uuid, t.uuid, t.name, t.name_key, w.title, w.held_on, w.facilitator, w.participant_count, w.model_id, "
    f"w.model_version, w.closed, w.created_at, w.updated_at, {_VOTES_AT}, {_LINKS} "
    "FROM workshop w JOIN team t ON t.id = w.team_id WHERE w.id = ? AND t.is_demo = 0 AND w.published_by IS NULL"
)
_RATINGS = "SELECT practice_id, current_level, target_level FROM rating WHERE workshop_id = ?"
_NOTES = "SELECT cell_id, text FROM cell_note WHERE workshop_id = ? AND text != ''"
# Each action, with the id of the action it carries over and that one's workshop's uuid.
_ACTIONS = (
    "SELECT a.id, a.practice_id, a.cell_id, a.title, a.owner, a.due_on, a.status, a.priority, a.position, s.id, "
    "sw.uuid FROM action a LEFT JOIN action s ON s.id = a.carried_from_id "
    "LEFT JOIN workshop sw ON sw.id = s.workshop_id WHERE a.workshop_id = ?"
)
_TIMES = "SELECT practice_id, planned_minutes, spent_seconds FROM practice_time WHERE workshop_id = ?"
# Each round, in the order opened, with how many votes each level had (a row per round and level).
_ROUNDS = (
    "SELECT r.id, r.practice_id, r.state, r.named, r.phone_cap, r.opened_at, r.revealed_at, v.level, count(v.id) "
    "FROM vote_round r LEFT JOIN vote v ON v.round_id = r.id WHERE r.workshop_id = ? "
    "GROUP BY r.id, v.level ORDER BY r.opened_at, r.id"
)
_RECORD = (
    "INSERT INTO publication (workshop_uuid, content_hash, marker, published_at) VALUES (?, ?, ?, ?) "
    "ON CONFLICT (workshop_uuid) DO UPDATE SET content_hash = excluded.content_hash, marker = excluded.marker, "
    "published_at = excluded.published_at"
)


@dataclass(frozen=True)
class Local:
    """A workshop of this file that may be published, and what was last published of it."""

    workshop_id: int
    uuid: str
    marker: str
    published_marker: str | None
    published_hash: str | None

    @property
    def changed(self) -> bool:
        return self.marker != self.published_marker


@dataclass(frozen=True)
class Survey:
    workshops: tuple[Local, ...]
    deletions: tuple[str, ...]  # the uuids of workshops published, then deleted here

    @property
    def waiting(self) -> tuple[Local, ...]:
        return tuple(local for local in self.workshops if local.changed)


def refuse_missing(path: Path) -> Path:
    """``path``, when a workshops file is there to publish; else a message (nothing is made there)."""
    path = Path(path)
    if not path.is_file() or path.stat().st_size == 0:
        raise DatabaseError(f"There is no workshop database at {path}, so there is nothing to publish.")
    return path


def open_for_publishing(path: Path) -> Database:
    """The file, opened by this thread beside the window; refused when it is missing or its schema is
    not this version's (the window, or any command that writes, upgrades it first)."""
    path = refuse_missing(path)
    try:
        revision = current_revision(path)
    except sqlite3.Error as error:
        raise explain(error, f"The workshops in {path} cannot be published") from None
    if revision != HEAD_REVISION:
        raise DatabaseError(
            f"The workshops in {path} (schema {revision or 'none'}) must be opened by this version of Maturity "
            "Workshop once before they can be published."
        )
    try:
        return Database(path)
    except sqlite3.Error as error:
        raise explain(error, f"The workshops in {path} cannot be published") from None


def _marker(updated_at: object, team_name: object, votes_at: object, links: object) -> str:
    return change_marker(str(updated_at), str(team_name), str(votes_at) if votes_at else None, int(links or 0))


class PublicationStore:
    """The publication's reads and its record, on a :class:`Database` of the publishing thread."""

    def __init__(self, database: Database) -> None:
        self.db = database

    def survey(self) -> Survey:
        """Every workshop that may be published, and the deletions to publish: one statement."""
        with self.db.snapshot() as sql:
            rows = sql.execute(SURVEY).fetchall()
        workshops = tuple(
            Local(row[0], row[1], _marker(*row[2:6]), row[6], row[7]) for row in rows if row[0] is not None
        )
        return Survey(workshops, tuple(row[1] for row in rows if row[0] is None))

    def waiting_count(self) -> int:
        """The workshops (and deletions) a publish would send: one statement."""
        survey = self.survey()
        return len(survey.waiting) + len(survey.deletions)

    def content(self, workshop_id: int) -> tuple[WorkshopContent, str] | None:
        """The workshop's content and its marker, read together; None when it is gone (or not to be
        published). A value another program wrote that cannot be read raises DamagedRowError."""
        with self.db.snapshot() as sql:
            row = sql.execute(_WORKSHOP, (workshop_id,)).fetchone()
            if row is None:
                return None
            parts = [sql.execute(query, (workshop_id,)).fetchall() for query in (_RATINGS, _NOTES, _ACTIONS, _TIMES,
                                                                                  _ROUNDS)]  # fmt: skip
        try:
            return _content(row, *parts), _marker(row[12], row[2], row[13], row[14])
        except (TypeError, ValueError, AttributeError) as error:
            raise DamagedRowError(workshop_id, f"a value cannot be read for publishing ({error})") from None

    def record(self, uuid: str, content_hash: str, marker: str) -> None:
        """What was published of workshop ``uuid``, kept once the server has committed it."""
        with self.db.transaction() as sql:
            sql.execute(_RECORD, (uuid, content_hash, marker, to_text(utcnow())))

    def forget(self, uuid: str) -> None:
        """The record of a workshop deleted here, once it is deleted on the server too."""
        with self.db.transaction() as sql:
            sql.execute("DELETE FROM publication WHERE workshop_uuid = ?", (uuid,))


def _day(value: object) -> date | None:
    return None if value is None else date.fromisoformat(str(value))


def _content(row: tuple, ratings: list, notes: list, actions: list, times: list, rounds: list) -> WorkshopContent:
    (uuid, team_uuid, team_name, name_key, title, held_on, facilitator, participants, model_id, model_version,
     closed, created_at, updated_at, _votes_at, _links) = row  # fmt: skip
    published_actions = tuple(
        PublishedAction(action_uuid(uuid, a_id), practice, cell, a_title, owner, _day(due), status, priority, position,
                        action_uuid(source_workshop, source) if source is not None and source_workshop else None)
        for a_id, practice, cell, a_title, owner, due, status, priority, position, source, source_workshop in actions
    )  # fmt: skip
    return in_order(WorkshopContent(
        uuid=uuid, team=PublishedTeam(team_uuid, team_name, name_key), title=title, held_on=_day(held_on),
        facilitator=facilitator, participant_count=int(participants), model_id=model_id, model_version=model_version,
        closed=bool(closed), created_at=to_time(created_at), updated_at=to_time(updated_at),
        ratings=tuple(PublishedRating(p, current, target) for p, current, target in ratings),
        notes=tuple(PublishedNote(cell, text) for cell, text in notes),
        actions=published_actions,
        times=tuple(PublishedTime(p, int(planned), int(spent)) for p, planned, spent in times),
        rounds=_rounds(rounds),
    ))  # fmt: skip


def _rounds(rows: list) -> tuple[PublishedRound, ...]:
    """The rounds of rows of :data:`_ROUNDS` (a row per round and level), numbered from 1."""
    levels: dict[int, list[int]] = {}
    facts: dict[int, tuple] = {}
    for round_id, practice, state, named, cap, opened_at, revealed_at, level, count in rows:
        facts.setdefault(round_id, (practice, state, named, cap, opened_at, revealed_at))
        if level is not None:
            levels.setdefault(round_id, []).extend([level] * count)
    return tuple(
        PublishedRound(number, practice, state, bool(named), int(cap), to_time(opened_at),
                       to_time(revealed_at) if revealed_at else None, vote_counts(levels.get(round_id, [])))
        for number, (round_id, (practice, state, named, cap, opened_at, revealed_at)) in enumerate(facts.items(), 1)
    )  # fmt: skip
