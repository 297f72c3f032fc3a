"""Reading and writing workshops with plain SQL on the tables ``tables.py`` declares.

Each public method is one transaction, committed (and so on disk) before it returns. What a row
read must hold, and the times' format, are ``rows.py``'s; the statements' columns ``queries.py``'s;
the reads across a team's workshops (its history, the organisation's latest) ``team_reads.py``'s.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Mapping
from datetime import date, datetime

from ..domain.actions import Action, ActionDraft
from ..domain.clock import Clock, utcnow
from ..domain.errors import NotFoundError, WorkshopClosedError
from ..domain.identity import team_uuid, workshop_uuid
from ..domain.limits import MAX_ROW_ID
from ..domain.timebox import PracticeTime
from ..domain.workshop import Rating, Team, Workshop, WorkshopListing, WorkshopState, team_key
from .engine import Database
from .rows import action_from_row, listing, note_from_row, rating_from_row, to_text, to_time
from .rows import workshop_from_row
from .queries import ACTION_COLUMNS, INSERT_COLUMNS, TEAM_COLUMNS, TIME_COLUMNS, WORKSHOP_COLUMNS  # noqa: F401
from .queries import ACTION_QUERY as _ACTION_QUERY
from .queries import INSERT as _INSERT
from .queries import NOTE_QUERY as _NOTE_QUERY
from .queries import RATING_QUERY as _RATING_QUERY
from .queries import TEAM_QUERY as _TEAM_QUERY
from .queries import WORKSHOP_QUERY as _WORKSHOP_QUERY
from .team_reads import TeamReads


def _known(workshop_id: int) -> int:
    """``workshop_id``, when SQLite can hold it; else it names no workshop (a typed id, a remembered one)."""
    if not -MAX_ROW_ID - 1 <= workshop_id <= MAX_ROW_ID:
        raise NotFoundError(f"There is no workshop {workshop_id}: a workshop's id is at most {MAX_ROW_ID}.")
    return workshop_id


class WorkshopRepository(TeamReads):
    """The workshops of one database. ``clock`` gives the time (UTC) changes are stamped with."""

    def __init__(self, database: Database, clock: Clock = utcnow) -> None:
        self.db = database
        self.clock = clock

    def _now(self) -> str:
        return to_text(self.clock())

    # -- teams ----------------------------------------------------------------------------------
    @staticmethod
    def _team(row: tuple) -> Team:
        """A row of :data:`TEAM_COLUMNS`."""
        team_id, name, is_demo, uuid = row
        return Team(id=team_id, name=name, is_demo=bool(is_demo), uuid=uuid)

    def list_teams(self) -> list[Team]:
        with self.db.snapshot() as sql:
            rows = sql.execute(_TEAM_QUERY).fetchall()
        return sorted(map(self._team, rows), key=lambda team: team.name.casefold())

    def find_team(self, name: str) -> Team | None:
        """The team ``name`` names, however it is written (see :func:`team_key`), or None."""
        with self.db.snapshot() as sql:
            return self._find_team(sql, team_key(name))

    @classmethod
    def _find_team(cls, sql: sqlite3.Connection, key: str) -> Team | None:
        row = sql.execute(f"{_TEAM_QUERY} WHERE name_key = ?", (key,)).fetchone()
        return cls._team(row) if row else None

    def get_or_create_team(self, name: str, demo: bool = False) -> Team:
        """The team ``name`` names, made (a demo team if ``demo``) when there is none. A team found is
        returned as it is, demo or not: whether it may be used so is the caller's to decide."""
        key = team_key(name)
        with self.db.transaction() as sql:
            found = self._find_team(sql, key)
            if found is not None:
                return found
            now = self._now()
            uuid = team_uuid(key)
            cursor = sql.execute(_INSERT["team"], (name, key, demo, now, now, uuid))
            return Team(id=cursor.lastrowid, name=name, is_demo=demo, uuid=uuid)

    # -- workshops ------------------------------------------------------------------------------
    def create_workshop(
        self,
        team_id: int,
        title: str,
        held_on: date,
        facilitator: str,
        participant_count: int,
        model_id: str,
        model_version: str,
        ratings: list[Rating],
    ) -> Workshop:
        with self.db.transaction() as sql:
            team = sql.execute("SELECT uuid FROM team WHERE id = ?", (team_id,)).fetchone()
            if team is None:
                raise NotFoundError("The team no longer exists.")
            now = self._now()
            # The id SQLite would choose (one past the largest), chosen here so that the UUID is derived with it.
            (workshop_id,) = sql.execute("SELECT COALESCE(MAX(id), 0) + 1 FROM workshop").fetchone()
            sql.execute(
                _INSERT["workshop"],
                (workshop_id, team_id, title, held_on.isoformat(), facilitator, participant_count, model_id,
                 model_version, False, now, now, workshop_uuid(team[0], to_time(now), workshop_id)),
            )
            sql.executemany(
                _INSERT["rating"],
                [(workshop_id, r.practice_id, r.current, r.target, now, now) for r in ratings if not r.is_empty],
            )
            return self._get_workshop(sql, workshop_id)

    def list_workshops(self) -> WorkshopListing:
        """Every workshop that can be opened, the most recently held first; and, in its ``damaged``,
        why each other one cannot be (a row of it that cannot be read: ``rows.py``)."""
        with self.db.snapshot() as sql:
            rows = sql.execute(f"{_WORKSHOP_QUERY} ORDER BY w.held_on DESC, w.id DESC").fetchall()
            contents = [
                (read, sql.execute(query).fetchall())
                for read, query in (
                    (rating_from_row, _RATING_QUERY), (note_from_row, _NOTE_QUERY), (action_from_row, _ACTION_QUERY)
                )
            ]
        return listing(rows, contents)

    def get_workshop(self, workshop_id: int) -> Workshop:
        with self.db.snapshot() as sql:
            return self._get_workshop(sql, workshop_id)

    @staticmethod
    def _get_workshop(sql: sqlite3.Connection, workshop_id: int) -> Workshop:
        row = sql.execute(f"{_WORKSHOP_QUERY} WHERE w.id = ?", (_known(workshop_id),)).fetchone()
        if row is None:
            raise NotFoundError(f"Workshop {workshop_id} does not exist (it may have been deleted).")
        return workshop_from_row(row)

    def latest_workshop_of_team(self, team_id: int) -> Workshop | None:
        with self.db.snapshot() as sql:
            row = sql.execute(
                f"{_WORKSHOP_QUERY} WHERE w.team_id = ? ORDER BY w.held_on DESC, w.id DESC LIMIT 1", (team_id,)
            ).fetchone()
        return workshop_from_row(row) if row else None

    def load_state(self, workshop_id: int) -> WorkshopState:
        with self.db.snapshot() as sql:
            workshop = self._get_workshop(sql, workshop_id)
            ratings = sql.execute(f"{_RATING_QUERY} WHERE workshop_id = ?", (workshop_id,)).fetchall()
            notes = sql.execute(f"{_NOTE_QUERY} WHERE workshop_id = ? AND text != ''", (workshop_id,)).fetchall()
            actions = self._actions(sql, workshop_id)
            times = sql.execute(
                "SELECT practice_id, planned_minutes, spent_seconds FROM practice_time WHERE workshop_id = ?",
                (workshop_id,),
            ).fetchall()
        return WorkshopState(
            workshop=workshop,
            ratings={rating.practice_id: rating for rating in map(rating_from_row, ratings)},
            notes=dict(map(note_from_row, notes)),
            actions=actions,
            times={p: PracticeTime(p, planned, spent) for p, planned, spent in times},
        )

    _EDITABLE_FIELDS = {"title", "closed", "facilitator", "participant_count", "held_on"}

    def update_workshop(self, workshop_id: int, **fields: object) -> Workshop:
        unknown = set(fields) - self._EDITABLE_FIELDS
        if unknown:
            raise ValueError(f"not editable: {', '.join(sorted(unknown))}")
        values = {k: (v.isoformat() if isinstance(v, date) else v) for k, v in fields.items()}
        with self.db.transaction() as sql:
            self._workshop_closed(sql, workshop_id)
            assignments = ", ".join(f"{name} = ?" for name in values)
            sql.execute(
                f"UPDATE workshop SET {assignments}, updated_at = ? WHERE id = ?",
                (*values.values(), self._now(), workshop_id),
            )
            return self._get_workshop(sql, workshop_id)

    def delete_workshop(self, workshop_id: int) -> None:
        with self.db.transaction() as sql:
            self._workshop_closed(sql, workshop_id)
            sql.execute("DELETE FROM workshop WHERE id = ?", (workshop_id,))

    @staticmethod
    def _workshop_closed(sql: sqlite3.Connection, workshop_id: int) -> bool:
        row = sql.execute("SELECT closed FROM workshop WHERE id = ?", (_known(workshop_id),)).fetchone()
        if row is None:
            raise NotFoundError(f"Workshop {workshop_id} does not exist (it may have been deleted).")
        return bool(row[0])

    def _writable(self, sql: sqlite3.Connection, workshop_id: int) -> str:
        """Refuse a closed workshop; otherwise mark it changed now and return the time."""
        if self._workshop_closed(sql, workshop_id):
            raise WorkshopClosedError("This workshop is closed, so it cannot be changed. Reopen it to edit.")
        now = self._now()
        sql.execute("UPDATE workshop SET updated_at = ? WHERE id = ?", (now, workshop_id))
        return now

    # -- the edits made during a workshop --------------------------------------------------------
    def save_rating(self, workshop_id: int, rating: Rating) -> datetime:
        """Store a practice's current and target level; returns when it was saved."""
        with self.db.transaction() as sql:
            now = self._writable(sql, workshop_id)
            sql.execute(
                f"{_INSERT['rating']} ON CONFLICT (workshop_id, practice_id) DO UPDATE SET "
                "current_level = excluded.current_level, target_level = excluded.target_level, "
                "updated_at = excluded.updated_at",
                (workshop_id, rating.practice_id, rating.current, rating.target, now, now),
            )
        return to_time(now)

    def save_note(self, workshop_id: int, cell_id: str, text: str) -> datetime:
        """Store a cell's note; an empty text removes it. Returns when it was saved."""
        with self.db.transaction() as sql:
            now = self._writable(sql, workshop_id)
            if not text:
                sql.execute("DELETE FROM cell_note WHERE workshop_id = ? AND cell_id = ?", (workshop_id, cell_id))
            else:
                sql.execute(
                    f"{_INSERT['cell_note']} ON CONFLICT (workshop_id, cell_id) DO UPDATE SET "
                    "text = excluded.text, updated_at = excluded.updated_at",
                    (workshop_id, cell_id, text, now, now),
                )
        return to_time(now)

    def save_times(self, workshop_id: int, column: str, values: Mapping[str, int]) -> datetime:
        """Store each practice's planned minutes or spent seconds (``column``, one of
        :data:`TIME_COLUMNS`), keeping the other; returns when it was saved."""
        if column not in TIME_COLUMNS:
            raise ValueError(f"not a time column: {column}")
        with self.db.transaction() as sql:
            now = self._writable(sql, workshop_id)
            sql.executemany(
                f"{_INSERT['practice_time']} ON CONFLICT (workshop_id, practice_id) DO UPDATE SET "
                f"{column} = excluded.{column}, updated_at = excluded.updated_at",
                [
                    (workshop_id, practice_id, *(value if c == column else 0 for c in TIME_COLUMNS), now, now)
                    for practice_id, value in values.items()
                ],
            )
        return to_time(now)

    # -- actions --------------------------------------------------------------------------------
    @staticmethod
    def _actions(sql: sqlite3.Connection, workshop_id: int) -> list[Action]:
        rows = sql.execute(
            f"{_ACTION_QUERY} WHERE workshop_id = ? ORDER BY practice_id, position, id",
            (workshop_id,),
        ).fetchall()
        return [action_from_row(row) for row in rows]

    def list_actions(self, workshop_id: int) -> list[Action]:
        with self.db.snapshot() as sql:
            return self._actions(sql, workshop_id)

    @staticmethod
    def _sibling_ids(sql: sqlite3.Connection, workshop_id: int, practice_id: str) -> list[int]:
        return [
            row[0]
            for row in sql.execute(
                "SELECT id FROM action WHERE workshop_id = ? AND practice_id = ? ORDER BY position, id",
                (workshop_id, practice_id),
            )
        ]

    @staticmethod
    def _renumber(sql: sqlite3.Connection, ids: list[int], now: str) -> None:
        sql.executemany(
            "UPDATE action SET position = ?, updated_at = ? WHERE id = ? AND position != ?",
            [(position, now, action_id, position) for position, action_id in enumerate(ids)],
        )

    @staticmethod
    def _get_action(sql: sqlite3.Connection, action_id: int) -> Action:
        row = sql.execute(f"{_ACTION_QUERY} WHERE id = ?", (action_id,)).fetchone()
        if row is None:
            raise NotFoundError("That action no longer exists (it may have been removed).")
        return action_from_row(row)

    def add_action(
        self,
        workshop_id: int,
        draft: ActionDraft,
        position: int | None = None,
        action_id: int | None = None,
        carried_from_id: int | None = None,
    ) -> Action:
        """Insert an action at ``position`` of its practice (the end if None). ``action_id`` puts
        back an action that was removed (undo), with the id it had."""
        with self.db.transaction() as sql:
            now = self._writable(sql, workshop_id)
            siblings = self._sibling_ids(sql, workshop_id, draft.practice_id)
            cursor = sql.execute(
                _INSERT["action"],
                (action_id, workshop_id, draft.practice_id, draft.cell_id, draft.title, draft.owner,
                 draft.due_on.isoformat() if draft.due_on else None, draft.status.value, draft.priority.value,
                 len(siblings), carried_from_id, now, now),
            )
            new_id = cursor.lastrowid
            index = len(siblings) if position is None else max(0, min(position, len(siblings)))
            siblings.insert(index, new_id)
            self._renumber(sql, siblings, now)
            return self._get_action(sql, new_id)

    def update_action(self, action_id: int, draft: ActionDraft) -> Action:
        """Change an action's fields (its practice stays)."""
        with self.db.transaction() as sql:
            action = self._get_action(sql, action_id)
            now = self._writable(sql, action.workshop_id)
            sql.execute(
                "UPDATE action SET cell_id = ?, title = ?, owner = ?, due_on = ?, status = ?, priority = ?, "
                "updated_at = ? WHERE id = ?",
                (draft.cell_id, draft.title, draft.owner, draft.due_on.isoformat() if draft.due_on else None,
                 draft.status.value, draft.priority.value, now, action_id),
            )
            return self._get_action(sql, action_id)

    def move_action(self, action_id: int, position: int) -> Action:
        """Move an action to ``position`` among its practice's actions."""
        with self.db.transaction() as sql:
            action = self._get_action(sql, action_id)
            now = self._writable(sql, action.workshop_id)
            siblings = [i for i in self._sibling_ids(sql, action.workshop_id, action.practice_id) if i != action_id]
            siblings.insert(max(0, min(position, len(siblings))), action_id)
            self._renumber(sql, siblings, now)
            return self._get_action(sql, action_id)

    def delete_action(self, action_id: int) -> Action:
        """Remove an action; returns it as it was, so that it can be put back."""
        with self.db.transaction() as sql:
            action = self._get_action(sql, action_id)
            now = self._writable(sql, action.workshop_id)
            sql.execute("DELETE FROM action WHERE id = ?", (action_id,))
            self._renumber(sql, self._sibling_ids(sql, action.workshop_id, action.practice_id), now)
            return action

    # -- small facts about this database --------------------------------------------------------
    def get_state(self, key: str) -> str | None:
        with self.db.snapshot() as sql:
            row = sql.execute("SELECT value FROM app_state WHERE key = ?", (key,)).fetchone()
        return row[0] if row else None

    def set_state(self, key: str, value: str | None) -> None:
        with self.db.transaction() as sql:
            if value is None:
                sql.execute("DELETE FROM app_state WHERE key = ?", (key,))
            else:
                sql.execute(
                    f"{_INSERT['app_state']} ON CONFLICT (key) DO UPDATE SET value = excluded.value",
                    (key, value),
                )
