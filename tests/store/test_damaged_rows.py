"""Rows the app would never write (another program's, a hand edit's): the workshop they belong to
cannot be opened and says why, naming itself and the value; every other workshop opens as before;
and the database is not changed. A database with its schema record emptied, or a column dropped,
is refused with a message; an id beyond SQLite's integers names no workshop."""

from __future__ import annotations

import hashlib
from datetime import date

import pytest

from maturity_workshop.domain import ActionDraft, Rating, WorkshopDraft
from maturity_workshop.domain.errors import DamagedRowError, NotFoundError
from maturity_workshop.services import WorkshopService
from maturity_workshop.store.engine import DatabaseError, open_database
from ..conditions import written_by_another_program

DAMAGES = {
    "date": ("UPDATE workshop SET held_on = 'not a date' WHERE id = {w}", "its date 'not a date' cannot be read"),
    "participants": (
        "UPDATE workshop SET participant_count = 'many' WHERE id = {w}",
        "its number of participants 'many' is not a whole number",
    ),
    "created": (
        "UPDATE workshop SET created_at = 'yesterday' WHERE id = {w}", "its time of creation 'yesterday' cannot be read"
    ),
    "title-blob": (
        "UPDATE workshop SET title = x'00ff10' WHERE id = {w}", "its title (3 bytes of binary data) is not text"
    ),
    "status": (
        "UPDATE action SET status = 'weird' WHERE id = {a}",
        "its action {a}'s status 'weird' is not one the app knows (open, in_progress, done, dropped)",
    ),
    "priority": (
        "UPDATE action SET priority = 'urgent' WHERE id = {a}",
        "its action {a}'s priority 'urgent' is not one the app knows (high, medium, low)",
    ),
    "due": ("UPDATE action SET due_on = 'soon' WHERE id = {a}", "its action {a}'s due date 'soon' cannot be read"),
    "level": (
        "UPDATE rating SET current_level = 'high' WHERE workshop_id = {w}",
        "its 'testing' rating's current level 'high' is not a whole number",
    ),
    "note": (
        "UPDATE cell_note SET text = x'ff' WHERE workshop_id = {w}", "its note's text (1 bytes of binary data) is not text"
    ),
}


def _digest(path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.fixture
def three(service: WorkshopService):
    """Three workshops, each with a rating, a note and an action; the middle one is damaged by tests."""
    made = []
    for day, title in ((1, "First"), (2, "Middle"), (3, "Last")):
        workshop = service.start_workshop(WorkshopDraft("Platform team", title, date(2026, 3, day)), False)
        service.save_rating(workshop.id, Rating("testing", 1, 2))
        service.save_note(workshop.id, "testing.consistent", f"Note of {title}")
        action = service.add_action(workshop.id, ActionDraft("testing", f"Action of {title}"))
        made.append((workshop, action))
    return made


@pytest.mark.parametrize("damage", sorted(DAMAGES))
def test_a_damaged_row_names_its_workshop_and_the_others_open(service, three, db_path, damage):
    (first, _), (middle, action), (last, _) = three
    statement, problem = DAMAGES[damage]
    written_by_another_program(db_path, statement.format(w=middle.id, a=action.id))
    problem = problem.format(a=action.id)
    before = _digest(db_path)

    listing = service.list_workshops()
    assert [w.title for w in listing] == ["Last", "First"]
    assert [(d.workshop_id, d.problem) for d in listing.damaged] == [(middle.id, problem)]
    assert listing.damaged[0].summary == f"workshop {middle.id}: {problem}"

    with pytest.raises(DamagedRowError) as refused:
        service.load(middle.id)
    assert str(refused.value).startswith(f"Workshop {middle.id} cannot be opened, because {problem}.")
    assert [service.load(w.id).workshop.title for w in (first, last)] == ["First", "Last"]
    assert service.load(last.id).notes == {"testing.consistent": "Note of Last"}
    assert _digest(db_path) == before, "reading a damaged workshop changes nothing in the file"


def test_an_edit_of_a_damaged_workshop_is_refused_and_nothing_is_written(service, three, db_path):
    _, (middle, _), _ = three
    written_by_another_program(db_path, f"UPDATE workshop SET held_on = 'not a date' WHERE id = {middle.id}")
    before = _digest(db_path)
    with pytest.raises(DamagedRowError, match="its date 'not a date' cannot be read"):
        service.rename_workshop(middle.id, "Renamed")
    assert _digest(db_path) == before
    assert service.rename_workshop(three[0][0].id, "Renamed").title == "Renamed", "the others stay editable"


def test_a_workshop_id_beyond_sqlites_integers_names_no_workshop(service, three):
    for huge in (2**63, 99999999999999999999, -(2**63) - 1):
        with pytest.raises(NotFoundError, match=f"There is no workshop {huge}"):
            service.load(huge)
        with pytest.raises(NotFoundError):
            service.set_closed(huge, True)


@pytest.mark.parametrize("remembered", ["99999999999999999999", "²", "-1", "x"])
def test_a_remembered_workshop_that_cannot_be_one_is_forgotten(service, three, remembered):
    service.set_setting("ui.last_workshop_id", remembered)
    assert service.last_workshop() is None


def test_an_emptied_schema_record_is_refused_and_the_file_kept(service, three, db_path):
    service.close()
    written_by_another_program(db_path, "DELETE FROM alembic_version")
    before = _digest(db_path)
    for read_only in (False, True):
        with pytest.raises(DatabaseError, match=r"records no schema version \(its alembic_version table is empty\)"):
            open_database(db_path, read_only=read_only)
    assert _digest(db_path) == before


@pytest.mark.parametrize(
    ("table", "column", "read"),
    [("workshop", "facilitator", lambda s: s.list_workshops()), ("action", "priority", lambda s: s.load(1))],
)
def test_a_missing_column_is_named_in_a_message(service, three, db_path, table, column, read):
    written_by_another_program(db_path, f"ALTER TABLE {table} DROP COLUMN {column}")
    with pytest.raises(DatabaseError) as refused:
        read(service)
    message = str(refused.value)
    assert message.startswith("The database could not be read: its tables are not the ones this version")
    assert f"no such column: {column}" in message or f"no such column: w.{column}" in message
