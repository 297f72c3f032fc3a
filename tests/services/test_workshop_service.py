"""The workshop use cases, checked through the service and, for durability, through a second one."""

from __future__ import annotations

import sqlite3
import unicodedata
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest

from maturity_workshop.domain import (
    MaturityModel,
    Rating,
    ValidationError,
    Workshop,
    WorkshopClosedError,
    WorkshopDraft,
)
from maturity_workshop.services import WorkshopService
from maturity_workshop.domain.limits import MAX_NOTE_LENGTH
from maturity_workshop.services.workshops import LAST_WORKSHOP_KEY
from maturity_workshop.store.engine import HEAD_REVISION
from maturity_workshop.store.repository import NotFoundError


def _draft(team: str = "Platform team", title: str = "Review", held_on: date = date(2026, 3, 12)) -> WorkshopDraft:
    return WorkshopDraft(team_name=team, title=title, held_on=held_on, facilitator="Ada", participant_count=4)


@pytest.fixture
def other(db_path: Path, model: MaturityModel, service: WorkshopService) -> Iterator[WorkshopService]:
    """A second, independent service on the same file, open at the same time as ``service``."""
    second = WorkshopService.open(db_path, model)
    assert second.database is not service.database
    yield second
    second.close()


def _dump(db_path: Path) -> dict[str, list[tuple]]:
    raw = sqlite3.connect(db_path)
    try:
        return {
            table: raw.execute(f"SELECT * FROM {table} ORDER BY 1").fetchall()
            for table in ("team", "workshop", "rating", "cell_note", "app_state")
        }
    finally:
        raw.close()


# -- opening --------------------------------------------------------------------------------------
def test_open_creates_and_migrates_the_file(service: WorkshopService, db_path: Path) -> None:
    assert db_path.is_file()
    raw = sqlite3.connect(db_path)
    try:
        assert raw.execute("SELECT version_num FROM alembic_version").fetchall() == [(HEAD_REVISION,)]
    finally:
        raw.close()
    assert service.list_workshops() == []
    assert service.list_teams() == []


# -- starting workshops ---------------------------------------------------------------------------
def test_start_workshop_stores_the_cleaned_draft(service: WorkshopService, model: MaturityModel) -> None:
    workshop = service.start_workshop(
        WorkshopDraft("  Platform   team ", " Spring\treview ", date(2026, 3, 12), " Ada  Lovelace ", 9)
    )
    assert (workshop.team_name, workshop.title, workshop.facilitator) == (
        "Platform team",
        "Spring review",
        "Ada Lovelace",
    )
    assert (workshop.held_on, workshop.participant_count) == (date(2026, 3, 12), 9)
    assert (workshop.model_id, workshop.model_version) == (model.id, model.version)
    assert not workshop.closed
    assert service.load(workshop.id).workshop == workshop


def test_start_workshop_refuses_an_invalid_draft_and_stores_nothing(
    service: WorkshopService, db_path: Path
) -> None:
    before = _dump(db_path)
    with pytest.raises(ValidationError, match="team's name cannot be empty"):
        service.start_workshop(_draft(team="   "))
    with pytest.raises(ValidationError, match="title cannot be empty"):
        service.start_workshop(_draft(title=""))
    assert _dump(db_path) == before


def test_a_team_is_created_once_and_reused_ignoring_case(service: WorkshopService) -> None:
    first = service.start_workshop(_draft(team="Platform Team"))
    second = service.start_workshop(_draft(team="  platform   TEAM "))
    third = service.start_workshop(_draft(team="Équipe Öl"))
    fourth = service.start_workshop(_draft(team="ÉQUIPE öl"))
    assert second.team_id == first.team_id
    assert second.team_name == "Platform Team"  # the name as first typed
    assert fourth.team_id == third.team_id
    assert [team.name for team in service.list_teams()] == ["Platform Team", "Équipe Öl"]


def test_a_new_workshop_starts_from_the_previous_ratings(service: WorkshopService) -> None:
    first = service.start_workshop(_draft(title="Spring", held_on=date(2026, 3, 1)))
    service.save_rating(first.id, Rating("testing", 0, 2))
    service.save_rating(first.id, Rating("build-ci", 1, 1))
    service.save_note(first.id, "testing.repeatable", "Flaky suite")
    assert service.previous_workshop(" platform  team ") == service.load(first.id).workshop

    second = service.start_workshop(_draft(title="Autumn", held_on=date(2026, 9, 1)), start_from_previous=True)
    state = service.load(second.id)
    assert state.ratings == {"testing": Rating("testing", 0, 2), "build-ci": Rating("build-ci", 1, 1)}
    assert state.notes == {}  # notes belong to the workshop they were written in

    # The copy is independent: editing the new workshop leaves the old one as it was.
    service.save_rating(second.id, Rating("testing", 1, 2))
    assert service.load(first.id).rating("testing") == Rating("testing", 0, 2)
    assert service.load(first.id).notes == {"testing.repeatable": "Flaky suite"}


@pytest.mark.parametrize(
    "made_as, asked_as",
    [("Straße", "STRASSE"), ("Équipe", unicodedata.normalize("NFD", "ÉQUIPE")), ("Team ①", " team  1 ")],
)
def test_the_previous_workshop_is_found_however_the_team_is_written(
    service: WorkshopService, made_as: str, asked_as: str
) -> None:
    """The service finds a team's previous workshop under the names the repository takes as that team."""
    first = service.start_workshop(_draft(team=made_as))
    assert service.previous_workshop(asked_as) == first
    second = service.start_workshop(_draft(team=asked_as, title="Next"))
    assert second.team_id == first.team_id


def test_a_new_workshop_starts_from_the_most_recently_held_one(service: WorkshopService) -> None:
    older = service.start_workshop(_draft(title="Older", held_on=date(2025, 1, 1)))
    newer = service.start_workshop(_draft(title="Newer", held_on=date(2026, 1, 1)), start_from_previous=False)
    service.save_rating(older.id, Rating("testing", -1, 0))
    service.save_rating(newer.id, Rating("testing", 2, 3))
    third = service.start_workshop(_draft(title="Third", held_on=date(2026, 6, 1)))
    assert service.load(third.id).ratings == {"testing": Rating("testing", 2, 3)}


def test_a_new_workshop_can_start_empty(service: WorkshopService) -> None:
    first = service.start_workshop(_draft())
    service.save_rating(first.id, Rating("testing", 0, 2))
    second = service.start_workshop(_draft(title="Fresh start"), start_from_previous=False)
    assert service.load(second.id).ratings == {}


def test_other_teams_ratings_are_not_carried_over(service: WorkshopService) -> None:
    first = service.start_workshop(_draft(team="A team"))
    service.save_rating(first.id, Rating("testing", 0, 2))
    other_team = service.start_workshop(_draft(team="B team"))
    assert service.load(other_team.id).ratings == {}
    assert service.previous_workshop("Nobody") is None


def test_ratings_of_practices_the_model_lost_are_not_carried_over(
    service: WorkshopService, model: MaturityModel
) -> None:
    first = service.start_workshop(_draft())
    service.save_rating(first.id, Rating("testing", 0, 2))
    service.repo.save_rating(first.id, Rating("retired-practice", 1, 1))  # as an older model allowed
    second = service.start_workshop(_draft(title="Next"))
    assert service.load(second.id).ratings == {"testing": Rating("testing", 0, 2)}


# -- ratings --------------------------------------------------------------------------------------
def test_save_rating_then_change_it(service: WorkshopService, workshop: Workshop) -> None:
    service.save_rating(workshop.id, Rating("testing", 0, 1))
    service.save_rating(workshop.id, Rating("testing", 1, 3))
    assert service.load(workshop.id).ratings == {"testing": Rating("testing", 1, 3)}


@pytest.mark.parametrize(
    ("rating", "message"),
    [
        (Rating("astrology", 1, 2), 'no practice "astrology"'),
        (Rating("testing", 4, 2), "4 is not a level of the model"),
        (Rating("testing", 1, -2), "-2 is not a level of the model, so it cannot be the target level"),
    ],
)
def test_invalid_ratings_leave_the_database_unchanged(
    service: WorkshopService, workshop: Workshop, db_path: Path, rating: Rating, message: str
) -> None:
    service.save_rating(workshop.id, Rating("testing", 0, 1))
    before = _dump(db_path)
    with pytest.raises(ValidationError, match=message):
        service.save_rating(workshop.id, rating)
    assert _dump(db_path) == before


def test_save_rating_on_a_closed_workshop(service: WorkshopService, workshop: Workshop, db_path: Path) -> None:
    service.set_closed(workshop.id, True)
    before = _dump(db_path)
    with pytest.raises(WorkshopClosedError):
        service.save_rating(workshop.id, Rating("testing", 1, 2))
    with pytest.raises(WorkshopClosedError):
        service.save_note(workshop.id, "testing.consistent", "late")
    assert _dump(db_path) == before


# -- notes ----------------------------------------------------------------------------------------
def test_save_note_keeps_the_text_as_typed(service: WorkshopService, workshop: Workshop) -> None:
    text = "  Two lines:\n  unit tests only \n"
    service.save_note(workshop.id, "testing.consistent", text)
    assert service.load(workshop.id).notes == {"testing.consistent": text}


@pytest.mark.parametrize("blank", ["", " ", "\n\t  \n"])
def test_a_blank_note_removes_the_note(
    service: WorkshopService, workshop: Workshop, db_path: Path, blank: str
) -> None:
    service.save_note(workshop.id, "testing.consistent", "Something")
    service.save_note(workshop.id, "testing.consistent", blank)
    assert service.load(workshop.id).notes == {}
    assert _dump(db_path)["cell_note"] == []


def test_a_note_on_an_unknown_cell_is_refused(service: WorkshopService, workshop: Workshop, db_path: Path) -> None:
    before = _dump(db_path)
    with pytest.raises(ValidationError, match='no cell "testing.legendary"'):
        service.save_note(workshop.id, "testing.legendary", "x")
    assert _dump(db_path) == before


def test_an_overlong_note_is_refused(service: WorkshopService, workshop: Workshop, db_path: Path) -> None:
    service.save_note(workshop.id, "testing.consistent", "short")
    before = _dump(db_path)
    with pytest.raises(ValidationError, match="100,000 characters"):
        service.save_note(workshop.id, "testing.consistent", "x" * (MAX_NOTE_LENGTH + 1))
    assert _dump(db_path) == before


def test_a_note_of_the_maximum_length_is_kept(service: WorkshopService, workshop: Workshop) -> None:
    text = "x" * MAX_NOTE_LENGTH
    service.save_note(workshop.id, "testing.consistent", text)
    assert service.load(workshop.id).notes["testing.consistent"] == text


# -- rename, close, delete ------------------------------------------------------------------------
def test_rename_cleans_the_title(service: WorkshopService, workshop: Workshop) -> None:
    renamed = service.rename_workshop(workshop.id, "  Autumn \n review ")
    assert renamed.title == "Autumn review"
    assert service.load(workshop.id).workshop.title == "Autumn review"


@pytest.mark.parametrize(("title", "message"), [("  ", "cannot be empty"), ("x" * 201, "longer than 200")])
def test_rename_refuses_an_invalid_title(
    service: WorkshopService, workshop: Workshop, db_path: Path, title: str, message: str
) -> None:
    before = _dump(db_path)
    with pytest.raises(ValidationError, match=message):
        service.rename_workshop(workshop.id, title)
    assert _dump(db_path) == before
    assert service.load(workshop.id).workshop.title == "Spring review"


def test_rename_a_missing_workshop(service: WorkshopService) -> None:
    with pytest.raises(NotFoundError):
        service.rename_workshop(4242, "Anything")


def test_close_and_reopen(service: WorkshopService, workshop: Workshop) -> None:
    assert service.set_closed(workshop.id, True).closed
    assert service.load(workshop.id).workshop.closed
    assert not service.set_closed(workshop.id, False).closed
    service.save_rating(workshop.id, Rating("testing", 1, 2))
    assert service.load(workshop.id).rating("testing") == Rating("testing", 1, 2)


def test_delete_removes_the_workshop_and_forgets_it(service: WorkshopService, workshop: Workshop) -> None:
    service.save_rating(workshop.id, Rating("testing", 1, 2))
    service.remember_last_workshop(workshop.id)
    assert service.last_workshop() == service.load(workshop.id).workshop

    service.delete_workshop(workshop.id)

    assert service.list_workshops() == []
    with pytest.raises(NotFoundError):
        service.load(workshop.id)
    assert service.last_workshop_id() is None
    assert service.get_setting(LAST_WORKSHOP_KEY) is None
    assert service.last_workshop() is None


def test_deleting_another_workshop_keeps_the_remembered_one(service: WorkshopService, workshop: Workshop) -> None:
    other = service.start_workshop(_draft(title="Other"))
    service.remember_last_workshop(workshop.id)
    service.delete_workshop(other.id)
    assert service.last_workshop_id() == workshop.id
    assert service.last_workshop().id == workshop.id


def test_last_workshop_is_none_when_the_remembered_one_is_gone(
    service: WorkshopService, workshop: Workshop
) -> None:
    service.remember_last_workshop(workshop.id)
    service.repo.delete_workshop(workshop.id)  # deleted without the service's bookkeeping
    assert service.last_workshop_id() == workshop.id
    assert service.last_workshop() is None


@pytest.mark.parametrize("stored", ["", "abc", "-3", "1.5"])
def test_a_garbled_remembered_id_is_ignored(service: WorkshopService, workshop: Workshop, stored: str) -> None:
    service.set_setting(LAST_WORKSHOP_KEY, stored)
    assert service.last_workshop_id() is None
    assert service.last_workshop() is None


def test_nothing_remembered_at_first(service: WorkshopService) -> None:
    assert service.last_workshop_id() is None
    assert service.last_workshop() is None


def test_settings_round_trip(service: WorkshopService) -> None:
    service.set_setting("ui.zoom", "1.25")
    assert service.get_setting("ui.zoom") == "1.25"
    service.set_setting("ui.zoom", None)
    assert service.get_setting("ui.zoom") is None


# -- every edit is committed: a second, independent service sees it -------------------------------
def test_a_started_workshop_is_visible_to_another_service(service: WorkshopService, other: WorkshopService) -> None:
    made = service.start_workshop(_draft(team="Data team", title="Kick-off"))
    assert [w.id for w in other.list_workshops()] == [made.id]
    assert other.load(made.id).workshop == made
    assert [team.name for team in other.list_teams()] == ["Data team"]


def test_every_edit_is_visible_to_another_service(
    service: WorkshopService, other: WorkshopService, workshop: Workshop
) -> None:
    other.load(workshop.id)  # the second service has a connection open before the edits

    service.save_rating(workshop.id, Rating("testing", 1, 2))
    assert other.load(workshop.id).ratings == {"testing": Rating("testing", 1, 2)}

    service.save_rating(workshop.id, Rating("testing", 2, 3))
    assert other.load(workshop.id).ratings == {"testing": Rating("testing", 2, 3)}

    service.save_note(workshop.id, "testing.consistent", "Seen elsewhere")
    assert other.load(workshop.id).notes == {"testing.consistent": "Seen elsewhere"}

    service.save_note(workshop.id, "testing.consistent", "   ")
    assert other.load(workshop.id).notes == {}

    service.rename_workshop(workshop.id, "Renamed")
    assert other.load(workshop.id).workshop.title == "Renamed"

    service.remember_last_workshop(workshop.id)
    assert other.last_workshop_id() == workshop.id

    service.set_setting("ui.zoom", "2")
    assert other.get_setting("ui.zoom") == "2"

    service.set_closed(workshop.id, True)
    assert other.load(workshop.id).workshop.closed
    with pytest.raises(WorkshopClosedError):
        other.save_rating(workshop.id, Rating("testing", 0, 0))

    service.set_closed(workshop.id, False)
    assert not other.load(workshop.id).workshop.closed

    assert other.load(workshop.id).workshop.updated_at == service.load(workshop.id).workshop.updated_at

    service.delete_workshop(workshop.id)
    assert other.list_workshops() == []
    assert other.last_workshop_id() is None
    with pytest.raises(NotFoundError):
        other.load(workshop.id)


def test_edits_survive_closing_and_reopening(db_path: Path, model: MaturityModel, service: WorkshopService,
                                             workshop: Workshop) -> None:
    service.save_rating(workshop.id, Rating("build-ci", -1, 1))
    service.save_note(workshop.id, "build-ci.regressive", "Manual builds")
    service.close()
    reopened = WorkshopService.open(db_path, model)
    try:
        state = reopened.load(workshop.id)
        assert state.ratings == {"build-ci": Rating("build-ci", -1, 1)}
        assert state.notes == {"build-ci.regressive": "Manual builds"}
    finally:
        reopened.close()
