"""Running workshops: start one, rate practices, write notes, plan the agenda and keep the time
spent, rename, close, delete; and the backups taken meanwhile (``backups.py`` decides when), and
restoring one."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

from ..domain.actions import Action, ActionDraft, in_practice_order
from ..domain.clock import utcnow
from ..domain.errors import ValidationError
from ..domain.model import MaturityModel
from ..domain.timebox import check_agenda, check_spent
from ..domain.workshop import Rating, Team, Workshop, WorkshopDraft, WorkshopListing, WorkshopState
from ..domain.workshop import check_rating, clean_name, clean_note
from ..store import backups as backup_store
from ..store.backups import Backup, BackupError
from ..store.engine import Database, DatabaseError, ReadOnlyDatabaseError, open_database
from ..store.integrity import move_aside
from ..store.lock import DatabaseLock
from ..store.repository import NotFoundError, WorkshopRepository
from .backups import BackupService

LAST_WORKSHOP_KEY = "ui.last_workshop_id"
READ_ONLY_BECAUSE_IN_USE = (
    "Not saved: these workshops were opened read-only because another Maturity Workshop has them open. "
    "To make changes, close that one, then start this one again."
)


@dataclass(frozen=True)
class Restored:
    """What :meth:`WorkshopService.restore_backup` did."""

    backup: Backup  # the one restored
    safety: Backup | None  # the database as it was just before, backed up first
    moved_aside: Path | None  # the database as it was, when it was too damaged to back up


def _mixed_team_message(team: Team, demo: bool) -> str:
    if demo:
        return (
            f'"{team.name}" is a real team, so the demo\'s workshop was not added to it: demo workshops '
            "go to demo teams only. Nothing was saved; give the demo team another name."
        )
    return (
        f'"{team.name}" is a demo team, so the workshop was not added to it: a real team\'s workshops are '
        "kept apart from the demo's. Nothing was saved; give the team another name."
    )


class WorkshopService:
    """One open database and the maturity model its workshops are rated against."""

    def __init__(self, database: Database, model: MaturityModel, backups: BackupService | None = None) -> None:
        self.database = database
        self.model = model
        self.repo = WorkshopRepository(database)
        self.backups = backups if backups is not None else BackupService(database)
        self._closed = False

    lock: DatabaseLock | None = None  # held while this service is the database's one writer

    @classmethod
    def open(
        cls,
        database: Path | str,
        model: MaturityModel,
        clock: Callable[[], datetime] = utcnow,
        *,
        exclusive: bool = False,
        read_only: bool = False,
        read_only_reason: str | None = None,
        disk_full: bool = False,
    ) -> WorkshopService:
        """``exclusive``: first become the database's one writer (``store/lock.py``), or raise
        :class:`~..store.lock.DatabaseLockedError`. ``read_only``: open it for reading only, with no
        lock; every change is then refused with ``read_only_reason``; ``disk_full``: because the
        disk is full (nothing can be made beside the file, not even SQLite's index of its log)."""
        if read_only:
            reason = read_only_reason or READ_ONLY_BECAUSE_IN_USE
            opened = open_database(database, read_only=True, read_only_reason=reason, disk_full=disk_full)
            return cls(opened, model, BackupService(opened, clock))
        lock = DatabaseLock.acquire(database) if exclusive else None
        try:
            opened = open_database(database)
        except BaseException:
            if lock is not None:
                lock.release()
            raise
        service = cls(opened, model, BackupService(opened, clock))
        service.lock = lock
        return service

    @property
    def read_only(self) -> bool:
        return self.database.read_only

    @property
    def database_path(self) -> Path:
        return self.database.path

    @property
    def read_only_reason(self) -> str:
        """What a change is refused with while the workshops are opened read-only."""
        return self.database.read_only_reason

    def check_writable(self) -> None:
        """Raise the read-only message when this service may change nothing."""
        if self.database.read_only:
            raise ReadOnlyDatabaseError(self.database.read_only_reason)

    def close(self) -> None:
        """Back up what changed since the last backup, then close the database."""
        if self._closed:
            return
        self._closed = True
        try:
            self.backups.closing()
        finally:
            self.database.close()
            if self.lock is not None:
                self.lock.release()

    def _edited(self) -> None:
        self.backups.record_edit()

    # -- teams and workshops --------------------------------------------------------------------
    def list_teams(self) -> list[Team]:
        return self.repo.list_teams()

    def list_workshops(self) -> WorkshopListing:
        """The workshops that can be opened, and in its ``damaged`` why each other one cannot be."""
        return self.repo.list_workshops()

    def previous_workshop(self, team_name: str, held_on: date | None = None) -> Workshop | None:
        """The workshop a new one of the team, held on ``held_on`` (any day when None), would come
        after: "last time" for it, and the one it can start from."""
        team = self.repo.find_team(team_name)
        if team is None:
            return None
        return self.repo.latest_workshop_before(team.id, held_on or date.max)

    def start_workshop(
        self, draft: WorkshopDraft, start_from_previous: bool = True, demo: bool = False
    ) -> Workshop:
        """Create a workshop (and its team if new). It starts from the team's last levels if asked.
        A ``demo`` workshop goes to a demo team, any other to a real one; a team of the other kind
        with the same name is refused, and nothing is written."""
        draft = draft.validated()
        team = self.repo.get_or_create_team(draft.team_name, demo=demo)
        if team.is_demo != demo:
            raise ValidationError(_mixed_team_message(team, demo))
        ratings: list[Rating] = []
        if start_from_previous:
            previous = self.repo.latest_workshop_before(team.id, draft.held_on)
            if previous is not None:
                state = self.repo.load_state(previous.id)
                ratings = [r for r in state.ratings.values() if self.model.has_practice(r.practice_id)]
        workshop = self.repo.create_workshop(
            team_id=team.id,
            title=draft.title,
            held_on=draft.held_on,
            facilitator=draft.facilitator,
            participant_count=draft.participant_count,
            model_id=self.model.id,
            model_version=self.model.version,
            ratings=ratings,
        )
        self.backups.workshop_started()
        return workshop

    def load(self, workshop_id: int) -> WorkshopState:
        state = self.repo.load_state(workshop_id)
        state.actions = in_practice_order(self.model, state.actions)
        return state

    def rename_workshop(self, workshop_id: int, title: str) -> Workshop:
        workshop = self.repo.update_workshop(workshop_id, title=clean_name(title, "The workshop's title"))
        self._edited()
        return workshop

    def set_closed(self, workshop_id: int, closed: bool) -> Workshop:
        workshop = self.repo.update_workshop(workshop_id, closed=closed)
        self._edited()
        return workshop

    def delete_workshop(self, workshop_id: int) -> None:
        self.repo.delete_workshop(workshop_id)
        self._edited()
        if self.last_workshop_id() == workshop_id:
            self.repo.set_state(LAST_WORKSHOP_KEY, None)

    # -- edits during the workshop --------------------------------------------------------------
    def save_rating(self, workshop_id: int, rating: Rating) -> datetime:
        check_rating(self.model, rating)
        saved_at = self.repo.save_rating(workshop_id, rating)
        self._edited()
        return saved_at

    def save_note(self, workshop_id: int, cell_id: str, text: str) -> datetime:
        if not self.model.has_cell(cell_id):
            raise ValidationError(f'The model has no cell "{cell_id}".')
        saved_at = self.repo.save_note(workshop_id, cell_id, clean_note(text))
        self._edited()
        return saved_at

    # -- the agenda and the time spent -----------------------------------------------------------
    def set_agenda(self, workshop_id: int, planned: Mapping[str, int]) -> datetime:
        """Plan the minutes of each practice (the time spent on them stays)."""
        saved_at = self.repo.save_times(workshop_id, "planned_minutes", check_agenda(self.model, planned))
        self._edited()
        return saved_at

    def save_time_spent(self, workshop_id: int, spent: Mapping[str, int]) -> datetime:
        """Store the seconds spent so far on each practice given (the plan stays)."""
        saved_at = self.repo.save_times(workshop_id, "spent_seconds", check_spent(self.model, spent))
        self._edited()
        return saved_at

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
        action = self.repo.add_action(workshop_id, self._check_action(draft), position=position)
        self._edited()
        return action

    def restore_action(self, action: Action) -> Action:
        """Put back an action that was removed, with its id and place (undo of a removal)."""
        restored = self.repo.add_action(
            action.workshop_id,
            self._check_action(action.draft()),
            position=action.position,
            action_id=action.id,
            carried_from_id=action.carried_from_id,
        )
        self._edited()
        return restored

    def update_action(self, action_id: int, draft: ActionDraft) -> Action:
        action = self.repo.update_action(action_id, self._check_action(draft))
        self._edited()
        return action

    def move_action(self, action_id: int, position: int) -> Action:
        action = self.repo.move_action(action_id, position)
        self._edited()
        return action

    def delete_action(self, action_id: int) -> Action:
        action = self.repo.delete_action(action_id)
        self._edited()
        return action

    def previous_open_actions(self, workshop_id: int) -> list[Action]:
        """Open actions of the team's workshop before this one that are not carried over yet."""
        previous = self.repo.previous_workshop(workshop_id)
        if previous is None:
            return []
        carried = {a.carried_from_id for a in self.repo.list_actions(workshop_id) if a.carried_from_id}
        pending = [a for a in self.repo.list_actions(previous.id) if a.status.is_open and a.id not in carried]
        return in_practice_order(self.model, pending)

    def carry_over(self, workshop_id: int, actions: list[Action]) -> list[Action]:
        """Copy earlier actions into this workshop, each remembering the one it continues."""
        carried = [
            self.repo.add_action(workshop_id, self._check_action(action.draft()), carried_from_id=action.id)
            for action in actions
        ]
        if carried:
            self._edited()
        return carried

    # -- what the app remembers -----------------------------------------------------------------
    def last_workshop_id(self) -> int | None:
        value = self.repo.get_state(LAST_WORKSHOP_KEY)
        return int(value) if value and value.isascii() and value.isdigit() else None

    def remember_last_workshop(self, workshop_id: int) -> None:
        """What opens at the next launch; written only when it changes (a write is an fsync)."""
        if self.last_workshop_id() != workshop_id:
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

    # -- backups --------------------------------------------------------------------------------
    def list_backups(self) -> list[Backup]:
        """This database's backups, newest first."""
        return backup_store.list_backups(self.database.path)

    def restore_backup(self, backup: Backup | Path | str) -> Restored:
        """Replace the whole database by a backup's content. The database as it is is backed up
        first (or, when it is too damaged to back up, moved aside untouched), so a restore can be
        undone by restoring that backup. The service then works on the restored database."""
        self.check_writable()  # another app may be writing this database: never replace it under it
        chosen = backup if isinstance(backup, Backup) else self._backup_at(Path(backup))
        problems = backup_store.check_copy(chosen.path)
        if problems:
            raise BackupError(
                f"The backup {chosen.path.name} is damaged ({problems[0]}), so it was not restored; "
                "nothing was changed."
            )
        path = self.database.path
        safety: Backup | None = None
        try:
            safety = self.backups.take()
        except BackupError as error:
            if not error.damaged:
                raise BackupError(
                    f"The database as it is could not be backed up first, so nothing was restored: {error}"
                ) from None
        self.database.close()
        moved = None
        failure: Exception | None = None
        try:
            if safety is None:  # the copy of the current database failed its check: keep it whole
                moved = move_aside(path, self.backups.clock())
            backup_store.copy_into(chosen.path, path)
        except (BackupError, DatabaseError) as error:
            failure = error
            if moved is not None:
                failure = BackupError(f"{error} The damaged database was kept as {moved}.")
        self._reopen(path)
        if failure is not None:
            raise failure
        return Restored(chosen, safety, moved)

    def _backup_at(self, path: Path) -> Backup:
        for known in self.list_backups():
            if known.path == path:
                return known
        return Backup(path, utcnow())

    def _reopen(self, path: Path) -> None:
        database = open_database(path)
        self.database = database
        self.repo = WorkshopRepository(database)
        self.backups.database = database
        self.backups.edited = False
