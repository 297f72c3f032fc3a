"""The organisation's heat map from a fixture of several teams (tests/organisation_fixture.py):
each team's latest workshop, its gap and change since the previous one, the date's filter, the
sorts, the hidden names, the demo teams, and the few statements it is read in."""

from __future__ import annotations

from datetime import date

import pytest

from maturity_workshop.domain.history import ChangeKind
from maturity_workshop.domain.organisation import heat_map_columns, heat_map_rows
from maturity_workshop.services import WorkshopService
from maturity_workshop.services.organisation import heat_map
from tests.organisation_fixture import HIDDEN, make_organisation


@pytest.fixture
def heat(service: WorkshopService):
    make_organisation(service)
    return heat_map(service)


def test_a_row_per_team_with_a_workshop_by_name(heat) -> None:
    assert [row.team.name for row in heat.rows] == ["alpha crew", "Demo squad", "Other team", "Platform team"]
    assert heat.teams == 5  # Gone team has no workshop left, so no row


def test_each_cell_is_the_latest_workshops_level_gap_and_change(heat) -> None:
    platform = heat.rows[3]
    assert (platform.latest.title, platform.previous.title, platform.held_on) == ("fourth", "third", date(2025, 11, 20))
    build = platform.cell("build-ci")
    assert (build.level, build.target, build.gap, build.change.delta, build.change.kind) == (1, 3, 2, -1, ChangeKind.DOWN)
    testing = platform.cell("testing")
    assert (testing.level, testing.target, testing.gap, testing.change.kind) == (1, 2, 1, ChangeKind.UP)
    data = platform.cell("data-management")
    assert (data.level, data.gap, data.change.kind, data.change.before) == (None, None, ChangeKind.GONE, 0)
    alpha = heat.rows[0]
    assert alpha.held_on == date(2024, 9, 1)  # the latest by date, though created first
    assert (alpha.cell("build-ci").change.delta, alpha.cell("testing").change.kind) == (-1, ChangeKind.NEW)
    other = heat.rows[2]
    assert other.previous is None and other.cell("build-ci").gap == 0
    assert other.cell("build-ci").change.kind is ChangeKind.NEW


def test_demo_teams_are_shown_and_marked(heat) -> None:
    assert [row.is_demo for row in heat.rows] == [False, True, False, False]


def test_the_filter_keeps_teams_held_on_or_after_the_date_and_their_letters(heat) -> None:
    recent = heat.held_since(date(2025, 3, 1))
    assert [row.team.name for row in recent.rows] == ["Demo squad", "Other team", "Platform team"]
    assert {row.team.name: row.name(hide=True) for row in recent.rows} == {
        name: letter for name, letter in HIDDEN.items() if name != "alpha crew"
    }
    assert len(recent.held_since(None)) == 4  # the filter lifted: every team again


def test_hidden_names_are_by_name_over_all_teams(heat) -> None:
    assert {row.team.name: row.name(hide=True) for row in heat.rows} == HIDDEN


def test_sorted_by_a_practices_level_unrated_last(heat) -> None:
    by_testing = heat.sorted("testing")
    assert [row.team.name for row in by_testing.rows] == ["Platform team", "alpha crew", "Demo squad", "Other team"]
    highest = heat.sorted("build-ci", descending=True)
    assert [row.team.name for row in highest.rows] == ["Other team", "alpha crew", "Platform team", "Demo squad"]
    assert [r.team.name for r in highest.held_since(date(2025, 1, 1)).rows] == ["Other team", "Platform team", "Demo squad"]
    assert [row.team.name for row in heat.sorted(None, descending=True).rows][0] == "Platform team"


def test_the_rows_of_the_export(heat) -> None:
    columns = heat_map_columns(heat)
    assert columns[:5] == ["team", "demo", "latest_workshop", "held_on", "previous_held_on"]
    rows = [dict(zip(columns, row)) for row in heat_map_rows(heat)]
    assert rows[3]["build-ci.gap"] == 2 and rows[3]["build-ci.change"] == -1 and rows[3]["testing.change"] == 1
    hidden = [dict(zip(columns, row)) for row in heat_map_rows(heat, hide_names=True)]
    assert [r["team"] for r in hidden] == ["Team A", "Team B", "Team D", "Team E"]
    assert {r["latest_workshop"] for r in hidden} == {""}  # a title may name the team


def test_read_in_three_statements_whatever_the_number_of_teams(service: WorkshopService) -> None:
    make_organisation(service)
    statements: list[str] = []
    service.repo.db.connection.set_trace_callback(statements.append)
    try:
        heat_map(service)
    finally:
        service.repo.db.connection.set_trace_callback(None)
    assert len([s for s in statements if s.lstrip().upper().startswith("SELECT")]) == 3


def test_the_png_is_drawn_by_the_picture_given_and_without_one_is_a_message(heat) -> None:
    from maturity_workshop.services.exports import ExportError
    from maturity_workshop.services.organisation import render_heat_map

    drawn = []
    assert render_heat_map(heat, "png", True, picture=lambda h, hide: drawn.append((len(h), hide)) or b"png") == b"png"
    assert drawn == [(4, True)]
    with pytest.raises(ExportError, match="drawn by the window's code"):
        render_heat_map(heat, "png")
