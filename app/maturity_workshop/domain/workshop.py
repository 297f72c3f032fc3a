"""Teams, workshops and what a workshop records: per-practice ratings and per-cell notes."""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, datetime

from .actions import Action
from .errors import DamagedRowError, ValidationError
from .limits import MAX_NAME_LENGTH, MAX_NOTE_LENGTH, MAX_PARTICIPANTS
from .model import MaturityModel
from .text import check_text
from .timebox import PracticeTime


@dataclass(frozen=True)
class Team:
    id: int
    name: str
    is_demo: bool = False  # made by the demo: never to be taken for a real team
    uuid: str = ""  # domain.identity.team_uuid: the same team's on every laptop ("" if not from a store)


def team_key(name: str) -> str:
    """What two names of the same team have in common: "Straße", " STRASSE " and "straße" are one
    team, as are "Équipe" typed with an accented letter or with a combining accent. The names are
    made alike (Unicode NFKC), case is folded and white space collapsed."""
    return " ".join(unicodedata.normalize("NFKC", name).casefold().split())


@dataclass(frozen=True)
class Workshop:
    id: int
    team_id: int
    team_name: str
    title: str
    held_on: date
    facilitator: str
    participant_count: int
    model_id: str
    model_version: str
    closed: bool
    created_at: datetime
    updated_at: datetime
    uuid: str = ""  # domain.identity.workshop_uuid, the same on every copy of its file ("" if not from a store)


@dataclass(frozen=True)
class Rating:
    """Where the team agrees a practice stands (current) and where it wants it (target)."""

    practice_id: str
    current: int | None = None
    target: int | None = None

    @property
    def is_empty(self) -> bool:
        return self.current is None and self.target is None


@dataclass(frozen=True)
class WorkshopDraft:
    """What the facilitator types to start a workshop; :meth:`validated` cleans and checks it."""

    team_name: str
    title: str
    held_on: date
    facilitator: str = ""
    participant_count: int = 0

    def validated(self) -> WorkshopDraft:
        team = clean_name(self.team_name, "The team's name")
        title = clean_name(self.title, "The workshop's title")
        check_text(self.facilitator, "The facilitator's name")
        facilitator = " ".join(self.facilitator.split())
        if len(facilitator) > MAX_NAME_LENGTH:
            raise ValidationError(f"The facilitator's name is longer than {MAX_NAME_LENGTH} characters.")
        if not 0 <= self.participant_count <= MAX_PARTICIPANTS:
            raise ValidationError(f"The number of participants must be between 0 and {MAX_PARTICIPANTS}.")
        return WorkshopDraft(team, title, self.held_on, facilitator, self.participant_count)


def clean_name(value: str, what: str) -> str:
    """Collapse white space; refuse an empty or overlong name, or one holding a lone surrogate, with a
    message naming ``what``."""
    check_text(value, what)
    cleaned = " ".join(value.split())
    if not cleaned:
        raise ValidationError(f"{what} cannot be empty.")
    if len(cleaned) > MAX_NAME_LENGTH:
        raise ValidationError(f"{what} is longer than {MAX_NAME_LENGTH} characters.")
    return cleaned


def clean_note(text: str) -> str:
    """A cell's note as stored: refused when longer than :data:`MAX_NOTE_LENGTH` or holding a lone
    surrogate, empty when blank."""
    check_text(text, "The note")
    if len(text) > MAX_NOTE_LENGTH:
        raise ValidationError(f"A note can hold at most {MAX_NOTE_LENGTH:,} characters.")
    return text if text.strip() else ""


@dataclass
class WorkshopState:
    """Everything the grid shows for one workshop, and its agenda."""

    workshop: Workshop
    ratings: dict[str, Rating] = field(default_factory=dict)
    notes: dict[str, str] = field(default_factory=dict)  # cell id -> text
    actions: list[Action] = field(default_factory=list)  # by practice, then position
    times: dict[str, PracticeTime] = field(default_factory=dict)  # practice id -> its agenda line

    def rating(self, practice_id: str) -> Rating:
        return self.ratings.get(practice_id) or Rating(practice_id)

    def actions_of(self, practice_id: str) -> list[Action]:
        return [a for a in self.actions if a.practice_id == practice_id]


def check_rating(model: MaturityModel, rating: Rating) -> None:
    if not model.has_practice(rating.practice_id):
        raise ValidationError(f'The model has no practice "{rating.practice_id}".')
    for what, value in (("current level", rating.current), ("target level", rating.target)):
        if value is not None and not model.has_level(value):
            raise ValidationError(f"{value} is not a level of the model, so it cannot be the {what}.")


class WorkshopListing(list[Workshop]):
    """The workshops that can be read, as a list (the most recently held first), and ``damaged``:
    for each workshop that cannot be, by id, the :class:`DamagedRowError` saying why."""

    def __init__(self, workshops: Iterable[Workshop] = (), damaged: Iterable[DamagedRowError] = ()) -> None:
        super().__init__(workshops)
        self.damaged = list(damaged)
