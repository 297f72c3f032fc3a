"""The time box's rules: the planned minutes' spread, the time left, the state (running, warning in
the last minute, overrun, paused), and what is left to save."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from maturity_workshop.domain import PracticeTime, TimeBox, TimerState, ValidationError, spread_minutes
from maturity_workshop.domain.limits import MAX_PLANNED_MINUTES
from maturity_workshop.domain.timebox import check_agenda, check_spent, clock_text, spent_minutes

from ..clocks import FakeClock

SIX = ["a", "b", "c", "d", "e", "f"]


def test_90_minutes_over_6_practices_is_15_each() -> None:
    assert spread_minutes(90, SIX) == dict.fromkeys(SIX, 15)


def test_what_does_not_divide_goes_to_the_first_practices() -> None:
    assert list(spread_minutes(100, SIX).values()) == [17, 17, 17, 17, 16, 16]
    assert list(spread_minutes(4, SIX).values()) == [1, 1, 1, 1, 0, 0]


@given(st.integers(0, MAX_PLANNED_MINUTES), st.integers(1, 12))
def test_a_spread_adds_up_to_its_total_and_is_even(total: int, count: int) -> None:
    spread = spread_minutes(total, [f"p{i}" for i in range(count)])
    assert sum(spread.values()) == total
    assert max(spread.values()) - min(spread.values()) <= 1


@pytest.mark.parametrize("total", [-1, MAX_PLANNED_MINUTES + 1, 1.5, "90", True])
def test_a_total_that_is_not_minutes_is_refused(total) -> None:
    with pytest.raises(ValidationError, match="The agenda's total must be"):
        spread_minutes(total, SIX)


def test_an_agenda_is_checked_against_the_model(model) -> None:
    assert check_agenda(model, {"testing": 15, "build-ci": 0}) == {"testing": 15, "build-ci": 0}
    with pytest.raises(ValidationError, match='no practice "nope"'):
        check_agenda(model, {"nope": 15})
    with pytest.raises(ValidationError, match="planned for Testing must be between 0 and 600 minutes"):
        check_agenda(model, {"testing": -5})
    with pytest.raises(ValidationError, match="more than 600 minutes in all"):
        check_agenda(model, {p.id: 120 for p in model.practices})
    with pytest.raises(ValidationError, match="not negative"):
        check_spent(model, {"testing": -1})


def test_the_countdown_the_last_minute_and_the_overrun() -> None:
    clock = FakeClock()
    box = TimeBox([PracticeTime("testing", 15, 0)], clock)
    box.focus("testing")
    assert box.reading().state is TimerState.PAUSED and box.reading().words == "Paused · 15:00 left"
    box.start()
    clock.advance(3 * 60 + 26)
    reading = box.reading()
    assert (reading.state, reading.words, reading.left_seconds) == (TimerState.RUNNING, "11:34 left", 694)
    clock.advance(694 - 60)
    assert box.reading().words == "1:00 left" and box.reading().state is TimerState.RUNNING
    clock.advance(1)
    assert box.reading().words == "0:59 left · last minute" and box.reading().state is TimerState.WARNING
    clock.advance(59)
    assert box.reading().words == "0:00 left · last minute"
    clock.advance(2 * 60 + 10)
    assert box.reading().words == "+2:10 over" and box.reading().state is TimerState.OVERRUN
    clock.advance(3600)
    assert box.reading().words == "+1:02:10 over"


def test_pause_stops_the_count_and_resume_goes_on() -> None:
    clock = FakeClock()
    box = TimeBox([PracticeTime("testing", 10, 0)], clock)
    box.focus("testing")
    box.start()
    clock.advance(100)
    box.pause()
    clock.advance(500)  # a break: not counted
    assert box.reading().words == "Paused · 8:20 left" and box.spent_seconds("testing") == 100
    box.start()
    clock.advance(20)
    assert box.reading().words == "8:00 left"


def test_the_time_goes_to_the_practice_in_focus() -> None:
    clock = FakeClock()
    box = TimeBox([PracticeTime("testing", 10, 30)], clock)
    box.focus("testing")
    box.start()
    clock.advance(90)
    box.focus("build-ci")  # no plan: counted all the same
    clock.advance(45)
    assert box.reading().words == "0:45 spent" and box.reading().state is TimerState.RUNNING
    assert box.unsaved() == {"testing": 120, "build-ci": 45}
    box.mark_saved({"testing": 120, "build-ci": 45})
    assert box.unsaved() == {}
    clock.advance(10)
    assert box.unsaved() == {"build-ci": 55}
    assert box.times()["testing"] == PracticeTime("testing", 10, 120)


def test_a_clock_that_goes_back_counts_nothing() -> None:
    clock = FakeClock()
    box = TimeBox([], clock)
    box.focus("testing")
    box.start()
    clock.advance(-50)
    assert box.spent_seconds("testing") == 0 and box.unsaved() == {}
    clock.advance(10)
    assert box.spent_seconds("testing") == 10


def test_the_words_for_the_action_plan() -> None:
    assert PracticeTime("testing", 15, 1020).words == "planned 15 min, spent 17 min"
    assert PracticeTime("testing", 0, 95).words == "no time planned, spent 2 min"
    assert [spent_minutes(s) for s in (0, 1, 29, 89, 90)] == [0, 1, 1, 1, 2]
    assert clock_text(59) == "0:59" and clock_text(3723) == "1:02:03"
