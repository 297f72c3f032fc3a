"""What the publishing tests compare: each workshop's content as the organisation's server holds it,
and as the local file holds it, both as ``domain.publication.WorkshopContent``."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from maturity_workshop.domain.publication import (
    PublishedAction,
    PublishedNote,
    PublishedRating,
    PublishedRound,
    PublishedTeam,
    PublishedTime,
    WorkshopContent,
    in_order,
)
from maturity_workshop.store.publication import PublicationStore, open_for_publishing

S = "maturity"


def server_contents(org_database) -> dict[str, WorkshopContent]:
    """Every workshop on the server, by uuid, read as the superuser."""
    sql = org_database.sql
    teams = {u: (n, k) for u, n, k in sql(f"SELECT uuid::text, name, name_key FROM {S}.team")}

    def parts(query: str) -> dict[str, list[tuple]]:
        found: dict[str, list[tuple]] = {}
        for row in sql(query):
            found.setdefault(row[0], []).append(row[1:])
        return found

    ratings = parts(f"SELECT workshop_uuid::text, practice_id, current_level, target_level FROM {S}.rating")
    notes = parts(f"SELECT workshop_uuid::text, cell_id, text FROM {S}.cell_note")
    actions = parts(f"SELECT workshop_uuid::text, uuid::text, practice_id, cell_id, title, owner, due_on, status, "
                    f"priority, position, carried_from_uuid::text FROM {S}.action")  # fmt: skip
    times = parts(f"SELECT workshop_uuid::text, practice_id, planned_minutes, spent_seconds FROM {S}.practice_time")
    rounds = parts(f"SELECT workshop_uuid::text, number, practice_id, state, named, phone_cap, opened_at, revealed_at, "
                   f"counts FROM {S}.vote_round")  # fmt: skip
    contents = {}
    for row in sql(f"SELECT uuid::text, team_uuid::text, title, held_on, facilitator, participant_count, model_id, "
                   f"model_version, closed, created_at, updated_at FROM {S}.workshop"):  # fmt: skip
        uuid, team, *fields = row
        contents[uuid] = in_order(WorkshopContent(
            uuid, PublishedTeam(team, *teams[team]), *fields,
            ratings=tuple(PublishedRating(*r) for r in ratings.get(uuid, [])),
            notes=tuple(PublishedNote(*n) for n in notes.get(uuid, [])),
            actions=tuple(PublishedAction(*a) for a in actions.get(uuid, [])),
            times=tuple(PublishedTime(*t) for t in times.get(uuid, [])),
            rounds=tuple(PublishedRound(*r[:-1], tuple(r[-1])) for r in rounds.get(uuid, [])),
        ))  # fmt: skip
    return contents


def local_contents(path: Path) -> dict[str, WorkshopContent]:
    """Every workshop of the file that may be published, by uuid, as a publish reads it."""
    database = open_for_publishing(path)
    try:
        store = PublicationStore(database)
        return {w.uuid: store.content(w.workshop_id)[0] for w in store.survey().workshops}
    finally:
        database.close()


def same_team(contents: dict[str, WorkshopContent], server: dict[str, WorkshopContent]) -> dict[str, WorkshopContent]:
    """``contents`` with each workshop's team as the server knows it (by its name's key)."""
    by_key = {c.team.name_key: c.team for c in server.values()}
    return {u: replace(c, team=by_key.get(c.team.name_key, c.team)) for u, c in contents.items()}


def assert_server_holds(org_database, *paths: Path) -> None:
    """The server holds exactly the publishable workshops of the files, each equal to its content."""
    server = server_contents(org_database)
    local: dict[str, WorkshopContent] = {}
    for path in paths:
        local.update(local_contents(path))
    local = same_team(local, server)
    assert sorted(server) == sorted(local)
    for uuid, content in local.items():
        assert server[uuid] == content, uuid


def many_workshops(path: Path, model, count: int, teams: int = 20) -> None:
    """``count`` workshops of ``teams`` teams, each rated on every practice, with a note and an action."""
    from datetime import date, timedelta

    from maturity_workshop.domain import ActionDraft, Rating, WorkshopDraft
    from maturity_workshop.services import WorkshopService

    service = WorkshopService.open(path, model)
    try:
        for n in range(count):
            workshop = service.start_workshop(
                WorkshopDraft(f"Team {n % teams:02}", f"Review {n}", date(2025, 1, 1) + timedelta(days=n)),
                start_from_previous=False,
            )
            for i, practice in enumerate(model.practices):
                service.save_rating(workshop.id, Rating(practice.id, (n + i) % 4, 3))
            service.save_note(workshop.id, model.cells[n % len(model.cells)].id, f"Note {n}")
            service.add_action(workshop.id, ActionDraft(model.practices[0].id, f"Action {n}"))
    finally:
        service.close()


def superuser_dsn(org_database) -> str:
    """libpq's address of the organisation database, as the cluster's superuser."""
    return org_database.server.url("postgres", org_database.name).replace("+psycopg", "")


def blocking_the_workshop(org_database, workshop_uuid: str):
    """A connection (the superuser's, open transaction) holding an uncommitted workshop row with the
    uuid ``workshop_uuid``: a publish's upsert of that workshop waits on it, inside its transaction
    (its team already written there), until this one ends. Close it to let the publish go on."""
    import psycopg

    connection = psycopg.connect(superuser_dsn(org_database))
    blocker_team = "00000000-0000-4000-8000-000000000001"
    connection.execute(f"INSERT INTO {S}.team (uuid, name, name_key) VALUES (%s, 'Blocker', 'blocker')",
                       (blocker_team,))  # fmt: skip
    connection.execute(
        f"INSERT INTO {S}.workshop (uuid, team_uuid, title, held_on, facilitator, participant_count, model_id, "
        "model_version, closed, created_at, updated_at, content_hash) VALUES (%s, %s, 'Blocker', '2026-01-01', '', 0, "
        "'m', '1', false, now(), now(), '-')", (workshop_uuid, blocker_team))  # fmt: skip
    return connection


def wait_for_a_publish_waiting_on_a_lock(org_database, deadline_s: float = 60.0, stopped=lambda: False) -> None:
    """Until the server shows the app's connection waiting on a lock (or ``stopped()``); bounded."""
    import time

    import psycopg

    with psycopg.connect(superuser_dsn(org_database), autocommit=True) as watcher:
        deadline = time.monotonic() + deadline_s
        while time.monotonic() < deadline and not stopped():
            row = watcher.execute("SELECT count(*) FROM pg_stat_activity WHERE application_name = 'maturity-workshop' "
                                  "AND wait_event_type = 'Lock'").fetchone()  # fmt: skip
            if row[0]:
                return
            time.sleep(0.005)
    raise AssertionError("The publish never reached the blocked workshop.")


def survey_order(path: Path) -> list[tuple[int, str]]:
    """(id, uuid) of the file's workshops in the order a publish takes them."""
    database = open_for_publishing(path)
    try:
        return [(w.workshop_id, w.uuid) for w in PublicationStore(database).survey().workshops]
    finally:
        database.close()
