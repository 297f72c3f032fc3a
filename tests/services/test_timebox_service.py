"""The agenda and the time spent, through the service: checked, saved in one transaction each, kept
apart (saving the one keeps the other), refused on a closed workshop, and read back by a restart."""

from __future__ import annotations

import sqlite3

import pytest

from maturity_workshop.domain import PracticeTime, ValidationError, WorkshopClosedError
from maturity_workshop.services import WorkshopService


def test_the_plan_and_the_time_spent_are_saved_apart(service, workshop, db_path, model) -> None:
    service.set_agenda(workshop.id, {"testing": 15, "build-ci": 20})
    service.save_time_spent(workshop.id, {"testing": 1020, "data-management": 95})
    service.set_agenda(workshop.id, {"testing": 10})  # the time spent stays
    restarted = WorkshopService.open(db_path, model)
    try:
        times = restarted.load(workshop.id).times
    finally:
        restarted.close()
    assert times == {
        "testing": PracticeTime("testing", 10, 1020),
        "build-ci": PracticeTime("build-ci", 20, 0),
        "data-management": PracticeTime("data-management", 0, 95),
    }


def test_saving_the_time_counts_as_one_edit_for_the_backups(service, workshop) -> None:
    service.backups.edited = False
    service.save_time_spent(workshop.id, {"testing": 60, "build-ci": 30})
    assert service.backups.edited


@pytest.mark.parametrize(
    "planned, words",
    [
        ({"no-such-practice": 10}, 'The model has no practice "no-such-practice"'),
        ({"testing": -1}, "between 0 and 600 minutes"),
        ({"testing": 601}, "between 0 and 600 minutes"),
        ({"testing": 7.5}, "a whole number of minutes"),
        ({"testing": 300, "build-ci": 301}, "more than 600 minutes in all"),
    ],
)
def test_a_bad_agenda_is_refused_and_the_saved_one_kept(service, workshop, planned, words) -> None:
    service.set_agenda(workshop.id, {"testing": 15})
    with pytest.raises(ValidationError, match=words):
        service.set_agenda(workshop.id, planned)
    assert service.load(workshop.id).times == {"testing": PracticeTime("testing", 15, 0)}


def test_a_closed_workshop_keeps_its_agenda_and_time(service, workshop) -> None:
    service.set_agenda(workshop.id, {"testing": 15})
    service.set_closed(workshop.id, True)
    for change in (lambda: service.set_agenda(workshop.id, {"testing": 5}),
                   lambda: service.save_time_spent(workshop.id, {"testing": 5})):
        with pytest.raises(WorkshopClosedError, match="closed"):
            change()
    assert service.load(workshop.id).times == {"testing": PracticeTime("testing", 15, 0)}


def test_deleting_a_workshop_deletes_its_agenda(service, workshop, db_path) -> None:
    service.set_agenda(workshop.id, {"testing": 15})
    service.delete_workshop(workshop.id)
    connection = sqlite3.connect(db_path)
    try:
        assert connection.execute("SELECT COUNT(*) FROM practice_time").fetchone() == (0,)
    finally:
        connection.close()
