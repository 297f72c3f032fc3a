"""Pulling the organisation: every workshop the organisation's database holds, whoever published
it, copied into a local read-only cache (``organisation-cache.sqlite3``, beside the workshops file).

The cache is a workshops file like any other (made by ``store.engine``'s own migrations), so the
same repository reads it: the heat map, a team's history and two workshops compared read the cache
as they read the laptop's own file. Each workshop keeps its UUID and, in ``published_by``, the role
that published it; each action the action it carries over (when that one is in the cache too); each
round of votes its distribution, as anonymous votes ("1", "2", ...) that tally the same.

The cache is built as a new file beside the old one and put in its place (``os.replace``) only once
whole: a pull that fails or is cancelled midway leaves the previous cache exactly as it was. The
server is read in one consistent snapshot (REPEATABLE READ, read-only), one streamed query per
table, whatever the number of workshops. Facts kept in the cache's ``app_state``: when it was
synced (UTC), from where (the address with no password) and as which role.
"""

from __future__ import annotations

import logging
import os
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from ..domain.clock import utcnow
from ..domain.publication import COUNTED_LEVELS  # the levels of a round's counts on the server, in order
from .connection import OrgError, Target, create_engine, explain
log = logging.getLogger(__name__)

SYNCED_AT_KEY = "organisation.synced_at"  # when the cache was pulled, UTC (store.rows' time text)
SOURCE_KEY = "organisation.source"  # from where: Target.shown, never a password
PLACE_KEY = "organisation.place"  # the same, said shortly: Target.place
ROLE_KEY = "organisation.role"  # as which role
BATCH = 10_000  # rows fetched from the server, and written to the cache, at a time
_EMPTY: list[bytes] = []  # an empty cache as the store's migrations made it, once a run

Progress = Callable[[int, int], None]  # rows copied so far, rows in all
Cancelled = Callable[[], bool]


class PullCancelled(OrgError):
    """The pull was stopped before it was done; the previous cache is kept as it was."""


@dataclass(frozen=True)
class Pulled:
    """What a pull copied: how many teams and workshops, when, from where and as whom."""

    teams: int
    workshops: int
    synced_at: datetime
    source: str
    role: str

    @property
    def summary(self) -> str:
        teams = f"{self.teams} team{'' if self.teams == 1 else 's'}"
        workshops = f"{self.workshops} workshop{'' if self.workshops == 1 else 's'}"
        return f"Pulled {teams} and {workshops} from {self.source} as {self.role} ({self.synced_at:%Y-%m-%d %H:%M} UTC)"


# The server's rows, each query the whole organisation (uuids as text, ordered as the cache wants
# them); "{s}" is the schema. Only the distribution of each round's votes is there, never who voted.
_TABLES = ("team", "workshop", "rating", "cell_note", "action", "practice_time", "vote_round")
_COUNT = "SELECT " + ", ".join(f"(SELECT count(*) FROM {{s}}.{table})" for table in _TABLES)
_TEAMS = "SELECT uuid::text, name, name_key, published_at FROM {s}.team ORDER BY name_key"
_WORKSHOPS = (
    "SELECT uuid::text, team_uuid::text, title, held_on, facilitator, participant_count, model_id, model_version, "
    "closed, created_at, updated_at, published_by FROM {s}.workshop ORDER BY held_on, created_at, uuid"
)
_RATINGS = "SELECT workshop_uuid::text, practice_id, current_level, target_level FROM {s}.rating"
_NOTES = "SELECT workshop_uuid::text, cell_id, text FROM {s}.cell_note"
_ACTIONS = (
    "SELECT uuid::text, workshop_uuid::text, practice_id, cell_id, title, owner, due_on, status, priority, position, "
    "carried_from_uuid::text FROM {s}.action ORDER BY workshop_uuid, practice_id, position, uuid"
)
_TIMES = "SELECT workshop_uuid::text, practice_id, planned_minutes, spent_seconds FROM {s}.practice_time"
_ROUNDS = (
    "SELECT workshop_uuid::text, practice_id, state, named, phone_cap, opened_at, revealed_at, counts "
    "FROM {s}.vote_round ORDER BY workshop_uuid, number"
)


def _sql(query: str):
    """``query`` on the organisation's schema (its tables' module loads only when the server is read)."""
    from sqlalchemy import text

    from .tables import SCHEMA

    return text(query.format(s=SCHEMA))


def _partial_path(cache_path: Path) -> Path:
    return cache_path.with_name(cache_path.name + ".partial")


def _remove(path: Path) -> None:
    from ..store.engine import remove_database_files

    remove_database_files(path)


def pull(target: Target, cache_path: Path | str, progress: Progress | None = None,
         cancelled: Cancelled | None = None, clock: Callable[[], datetime] = utcnow) -> Pulled:  # fmt: skip
    """Copy every workshop of the organisation into the cache at ``cache_path`` (see the module).
    ``progress(done, total)`` is told the rows copied as it goes; ``cancelled()``, asked as often,
    stops it (:class:`PullCancelled`). Any failure raises :class:`OrgError`, the old cache untouched."""
    from ..store.lock import DatabaseLock, DatabaseLockedError

    cache_path = Path(cache_path)
    partial = _partial_path(cache_path)
    try:  # one pull at a time into this copy (the window's Sync now, the command line's pull)
        lock = DatabaseLock.acquire(partial)
    except DatabaseLockedError:
        raise OrgError("Another sync of the organisation into this copy is under way on this computer; "
                       "wait for it to end, then sync again.") from None
    try:
        return _pull(target, cache_path, partial, progress, cancelled, clock)
    finally:
        lock.release()


def _pull(target: Target, cache_path: Path, partial: Path, progress: Progress | None, cancelled: Cancelled | None,
          clock: Callable[[], datetime]) -> Pulled:  # fmt: skip
    from sqlalchemy.exc import SQLAlchemyError

    _remove(partial)  # what a pull that was killed left
    engine = create_engine(target)
    try:
        with engine.connect() as connection:
            # One snapshot of the server for every table's query, and nothing written there.
            connection = connection.execution_options(isolation_level="REPEATABLE READ", postgresql_readonly=True)
            pulled = _copy(connection, target, partial, progress, cancelled, clock)
        os.replace(partial, cache_path)
    except SQLAlchemyError as error:
        _remove(partial)
        raise explain(error, target) from None
    except OSError as error:
        _remove(partial)
        raise OrgError(f"The organisation's copy could not be written beside {cache_path}: {error.strerror or error}. "
                       "The copy synced before is kept as it was.") from None
    except BaseException:
        _remove(partial)
        raise
    finally:
        engine.dispose()
    log.info("Pulled %d teams and %d workshops from %s as %s into %s.", pulled.teams, pulled.workshops,
             pulled.source, pulled.role, cache_path)  # fmt: skip
    return pulled


def _copy(connection, target: Target, partial: Path, progress: Progress | None, cancelled: Cancelled | None,
          clock: Callable[[], datetime]) -> Pulled:  # fmt: skip
    from .schema import check

    check(connection)
    role = connection.execute(_sql("SELECT current_user")).scalar()
    total = sum(connection.execute(_sql(_COUNT)).one())
    copier = _Copier(connection, progress, cancelled, total)
    database = _new_cache(partial)
    try:
        with database.transaction() as sql:
            copier.copy(sql)
            synced_at = clock()
            _facts(sql, synced_at, target, role)
    finally:
        database.close()
    with open(partial, "rb+") as written:  # on the disk before it takes the old one's place
        os.fsync(written.fileno())
    connection.rollback()
    return Pulled(copier.teams, copier.workshops, synced_at, target.shown, role)


def _new_cache(partial: Path):
    """A new, empty cache at ``partial``: the store's schema, made by its own migrations the first
    time in a run and copied after (the same bytes, without running them again). One file with
    nothing beside it (no write-ahead log), written without waiting on the disk, in a page cache of
    64 MB: it is a file of its own until it is whole, and synced once before it takes the old one's
    place."""
    from ..store.engine import open_database

    if _EMPTY:
        partial.write_bytes(_EMPTY[0])
    else:
        open_database(partial).close()
        _EMPTY.append(partial.read_bytes())
    database = open_database(partial)  # checks its revision, and opens it as every workshops file
    # Every reference is made here from the server's keys (a key it lacks fails the pull), so the
    # foreign keys are not looked up row by row.
    for pragma in ("PRAGMA journal_mode = DELETE", "PRAGMA synchronous = OFF", "PRAGMA foreign_keys = OFF",
                   "PRAGMA cache_size = -65536"):  # fmt: skip
        database.connection.execute(pragma)
    return database


def _facts(sql, synced_at: datetime, target: Target, role: str) -> None:
    from ..store.queries import INSERT
    from ..store.rows import to_text

    facts = {SYNCED_AT_KEY: to_text(synced_at), SOURCE_KEY: target.shown, PLACE_KEY: target.place, ROLE_KEY: role}
    sql.executemany(INSERT["app_state"], facts.items())


class _Copier:
    """The server's rows into the new cache's tables, a batch at a time, ids given as they come."""

    def __init__(self, connection, progress: Progress | None, cancelled: Cancelled | None, total: int) -> None:
        self.connection, self.progress, self.cancelled, self.total = connection, progress, cancelled, total
        self.done = 0
        self.team_ids: dict[str, int] = {}
        self.workshop_ids: dict[str, int] = {}
        self.workshop_times: dict[int, str] = {}  # a workshop's updated_at: its parts' time
        self.teams = self.workshops = 0

    def _batches(self, query: str):
        result = self.connection.execution_options(yield_per=BATCH).execute(_sql(query))
        for rows in result.partitions():
            if self.cancelled is not None and self.cancelled():
                raise PullCancelled("The sync was cancelled; the copy synced before is kept as it was.")
            yield rows
            self.done += len(rows)
            if self.progress is not None:
                self.progress(self.done, self.total)

    def copy(self, sql) -> None:
        from ..store.queries import INSERT, INSERT_COLUMNS
        from ..store.rows import to_text

        for rows in self._batches(_TEAMS):
            values = []
            for uuid, name, name_key, published_at in rows:
                self.team_ids[uuid] = team_id = len(self.team_ids) + 1
                values.append((team_id, name, name_key, False, to_text(published_at), to_text(published_at), uuid))
            sql.executemany(_insert("team", ("id", *INSERT_COLUMNS["team"])), values)
        self.teams = len(self.team_ids)
        columns = (*INSERT_COLUMNS["workshop"], "published_by")
        for rows in self._batches(_WORKSHOPS):
            values = []
            for uuid, team, title, held_on, facilitator, count, model_id, version, closed, created, updated, by in rows:
                self.workshop_ids[uuid] = workshop_id = len(self.workshop_ids) + 1
                self.workshop_times[workshop_id] = updated = to_text(updated)
                values.append((workshop_id, self.team_ids[team], title, held_on.isoformat(), facilitator, count,
                               model_id, version, closed, to_text(created), updated, uuid, by))  # fmt: skip
            sql.executemany(_insert("workshop", columns), values)
        self.workshops = len(self.workshop_ids)
        self._parts(sql, _RATINGS, INSERT["rating"])
        self._parts(sql, _NOTES, INSERT["cell_note"])
        self._parts(sql, _TIMES, INSERT["practice_time"])
        self._actions(sql)
        self._rounds(sql)

    def _parts(self, sql, query: str, insert: str) -> None:
        """Rows of a workshop's own (workshop uuid first), stamped with their workshop's time."""
        for rows in self._batches(query):
            values = []
            for workshop_uuid, *fields in rows:
                workshop_id = self.workshop_ids[workshop_uuid]
                moment = self.workshop_times[workshop_id]
                values.append((workshop_id, *fields, moment, moment))
            sql.executemany(insert, values)

    def _actions(self, sql) -> None:
        from ..store.queries import INSERT

        action_ids: dict[str, int] = {}
        carried: list[tuple[int, str]] = []
        for rows in self._batches(_ACTIONS):
            values = []
            for uuid, workshop_uuid, practice, cell, title, owner, due_on, status, priority, position, carried_from in rows:
                action_ids[uuid] = action_id = len(action_ids) + 1
                workshop_id = self.workshop_ids[workshop_uuid]
                moment = self.workshop_times[workshop_id]
                values.append((action_id, workshop_id, practice, cell, title, owner,
                               due_on.isoformat() if due_on else None, status, priority, position, None, moment, moment))  # fmt: skip
                if carried_from is not None:
                    carried.append((action_id, carried_from))
            sql.executemany(INSERT["action"], values)
        # The action carried over, once every action has its id; one not published stays unknown.
        sql.executemany(
            "UPDATE action SET carried_from_id = ? WHERE id = ?",
            [(action_ids[uuid], action_id) for action_id, uuid in carried if uuid in action_ids],
        )

    def _rounds(self, sql) -> None:
        """Each round with anonymous votes rebuilt from its counts: voters "1", "2", ... of the round."""
        from ..store.queries import INSERT, INSERT_COLUMNS
        from ..store.rows import to_text

        round_id = 0
        for rows in self._batches(_ROUNDS):
            rounds, votes = [], []
            for workshop_uuid, practice, state, named, cap, opened_at, revealed_at, counts in rows:
                round_id += 1
                workshop_id = self.workshop_ids[workshop_uuid]
                opened, revealed = to_text(opened_at), to_text(revealed_at) if revealed_at else None
                moment = self.workshop_times[workshop_id]
                rounds.append((round_id, workshop_id, practice, state, named, cap, opened, revealed, moment, moment))
                cast = revealed or opened
                levels = [level for level, count in zip(COUNTED_LEVELS, counts or ()) for _ in range(count or 0)]
                votes.extend((round_id, str(n), level, cast, cast) for n, level in enumerate(levels, 1))
            sql.executemany(_insert("vote_round", ("id", *INSERT_COLUMNS["vote_round"])), rounds)
            sql.executemany(INSERT["vote"], votes)


def _insert(table: str, columns: tuple[str, ...]) -> str:
    return f"INSERT INTO {table} ({', '.join(columns)}) VALUES ({', '.join('?' * len(columns))})"
