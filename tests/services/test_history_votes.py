"""The room's votes in a team's history (tests/history_fixture.py's VOTES): the revealed rounds of
each workshop read with the history in one statement more, the round that stands for each practice,
the spread over the workshops, and the history export's vote columns."""

from __future__ import annotations

import pytest

from maturity_workshop.domain.history import history_rows
from maturity_workshop.domain.spread import SpreadDirection
from maturity_workshop.services import WorkshopService
from maturity_workshop.services import history as histories
from tests.history_fixture import TEAM, make_history, vote_history


@pytest.fixture
def made(service: WorkshopService):
    made = make_history(service)
    vote_history(service, made)
    return made


def test_the_history_holds_each_workshops_revealed_rounds(service, made, model) -> None:
    history = histories.team_history(service, TEAM)
    w = made.workshops
    assert set(history.rounds) == {w["second"].id, w["third"].id, w["fourth"].id}  # no other team's
    assert [r.round.practice_id for r in history.rounds[w["second"].id]] == ["testing"]  # not the cancelled
    fourth = history.votes_at(model, w["fourth"].id)
    assert list(fourth) == ["testing", "build-ci"]  # not the round still open
    assert fourth["testing"].tally.levels == [1, 1, 1] and fourth["testing"].revealed == 2
    assert history.votes_at(model, w["first"].id) == {}


def test_the_spread_over_time_says_whether_the_room_converges(service, made, model) -> None:
    history = histories.team_history(service, TEAM)
    testing = history.spread_trend(model, "testing")
    assert [votes.tally.spread if votes else None for _, votes in testing.points] == [None, 2, 1, 0]
    assert (testing.direction, testing.words) == (SpreadDirection.CONVERGING, "Room's spread 2 → 1 → 0: converging")
    build = history.spread_trend(model, "build-ci")
    assert (build.direction, build.words) == (SpreadDirection.DIVERGING, "Room's spread 0 → 3: diverging")
    assert history.spread_trend(model, "data-management").words == ""
    earlier = history.up_to(made.workshops["third"].id)  # as the action plan of "third" sees it
    assert earlier.spread_trend(model, "testing").words == "Room's spread 2 → 1: converging"
    assert history.last(2).spread_trend(model, "testing").spreads == [1, 0]


def test_the_export_rows_carry_the_standing_rounds_votes(service, made, model) -> None:
    rows = {(r["title"], r["practice_id"]): r for r in history_rows(model, histories.team_history(service, TEAM))}

    def votes(title, practice):
        row = rows[title, practice]
        return row["votes"], row["vote_median"], row["vote_spread"]

    assert votes("first", "testing") == (None, None, None)  # no round: empty
    assert votes("second", "testing") == (4, 0, 2)
    assert votes("second", "build-ci") == (None, None, None)  # cancelled
    assert votes("fourth", "testing") == (3, 1, 0)  # the second round stands
    assert votes("fourth", "build-ci") == (2, 0, 3)
    assert votes("fourth", "data-management") == (None, None, None)  # still open


def test_the_rounds_are_read_in_one_statement_more(service, made) -> None:
    team = service.repo.find_team(TEAM)
    seen: list[str] = []
    service.repo.db.connection.set_trace_callback(seen.append)
    try:
        service.repo.team_history(team.id)
    finally:
        service.repo.db.connection.set_trace_callback(None)
    selects = [sql for sql in seen if sql.lstrip().upper().startswith("SELECT")]
    assert len(selects) == 6 and sum("vote_round" in sql for sql in selects) == 1
