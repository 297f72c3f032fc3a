"""The maturity model, workshops, ratings and notes: plain Python, no Qt, no SQL."""

from .actions import (
    Action,
    ActionDraft,
    ActionPriority,
    ActionStatus,
    in_practice_order,
    open_actions_by_due_date,
)
from .cells import CellState, cell_state, state_of_cell
from .clock import Clock, utcnow
from .errors import DomainError, ModelFileError, NotFoundError, ValidationError, WorkshopClosedError
from .model import Cell, Level, MaturityModel, Practice, load_model, load_model_text
from .timebox import PracticeTime, TimeBox, TimerReading, TimerState, spread_minutes
from .workshop import (
    Rating,
    Team,
    Workshop,
    WorkshopDraft,
    WorkshopState,
    check_rating,
    clean_name,
    clean_note,
    team_key,
)

__all__ = [
    "Action",
    "ActionDraft",
    "ActionPriority",
    "ActionStatus",
    "in_practice_order",
    "open_actions_by_due_date",
    "Cell",
    "CellState",
    "Clock",
    "DomainError",
    "Level",
    "MaturityModel",
    "ModelFileError",
    "NotFoundError",
    "Practice",
    "PracticeTime",
    "Rating",
    "Team",
    "TimeBox",
    "TimerReading",
    "TimerState",
    "ValidationError",
    "Workshop",
    "WorkshopClosedError",
    "WorkshopDraft",
    "WorkshopState",
    "cell_state",
    "check_rating",
    "clean_name",
    "clean_note",
    "load_model",
    "load_model_text",
    "spread_minutes",
    "state_of_cell",
    "team_key",
    "utcnow",
]
