"""A publish that stops half-way (the process killed, the server gone) leaves the server holding only
whole workshops, and the next publish finishes the work: the server ends equal to the file."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import threading

import pytest

from maturity_workshop.services.publishing import publish, waiting_count

from ..packaging.tools import required
from .cluster import Unavailable, running_cluster, set_up_organisation
from .published import (
    S,
    assert_server_holds,
    blocking_the_workshop,
    local_contents,
    many_workshops,
    server_contents,
    survey_order,
    wait_for_a_publish_waiting_on_a_lock,
)

APP = os.path.join(os.path.dirname(__file__), "..", "..", "app")
TIMEOUT = 120


def _only_whole_workshops(org_database, db_path) -> int:
    """Each workshop on the server equal to the file's (its parts complete); how many there are."""
    server, local = server_contents(org_database), local_contents(db_path)
    assert set(server) <= set(local)
    for uuid, content in server.items():
        assert content == local[uuid], uuid
    return len(server)


def test_a_publish_killed_half_way_leaves_whole_workshops_and_the_next_one_finishes(db_path, model, org_database):
    many_workshops(db_path, model, 300)
    order = survey_order(db_path)
    workshop_id, workshop_uuid = order[150]
    blocker = blocking_the_workshop(org_database, workshop_uuid)
    environment = dict(os.environ, PYTHONPATH=os.path.abspath(APP), QT_QPA_PLATFORM="offscreen")
    process = subprocess.Popen(
        [sys.executable, "-m", "maturity_workshop", "publish", "--db", str(db_path), "--url", org_database.url("alice")],
        env=environment, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
    )  # fmt: skip
    try:
        wait_for_a_publish_waiting_on_a_lock(org_database, stopped=lambda: process.poll() is not None)
        process.send_signal(signal.SIGKILL)  # in the middle of workshop 151's transaction
        process.wait(TIMEOUT)
    finally:
        if process.poll() is None:
            process.kill()
        blocker.close()  # its rows undone
    assert process.returncode == -signal.SIGKILL
    held = _only_whole_workshops(org_database, db_path)
    assert held == 150
    assert org_database.sql(f"SELECT count(*) FROM {S}.workshop WHERE uuid = '{workshop_uuid}'") == [(0,)]
    assert waiting_count(db_path) == 150  # the committed ones were recorded

    report = publish(db_path, org_database.url("alice"))
    assert (report.published, report.unchanged, report.error, report.waiting) == (150, 150, None, 0)
    assert_server_holds(org_database, db_path)


@pytest.fixture
def own_organisation():
    try:
        with running_cluster() as cluster:
            yield set_up_organisation(cluster)
    except Unavailable as missing:
        required("PostgreSQL's server", str(missing))


def test_a_server_gone_mid_publish_gives_a_clear_error_and_the_next_publish_finishes(db_path, model, own_organisation):
    organisation = own_organisation
    many_workshops(db_path, model, 40, teams=5)
    workshop_id, workshop_uuid = survey_order(db_path)[10]
    blocker = blocking_the_workshop(organisation, workshop_uuid)
    reports = []
    thread = threading.Thread(target=lambda: reports.append(publish(db_path, organisation.url("alice"))))
    thread.start()
    try:
        wait_for_a_publish_waiting_on_a_lock(organisation, stopped=lambda: not thread.is_alive())
        organisation.server.stop("immediate")  # the network cut: the server gone at once
        thread.join(TIMEOUT)
    finally:
        blocker.close()
    assert not thread.is_alive()
    [report] = reports
    assert report.error is not None and "cannot be reached" in report.error, report.error
    assert (report.published, report.waiting) == (10, 30)
    assert report.summary().startswith("Not published: The organisation database (maturity_workshop on ")
    assert "30 waiting." in report.summary()

    organisation.server.start()
    assert _only_whole_workshops(organisation, db_path) == 10
    again = publish(db_path, organisation.url("alice"))
    assert (again.published, again.error, again.waiting) == (30, None, 0)
    assert_server_holds(organisation, db_path)
