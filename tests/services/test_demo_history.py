"""The demo: five demo teams, Payments Platform with a past that moves up and down, and a demo that
is never added twice nor mixed into a real team."""

from __future__ import annotations

import sqlite3
from datetime import date

import pytest

from maturity_workshop.domain import ValidationError, WorkshopDraft
from maturity_workshop.domain.history import ChangeKind, Change
from maturity_workshop.services import WorkshopService
from maturity_workshop.services import history as histories
from maturity_workshop.services.demo import DEMO_TEAM, create_demo_workshop


def _counts(db_path) -> tuple[int, ...]:
    with sqlite3.connect(db_path) as raw:
        return tuple(raw.execute(f"SELECT count(*) FROM {t}").fetchone()[0] for t in ("team", "workshop", "action"))


def test_the_demo_has_five_demo_teams_and_a_past_for_payments_platform(service: WorkshopService) -> None:
    showcase = create_demo_workshop(service)
    assert showcase.id == 1 and showcase.team_name == DEMO_TEAM
    teams = service.list_teams()
    assert len(teams) >= 5 and all(team.is_demo for team in teams)
    history = histories.team_history(service, DEMO_TEAM)
    held = [state.workshop.held_on for state in history.workshops]
    assert len(held) >= 4 and held[-1] == showcase.held_on
    assert (held[-1] - held[0]).days >= 540, "spread over eighteen months"
    kinds = {
        Change(before.rating(p.id).current, after.rating(p.id).current).kind
        for before, after in zip(history.workshops, history.workshops[1:])
        for p in service.model.practices
    }
    assert {ChangeKind.UP, ChangeKind.DOWN, ChangeKind.SAME} <= kinds
    assert sum(1 for state in history.workshops if state.notes) >= 3
    carried_into = [state for state in history.workshops if any(a.carried_from_id for a in state.actions)]
    assert len(carried_into) >= 2, "actions carried across workshops"
    assert all(state.workshop.closed for state in history.workshops[:-1]) and not showcase.closed


def test_the_demo_is_not_added_twice(service: WorkshopService, db_path) -> None:
    create_demo_workshop(service)
    before = _counts(db_path)
    with pytest.raises(ValidationError, match="already in this database"):
        create_demo_workshop(service)
    assert _counts(db_path) == before


def test_the_demo_is_never_mixed_into_a_real_team(service: WorkshopService, db_path) -> None:
    service.start_workshop(WorkshopDraft("Checkout Web", "Our own review", date(2026, 1, 5)))
    before = _counts(db_path)
    with pytest.raises(ValidationError, match="a real team of the same name"):
        create_demo_workshop(service)
    assert _counts(db_path) == before
