"""Running workshops: start one, rate practices, write notes, rename, close, delete."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

from ..domain.actions import Action, ActionDraft
from ..domain.errors import ValidationError
from ..domain.model import MaturityModel
from ..domain.workshop import Rating, Team, Workshop, WorkshopDraft, WorkshopState, check_rating, clean_name
from ..store.engine import Database, open_database
from ..store.repository import NotFoundError, WorkshopRepository

LAST_WORKSHOP_KEY = "ui.last_workshop_id"
MAX_NOTE_LENGTH = 100_000


class WorkshopService:
    """One open database and the maturity model its workshops are rated against."""

    def __init__(self, database: Database, model: MaturityModel) -> None:
        self.database = database
        self.model = model
        self.repo = WorkshopRepository(database)

    @classmethod
    def open(cls, database: Path | str, model: MaturityModel) -> WorkshopService:
        return cls(open_database(database), model)

    def close(self) -> None:
        self.database.close()

    # -- teams and workshops --------------------------------------------------------------------
    def list_teams(self) -> list[Team]:
        return self.repo.list_teams()

    def list_workshops(self) -> list[Workshop]:
        return self.repo.list_workshops()

    def previous_workshop(self, team_name: str) -> Workshop | None:
        """The team's most recent workshop, which a new one can start from."""
        name = " ".join(team_name.split()).lower()
        for team in self.repo.list_teams():
            if team.name.lower() == name:
                return self.repo.latest_workshop_of_team(team.id)
        return None

    def start_workshop(self, draft: WorkshopDraft, start_from_previous: bool = True) -> Workshop:
        """Create a workshop (and its team if new). It starts from the team's last levels if asked."""
        draft = draft.validated()
        team = self.repo.get_or_create_team(draft.team_name)
        ratings: list[Rating] = []
        if start_from_previous:
            previous = self.repo.latest_workshop_of_team(team.id)
            if previous is not None:
                state = self.repo.load_state(previous.id)
                ratings = [r for r in state.ratings.values() if self.model.has_practice(r.practice_id)]
        return self.repo.create_workshop(
            team_id=team.id,
            title=draft.title,
            held_on=draft.held_on,
            facilitator=draft.facilitator,
            participant_count=draft.participant_count,
            model_id=self.model.id,
            model_version=self.model.version,
            ratings=ratings,
        )

    def load(self, workshop_id: int) -> WorkshopState:
        state = self.repo.load_state(workshop_id)
        state.actions = self._in_model_order(state.actions)
        return state

    def _in_model_order(self, actions: list[Action]) -> list[Action]:
        order = {practice.id: index for index, practice in enumerate(self.model.practices)}
        return sorted(actions, key=lambda a: (order.get(a.practice_id, len(order)), a.position, a.id))

    def rename_workshop(self, workshop_id: int, title: str) -> Workshop:
        return self.repo.update_workshop(workshop_id, title=clean_name(title, "The workshop's title"))

    def set_closed(self, workshop_id: int, closed: bool) -> Workshop:
        return self.repo.update_workshop(workshop_id, closed=closed)

    def delete_workshop(self, workshop_id: int) -> None:
        self.repo.delete_workshop(workshop_id)
        if self.last_workshop_id() == workshop_id:
            self.repo.set_state(LAST_WORKSHOP_KEY, None)

    # -- edits during the workshop --------------------------------------------------------------
    def save_rating(self, workshop_id: int, rating: Rating) -> datetime:
        check_rating(self.model, rating)
        return self.repo.save_rating(workshop_id, rating)

    def save_note(self, workshop_id: int, cell_id: str, text: str) -> datetime:
        if not self.model.has_cell(cell_id):
            raise ValidationError(f'The model has no cell "{cell_id}".')
        if len(text) > MAX_NOTE_LENGTH:
            raise ValidationError(f"A note can hold at most {MAX_NOTE_LENGTH:,} characters.")
        if not text.strip():
            text = ""
        return self.repo.save_note(workshop_id, cell_id, text)

    # -- actions --------------------------------------------------------------------------------
    def _check_action(self, draft: ActionDraft) -> ActionDraft:
        draft = draft.validated()
        if not self.model.has_practice(draft.practice_id):
            raise ValidationError(f'The model has no practice "{draft.practice_id}".')
        if draft.cell_id is not None:
            if not self.model.has_cell(draft.cell_id):
                raise ValidationError(f'The model has no cell "{draft.cell_id}".')
            if self.model.cell_by_id(draft.cell_id).practice_id != draft.practice_id:
                raise ValidationError("An action's cell must belong to the action's practice.")
        return draft

    def add_action(self, workshop_id: int, draft: ActionDraft, position: int | None = None) -> Action:
        return self.repo.add_action(workshop_id, self._check_action(draft), position=position)

    def restore_action(self, action: Action) -> Action:
        """Put back an action that was removed, with its id and place (undo of a removal)."""
        return self.repo.add_action(
            action.workshop_id,
            self._check_action(action.draft()),
            position=action.position,
            action_id=action.id,
            carried_from_id=action.carried_from_id,
        )

    def update_action(self, action_id: int, draft: ActionDraft) -> Action:
        return self.repo.update_action(action_id, self._check_action(draft))

    def move_action(self, action_id: int, position: int) -> Action:
        return self.repo.move_action(action_id, position)

    def delete_action(self, action_id: int) -> Action:
        return self.repo.delete_action(action_id)

    def previous_open_actions(self, workshop_id: int) -> list[Action]:
        """Open actions of the team's workshop before this one that are not carried over yet."""
        workshop = self.repo.get_workshop(workshop_id)
        earlier = [
            w
            for w in self.repo.list_workshops()
            if w.team_id == workshop.team_id
            and w.id != workshop.id
            and (w.held_on, w.id) < (workshop.held_on, workshop.id)
        ]
        if not earlier:
            return []
        previous = max(earlier, key=lambda w: (w.held_on, w.id))
        carried = {a.carried_from_id for a in self.repo.list_actions(workshop_id) if a.carried_from_id}
        pending = [a for a in self.repo.list_actions(previous.id) if a.status.is_open and a.id not in carried]
        return self._in_model_order(pending)

    def carry_over(self, workshop_id: int, actions: list[Action]) -> list[Action]:
        """Copy earlier actions into this workshop, each remembering the one it continues."""
        return [
            self.repo.add_action(workshop_id, self._check_action(action.draft()), carried_from_id=action.id)
            for action in actions
        ]

    # -- what the app remembers -----------------------------------------------------------------
    def last_workshop_id(self) -> int | None:
        value = self.repo.get_state(LAST_WORKSHOP_KEY)
        return int(value) if value and value.isdigit() else None

    def remember_last_workshop(self, workshop_id: int) -> None:
        self.repo.set_state(LAST_WORKSHOP_KEY, str(workshop_id))

    def last_workshop(self) -> Workshop | None:
        workshop_id = self.last_workshop_id()
        if workshop_id is None:
            return None
        try:
            return self.repo.get_workshop(workshop_id)
        except NotFoundError:
            return None

    def get_setting(self, key: str) -> str | None:
        return self.repo.get_state(key)

    def set_setting(self, key: str, value: str | None) -> None:
        self.repo.set_state(key, value)
