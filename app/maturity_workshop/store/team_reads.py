"""A team's history and the organisation's latest workshops: the repository's reads across
workshops (``WorkshopRepository`` has them; they use its ``db``, ``_get_workshop`` and ``_team``).
The order is domain.history.held_order's: by date, then by creation (the id grows with it)."""

from __future__ import annotations

import sqlite3
from datetime import date

from ..domain.errors import DamagedRowError
from ..domain.limits import MAX_ROW_ID
from ..domain.workshop import Rating, Team, Workshop, WorkshopState
from .queries import ACTION_QUERY, HISTORY_ROUNDS, NOTE_QUERY, RATING_QUERY, RECENT, TEAM_QUERY, WORKSHOP_QUERY
from .rows import history_states, rating_from_row, workshop_from_row


class TeamReads:
    # -- a team's history -----------------------------------------------------------------------
    def previous_workshop(self, workshop_id: int) -> Workshop | None:
        """The team's workshop held most recently before ``workshop_id`` (open or closed), or None."""
        with self.db.snapshot() as sql:
            workshop = self._get_workshop(sql, workshop_id)
            return self._held_before(sql, workshop.team_id, workshop.held_on.isoformat(), workshop.id)

    def latest_workshop_before(self, team_id: int, held_on: date) -> Workshop | None:
        """The team's workshop a new one held on ``held_on`` comes after: the last held that day or before."""
        with self.db.snapshot() as sql:
            return self._held_before(sql, team_id, held_on.isoformat(), MAX_ROW_ID)

    @staticmethod
    def _held_before(sql: sqlite3.Connection, team_id: int, held_on: str, workshop_id: int) -> Workshop | None:
        row = sql.execute(
            f"{WORKSHOP_QUERY} WHERE w.team_id = ? AND (w.held_on < ? OR (w.held_on = ? AND w.id < ?)) "
            "ORDER BY w.held_on DESC, w.id DESC LIMIT 1",
            (team_id, held_on, held_on, workshop_id),
        ).fetchone()
        return workshop_from_row(row) if row else None

    def ratings_of(self, workshop_id: int) -> dict[str, Rating]:
        with self.db.snapshot() as sql:
            rows = sql.execute(f"{RATING_QUERY} WHERE workshop_id = ?", (workshop_id,)).fetchall()
        return {rating.practice_id: rating for rating in map(rating_from_row, rows)}

    def team_history(self, team_id: int) -> tuple[list[WorkshopState], list[DamagedRowError], dict[int, list]]:
        """Every workshop of the team with its ratings, notes, actions and agenda, in the order they
        were held; why each one that cannot be read was left out; and each one's revealed rounds of
        votes with their votes (by workshop id). Six statements, whatever the number of workshops."""
        in_team = "WHERE workshop_id IN (SELECT id FROM workshop WHERE team_id = ?)"
        with self.db.snapshot() as sql:
            rows = sql.execute(f"{WORKSHOP_QUERY} WHERE w.team_id = ? ORDER BY w.held_on, w.id", (team_id,)).fetchall()
            ratings = sql.execute(f"{RATING_QUERY} {in_team}", (team_id,)).fetchall()
            notes = sql.execute(f"{NOTE_QUERY} {in_team} AND text != ''", (team_id,)).fetchall()
            actions = sql.execute(f"{ACTION_QUERY} {in_team} ORDER BY practice_id, position, id", (team_id,)).fetchall()
            times = sql.execute(
                f"SELECT workshop_id, practice_id, planned_minutes, spent_seconds FROM practice_time {in_team}",
                (team_id,),
            ).fetchall()
            rounds = sql.execute(HISTORY_ROUNDS, (team_id,)).fetchall()
        return history_states(rows, ratings, notes, actions, times, rounds)

    def published_by(self, workshop_id: int) -> str | None:
        """The role that published the workshop, in a copy pulled from the organisation; else None."""
        with self.db.snapshot() as sql:
            row = sql.execute("SELECT published_by FROM workshop WHERE id = ?", (workshop_id,)).fetchone()
        return row[0] if row else None

    # -- the organisation -----------------------------------------------------------------------
    def latest_of_each_team(self) -> tuple[list[Team], list[WorkshopState], list[DamagedRowError]]:
        """Every team; each one's last two workshops (held_order's) with their ratings, the first held
        first; why each one that cannot be read was left out. Three statements, whatever the number."""
        with self.db.snapshot() as sql:
            teams = [self._team(row) for row in sql.execute(f"{TEAM_QUERY} ORDER BY id")]
            rows = sql.execute(f"{WORKSHOP_QUERY} WHERE w.id IN ({RECENT}) ORDER BY w.held_on, w.id").fetchall()
            ratings = sql.execute(f"{RATING_QUERY} WHERE workshop_id IN ({RECENT})").fetchall()
        states, damaged, _ = history_states(rows, ratings, (), (), ())
        return teams, states, damaged
