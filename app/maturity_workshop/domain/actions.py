"""Actions: what the team will do next for a practice, who does it and by when."""

from __future__ import annotations

import enum
from dataclasses import dataclass, replace
from datetime import date

from .errors import ValidationError
from .limits import MAX_ACTION_TITLE_LENGTH, MAX_NAME_LENGTH
from .model import MaturityModel
from .text import check_text

MAX_TITLE_LENGTH = MAX_ACTION_TITLE_LENGTH
MAX_OWNER_LENGTH = MAX_NAME_LENGTH


class ActionStatus(enum.StrEnum):
    OPEN = "open"
    IN_PROGRESS = "in_progress"
    DONE = "done"
    DROPPED = "dropped"

    @property
    def label(self) -> str:
        return {"open": "Open", "in_progress": "In progress", "done": "Done", "dropped": "Dropped"}[self.value]

    @property
    def is_open(self) -> bool:
        """Still to be done: open or in progress."""
        return self in (ActionStatus.OPEN, ActionStatus.IN_PROGRESS)


class ActionPriority(enum.StrEnum):
    HIGH = "high"
    MEDIUM = "medium"
    LOW = "low"

    @property
    def label(self) -> str:
        return self.value.capitalize()

    @property
    def rank(self) -> int:
        return {"high": 0, "medium": 1, "low": 2}[self.value]


@dataclass(frozen=True)
class ActionDraft:
    """An action's fields as typed; :meth:`validated` cleans and checks them."""

    practice_id: str
    title: str
    owner: str = ""
    due_on: date | None = None
    status: ActionStatus = ActionStatus.OPEN
    priority: ActionPriority = ActionPriority.MEDIUM
    cell_id: str | None = None

    def validated(self) -> ActionDraft:
        check_text(self.title, "The action's title")
        check_text(self.owner, "The action's owner")
        title = " ".join(self.title.split())
        if not title:
            raise ValidationError("An action needs a title: what will the team do?")
        if len(title) > MAX_TITLE_LENGTH:
            raise ValidationError(f"An action's title can be at most {MAX_TITLE_LENGTH} characters.")
        owner = " ".join(self.owner.split())
        if len(owner) > MAX_OWNER_LENGTH:
            raise ValidationError(f"An action's owner can be at most {MAX_OWNER_LENGTH} characters.")
        try:
            status = ActionStatus(self.status)
            priority = ActionPriority(self.priority)
        except ValueError as error:
            raise ValidationError(str(error)) from None
        return replace(self, title=title, owner=owner, status=status, priority=priority)


@dataclass(frozen=True)
class Action:
    id: int
    workshop_id: int
    practice_id: str
    title: str
    owner: str
    due_on: date | None
    status: ActionStatus
    priority: ActionPriority
    position: int  # order within its practice, from 0
    cell_id: str | None = None
    carried_from_id: int | None = None  # the action of an earlier workshop this one continues

    def draft(self) -> ActionDraft:
        return ActionDraft(
            practice_id=self.practice_id,
            title=self.title,
            owner=self.owner,
            due_on=self.due_on,
            status=self.status,
            priority=self.priority,
            cell_id=self.cell_id,
        )


def open_actions_by_due_date(actions: list[Action]) -> list[Action]:
    """Open and in-progress actions, soonest due first (undated last), then by priority."""
    pending = [a for a in actions if a.status.is_open]
    return sorted(pending, key=lambda a: (a.due_on is None, a.due_on or date.max, a.priority.rank, a.id))


def in_practice_order(model: MaturityModel, actions: list[Action]) -> list[Action]:
    """``actions`` in the order the model lists their practices (practices it does not know last),
    then by their position within their practice."""
    return sorted(actions, key=lambda a: (model.practice_index(a.practice_id), a.position, a.id))
