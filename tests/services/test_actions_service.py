"""Actions through the service: add, edit, move, remove, put back, and carry over to the next workshop.

Positions are read back from the database file with a separate connection, as a restart would.
"""

from __future__ import annotations

import sqlite3
from datetime import date
from pathlib import Path

import pytest

from maturity_workshop.domain import (
    Action,
    ActionDraft,
    ActionPriority,
    ActionStatus,
    ValidationError,
    Workshop,
    WorkshopClosedError,
    WorkshopDraft,
)
from maturity_workshop.domain.actions import MAX_OWNER_LENGTH, MAX_TITLE_LENGTH
from maturity_workshop.services import WorkshopService


def _rows(db_path: Path, workshop_id: int, practice_id: str) -> list[tuple]:
    raw = sqlite3.connect(db_path)
    try:
        return raw.execute(
            "SELECT id, title, position FROM action WHERE workshop_id = ? AND practice_id = ? ORDER BY position",
            (workshop_id, practice_id),
        ).fetchall()
    finally:
        raw.close()


def _titles(db_path: Path, workshop_id: int, practice_id: str) -> list[str]:
    rows = _rows(db_path, workshop_id, practice_id)
    assert [position for _id, _title, position in rows] == list(range(len(rows))), "positions must be 0..n-1"
    return [title for _id, title, _position in rows]


def _add(service: WorkshopService, workshop: Workshop, *titles: str, practice: str = "testing") -> list[Action]:
    return [service.add_action(workshop.id, ActionDraft(practice, title)) for title in titles]


# -- adding ---------------------------------------------------------------------------------------
def test_add_appends_with_positions_from_zero(service: WorkshopService, workshop: Workshop, db_path: Path) -> None:
    first, second = _add(service, workshop, "Fix flaky tests", "Measure coverage")
    assert (first.position, second.position) == (0, 1)
    _add(service, workshop, "Script the deploy", practice="environments-deployment")
    assert _titles(db_path, workshop.id, "testing") == ["Fix flaky tests", "Measure coverage"]
    assert _titles(db_path, workshop.id, "environments-deployment") == ["Script the deploy"]


def test_add_at_a_position_renumbers_the_others(service: WorkshopService, workshop: Workshop, db_path: Path) -> None:
    _add(service, workshop, "A", "B", "C")
    added = service.add_action(workshop.id, ActionDraft("testing", "first"), position=0)
    assert added.position == 0
    assert _titles(db_path, workshop.id, "testing") == ["first", "A", "B", "C"]
    service.add_action(workshop.id, ActionDraft("testing", "far away"), position=99)
    assert _titles(db_path, workshop.id, "testing")[-1] == "far away"


def test_add_cleans_and_keeps_every_field(service: WorkshopService, workshop: Workshop) -> None:
    draft = ActionDraft(
        "build-ci",
        "  Add a   build dashboard ",
        owner=" Priya   Nair ",
        due_on=date(2026, 11, 13),
        status=ActionStatus.IN_PROGRESS,
        priority=ActionPriority.HIGH,
        cell_id="build-ci.quantitatively-managed",
    )
    action = service.add_action(workshop.id, draft)
    assert (action.title, action.owner) == ("Add a build dashboard", "Priya Nair")
    assert service.load(workshop.id).actions == [action]
    assert action.draft() == ActionDraft(
        "build-ci",
        "Add a build dashboard",
        "Priya Nair",
        date(2026, 11, 13),
        ActionStatus.IN_PROGRESS,
        ActionPriority.HIGH,
        "build-ci.quantitatively-managed",
    )


@pytest.mark.parametrize(
    ("draft", "words"),
    [
        (ActionDraft("testing", "   "), "needs a title"),
        (ActionDraft("testing", "x" * (MAX_TITLE_LENGTH + 1)), f"at most {MAX_TITLE_LENGTH}"),
        (ActionDraft("testing", "ok", owner="y" * (MAX_OWNER_LENGTH + 1)), f"at most {MAX_OWNER_LENGTH}"),
        (ActionDraft("no-such-practice", "ok"), "no practice"),
        (ActionDraft("testing", "ok", cell_id="testing.nowhere"), "no cell"),
        (ActionDraft("testing", "ok", cell_id="build-ci.consistent"), "must belong to the action's practice"),
    ],
)
def test_invalid_drafts_are_refused_with_a_message(
    service: WorkshopService, workshop: Workshop, draft: ActionDraft, words: str
) -> None:
    with pytest.raises(ValidationError, match=words):
        service.add_action(workshop.id, draft)
    assert service.load(workshop.id).actions == []


def test_load_lists_actions_in_the_models_practice_order(service: WorkshopService, workshop: Workshop) -> None:
    _add(service, workshop, "config", practice="configuration-management")
    _add(service, workshop, "test 1", "test 2", practice="testing")
    _add(service, workshop, "build", practice="build-ci")
    assert [a.title for a in service.load(workshop.id).actions] == ["build", "test 1", "test 2", "config"]


# -- editing, moving, removing --------------------------------------------------------------------
def test_update_changes_the_fields_and_keeps_the_place(service: WorkshopService, workshop: Workshop) -> None:
    _first, second, _third = _add(service, workshop, "A", "B", "C")
    after = ActionDraft("testing", "B, reworded", "Mei", date(2027, 1, 29), ActionStatus.DONE, ActionPriority.LOW)
    updated = service.update_action(second.id, after)
    assert (updated.id, updated.position, updated.title, updated.status) == (second.id, 1, "B, reworded", "done")
    with pytest.raises(ValidationError, match="needs a title"):
        service.update_action(second.id, ActionDraft("testing", ""))
    with pytest.raises(ValidationError, match="must belong"):
        service.update_action(second.id, ActionDraft("testing", "B", cell_id="data-management.consistent"))
    assert service.load(workshop.id).actions[1] == updated


def test_move_renumbers_and_clamps(service: WorkshopService, workshop: Workshop, db_path: Path) -> None:
    a, _b, c = _add(service, workshop, "A", "B", "C")
    assert service.move_action(c.id, 0).position == 0
    assert _titles(db_path, workshop.id, "testing") == ["C", "A", "B"]
    assert service.move_action(a.id, 50).position == 2
    assert _titles(db_path, workshop.id, "testing") == ["C", "B", "A"]


def test_delete_then_restore_puts_it_back_with_its_id_and_place(
    service: WorkshopService, workshop: Workshop, db_path: Path
) -> None:
    _a, b, _c = _add(service, workshop, "A", "B", "C")
    removed = service.delete_action(b.id)
    assert removed == b
    assert _titles(db_path, workshop.id, "testing") == ["A", "C"]
    restored = service.restore_action(removed)
    assert (restored.id, restored.position) == (b.id, 1)
    assert _titles(db_path, workshop.id, "testing") == ["A", "B", "C"]


def test_a_closed_workshop_refuses_every_change(service: WorkshopService, workshop: Workshop) -> None:
    (action,) = _add(service, workshop, "A")
    service.set_closed(workshop.id, True)
    for change in (
        lambda: service.add_action(workshop.id, ActionDraft("testing", "B")),
        lambda: service.update_action(action.id, ActionDraft("testing", "A2")),
        lambda: service.move_action(action.id, 0),
        lambda: service.delete_action(action.id),
        lambda: service.restore_action(action),
    ):
        with pytest.raises(WorkshopClosedError, match="closed"):
            change()
    assert service.load(workshop.id).actions == [action]


# -- carrying over ----------------------------------------------------------------------------------
@pytest.fixture
def next_workshop(service: WorkshopService, workshop: Workshop) -> Workshop:
    return service.start_workshop(WorkshopDraft("Platform team", "Autumn review", date(2026, 9, 20)))


def _mixed_actions(service: WorkshopService, workshop: Workshop) -> dict[str, Action]:
    drafts = [
        ActionDraft("testing", "open one", status=ActionStatus.OPEN),
        ActionDraft("testing", "done one", status=ActionStatus.DONE),
        ActionDraft("build-ci", "in progress one", "Priya", date(2026, 6, 1), ActionStatus.IN_PROGRESS),
        ActionDraft("build-ci", "dropped one", status=ActionStatus.DROPPED),
    ]
    return {d.title: service.add_action(workshop.id, d) for d in drafts}


def test_previous_open_actions_are_the_open_and_in_progress_ones(
    service: WorkshopService, workshop: Workshop, next_workshop: Workshop
) -> None:
    mine = _mixed_actions(service, workshop)
    other_team = service.start_workshop(WorkshopDraft("Data team", "Baseline", date(2026, 1, 1)))
    service.add_action(other_team.id, ActionDraft("testing", "someone else's"))
    assert service.previous_open_actions(next_workshop.id) == [mine["in progress one"], mine["open one"]]
    assert service.previous_open_actions(workshop.id) == []  # the team's first workshop


def test_previous_open_actions_come_from_the_latest_earlier_workshop(
    service: WorkshopService, workshop: Workshop, next_workshop: Workshop
) -> None:
    older = service.start_workshop(WorkshopDraft("Platform team", "Kick-off", date(2025, 11, 2)))
    service.add_action(older.id, ActionDraft("testing", "ancient"))
    latest = service.add_action(workshop.id, ActionDraft("testing", "recent"))
    assert service.previous_open_actions(next_workshop.id) == [latest]


def test_carry_over_copies_the_chosen_ones_and_remembers_where_from(
    service: WorkshopService, workshop: Workshop, next_workshop: Workshop, db_path: Path
) -> None:
    mine = _mixed_actions(service, workshop)
    service.add_action(next_workshop.id, ActionDraft("build-ci", "already here"))
    (carried,) = service.carry_over(next_workshop.id, [mine["in progress one"]])
    assert carried.id != mine["in progress one"].id
    assert carried.workshop_id == next_workshop.id
    assert carried.carried_from_id == mine["in progress one"].id
    assert carried.draft() == mine["in progress one"].draft()
    assert _titles(db_path, next_workshop.id, "build-ci") == ["already here", "in progress one"]
    # What is carried over is no longer offered; the rest still is.
    assert service.previous_open_actions(next_workshop.id) == [mine["open one"]]
    # The earlier workshop keeps its own.
    assert len(service.load(workshop.id).actions) == 4


def test_carry_over_into_a_closed_workshop_is_refused(
    service: WorkshopService, workshop: Workshop, next_workshop: Workshop
) -> None:
    mine = _mixed_actions(service, workshop)
    service.set_closed(next_workshop.id, True)
    with pytest.raises(WorkshopClosedError):
        service.carry_over(next_workshop.id, [mine["open one"]])
    assert service.load(next_workshop.id).actions == []
