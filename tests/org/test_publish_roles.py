"""Several facilitators publishing to one organisation database: another role's workshop is refused
by name and left as it is, one team is one team whoever typed its name, two laptops publishing at
once both finish, and a restored old backup publishes its own content without duplicating any."""

from __future__ import annotations

import shutil
import sqlite3
import threading
import uuid
from datetime import date

from maturity_workshop.domain import Rating, WorkshopDraft
from maturity_workshop.services import WorkshopService
from maturity_workshop.services.publishing import publish, waiting_count

from ..history_fixture import make_history
from .published import S, assert_server_holds, server_contents

TIMEOUT = 120


def _file(path, model, teams: list[str], title: str = "Review") -> list:
    service = WorkshopService.open(path, model)
    try:
        made = []
        for n, team in enumerate(teams):
            workshop = service.start_workshop(WorkshopDraft(team, f"{title} {n}", date(2026, 5, 1 + n % 28)),
                                              start_from_previous=False)  # fmt: skip
            service.save_rating(workshop.id, Rating("testing", n % 4, 3))
            made.append(workshop)
        return made
    finally:
        service.close()


def test_another_roles_workshops_are_refused_by_name_and_left_as_they_are(db_path, model, tmp_path, org_database):
    service = WorkshopService.open(db_path, model)
    made = make_history(service)
    service.close()
    assert publish(db_path, org_database.url("alice")).published == 5
    before = org_database.sql(f"SELECT uuid, title, content_hash, published_at, xmin::text FROM {S}.workshop ORDER BY 1")
    copy = tmp_path / "bobs.sqlite3"
    shutil.copy(db_path, copy)
    service = WorkshopService.open(copy, model)
    service.save_rating(made.workshops["fourth"].id, Rating("testing", 0, 0))  # bob's change to alice's workshop
    own = service.start_workshop(WorkshopDraft("Bob's team", "Bob's own", date(2026, 6, 1)))
    service.close()

    report = publish(copy, org_database.url("bob"))
    assert report.published == 1 and report.error is None
    assert len(report.refused) == 5
    assert "“fourth” (Platform team) is alice's on the organisation database; it was not published." in report.refused
    assert all("is alice's on the organisation database" in message for message in report.refused)
    assert org_database.sql(f"SELECT uuid, title, content_hash, published_at, xmin::text FROM {S}.workshop "
                            f"WHERE published_by = 'alice' ORDER BY 1") == before  # fmt: skip
    assert org_database.sql(f"SELECT uuid::text, published_by FROM {S}.workshop WHERE published_by = 'bob'") == [
        (own.uuid, "bob")]
    assert publish(copy, org_database.url("bob")).published == 0  # refused again, nothing recorded as published
    assert waiting_count(copy) == 1  # the one bob changed: the others are as alice published them
    service = WorkshopService.open(copy, model)
    service.delete_workshop(made.workshops["first"].id)  # gone from bob's copy: not from the server
    service.close()
    deleting = publish(copy, org_database.url("bob"))
    assert (deleting.deleted, deleting.error) == (0, None)
    assert made.workshops["first"].uuid in server_contents(org_database)


def test_one_team_on_the_server_however_each_laptop_typed_its_name(tmp_path, model, org_database):
    alices, bobs = tmp_path / "alice.sqlite3", tmp_path / "bob.sqlite3"
    [mine] = _file(alices, model, ["Platform Team"], "Alice's")
    [theirs] = _file(bobs, model, ["  platform   TEAM "], "Bob's")
    assert publish(alices, org_database.url("alice")).published == 1
    assert publish(bobs, org_database.url("bob")).published == 1
    assert org_database.sql(f"SELECT name, name_key, published_by FROM {S}.team") == [
        ("Platform Team", "platform team", "alice")]
    teams = org_database.sql(f"SELECT DISTINCT team_uuid FROM {S}.workshop")
    assert len(teams) == 1 and len(server_contents(org_database)) == 2


def test_a_team_the_server_knows_under_another_uuid_is_the_servers(db_path, model, org_database):
    other = uuid.uuid4()
    org_database.sql(f"INSERT INTO {S}.team (uuid, name, name_key) VALUES ('{other}', 'Payments', 'payments')",
                     role="bob")
    _file(db_path, model, ["PAYMENTS"])
    assert publish(db_path, org_database.url("alice")).published == 1
    assert org_database.sql(f"SELECT team_uuid FROM {S}.workshop") == [(other,)]
    assert org_database.sql(f"SELECT count(*) FROM {S}.team") == [(1,)]
    assert_server_holds(org_database, db_path)


def test_two_laptops_publishing_at_once_both_finish_without_duplicate_teams(tmp_path, model, org_database):
    files = {"alice": tmp_path / "alice.sqlite3", "bob": tmp_path / "bob.sqlite3"}
    _file(files["alice"], model, [f"Team {n}" for n in range(0, 30)], "Alice's")
    _file(files["bob"], model, [f"team  {n}" for n in range(15, 45)], "Bob's")
    reports, start = {}, threading.Barrier(2, timeout=TIMEOUT)

    def run(role: str) -> None:
        start.wait()
        reports[role] = publish(files[role], org_database.url(role))

    threads = [threading.Thread(target=run, args=(role,)) for role in files]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(TIMEOUT)
    assert not any(thread.is_alive() for thread in threads)
    assert [(r.published, r.error, r.refused, r.waiting) for r in reports.values()] == [(30, None, (), 0)] * 2
    assert org_database.sql(f"SELECT count(*), count(DISTINCT name_key) FROM {S}.team") == [(45, 45)]
    assert_server_holds(org_database, *files.values())


def test_a_restored_old_backup_publishes_its_own_content_and_duplicates_nothing(db_path, model, tmp_path, org_database):
    [workshop] = _file(db_path, model, ["Platform team"])
    assert publish(db_path, org_database.url("alice")).published == 1
    old = tmp_path / "old.sqlite3"
    shutil.copy(db_path, old)
    service = WorkshopService.open(db_path, model)
    service.save_rating(workshop.id, Rating("build-ci", 2, 3))
    service.save_note(workshop.id, "build-ci.repeatable", "Later note")
    service.close()
    assert publish(db_path, org_database.url("alice")).published == 1
    assert org_database.sql(f"SELECT count(*) FROM {S}.cell_note") == [(1,)]

    shutil.copy(old, db_path)  # the old copy put back
    report = publish(db_path, org_database.url("alice"))
    assert (report.published, report.error, report.waiting) == (1, None, 0)
    assert org_database.sql(f"SELECT count(*) FROM {S}.workshop") == [(1,)]
    assert org_database.sql(f"SELECT count(*) FROM {S}.cell_note") == [(0,)]
    assert_server_holds(org_database, db_path)


def test_a_newer_server_schema_is_refused_and_nothing_is_written_on_either_side(db_path, model, org_database):
    _file(db_path, model, ["Platform team", "Payments"])
    org_database.sql(f"UPDATE {S}.alembic_version SET version_num = 'o0099'")
    report = publish(db_path, org_database.url("alice"))
    assert report.error is not None and "newer Maturity Workshop" in report.error
    assert (report.published, report.waiting) == (0, 2)
    assert report.summary().startswith("Not published: The organisation database was upgraded by a newer")
    assert org_database.sql(f"SELECT count(*) FROM {S}.workshop") == [(0,)]
    assert org_database.sql(f"SELECT count(*) FROM {S}.team") == [(0,)]
    with sqlite3.connect(db_path) as connection:
        assert connection.execute("SELECT count(*) FROM publication").fetchone() == (0,)


def test_a_pulled_copys_workshops_are_never_published(db_path, model, org_database):
    made = _file(db_path, model, ["Platform team", "Payments"])
    with sqlite3.connect(db_path) as connection:
        connection.execute("UPDATE workshop SET published_by = 'carol' WHERE id = ?", (made[0].id,))
    connection.close()
    assert waiting_count(db_path) == 1
    assert publish(db_path, org_database.url("alice")).published == 1
    assert set(server_contents(org_database)) == {made[1].uuid}


def test_a_reader_cannot_publish_and_is_told_why(db_path, model, org_database):
    _file(db_path, model, ["Platform team"])
    report = publish(db_path, org_database.url("carol"))
    assert report.error is not None and report.error.startswith("The organisation database refused this for carol")
    assert (report.published, report.waiting) == (0, 1)
    assert org_database.sql(f"SELECT count(*) FROM {S}.team") == [(0,)]


def test_a_workshop_the_file_cannot_read_is_named_and_the_others_are_published(db_path, model, org_database):
    made = _file(db_path, model, ["Platform team", "Payments"])
    with sqlite3.connect(db_path) as connection:
        connection.execute("UPDATE workshop SET held_on = 'not a date' WHERE id = ?", (made[0].id,))
    connection.close()
    report = publish(db_path, org_database.url("alice"))
    assert report.published == 1 and report.error is None and report.failed
    [skipped] = report.skipped
    assert skipped.startswith(f"Workshop {made[0].id} cannot be opened, because a value cannot be read for publishing")
    assert set(server_contents(org_database)) == {made[1].uuid}
