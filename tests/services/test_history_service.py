"""A team's history through the service, from a fixture history (tests/history_fixture.py): the
order workshops were held in, "last time", each practice's change and trend, what became of each
action, two workshops compared, and the rows of the history export."""

from __future__ import annotations

from datetime import date

import pytest

from maturity_workshop.domain import NotFoundError, ValidationError, WorkshopDraft
from maturity_workshop.domain.history import ChangeKind, Outcome, history_rows
from maturity_workshop.services import WorkshopService
from maturity_workshop.services import history as histories
from tests.history_fixture import HELD_ON, LEVELS, TEAM, make_history


@pytest.fixture
def made(service: WorkshopService):
    return make_history(service)


def test_the_history_is_in_the_order_held_then_created(service: WorkshopService, made) -> None:
    history = histories.team_history(service, " platform  TEAM ")
    assert [s.workshop.title for s in history.workshops] == ["first", "second", "third", "fourth"]
    assert history.team.name == TEAM


def test_last_time_is_the_workshop_held_most_recently_before(service: WorkshopService, made) -> None:
    w = made.workshops
    assert histories.last_time(service, w["first"].id).previous is None
    assert histories.last_time(service, w["second"].id).previous.id == w["first"].id
    assert histories.last_time(service, w["third"].id).previous.id == w["second"].id  # same day: created before
    last = histories.last_time(service, w["fourth"].id)
    assert last.previous.id == w["third"].id
    assert (last.current("build-ci"), last.current("testing"), last.current("data-management")) == (2, 0, 0)
    assert histories.last_time(service, made.other_team.id).previous is None  # another team's never counts


def test_changes_since_the_previous_workshop(service: WorkshopService, made) -> None:
    history = histories.team_history(service, TEAM)
    trends = {t.practice_id: t for t in history.trends(service.model)}
    build = trends["build-ci"].change
    assert (build.kind, build.delta, build.badge) == (ChangeKind.DOWN, -1, "▼ \u22121")
    testing = trends["testing"].change
    assert (testing.kind, testing.delta, testing.badge) == (ChangeKind.UP, 1, "▲ +1")
    data = trends["data-management"].change
    assert (data.kind, data.badge) == (ChangeKind.GONE, "last time 0, now \u2013")
    assert trends["release-compliance"].change.kind is ChangeKind.NONE
    earlier = {t.practice_id: t for t in history.up_to(made.workshops["second"].id).trends(service.model)}
    assert earlier["testing"].change.badge == "new"
    assert earlier["build-ci"].change.badge == "▲ +1"
    third = {t.practice_id: t for t in history.up_to(made.workshops["third"].id).trends(service.model)}
    assert third["testing"].change.badge == "= same"


def test_a_trend_keeps_the_gaps_of_a_practice_rated_in_some_workshops_only(service: WorkshopService, made) -> None:
    trend = histories.team_history(service, TEAM).trend(service.model, "data-management")
    assert [(p.current, p.target) for p in trend.points] == [(-1, 0), (None, None), (0, 1), (None, None)]
    testing = histories.team_history(service, TEAM).trend(service.model, "testing")
    assert [p.current for p in testing.points] == [None, 0, 0, 1]
    assert [p.workshop.held_on for p in testing.points] == [HELD_ON[t] for t in ("first", "second", "third", "fourth")]


def test_the_last_few_workshops(service: WorkshopService, made) -> None:
    history = histories.team_history(service, TEAM)
    assert [s.workshop.title for s in history.last(2).workshops] == ["third", "fourth"]
    assert len(history.last(None)) == len(history.last(10)) == 4


def test_what_became_of_each_action(service: WorkshopService, made) -> None:
    history = histories.team_history(service, TEAM)
    first = history.outcomes(made.workshops["first"].id)
    assert [(o.action.title, o.outcome) for o in first] == [("dashboard", Outcome.CARRIED)]
    assert first[0].carried_to.id == made.actions["dashboard carried"]
    second = {o.action.title: o.outcome for o in history.outcomes(made.workshops["second"].id)}
    assert second == {"dashboard": Outcome.DONE, "flaky": Outcome.DROPPED}
    third = {o.action.title: o.outcome for o in history.outcomes(made.workshops["third"].id)}
    assert third == {"coverage": Outcome.CARRIED, "stays open": Outcome.OPEN}


def test_compare_two_workshops(service: WorkshopService, made) -> None:
    w = made.workshops
    comparison = histories.compare_workshops(service, w["fourth"].id, w["first"].id)  # either order
    assert (comparison.earlier.workshop.id, comparison.later.workshop.id) == (w["first"].id, w["fourth"].id)
    practices = {p.practice_id: p for p in comparison.practices}
    assert practices["build-ci"].change.delta == 1
    assert practices["build-ci"].target_reached  # target 1 then, 1 now
    assert not practices["data-management"].target_reached  # not rated now
    assert practices["build-ci"].notes_before == {"build-ci.repeatable": "Builds by hand on Fridays."}
    assert practices["build-ci"].notes_after == {"build-ci.consistent": "The build server was lost in the move."}
    assert [p.practice_id for p in comparison.targets_reached] == ["build-ci"]
    assert comparison.carried == ()  # nothing of the first was carried straight into the fourth
    assert [a.title for a in comparison.opened] == ["coverage"]

    second_third = histories.compare_workshops(service, w["second"].id, w["third"].id)
    assert [p.practice_id for p in second_third.targets_reached] == ["build-ci"]  # 2 reached 2
    assert {o.action.title for o in second_third.closed} == {"dashboard", "flaky"}
    first_second = histories.compare_workshops(service, w["first"].id, w["second"].id)
    assert [a.title for a in first_second.carried] == ["dashboard"]
    assert [(o.action.title, o.outcome) for o in first_second.closed] == [("dashboard", Outcome.DONE)]
    assert first_second.opened and {a.title for a in first_second.opened} == {"flaky"}


def test_compare_refuses_two_teams_and_one_workshop(service: WorkshopService, made) -> None:
    with pytest.raises(ValidationError, match="different teams"):
        histories.compare_workshops(service, made.workshops["first"].id, made.other_team.id)
    with pytest.raises(ValidationError, match="two different"):
        histories.compare_workshops(service, made.other_team.id, made.other_team.id)


def test_an_unknown_team_names_the_teams_there_are(service: WorkshopService, made) -> None:
    with pytest.raises(NotFoundError, match='no team called "Nobody".*Other team, Platform team'):
        histories.team_history(service, "Nobody")


def test_the_history_of_a_workshop_stops_at_it(service: WorkshopService, made) -> None:
    history = histories.history_of(service, made.workshops["second"].id)
    assert [s.workshop.title for s in history.workshops] == ["first", "second"]


def test_history_rows(service: WorkshopService, made) -> None:
    history = histories.team_history(service, TEAM)
    service.save_time_spent(made.workshops["fourth"].id, {"build-ci": 17 * 60 + 20})
    history = histories.team_history(service, TEAM)
    rows = history_rows(service.model, history)
    assert len(rows) == 4 * len(service.model.practices)
    by = {(r["title"], r["practice_id"]): r for r in rows}
    assert by[("first", "build-ci")]["change"] is None  # the first workshop has nothing to change from
    assert by[("fourth", "build-ci")] | {} == by[("fourth", "build-ci")]
    fourth = by[("fourth", "build-ci")]
    assert (fourth["current"], fourth["target"], fourth["change"], fourth["minutes_spent"]) == (1, 3, -1, 17)
    assert by[("fourth", "testing")]["open_actions"] == 1  # coverage, carried in
    assert by[("second", "build-ci")]["done_actions"] == 1
    assert by[("second", "testing")]["change"] is None  # not rated in the first
    assert by[("third", "testing")]["minutes_spent"] is None
    for title, levels in LEVELS.items():
        for practice_id, (current, target) in levels.items():
            assert (by[(title, practice_id)]["current"], by[(title, practice_id)]["target"]) == (current, target)


def test_a_new_workshop_comes_after_the_last_one_held_by_its_date(service: WorkshopService, made) -> None:
    w = made.workshops
    assert service.previous_workshop(TEAM).id == w["fourth"].id
    assert service.previous_workshop(TEAM, date(2025, 6, 2)).id == w["third"].id
    assert service.previous_workshop(TEAM, date(2024, 1, 1)) is None
    back_dated = service.start_workshop(WorkshopDraft(TEAM, "back-dated", date(2025, 3, 1)))
    state = service.load(back_dated.id)
    assert state.rating("build-ci").current == 0  # it started from "first", the one before its date


def test_compare_follows_actions_through_the_workshops_in_between(service: WorkshopService, made) -> None:
    w = made.workshops
    first_third = histories.compare_workshops(service, w["first"].id, w["third"].id)
    # "dashboard" was carried from the first into the second and done there: closed since the first
    assert [(o.action.title, o.outcome) for o in first_third.closed] == [("dashboard", Outcome.DONE)]
    second_fourth = histories.compare_workshops(service, w["second"].id, w["fourth"].id)
    assert [a.title for a in second_fourth.carried] == []  # "coverage" began in the third
    assert [a.title for a in second_fourth.opened] == ["coverage"]


def test_an_action_carried_twice_counts_as_carried(service: WorkshopService, made) -> None:
    from maturity_workshop.domain import ActionDraft

    w = made.workshops
    keep = service.add_action(w["second"].id, ActionDraft("testing", "kept going"))
    [in_third] = service.carry_over(w["third"].id, [keep])
    [in_fourth] = service.carry_over(w["fourth"].id, [in_third])
    comparison = histories.compare_workshops(service, w["second"].id, w["fourth"].id)
    assert [a.id for a in comparison.carried] == [in_fourth.id]
    assert in_fourth.id not in [a.id for a in comparison.opened]
