"""The maturity model, workshops, ratings and notes: plain Python, no Qt, no SQL."""

from .actions import Action, ActionDraft, ActionPriority, ActionStatus, open_actions_by_due_date
from .errors import DomainError, ModelFileError, NotFoundError, ValidationError, WorkshopClosedError
from .model import Cell, Level, MaturityModel, Practice, load_model, load_model_text
from .workshop import Rating, Team, Workshop, WorkshopDraft, WorkshopState, check_rating, clean_name

__all__ = [
    "Action",
    "ActionDraft",
    "ActionPriority",
    "ActionStatus",
    "open_actions_by_due_date",
    "Cell",
    "DomainError",
    "Level",
    "MaturityModel",
    "ModelFileError",
    "NotFoundError",
    "Practice",
    "Rating",
    "Team",
    "ValidationError",
    "Workshop",
    "WorkshopClosedError",
    "WorkshopDraft",
    "WorkshopState",
    "check_rating",
    "clean_name",
    "load_model",
    "load_model_text",
]
