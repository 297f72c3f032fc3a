"""Publishing a workshops file to the organisation's database.

One connection, the schema checked first (a missing, older or newer one is refused, and nothing is
written anywhere). Then one query for the hashes of this role's workshops on the server, and per
workshop one transaction: its team (the server's, when it knows the team's name under another
UUID), the workshop's row (only when this role published it: another role's stays as it is, and
says so), its parts deleted and written again (so that a removed action or a cleared note goes too),
COMMIT; only then is the publication recorded in the file. A workshop the server holds as it is here
(the same content hash) is recorded without writing. A workshop deleted here is deleted on the
server (this role's only), then its record is dropped.

A publish stops between two workshops when it is cancelled or past its deadline, and at the first
database error (explained for the facilitator): what committed stays committed, on both sides, and
the rest waits for the next publish.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from dataclasses import dataclass, field

from ..domain.errors import DamagedRowError, DomainError
from ..domain.publication import WorkshopContent, content_hash
from ..store.publication import Local, PublicationStore
from .connection import CONNECT_TIMEOUT_S, OrgError, Target, create_engine, explain
from .tables import SCHEMA

log = logging.getLogger(__name__)

_SERVER_HASHES = f"SELECT uuid::text, content_hash FROM {SCHEMA}.workshop WHERE published_by = current_user"
# The team, made when the server has none of its UUID or name's key; the server's UUID for it either way.
_TEAM = (
    f"WITH made AS (INSERT INTO {SCHEMA}.team (uuid, name, name_key) VALUES (%(uuid)s, %(name)s, %(key)s) "
    "ON CONFLICT DO NOTHING RETURNING uuid) "
    f"SELECT uuid::text FROM made UNION ALL (SELECT uuid::text FROM {SCHEMA}.team "
    "WHERE uuid = %(uuid)s OR name_key = %(key)s ORDER BY uuid = %(uuid)s DESC LIMIT 1)"
)
_TEAM_AGAIN = (f"SELECT uuid::text FROM {SCHEMA}.team WHERE uuid = %(uuid)s OR name_key = %(key)s "
               "ORDER BY uuid = %(uuid)s DESC LIMIT 1")  # fmt: skip
_WORKSHOP_COLUMNS = ("uuid", "team_uuid", "title", "held_on", "facilitator", "participant_count", "model_id",
                     "model_version", "closed", "created_at", "updated_at", "content_hash")  # fmt: skip
# No row back: another role published it.
_UPSERT = (
    f"INSERT INTO {SCHEMA}.workshop ({', '.join(_WORKSHOP_COLUMNS)}) VALUES ({', '.join(['%s'] * 12)}) "
    "ON CONFLICT (uuid) DO UPDATE SET "
    + ", ".join(f"{c} = excluded.{c}" for c in _WORKSHOP_COLUMNS[1:])
    + f", published_at = now() WHERE {SCHEMA}.workshop.published_by = current_user RETURNING uuid"
)
_PART_TABLES = ("rating", "cell_note", "action", "practice_time", "vote_round")
_DELETE_PARTS = (
    "WITH " + ", ".join(f"d{n} AS (DELETE FROM {SCHEMA}.{t} WHERE workshop_uuid = %(uuid)s)"
                        for n, t in enumerate(_PART_TABLES[:-1]))
    + f" DELETE FROM {SCHEMA}.vote_round WHERE workshop_uuid = %(uuid)s"
)  # fmt: skip
_OWNER = f"SELECT published_by FROM {SCHEMA}.workshop WHERE uuid = %s AND published_by != current_user"
_DELETE = f"DELETE FROM {SCHEMA}.workshop WHERE uuid = %s AND published_by = current_user"
# Each part's columns and their types: a table's rows go as one array a column (the workshop's uuid
# once), unnested on the server, so that the statement's text is the same for every workshop (psycopg
# prepares it once). A round's counts go as the text of an array, an array of arrays being unnestable.
_PARTS = {
    "rating": (("workshop_uuid", "uuid"), ("practice_id", "text"), ("current_level", "int"), ("target_level", "int")),
    "cell_note": (("workshop_uuid", "uuid"), ("cell_id", "text"), ("text", "text")),
    "action": (("uuid", "uuid"), ("workshop_uuid", "uuid"), ("practice_id", "text"), ("cell_id", "text"),
               ("title", "text"), ("owner", "text"), ("due_on", "date"), ("status", "text"), ("priority", "text"),
               ("position", "int"), ("carried_from_uuid", "uuid")),
    "practice_time": (("workshop_uuid", "uuid"), ("practice_id", "text"), ("planned_minutes", "int"),
                      ("spent_seconds", "int")),
    "vote_round": (("workshop_uuid", "uuid"), ("number", "int"), ("practice_id", "text"), ("state", "text"),
                   ("named", "bool"), ("phone_cap", "int"), ("opened_at", "timestamptz"),
                   ("revealed_at", "timestamptz"), ("counts", "int[]")),
}  # fmt: skip


def _insert(table: str) -> str:
    columns = [c for c, _ in _PARTS[table]]
    arrays = [(c, t) for c, t in _PARTS[table] if c != "workshop_uuid"]
    values = ", ".join("%(workshop)s::uuid" if c == "workshop_uuid" else f"x.{c}" + ("::int[]" if t == "int[]" else "")
                       for c, t in _PARTS[table])  # fmt: skip
    unnest = ", ".join(f"%({table}_{c})s::{'text' if t == 'int[]' else t}[]" for c, t in arrays)
    return (f"INSERT INTO {SCHEMA}.{table} ({', '.join(columns)}) SELECT {values} "
            f"FROM unnest({unnest}) AS x({', '.join(c for c, _ in arrays)})")  # fmt: skip


# Every part of a workshop in one statement: each table's INSERT a data-modifying WITH query.
*_FIRST, _LAST = _PARTS
INSERT_PARTS = "WITH " + ", ".join(f"i_{t} AS ({_insert(t)})" for t in _FIRST) + " " + _insert(_LAST)


def _array_text(counts: tuple[int, ...]) -> str:
    return "{" + ",".join(str(int(n)) for n in counts) + "}"


def parts_params(content: WorkshopContent) -> dict[str, object]:
    """The parameters of :data:`INSERT_PARTS` for ``content``: a list a column of each part."""
    rows = {
        "rating": [(r.practice_id, r.current_level, r.target_level) for r in content.ratings],
        "cell_note": [(n.cell_id, n.text) for n in content.notes],
        "action": [(a.uuid, a.practice_id, a.cell_id, a.title, a.owner, a.due_on, a.status, a.priority, a.position,
                    a.carried_from_uuid) for a in content.actions],
        "practice_time": [(t.practice_id, t.planned_minutes, t.spent_seconds) for t in content.times],
        "vote_round": [(r.number, r.practice_id, r.state, r.named, r.phone_cap, r.opened_at, r.revealed_at,
                        _array_text(r.counts)) for r in content.rounds],
    }  # fmt: skip
    params: dict[str, object] = {"workshop": content.uuid}
    for table, values in rows.items():
        columns = [c for c, _ in _PARTS[table] if c != "workshop_uuid"]
        for n, column in enumerate(columns):
            params[f"{table}_{column}"] = [row[n] for row in values]
    return params


@dataclass
class Outcome:
    published: int = 0
    unchanged: int = 0
    deleted: int = 0
    refused: list[str] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)  # workshops of this file that cannot be read
    error: str | None = None
    cancelled: bool = False
    waiting: int = 0  # of the survey's workshops changed here and its deletions, those not done


class _Refused(Exception):
    """The workshop's row is another role's: its transaction is rolled back."""

    def __init__(self, owner: str) -> None:
        super().__init__(owner)
        self.owner = owner


class Publisher:
    """One publish, on the connection of the thread that runs it."""

    def __init__(self, store: PublicationStore, target: Target, *, progress: Callable[[int, int], None] | None = None,
                 cancelled: Callable[[], bool] | None = None, deadline: float | None = None,
                 connect_timeout: float = CONNECT_TIMEOUT_S) -> None:  # fmt: skip
        self.store = store
        self.target = target
        self.progress = progress
        self.cancelled = cancelled or (lambda: False)
        self.deadline = deadline
        self.connect_timeout = connect_timeout
        self.outcome = Outcome()
        self._teams: dict[str, str] = {}  # name_key -> the server's team uuid, once committed
        self._done: set[str] = set()  # the uuids recorded (or forgotten) in this run

    def run(self) -> Outcome:
        from sqlalchemy import text
        from sqlalchemy.exc import SQLAlchemyError

        import psycopg

        survey = self.store.survey()
        engine = create_engine(self.target, connect_timeout=self.connect_timeout)
        try:
            with engine.connect() as connection:
                from .schema import check

                check(connection)
                server = dict(connection.execute(text(_SERVER_HASHES)).all())
                connection.commit()
                todo = [w for w in survey.workshops if w.changed or server.get(w.uuid) != w.published_hash]
                self.outcome.unchanged = len(survey.workshops) - len(todo)  # on the server as published
                pg = connection.connection.driver_connection
                pg.autocommit = True
                try:
                    self._publish(pg, server, todo, list(survey.deletions))
                finally:
                    if not pg.closed:
                        pg.autocommit = False
        except DomainError as error:  # the schema refused, or the file could not record what was published
            self.outcome.error = str(error)
        except (SQLAlchemyError, psycopg.Error) as error:
            self.outcome.error = str(explain(error, self.target))
            log.warning("Publishing to %s stopped: %s", self.target.shown, error)
        finally:
            engine.dispose()
        waiting = {w.uuid for w in survey.waiting} | set(survey.deletions)
        self.outcome.waiting = len(waiting - self._done)
        return self.outcome

    def _stop_now(self) -> bool:
        if self.cancelled():
            self.outcome.cancelled = True
            return True
        return self.deadline is not None and time.monotonic() >= self.deadline

    def _publish(self, pg, server: dict[str, str], todo: list[Local], deletions: list[str]) -> None:
        total, done = len(todo) + len(deletions), 0
        for uuid in deletions:
            if self._stop_now():
                return
            with pg.transaction():
                gone = pg.execute(_DELETE, (uuid,)).rowcount  # 0: not there, or another role's
            self.store.forget(uuid)
            self._done.add(uuid)
            self.outcome.deleted += gone
            done += 1
            self._progress(done, total)
        for local in todo:
            if self._stop_now():
                return
            self._one(pg, server, local)
            done += 1
            self._progress(done, total)

    def _progress(self, done: int, total: int) -> None:
        if self.progress is not None:
            self.progress(done, total)

    def _one(self, pg, server: dict[str, str], local: Local) -> None:
        import psycopg  # loaded with the run

        try:
            read = self.store.content(local.workshop_id)
        except DamagedRowError as error:
            self.outcome.skipped.append(str(error))
            return
        if read is None:  # deleted (or made demo) meanwhile: the next publish sees it so
            return
        content, marker = read
        digest = content_hash(content)
        if server.get(content.uuid) == digest:
            self.store.record(content.uuid, digest, marker)
            self._done.add(content.uuid)
            self.outcome.unchanged += 1
            return
        try:
            team = self._write(pg, content, digest)
        except _Refused as refused:
            self.outcome.refused.append(
                f"{content.label} is {refused.owner}'s on the organisation database; it was not published."
            )
            return
        except (psycopg.DataError, psycopg.IntegrityError) as error:  # this workshop's, not the server's
            first = str(error).strip().splitlines()[0] if str(error).strip() else type(error).__name__
            self.outcome.skipped.append(f"{content.label} was not published: the organisation database refused it ({first}).")
            log.warning("Publishing %s was refused: %s", content.uuid, error)
            return
        self._teams[content.team.name_key] = team
        server[content.uuid] = digest
        self.store.record(content.uuid, digest, marker)
        self._done.add(content.uuid)
        self.outcome.published += 1

    def _write(self, pg, content: WorkshopContent, digest: str) -> str:
        """The workshop written whole in one transaction, its statements sent together (psycopg's
        pipeline: one wait for the server, not one a statement); the server's uuid of its team. Another
        role's workshop: the upsert changes nothing, and its parts' INSERT is refused by row-level
        security, which undoes the transaction."""
        from psycopg.errors import InsufficientPrivilege

        team = self._teams.get(content.team.name_key)
        try:
            with pg.pipeline(), pg.transaction():
                team = team or self._team(pg, content)
                upsert = pg.execute(_UPSERT, (
                    content.uuid, team, content.title, content.held_on, content.facilitator, content.participant_count,
                    content.model_id, content.model_version, content.closed, content.created_at, content.updated_at,
                    digest,
                ))  # fmt: skip
                pg.execute(_DELETE_PARTS, {"uuid": content.uuid})
                pg.execute(INSERT_PARTS, parts_params(content))
        except InsufficientPrivilege:
            self._refuse_if_anothers(pg, content.uuid)
            raise
        if upsert.fetchone() is None:  # no parts to refuse: nothing of it was written either
            self._refuse_if_anothers(pg, content.uuid)
            raise OrgError(f"{content.label} was not written on the organisation database.")
        return team

    @staticmethod
    def _refuse_if_anothers(pg, uuid: str) -> None:
        row = pg.execute(_OWNER, (uuid,)).fetchone()
        if row is not None:
            raise _Refused(row[0])

    @staticmethod
    def _team(pg, content: WorkshopContent) -> str:
        values = {"uuid": content.team.uuid, "name": content.team.name, "key": content.team.name_key}
        row = pg.execute(_TEAM, values).fetchone()
        if row is None:  # made by another publish meanwhile: committed after this statement began
            row = pg.execute(_TEAM_AGAIN, values).fetchone()
        if row is None:
            raise OrgError(f"The team {content.team.name} could not be made on the organisation database.")
        return row[0]
