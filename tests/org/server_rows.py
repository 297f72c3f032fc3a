"""Workshops put on the organisation's database directly, as a given role, shaped as
``org/tables.py`` declares them: what a facilitator's laptop would have published. For the tests
of pulling (and the benchmark), which do not depend on how publishing writes them."""

from __future__ import annotations

import uuid
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta

from maturity_workshop.domain.identity import action_uuid, team_uuid, workshop_uuid
from maturity_workshop.domain.workshop import team_key

SCHEMA = "maturity"


@dataclass
class ServerAction:
    practice_id: str
    title: str
    owner: str = ""
    cell_id: str | None = None
    due_on: date | None = None
    status: str = "open"
    priority: str = "medium"
    carried_from: str | None = None  # the uuid of the action this one carries over


@dataclass
class ServerRound:
    practice_id: str
    counts: tuple[int, int, int, int, int]  # votes at levels -1, 0, 1, 2, 3
    state: str = "revealed"
    named: bool = False
    phone_cap: int = 12


@dataclass
class ServerWorkshop:
    title: str
    held_on: date
    ratings: dict[str, tuple[int | None, int | None]] = field(default_factory=dict)
    notes: dict[str, str] = field(default_factory=dict)
    actions: list[ServerAction] = field(default_factory=list)
    times: dict[str, tuple[int, int]] = field(default_factory=dict)  # planned minutes, seconds spent
    rounds: list[ServerRound] = field(default_factory=list)
    facilitator: str = "Ada"
    participant_count: int = 8
    closed: bool = True
    # set by publish(): the workshop's uuid and each action's, in order
    uuid: str = ""
    action_uuids: list[str] = field(default_factory=list)


def _engine(org_database, role: str):
    from sqlalchemy import create_engine
    from sqlalchemy.pool import NullPool

    return create_engine(org_database.server.url(role, org_database.name), poolclass=NullPool)


def publish(org_database, role: str, team: str, workshops: Iterable[ServerWorkshop]) -> list[ServerWorkshop]:
    """Put ``team`` (unless it is there) and ``workshops`` with all their parts on the server as
    ``role``, in one transaction; each workshop's ``uuid`` and ``action_uuids`` filled in."""
    from sqlalchemy import text

    workshops = list(workshops)
    engine = _engine(org_database, role)
    team_id = team_uuid(team_key(team))
    try:
        with engine.begin() as sql:
            sql.execute(text(f"INSERT INTO {SCHEMA}.team (uuid, name, name_key) VALUES (:u, :n, :k) "
                             "ON CONFLICT DO NOTHING"), {"u": team_id, "n": team, "k": team_key(team)})  # fmt: skip
            insert_workshops(sql, team_id, workshops)
    finally:
        engine.dispose()
    return workshops


def insert_workshops(sql, team_id: str, workshops: list[ServerWorkshop]) -> None:
    """The rows of ``workshops`` of the team ``team_id`` on ``sql`` (an SQLAlchemy connection)."""
    from sqlalchemy import text

    for number, workshop in enumerate(workshops, 1):
        created = datetime.combine(workshop.held_on, datetime.min.time(), UTC) + timedelta(hours=9, microseconds=number)
        workshop.uuid = workshop.uuid or workshop_uuid(team_id, created, number)
        sql.execute(text(
            f"INSERT INTO {SCHEMA}.workshop (uuid, team_uuid, title, held_on, facilitator, participant_count, model_id, "
            "model_version, closed, created_at, updated_at, content_hash) VALUES (:uuid, :team, :title, :held_on, "
            ":facilitator, :count, 'cd-maturity', '1.0', :closed, :created, :updated, :hash)"),
            {"uuid": workshop.uuid, "team": team_id, "title": workshop.title, "held_on": workshop.held_on,
             "facilitator": workshop.facilitator, "count": workshop.participant_count, "closed": workshop.closed,
             "created": created, "updated": created + timedelta(hours=2), "hash": uuid.uuid4().hex})  # fmt: skip
        if workshop.ratings:
            sql.execute(text(f"INSERT INTO {SCHEMA}.rating (workshop_uuid, practice_id, current_level, target_level) VALUES (:w, :p, :c, :t)"),
                        [{"w": workshop.uuid, "p": p, "c": c, "t": t} for p, (c, t) in workshop.ratings.items()])
        if workshop.notes:
            sql.execute(text(f"INSERT INTO {SCHEMA}.cell_note (workshop_uuid, cell_id, text) VALUES (:w, :c, :t)"),
                        [{"w": workshop.uuid, "c": c, "t": t} for c, t in workshop.notes.items()])
        if workshop.times:
            sql.execute(text(f"INSERT INTO {SCHEMA}.practice_time (workshop_uuid, practice_id, planned_minutes, spent_seconds) VALUES (:w, :p, :m, :s)"),
                        [{"w": workshop.uuid, "p": p, "m": m, "s": s} for p, (m, s) in workshop.times.items()])
        workshop.action_uuids = [action_uuid(workshop.uuid, i) for i in range(1, len(workshop.actions) + 1)]
        positions: dict[str, int] = {}
        for action, action_id in zip(workshop.actions, workshop.action_uuids):
            position = positions[action.practice_id] = positions.get(action.practice_id, -1) + 1
            sql.execute(text(
                f"INSERT INTO {SCHEMA}.action (uuid, workshop_uuid, practice_id, cell_id, title, owner, due_on, status, "
                "priority, position, carried_from_uuid) VALUES (:u, :w, :p, :c, :t, :o, :d, :s, :pr, :pos, :from)"),
                {"u": action_id, "w": workshop.uuid, "p": action.practice_id, "c": action.cell_id, "t": action.title,
                 "o": action.owner, "d": action.due_on, "s": action.status, "pr": action.priority, "pos": position,
                 "from": action.carried_from})  # fmt: skip
        for number_of_round, voting in enumerate(workshop.rounds, 1):
            opened = created + timedelta(minutes=10 * number_of_round)
            sql.execute(text(
                f"INSERT INTO {SCHEMA}.vote_round (workshop_uuid, number, practice_id, state, named, phone_cap, opened_at, "
                "revealed_at, counts) VALUES (:w, :n, :p, :s, :named, :cap, :opened, :revealed, :counts)"),
                {"w": workshop.uuid, "n": number_of_round, "p": voting.practice_id, "s": voting.state,
                 "named": voting.named, "cap": voting.phone_cap, "opened": opened,
                 "revealed": opened + timedelta(minutes=3) if voting.state == "revealed" else None,
                 "counts": list(voting.counts)})  # fmt: skip


# -- the organisation the pulling tests read ------------------------------------------------------
# alice's team Payments (two workshops) and bob's Search (one):
#
#     team        latest (previous)          build-ci           testing
#     Payments    2026-10-01 (2026-05-01)    2/3 (was 1): +1    2/2 (was 0): +2
#     Search      2026-09-15                 3/3 (first)        -
def put_organisation(org_database) -> dict[str, list[ServerWorkshop]]:
    spring = ServerWorkshop(
        "Spring review", date(2026, 5, 1), ratings={"build-ci": (1, 3), "testing": (0, 2)},
        notes={"build-ci.on-commit": "Builds take an hour"}, times={"build-ci": (20, 1500)},
        actions=[ServerAction("build-ci", "Cache the dependencies", "Grace", due_on=date(2026, 6, 1))],
        rounds=[ServerRound("build-ci", (0, 1, 3, 1, 0))],
    )
    publish(org_database, "alice", "Payments", [spring])
    autumn = ServerWorkshop(
        "Autumn review", date(2026, 10, 1), ratings={"build-ci": (2, 3), "testing": (2, 2)},
        notes={"testing.automated": "Most tests run on every commit"}, times={"build-ci": (15, 600), "testing": (10, 0)},
        actions=[ServerAction("build-ci", "Cache the dependencies", "Grace", status="done",
                              carried_from=spring.action_uuids[0]),
                 ServerAction("testing", "Add contract tests", "Linus", cell_id="testing.automated", priority="high")],
        rounds=[ServerRound("testing", (0, 0, 1, 4, 2)), ServerRound("build-ci", (1, 0, 0, 2, 0), state="cancelled")],
        closed=False,
    )
    publish(org_database, "alice", "Payments", [autumn])
    search = ServerWorkshop("Kick-off", date(2026, 9, 15), ratings={"build-ci": (3, 3)}, facilitator="Bea")
    publish(org_database, "bob", "Search", [search])
    return {"Payments": [spring, autumn], "Search": [search]}
