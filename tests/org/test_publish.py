"""Publishing a workshops file to a real organisation database: the server ends up holding each
workshop as the file holds it, a publish with nothing changed writes nothing, a change arrives whole,
a deletion is published, and demo data never leaves the laptop."""

from __future__ import annotations

from dataclasses import replace

import pytest

from maturity_workshop.domain import Rating
from maturity_workshop.services import WorkshopService
from maturity_workshop.services.publishing import publish, waiting_count

from ..history_fixture import make_history, vote_history
from .published import S, assert_server_holds, server_contents


@pytest.fixture
def history_file(db_path, model):
    service = WorkshopService.open(db_path, model)
    made = make_history(service)
    vote_history(service, made)
    yield service, made
    service.close()


def test_publishing_puts_every_workshop_on_the_server_as_the_file_holds_it(history_file, db_path, org_database):
    service, made = history_file
    assert waiting_count(db_path) == 5
    report = publish(db_path, org_database.url("alice"))
    assert (report.published, report.unchanged, report.deleted, report.refused, report.waiting, report.error) == (
        5, 0, 0, (), 0, None)
    assert report.summary() == "Published 5 workshops to the organisation; 0 unchanged; 0 waiting."
    assert_server_holds(org_database, db_path)
    assert org_database.sql(f"SELECT DISTINCT published_by FROM {S}.workshop") == [("alice",)]
    assert org_database.sql(f"SELECT count(*) FROM {S}.team") == [(2,)]
    # the carried-over actions point at the actions they carry, by uuid
    links = org_database.sql(
        f"SELECT a.title, s.title FROM {S}.action a JOIN {S}.action s ON s.uuid = a.carried_from_uuid ORDER BY 1")
    assert links == [("coverage", "coverage"), ("dashboard", "dashboard")]
    # the room's votes: only their distribution
    fourth = made.workshops["fourth"].uuid
    counts = org_database.sql(f"SELECT number, practice_id, state, counts FROM {S}.vote_round "
                              f"WHERE workshop_uuid = '{fourth}' ORDER BY number")  # fmt: skip
    assert counts == [(1, "testing", "revealed", [1, 0, 0, 0, 1]), (2, "testing", "revealed", [0, 0, 3, 0, 0]),
                      (3, "build-ci", "revealed", [0, 1, 0, 0, 1]), (4, "data-management", "open", [0, 1, 1, 0, 1])]
    assert waiting_count(db_path) == 0


def test_publishing_again_with_nothing_changed_writes_nothing(history_file, db_path, org_database):
    publish(db_path, org_database.url("alice"))
    before = org_database.sql(f"SELECT uuid, published_at, xmin::text FROM {S}.workshop ORDER BY uuid")
    report = publish(db_path, org_database.url("alice"))
    assert (report.published, report.unchanged, report.waiting) == (0, 5, 0)
    assert report.summary() == "Nothing to publish: the organisation database has 5 workshops of this file, as they are here."
    assert org_database.sql(f"SELECT uuid, published_at, xmin::text FROM {S}.workshop ORDER BY uuid") == before


def test_a_changed_workshop_arrives_whole(history_file, db_path, org_database):
    service, made = history_file
    publish(db_path, org_database.url("alice"))
    fourth, first = made.workshops["fourth"], made.workshops["first"]
    service.save_rating(fourth.id, Rating("build-ci", 2, 3))
    service.save_note(fourth.id, "build-ci.consistent", "")  # cleared
    carried = next(a for a in service.repo.list_actions(fourth.id) if a.title == "coverage")
    service.delete_action(carried.id)
    service.save_rating(first.id, Rating("testing", 1, 1))
    untouched = org_database.sql(f"SELECT uuid, published_at FROM {S}.workshop WHERE uuid NOT IN "
                                 f"('{fourth.uuid}', '{first.uuid}') ORDER BY uuid")  # fmt: skip
    assert waiting_count(db_path) == 2
    report = publish(db_path, org_database.url("alice"))
    assert (report.published, report.unchanged, report.waiting, report.error) == (2, 3, 0, None)
    assert_server_holds(org_database, db_path)
    assert org_database.sql(f"SELECT count(*) FROM {S}.cell_note WHERE workshop_uuid = '{fourth.uuid}'") == [(0,)]
    assert org_database.sql(f"SELECT count(*) FROM {S}.action WHERE workshop_uuid = '{fourth.uuid}'") == [(0,)]
    assert org_database.sql(f"SELECT uuid, published_at FROM {S}.workshop WHERE uuid NOT IN "
                            f"('{fourth.uuid}', '{first.uuid}') ORDER BY uuid") == untouched  # fmt: skip


def test_a_workshop_deleted_here_is_deleted_on_the_server_at_the_next_publish(history_file, db_path, org_database):
    service, made = history_file
    publish(db_path, org_database.url("alice"))
    gone = made.workshops["second"]
    service.delete_workshop(gone.id)
    assert waiting_count(db_path) == 1
    report = publish(db_path, org_database.url("alice"))
    assert (report.published, report.unchanged, report.deleted, report.waiting) == (0, 4, 1, 0)
    assert "deleted 1 workshop there" in report.summary()
    assert gone.uuid not in server_contents(org_database)
    assert org_database.sql(f"SELECT count(*) FROM {S}.rating WHERE workshop_uuid = '{gone.uuid}'") == [(0,)]
    assert_server_holds(org_database, db_path)
    assert publish(db_path, org_database.url("alice")).deleted == 0


def test_demo_workshops_are_never_published(db_path, model, org_database):
    from maturity_workshop.services.demo import create_demo_workshop

    service = WorkshopService.open(db_path, model)
    try:
        create_demo_workshop(service)
        made = make_history(service)
    finally:
        service.close()
    report = publish(db_path, org_database.url("alice"))
    assert report.published == 5
    assert set(server_contents(org_database)) == {w.uuid for w in [*made.workshops.values(), made.other_team]}
    names = {name for (name,) in org_database.sql(f"SELECT name FROM {S}.team")}
    assert names == {"Platform team", "Other team"}


def test_the_same_content_gives_the_same_hash_whatever_order_it_was_read_in(history_file, db_path):
    from maturity_workshop.domain.publication import content_hash

    from .published import local_contents

    service, made = history_file
    content = local_contents(db_path)[made.workshops["fourth"].uuid]
    shuffled = replace(content, ratings=content.ratings[::-1], actions=content.actions[::-1],
                       times=content.times[::-1], rounds=content.rounds[::-1])  # fmt: skip
    assert content_hash(shuffled) == content_hash(content)
    assert content_hash(replace(content, title="other")) != content_hash(content)


def test_a_publish_reports_its_progress_and_stops_when_cancelled_or_past_its_deadline(history_file, db_path,
                                                                                      org_database):
    import time

    seen = []
    report = publish(db_path, org_database.url("alice"), progress=lambda done, total: seen.append((done, total)),
                     cancelled=lambda: len(seen) >= 2)  # fmt: skip
    assert seen == [(1, 5), (2, 5)]
    assert (report.published, report.waiting, report.cancelled, report.error) == (2, 3, True, None)
    assert report.summary() == "Published 2 workshops to the organisation; 0 unchanged; 3 waiting. Stopped before the end."
    assert len(server_contents(org_database)) == 2

    late = publish(db_path, org_database.url("alice"), deadline=time.monotonic() - 1)
    assert (late.published, late.unchanged, late.waiting, late.cancelled) == (0, 2, 3, False)
    assert publish(db_path, org_database.url("alice"), deadline=time.monotonic() + 60).waiting == 0
    assert_server_holds(org_database, db_path)


def test_a_publish_runs_on_its_own_thread_beside_the_window_that_holds_the_file(db_path, model, org_database):
    import threading

    window = WorkshopService.open(db_path, model, exclusive=True)  # as the window holds it: its lock, its writer
    try:
        made = make_history(window)
        reports = []
        thread = threading.Thread(target=lambda: reports.append(publish(db_path, org_database.url("alice"))))
        thread.start()
        window.save_rating(made.workshops["first"].id, Rating("testing", 2, 3))  # the window goes on saving
        thread.join(60)
        assert not thread.is_alive() and reports[0].error is None and reports[0].published == 5
        assert window.lock.held
        publish(db_path, org_database.url("alice"))  # whichever order the two came in, the change follows
        assert_server_holds(org_database, db_path)
        assert waiting_count(db_path) == 0
    finally:
        window.close()


def test_a_carried_over_link_that_goes_with_the_action_it_carried_is_published(history_file, db_path, org_database):
    service, made = history_file
    publish(db_path, org_database.url("alice"))
    third = made.workshops["third"]
    service.delete_workshop(third.id)  # "coverage" carried into the fourth: its link goes (SET NULL)
    assert waiting_count(db_path) == 2  # the deletion, and the fourth
    report = publish(db_path, org_database.url("alice"))
    assert (report.published, report.deleted, report.waiting) == (1, 1, 0)
    assert org_database.sql(f"SELECT title, carried_from_uuid FROM {S}.action WHERE workshop_uuid = "
                            f"'{made.workshops['fourth'].uuid}'") == [("coverage", None)]  # fmt: skip
    assert_server_holds(org_database, db_path)


def test_a_workshop_the_server_refuses_is_named_and_the_others_still_go(history_file, db_path, org_database):
    """A text PostgreSQL cannot hold (a NUL, which SQLite keeps) in one workshop's note: that workshop
    is named and left waiting, every other one is published, in this run and the next."""
    import sqlite3

    connection = sqlite3.connect(db_path)
    with connection:
        first = connection.execute("SELECT id FROM workshop ORDER BY id LIMIT 1").fetchone()[0]
        connection.execute("UPDATE cell_note SET text = ? WHERE workshop_id = ?", ("before\x00after", first))
        assert connection.total_changes
    connection.close()
    report = publish(db_path, org_database.url("alice"))
    assert report.error is None and report.published == 4 and len(report.skipped) == 1
    assert "was not published: the organisation database refused it" in report.skipped[0]
    assert report.failed and waiting_count(db_path) == 1
    assert org_database.sql(f"SELECT count(*) FROM {S}.workshop") == [(4,)]
    again = publish(db_path, org_database.url("alice"))
    assert (again.published, len(again.skipped), again.error) == (0, 1, None)
