"""A team's history: its workshops in the order they were held, where each practice stood at each,
how it changed since the workshop before, what became of each action, and how far apart the room's
votes were (the spread of the round that stands for each practice, workshop after workshop). The
one home of these rules: the grid's "last time" marks, the history page, compare, the action plan's
Progress section and the ``history`` export all read them from here.
Whether the room is converging is ``spread.py``'s rule.
"""

from __future__ import annotations

import enum
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from .actions import Action, ActionStatus
from .change import MINUS, Change, ChangeKind, level_text, signed  # noqa: F401 - named here too
from .errors import DamagedRowError
from .model import MaturityModel
from .spread import SpreadTrend
from .timebox import spent_minutes
from .voting import PracticeVotes, RoundRecord, practice_votes
from .workshop import Rating, Team, Workshop, WorkshopState

RANGES = (5, 10, None)  # the history's choices of how far back to look: the last 5, the last 10, all


def held_order(workshop: Workshop) -> tuple:
    """The order a team's workshops were held in: by date, then by creation (the id grows with it)."""
    return (workshop.held_on, workshop.id)


def previous_of(workshops: Iterable[Workshop], workshop: Workshop) -> Workshop | None:
    """``workshop``'s previous one: the team's workshop held most recently before it, open or closed."""
    key = held_order(workshop)
    earlier = [w for w in workshops if w.team_id == workshop.team_id and w.id != workshop.id and held_order(w) < key]
    return max(earlier, key=held_order, default=None)


@dataclass(frozen=True)
class TrendPoint:
    """Where a practice stood at one workshop."""

    workshop: Workshop
    current: int | None
    target: int | None


@dataclass(frozen=True)
class PracticeTrend:
    """A practice's levels over a team's workshops, the oldest first."""

    practice_id: str
    name: str
    points: tuple[TrendPoint, ...]

    @property
    def change(self) -> Change | None:
        """The change at the last workshop since the one before it; None with fewer than two."""
        if len(self.points) < 2:
            return None
        return Change(self.points[-2].current, self.points[-1].current)


class Outcome(enum.Enum):
    DONE = "done"
    DROPPED = "dropped"
    CARRIED = "carried over"
    OPEN = "still open"

    @property
    def label(self) -> str:
        return self.value.capitalize()


@dataclass(frozen=True)
class ActionOutcome:
    """What became of an action: done or dropped (its own status), carried over into a later
    workshop (``carried_to``, that workshop's copy), or still open."""

    action: Action
    outcome: Outcome
    carried_to: Action | None = None


def outcome_of(action: Action, carried_to: Action | None) -> ActionOutcome:
    if action.status is ActionStatus.DONE:
        return ActionOutcome(action, Outcome.DONE)
    if action.status is ActionStatus.DROPPED:
        return ActionOutcome(action, Outcome.DROPPED)
    if carried_to is not None:
        return ActionOutcome(action, Outcome.CARRIED, carried_to)
    return ActionOutcome(action, Outcome.OPEN)


@dataclass
class TeamHistory:
    """A team's workshops, each with its ratings, notes, actions and agenda, in the order they were
    held (:func:`held_order`); in ``left_out``, why each workshop of the team that cannot be read was
    left out; in ``rounds``, each workshop's revealed rounds of votes, by workshop id."""

    team: Team
    workshops: list[WorkshopState] = field(default_factory=list)
    left_out: list[DamagedRowError] = field(default_factory=list)
    rounds: dict[int, list[RoundRecord]] = field(default_factory=dict)

    def __post_init__(self) -> None:
        self.workshops.sort(key=lambda state: held_order(state.workshop))
        self._carried = {
            action.carried_from_id: action
            for state in self.workshops
            for action in state.actions
            if action.carried_from_id is not None
        }

    def __len__(self) -> int:
        return len(self.workshops)

    def index_of(self, workshop_id: int) -> int:
        for i, state in enumerate(self.workshops):
            if state.workshop.id == workshop_id:
                return i
        raise KeyError(workshop_id)

    def get(self, workshop_id: int) -> WorkshopState:
        return self.workshops[self.index_of(workshop_id)]

    def previous(self, workshop_id: int) -> WorkshopState | None:
        """The workshop held before ``workshop_id`` (:func:`previous_of`), or None for the first."""
        i = self.index_of(workshop_id)
        return self.workshops[i - 1] if i > 0 else None

    def up_to(self, workshop_id: int) -> TeamHistory:
        """The history as it stood at ``workshop_id``: that workshop and those before it."""
        return TeamHistory(self.team, self.workshops[: self.index_of(workshop_id) + 1], rounds=self.rounds)

    def last(self, count: int | None) -> TeamHistory:
        """The last ``count`` workshops (all when None)."""
        return TeamHistory(self.team, self.workshops[-count:] if count else list(self.workshops), rounds=self.rounds)

    def trend(self, model: MaturityModel, practice_id: str) -> PracticeTrend:
        return PracticeTrend(
            practice_id,
            model.practice(practice_id).name,
            tuple(
                TrendPoint(state.workshop, state.rating(practice_id).current, state.rating(practice_id).target)
                for state in self.workshops
            ),
        )

    def trends(self, model: MaturityModel) -> list[PracticeTrend]:
        """Every practice's trend, in the model's order."""
        return [self.trend(model, practice.id) for practice in model.practices]

    def votes_at(self, model: MaturityModel, workshop_id: int) -> dict[str, PracticeVotes]:
        """What the room's votes at the workshop say of each practice voted on (the round that stands)."""
        return practice_votes(model, self.rounds.get(workshop_id, ()))

    def spread_trend(self, model: MaturityModel, practice_id: str) -> SpreadTrend:
        return SpreadTrend(
            practice_id,
            tuple((s.workshop, self.votes_at(model, s.workshop.id).get(practice_id)) for s in self.workshops),
        )

    def outcomes(self, workshop_id: int) -> list[ActionOutcome]:
        """What became of each of a workshop's actions, in its order."""
        return [outcome_of(action, self._carried.get(action.id)) for action in self.get(workshop_id).actions]


# -- compare two workshops -------------------------------------------------------------------------
@dataclass(frozen=True)
class PracticeComparison:
    practice_id: str
    name: str
    before: Rating
    after: Rating
    notes_before: dict[str, str]  # cell id -> text
    notes_after: dict[str, str]

    @property
    def change(self) -> Change:
        return Change(self.before.current, self.after.current)

    @property
    def target_reached(self) -> bool:
        """The earlier workshop set a target, and the later one's level reaches it."""
        return target_reached(self.before, self.after)


def target_reached(before: Rating, after: Rating) -> bool:
    return before.target is not None and after.current is not None and after.current >= before.target


@dataclass(frozen=True)
class Comparison:
    """Two workshops of a team side by side, the earlier (by :func:`held_order`) first."""

    earlier: WorkshopState
    later: WorkshopState
    practices: tuple[PracticeComparison, ...]
    opened: tuple[Action, ...]  # the later workshop's actions that are new in it
    carried: tuple[Action, ...]  # the later workshop's actions carried from the earlier one
    closed: tuple[ActionOutcome, ...]  # the earlier workshop's actions since done or dropped

    @property
    def targets_reached(self) -> list[PracticeComparison]:
        return [p for p in self.practices if p.target_reached]


def compare(
    model: MaturityModel, one: WorkshopState, other: WorkshopState, between: Iterable[WorkshopState] = ()
) -> Comparison:
    """``one`` and ``other`` side by side, whichever was held first on the left. ``between``: the
    team's workshops held between them, so that an action carried over twice (from the earlier one,
    through one in between, into the later one) counts as carried, and one closed in between as
    closed."""
    earlier, later = sorted((one, other), key=lambda state: held_order(state.workshop))
    practices = tuple(
        PracticeComparison(
            practice.id,
            practice.name,
            earlier.rating(practice.id),
            later.rating(practice.id),
            _notes_of(model, earlier, practice.id),
            _notes_of(model, later, practice.id),
        )
        for practice in model.practices
    )
    middle = [state for state in between if held_order(earlier.workshop) < held_order(state.workshop) < held_order(later.workshop)]
    by_id = {a.id: a for state in (earlier, *middle, later) for a in state.actions}
    carrying = {a.carried_from_id: a for state in (*middle, later) for a in state.actions if a.carried_from_id}
    earlier_ids = {action.id for action in earlier.actions}

    def origin(action: Action) -> Action:
        seen = set()
        while action.carried_from_id in by_id and action.id not in seen:
            seen.add(action.id)
            action = by_id[action.carried_from_id]
        return action

    carried = tuple(a for a in later.actions if a.carried_from_id and origin(a).id in earlier_ids and a.id not in earlier_ids)
    opened = tuple(a for a in later.actions if a not in carried)
    closed = []
    for action in earlier.actions:
        step, seen = action, set()
        while step.status.is_open and step.id in carrying and step.id not in seen:  # followed to where it ended
            seen.add(step.id)
            step = carrying[step.id]
        if not step.status.is_open:
            closed.append(outcome_of(step, None))
    return Comparison(earlier, later, practices, opened, carried, tuple(closed))


def _notes_of(model: MaturityModel, state: WorkshopState, practice_id: str) -> dict[str, str]:
    return {
        cell.id: state.notes[cell.id]
        for level in model.levels
        if (cell := model.cell(practice_id, level.value)).id in state.notes
    }


# -- the rows of the history export ------------------------------------------------------------
HISTORY_COLUMNS = (
    "team", "workshop_id", "held_on", "title", "practice_id", "practice", "current", "target",
    "change", "minutes_spent", "open_actions", "done_actions", "votes", "vote_median", "vote_spread",
)


def history_rows(model: MaturityModel, history: TeamHistory) -> list[dict[str, object]]:
    """One row per workshop and practice, the oldest workshop first, in the model's practice order:
    what a spreadsheet or a BI tool reads. ``change`` is the levels gained since the previous
    workshop (empty when either did not rate the practice, or for the first workshop);
    ``minutes_spent`` is empty when no time was counted; ``votes``, ``vote_median`` and
    ``vote_spread`` are the room's vote in the round that stands for the practice at that workshop,
    empty when none does."""
    rows: list[dict[str, object]] = []
    previous: WorkshopState | None = None
    for state in history.workshops:
        voted = history.votes_at(model, state.workshop.id)
        for practice in model.practices:
            rating = state.rating(practice.id)
            change = Change(previous.rating(practice.id).current, rating.current).delta if previous else None
            time = state.times.get(practice.id)
            actions = state.actions_of(practice.id)
            rows.append({
                "team": history.team.name,
                "workshop_id": state.workshop.id,
                "held_on": state.workshop.held_on.isoformat(),
                "title": state.workshop.title,
                "practice_id": practice.id,
                "practice": practice.name,
                "current": rating.current,
                "target": rating.target,
                "change": change,
                "minutes_spent": spent_minutes(time.spent_seconds) if time and time.spent_seconds else None,
                "open_actions": sum(1 for a in actions if a.status.is_open),
                "done_actions": sum(1 for a in actions if a.status is ActionStatus.DONE),
                **_vote_columns(voted.get(practice.id)),
            })
        previous = state
    return rows


def _vote_columns(votes: PracticeVotes | None) -> dict[str, int | None]:
    tally = votes.tally if votes is not None else None
    return {
        "votes": tally.total if tally else None,
        "vote_median": tally.median if tally else None,
        "vote_spread": tally.spread if tally else None,
    }


def last_time_levels(previous: WorkshopState | None, practice_ids: Sequence[str]) -> dict[str, int | None]:
    """Each practice's current level at the previous workshop (an empty mapping when there is none)."""
    if previous is None:
        return {}
    return {practice_id: previous.rating(practice_id).current for practice_id in practice_ids}
