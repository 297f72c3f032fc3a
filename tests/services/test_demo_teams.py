"""Demo teams: the demo's workshops go to teams marked as demo data, which nothing mistakes for a
real team; a demo workshop in a real team, or a real workshop in a demo team, is refused unwritten."""

from __future__ import annotations

import sqlite3
from datetime import date
from pathlib import Path

import pytest

from maturity_workshop.domain import MaturityModel, Rating, ValidationError, WorkshopDraft
from maturity_workshop.services import WorkshopService


def _draft(team: str, title: str = "Review", held_on: date = date(2026, 3, 12)) -> WorkshopDraft:
    return WorkshopDraft(team_name=team, title=title, held_on=held_on, facilitator="Ada", participant_count=4)


def _rows(db_path: Path) -> dict[str, list[tuple]]:
    raw = sqlite3.connect(db_path)
    try:
        return {
            table: raw.execute(f"SELECT * FROM {table} ORDER BY 1").fetchall()
            for table in ("team", "workshop", "rating", "cell_note", "action", "practice_time", "app_state")
        }
    finally:
        raw.close()


def _stored_flags(db_path: Path) -> dict[str, int]:
    raw = sqlite3.connect(db_path)
    try:
        return dict(raw.execute("SELECT name, is_demo FROM team"))
    finally:
        raw.close()


def test_a_demo_workshop_makes_a_demo_team_and_the_flag_is_read_back(
    service: WorkshopService, db_path: Path, model: MaturityModel
) -> None:
    real = service.start_workshop(_draft("Platform team"))
    demo = service.start_workshop(_draft("Payments Platform"), demo=True)
    assert demo.team_id != real.team_id
    assert _stored_flags(db_path) == {"Platform team": 0, "Payments Platform": 1}
    teams = [(t.name, t.is_demo) for t in service.list_teams()]
    assert teams == [("Payments Platform", True), ("Platform team", False)]
    assert service.repo.find_team(" payments  PLATFORM ").is_demo is True
    assert service.repo.find_team("Platform team").is_demo is False

    reopened = WorkshopService.open(db_path, model)
    try:
        teams = {t.name: t.is_demo for t in reopened.list_teams()}
        assert teams == {"Payments Platform": True, "Platform team": False}
    finally:
        reopened.close()


def test_a_demo_team_takes_further_demo_workshops_from_its_last_one(service: WorkshopService) -> None:
    first = service.start_workshop(_draft("Payments Platform", "Spring", date(2026, 4, 1)), demo=True)
    service.save_rating(first.id, Rating("testing", 0, 2))
    second = service.start_workshop(_draft("payments platform", "Autumn", date(2026, 10, 1)), demo=True)
    assert second.team_id == first.team_id
    assert service.load(second.id).ratings == {"testing": Rating("testing", 0, 2)}
    assert [t.is_demo for t in service.list_teams()] == [True]


def test_a_demo_workshop_is_refused_in_a_real_team_of_the_same_name(
    service: WorkshopService, db_path: Path
) -> None:
    service.start_workshop(_draft("Platform team"))
    before = _rows(db_path)
    with pytest.raises(ValidationError, match='"Platform team" is a real team, so the demo.s workshop'):
        service.start_workshop(_draft("  PLATFORM   team "), demo=True)
    assert _rows(db_path) == before
    assert [t.is_demo for t in service.list_teams()] == [False]


def test_a_real_workshop_is_refused_in_a_demo_team(service: WorkshopService, db_path: Path) -> None:
    service.start_workshop(_draft("Payments Platform"), demo=True)
    before = _rows(db_path)
    with pytest.raises(ValidationError, match='"Payments Platform" is a demo team, so the workshop was not'):
        service.start_workshop(_draft("payments platform"))
    assert _rows(db_path) == before
    assert [t.is_demo for t in service.list_teams()] == [True]
