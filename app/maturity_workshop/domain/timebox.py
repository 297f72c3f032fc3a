"""The time box: an agenda of planned minutes per practice, and the clock that counts the time the
room spends on the focused practice. Plain Python: the window's QTimer only asks for a reading once
a second. The time comes from a monotonic clock (``Callable[[], float]``, in seconds), which tests
set; nothing here reads the time any other way."""

from __future__ import annotations

import enum
import math
import time
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass

from .errors import ValidationError
from .limits import MAX_PLANNED_MINUTES
from .model import MaturityModel

MonotonicClock = Callable[[], float]
DEFAULT_AGENDA_MINUTES = 90
WARNING_SECONDS = 60  # the last minute of a practice's time


@dataclass(frozen=True)
class PracticeTime:
    """A practice's line of the agenda: the minutes planned for it and the seconds spent on it."""

    practice_id: str
    planned_minutes: int = 0
    spent_seconds: int = 0

    @property
    def words(self) -> str:
        """"planned 15 min, spent 17 min", as the action plan prints it."""
        planned = f"planned {self.planned_minutes} min" if self.planned_minutes else "no time planned"
        return f"{planned}, spent {spent_minutes(self.spent_seconds)} min"


def spent_minutes(seconds: int) -> int:
    """Seconds as whole minutes, to the nearest; any time at all is at least 1 minute."""
    return max(1, math.floor(seconds / 60 + 0.5)) if seconds > 0 else 0


def spread_minutes(total: int, practice_ids: Sequence[str]) -> dict[str, int]:
    """``total`` minutes shared out over the practices in order: 90 over 6 is 15 each; what does not
    divide evenly goes one minute each to the first ones (100 over 6: 17, 17, 17, 17, 16, 16)."""
    if not practice_ids:
        return {}
    check_minutes(total, "The agenda's total")
    share, extra = divmod(total, len(practice_ids))
    return {practice_id: share + (1 if i < extra else 0) for i, practice_id in enumerate(practice_ids)}


def check_minutes(minutes: object, what: str) -> int:
    if isinstance(minutes, bool) or not isinstance(minutes, int):
        raise ValidationError(f"{what} must be a whole number of minutes.")
    if not 0 <= minutes <= MAX_PLANNED_MINUTES:
        raise ValidationError(f"{what} must be between 0 and {MAX_PLANNED_MINUTES} minutes.")
    return minutes


def check_agenda(model: MaturityModel, planned: Mapping[str, int]) -> dict[str, int]:
    """The planned minutes per practice, checked: practices of the model, whole minutes from 0 to
    :data:`MAX_PLANNED_MINUTES` each and in all."""
    checked = {}
    for practice_id, minutes in planned.items():
        if not model.has_practice(practice_id):
            raise ValidationError(f'The model has no practice "{practice_id}".')
        checked[practice_id] = check_minutes(minutes, f"The time planned for {model.practice(practice_id).name}")
    if sum(checked.values()) > MAX_PLANNED_MINUTES:
        raise ValidationError(f"The agenda plans more than {MAX_PLANNED_MINUTES} minutes in all.")
    return checked


def check_spent(model: MaturityModel, spent: Mapping[str, int]) -> dict[str, int]:
    """The seconds spent per practice, checked: practices of the model, whole seconds, none negative."""
    for practice_id, seconds in spent.items():
        if not model.has_practice(practice_id):
            raise ValidationError(f'The model has no practice "{practice_id}".')
        if isinstance(seconds, bool) or not isinstance(seconds, int) or seconds < 0:
            raise ValidationError("The time spent on a practice must be a whole number of seconds, not negative.")
    return dict(spent)


def clock_text(seconds: int) -> str:
    """12:34, or 1:02:03 from an hour on."""
    hours, rest = divmod(abs(seconds), 3600)
    minutes, secs = divmod(rest, 60)
    return f"{hours}:{minutes:02d}:{secs:02d}" if hours else f"{minutes}:{secs:02d}"


class TimerState(enum.Enum):
    PAUSED = "paused"
    RUNNING = "running"
    WARNING = "warning"  # the last minute of the planned time
    OVERRUN = "overrun"  # past the planned time


@dataclass(frozen=True)
class TimerReading:
    """What the timer shows for the focused practice at one moment."""

    practice_id: str | None
    planned_seconds: int
    spent_seconds: int
    running: bool

    @property
    def planned(self) -> bool:
        return self.planned_seconds > 0

    @property
    def left_seconds(self) -> int:
        """The planned time not spent yet; negative once it is overrun."""
        return self.planned_seconds - self.spent_seconds

    @property
    def state(self) -> TimerState:
        if not self.running:
            return TimerState.PAUSED
        if not self.planned:
            return TimerState.RUNNING
        if self.left_seconds < 0:
            return TimerState.OVERRUN
        return TimerState.WARNING if self.left_seconds < WARNING_SECONDS else TimerState.RUNNING

    @property
    def words(self) -> str:
        """"12:34 left", "0:45 left · last minute", "+2:10 over", "Paused · 12:34 left"."""
        if not self.planned:
            told = f"{clock_text(self.spent_seconds)} spent"
        elif self.left_seconds < 0:
            told = f"+{clock_text(-self.left_seconds)} over"
        else:
            told = f"{clock_text(self.left_seconds)} left"
        state = self.state
        if state is TimerState.PAUSED:
            return f"Paused · {told}"
        return f"{told} · last minute" if state is TimerState.WARNING else told


class TimeBox:
    """The clock of one workshop's agenda. It counts, while it runs, the time spent on the focused
    practice; :meth:`unsaved` says what to save and :meth:`mark_saved` what was."""

    def __init__(self, times: Iterable[PracticeTime] = (), clock: MonotonicClock = time.monotonic) -> None:
        self._clock = clock
        times = list(times)
        self._planned = {t.practice_id: t.planned_minutes for t in times}
        self._spent = {t.practice_id: float(t.spent_seconds) for t in times}
        self._saved = {t.practice_id: t.spent_seconds for t in times}
        self._practice: str | None = None
        self._since: float | None = None  # when the stretch now running began; None while paused

    @property
    def running(self) -> bool:
        return self._since is not None

    @property
    def practice_id(self) -> str | None:
        return self._practice

    def focus(self, practice_id: str | None) -> None:
        """The room moves on to ``practice_id``: the time so far goes to the one before."""
        self._bank()
        self._practice = practice_id

    def start(self) -> None:
        if self._since is None:
            self._since = self._clock()

    def pause(self) -> None:
        self._bank()
        self._since = None

    def _bank(self) -> None:
        if self._since is None:
            return
        now = self._clock()
        if self._practice is not None:
            elapsed = max(0.0, now - self._since)  # a clock that went back counts nothing
            self._spent[self._practice] = self._spent.get(self._practice, 0.0) + elapsed
        self._since = now

    def set_planned(self, planned: Mapping[str, int]) -> None:
        self._planned.update(planned)

    def spent_seconds(self, practice_id: str) -> int:
        spent = self._spent.get(practice_id, 0.0)
        if practice_id == self._practice and self._since is not None:
            spent += max(0.0, self._clock() - self._since)
        return int(spent)

    def reading(self) -> TimerReading:
        practice = self._practice
        planned = self._planned.get(practice, 0) * 60 if practice else 0
        spent = self.spent_seconds(practice) if practice else 0
        return TimerReading(practice, planned, spent, self.running)

    def unsaved(self) -> dict[str, int]:
        """The whole seconds spent per practice that differ from what was saved."""
        self._bank()
        return {p: int(s) for p, s in self._spent.items() if int(s) != self._saved.get(p, 0)}

    def mark_saved(self, spent: Mapping[str, int]) -> None:
        self._saved.update(spent)

    def times(self) -> dict[str, PracticeTime]:
        """The agenda as it stands, each practice's time spent included."""
        practices = set(self._planned) | set(self._spent)
        return {
            p: PracticeTime(p, self._planned.get(p, 0), int(self._spent.get(p, 0.0))) for p in sorted(practices)
        }
