"""A team's progress: its history, where it stood last time, and two of its workshops compared; for
the window, the action plan and the ``history`` command."""

from __future__ import annotations

import logging
from dataclasses import dataclass
from typing import TYPE_CHECKING

from ..domain.actions import in_practice_order
from ..domain.errors import NotFoundError, ValidationError
from ..domain.workshop import Rating, Team, Workshop
from .workshops import WorkshopService

if TYPE_CHECKING:  # a team's history is read on the first Ctrl+H or export, not at launch
    from ..domain.history import Comparison, TeamHistory

log = logging.getLogger(__name__)
SHOW_LAST_TIME_KEY = "ui.show_last_time"  # "0" when the facilitator hid the last-time marks


@dataclass(frozen=True)
class LastTime:
    """Where a workshop's team stood at its previous workshop (None for a team's first)."""

    previous: Workshop | None
    ratings: dict[str, Rating]

    def current(self, practice_id: str) -> int | None:
        rating = self.ratings.get(practice_id)
        return rating.current if rating else None


NO_LAST_TIME = LastTime(None, {})


def last_time(service: WorkshopService, workshop_id: int) -> LastTime:
    """The previous workshop of ``workshop_id``'s team (``domain.history.previous_of``) and its levels."""
    previous = service.repo.previous_workshop(workshop_id)
    if previous is None:
        return NO_LAST_TIME
    return LastTime(previous, service.repo.ratings_of(previous.id))


def find_team(service: WorkshopService, name: str) -> Team:
    """The team ``name`` names, however it is written; else a message naming the teams there are."""
    team = service.repo.find_team(name)
    if team is not None:
        return team
    teams = [t.name for t in service.list_teams()]
    known = f" The teams are: {', '.join(teams)}." if teams else " There are no teams yet."
    raise NotFoundError(f'There is no team called "{" ".join(name.split())}".{known}')


def team_history(service: WorkshopService, team: Team | str) -> TeamHistory:
    """Every readable workshop of the team, the first held first, with its revealed rounds of votes;
    a workshop that cannot be read is left out (logged, and named in the history's ``left_out``), as
    the workshop list leaves it out."""
    if isinstance(team, str):
        team = find_team(service, team)
    states, damaged, rounds = service.repo.team_history(team.id)
    for error in damaged:
        log.warning("Left out of %s's history: %s", team.name, error)
    for state in states:
        state.actions = in_practice_order(service.model, state.actions)
    from ..domain.history import TeamHistory

    return TeamHistory(team, states, damaged, rounds)


def history_of(service: WorkshopService, workshop_id: int) -> TeamHistory:
    """The history of ``workshop_id``'s team, as it stood at that workshop (later ones left out)."""
    workshop = service.repo.get_workshop(workshop_id)
    history = team_history(service, Team(workshop.team_id, workshop.team_name))
    return history.up_to(workshop_id)


def compare_workshops(service: WorkshopService, one_id: int, other_id: int) -> Comparison:
    """Two workshops of one team side by side, the earlier first."""
    if one_id == other_id:
        raise ValidationError("Choose two different workshops to compare.")
    one, other = service.load(one_id), service.load(other_id)
    if one.workshop.team_id != other.workshop.team_id:
        raise ValidationError(
            f'"{one.workshop.title}" and "{other.workshop.title}" are workshops of different teams; '
            "only a team's own workshops can be compared."
        )
    history = team_history(service, Team(one.workshop.team_id, one.workshop.team_name))
    from ..domain.history import compare

    return compare(service.model, one, other, history.workshops)
