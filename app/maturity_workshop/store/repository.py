"""Reading and writing workshops. Each public method is one transaction, committed before it returns."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date, datetime

from sqlalchemy import Engine, func
from sqlalchemy.exc import OperationalError
from sqlmodel import Session, col, select

from ..domain.actions import Action, ActionDraft, ActionPriority, ActionStatus
from ..domain.errors import DomainError, WorkshopClosedError
from ..domain.workshop import Rating, Team, Workshop, WorkshopState
from .engine import DatabaseError
from .tables import ActionRow, AppStateRow, CellNoteRow, RatingRow, TeamRow, WorkshopRow, utcnow


class NotFoundError(DomainError):
    """The workshop or team asked for is not in the database (deleted meanwhile?)."""


def _workshop(row: WorkshopRow, team_name: str) -> Workshop:
    assert row.id is not None
    return Workshop(
        id=row.id,
        team_id=row.team_id,
        team_name=team_name,
        title=row.title,
        held_on=row.held_on,
        facilitator=row.facilitator,
        participant_count=row.participant_count,
        model_id=row.model_id,
        model_version=row.model_version,
        closed=row.closed,
        created_at=row.created_at,
        updated_at=row.updated_at,
    )


def _action(row: ActionRow) -> Action:
    assert row.id is not None
    return Action(
        id=row.id,
        workshop_id=row.workshop_id,
        practice_id=row.practice_id,
        title=row.title,
        owner=row.owner,
        due_on=row.due_on,
        status=ActionStatus(row.status),
        priority=ActionPriority(row.priority),
        position=row.position,
        cell_id=row.cell_id,
        carried_from_id=row.carried_from_id,
    )


class WorkshopRepository:
    def __init__(self, engine: Engine) -> None:
        self.engine = engine

    @contextmanager
    def _session(self) -> Iterator[Session]:
        try:
            with Session(self.engine, expire_on_commit=False) as session:
                yield session
        except OperationalError as exc:
            message = str(exc.orig) if exc.orig is not None else str(exc)
            if "locked" in message or "busy" in message:
                raise DatabaseError(
                    "The database is busy in another program; the change was not saved. Try again."
                ) from exc
            if "readonly" in message or "read-only" in message:
                raise DatabaseError("The database file is read-only; the change was not saved.") from exc
            if "disk" in message and "full" in message:
                raise DatabaseError("The disk is full; the change was not saved.") from exc
            raise DatabaseError(f"The change was not saved: {message}.") from exc

    # -- teams ----------------------------------------------------------------------------------
    def list_teams(self) -> list[Team]:
        with self._session() as session:
            rows = session.exec(select(TeamRow).order_by(func.lower(TeamRow.name))).all()
            return [Team(id=row.id, name=row.name) for row in rows if row.id is not None]

    def get_or_create_team(self, name: str) -> Team:
        with self._session() as session:
            # Compared in Python: SQLite's lower() only folds ASCII, so "Équipe" and "équipe" would differ.
            wanted = name.lower()
            row = next((r for r in session.exec(select(TeamRow)).all() if r.name.lower() == wanted), None)
            if row is None:
                row = TeamRow(name=name)
                session.add(row)
                session.commit()
            assert row.id is not None
            return Team(id=row.id, name=row.name)

    # -- workshops ------------------------------------------------------------------------------
    def create_workshop(
        self,
        team_id: int,
        title: str,
        held_on: date,
        facilitator: str,
        participant_count: int,
        model_id: str,
        model_version: str,
        ratings: list[Rating],
    ) -> Workshop:
        with self._session() as session:
            team = session.get(TeamRow, team_id)
            if team is None:
                raise NotFoundError("The team no longer exists.")
            row = WorkshopRow(
                team_id=team_id,
                title=title,
                held_on=held_on,
                facilitator=facilitator,
                participant_count=participant_count,
                model_id=model_id,
                model_version=model_version,
            )
            session.add(row)
            session.flush()
            assert row.id is not None
            for rating in ratings:
                if not rating.is_empty:
                    session.add(
                        RatingRow(
                            workshop_id=row.id,
                            practice_id=rating.practice_id,
                            current_level=rating.current,
                            target_level=rating.target,
                        )
                    )
            session.commit()
            return _workshop(row, team.name)

    def list_workshops(self) -> list[Workshop]:
        """Every workshop, the most recently held first."""
        with self._session() as session:
            rows = session.exec(
                select(WorkshopRow, TeamRow.name)
                .join(TeamRow, col(TeamRow.id) == WorkshopRow.team_id)
                .order_by(col(WorkshopRow.held_on).desc(), col(WorkshopRow.id).desc())
            ).all()
            return [_workshop(row, team_name) for row, team_name in rows]

    def get_workshop(self, workshop_id: int) -> Workshop:
        with self._session() as session:
            return self._get_workshop(session, workshop_id)

    def _get_workshop(self, session: Session, workshop_id: int) -> Workshop:
        result = session.exec(
            select(WorkshopRow, TeamRow.name)
            .join(TeamRow, col(TeamRow.id) == WorkshopRow.team_id)
            .where(WorkshopRow.id == workshop_id)
        ).first()
        if result is None:
            raise NotFoundError(f"Workshop {workshop_id} does not exist (it may have been deleted).")
        return _workshop(*result)

    def latest_workshop_of_team(self, team_id: int) -> Workshop | None:
        with self._session() as session:
            result = session.exec(
                select(WorkshopRow, TeamRow.name)
                .join(TeamRow, col(TeamRow.id) == WorkshopRow.team_id)
                .where(WorkshopRow.team_id == team_id)
                .order_by(col(WorkshopRow.held_on).desc(), col(WorkshopRow.id).desc())
            ).first()
            return _workshop(*result) if result else None

    def load_state(self, workshop_id: int) -> WorkshopState:
        with self._session() as session:
            workshop = self._get_workshop(session, workshop_id)
            ratings = session.exec(select(RatingRow).where(RatingRow.workshop_id == workshop_id)).all()
            notes = session.exec(select(CellNoteRow).where(CellNoteRow.workshop_id == workshop_id)).all()
            return WorkshopState(
                actions=self._actions(session, workshop_id),
                workshop=workshop,
                ratings={
                    r.practice_id: Rating(r.practice_id, r.current_level, r.target_level) for r in ratings
                },
                notes={n.cell_id: n.text for n in notes if n.text},
            )

    def update_workshop(self, workshop_id: int, **fields: object) -> Workshop:
        with self._session() as session:
            row = self._workshop_row(session, workshop_id)
            for name, value in fields.items():
                setattr(row, name, value)
            row.updated_at = utcnow()
            session.add(row)
            session.commit()
            return self._get_workshop(session, workshop_id)

    def delete_workshop(self, workshop_id: int) -> None:
        with self._session() as session:
            row = self._workshop_row(session, workshop_id)
            session.delete(row)
            session.commit()

    def _workshop_row(self, session: Session, workshop_id: int) -> WorkshopRow:
        row = session.get(WorkshopRow, workshop_id)
        if row is None:
            raise NotFoundError(f"Workshop {workshop_id} does not exist (it may have been deleted).")
        return row

    # -- the edits made during a workshop --------------------------------------------------------
    def save_rating(self, workshop_id: int, rating: Rating) -> datetime:
        """Store a practice's current and target level; returns when it was saved."""
        with self._session() as session:
            workshop = self._workshop_row(session, workshop_id)
            self._refuse_if_closed(workshop)
            row = session.exec(
                select(RatingRow).where(
                    RatingRow.workshop_id == workshop_id, RatingRow.practice_id == rating.practice_id
                )
            ).first()
            now = utcnow()
            if row is None:
                row = RatingRow(workshop_id=workshop_id, practice_id=rating.practice_id)
            row.current_level = rating.current
            row.target_level = rating.target
            row.updated_at = now
            workshop.updated_at = now
            session.add_all([row, workshop])
            session.commit()
            return now

    def save_note(self, workshop_id: int, cell_id: str, text: str) -> datetime:
        """Store a cell's note; an empty text removes it. Returns when it was saved."""
        with self._session() as session:
            workshop = self._workshop_row(session, workshop_id)
            self._refuse_if_closed(workshop)
            row = session.exec(
                select(CellNoteRow).where(CellNoteRow.workshop_id == workshop_id, CellNoteRow.cell_id == cell_id)
            ).first()
            now = utcnow()
            if not text:
                if row is not None:
                    session.delete(row)
            else:
                if row is None:
                    row = CellNoteRow(workshop_id=workshop_id, cell_id=cell_id)
                row.text = text
                row.updated_at = now
                session.add(row)
            workshop.updated_at = now
            session.add(workshop)
            session.commit()
            return now

    # -- actions --------------------------------------------------------------------------------
    def _actions(self, session: Session, workshop_id: int) -> list[Action]:
        rows = session.exec(
            select(ActionRow)
            .where(ActionRow.workshop_id == workshop_id)
            .order_by(col(ActionRow.practice_id), col(ActionRow.position), col(ActionRow.id))
        ).all()
        return [_action(row) for row in rows]

    def list_actions(self, workshop_id: int) -> list[Action]:
        with self._session() as session:
            return self._actions(session, workshop_id)

    def _siblings(self, session: Session, workshop_id: int, practice_id: str) -> list[ActionRow]:
        return list(
            session.exec(
                select(ActionRow)
                .where(ActionRow.workshop_id == workshop_id, ActionRow.practice_id == practice_id)
                .order_by(col(ActionRow.position), col(ActionRow.id))
            ).all()
        )

    @staticmethod
    def _renumber(rows: list[ActionRow], now: datetime) -> None:
        for position, row in enumerate(rows):
            if row.position != position:
                row.position = position
                row.updated_at = now

    def add_action(
        self,
        workshop_id: int,
        draft: ActionDraft,
        position: int | None = None,
        action_id: int | None = None,
        carried_from_id: int | None = None,
    ) -> Action:
        """Insert an action at ``position`` of its practice (the end if None). ``action_id`` puts
        back an action that was removed (undo), with the id it had."""
        with self._session() as session:
            workshop = self._workshop_row(session, workshop_id)
            self._refuse_if_closed(workshop)
            now = utcnow()
            siblings = self._siblings(session, workshop_id, draft.practice_id)
            row = ActionRow(
                id=action_id,
                workshop_id=workshop_id,
                practice_id=draft.practice_id,
                cell_id=draft.cell_id,
                title=draft.title,
                owner=draft.owner,
                due_on=draft.due_on,
                status=draft.status.value,
                priority=draft.priority.value,
                carried_from_id=carried_from_id,
            )
            index = len(siblings) if position is None else max(0, min(position, len(siblings)))
            siblings.insert(index, row)
            self._renumber(siblings, now)
            row.position = index
            workshop.updated_at = now
            session.add_all([*siblings, workshop])
            session.commit()
            return _action(row)

    def update_action(self, action_id: int, draft: ActionDraft) -> Action:
        """Change an action's fields (its practice stays)."""
        with self._session() as session:
            row, workshop = self._action_row(session, action_id)
            now = utcnow()
            row.cell_id = draft.cell_id
            row.title = draft.title
            row.owner = draft.owner
            row.due_on = draft.due_on
            row.status = draft.status.value
            row.priority = draft.priority.value
            row.updated_at = workshop.updated_at = now
            session.add_all([row, workshop])
            session.commit()
            return _action(row)

    def move_action(self, action_id: int, position: int) -> Action:
        """Move an action to ``position`` among its practice's actions."""
        with self._session() as session:
            row, workshop = self._action_row(session, action_id)
            siblings = [s for s in self._siblings(session, row.workshop_id, row.practice_id) if s.id != row.id]
            siblings.insert(max(0, min(position, len(siblings))), row)
            now = utcnow()
            self._renumber(siblings, now)
            workshop.updated_at = now
            session.add_all([*siblings, workshop])
            session.commit()
            return _action(row)

    def delete_action(self, action_id: int) -> Action:
        """Remove an action; returns it as it was, so that it can be put back."""
        with self._session() as session:
            row, workshop = self._action_row(session, action_id)
            removed = _action(row)
            session.delete(row)
            session.flush()
            now = utcnow()
            self._renumber(self._siblings(session, row.workshop_id, row.practice_id), now)
            workshop.updated_at = now
            session.add(workshop)
            session.commit()
            return removed

    def _action_row(self, session: Session, action_id: int) -> tuple[ActionRow, WorkshopRow]:
        row = session.get(ActionRow, action_id)
        if row is None:
            raise NotFoundError("That action no longer exists (it may have been removed).")
        workshop = self._workshop_row(session, row.workshop_id)
        self._refuse_if_closed(workshop)
        return row, workshop

    @staticmethod
    def _refuse_if_closed(workshop: WorkshopRow) -> None:
        if workshop.closed:
            raise WorkshopClosedError("This workshop is closed, so it cannot be changed. Reopen it to edit.")

    # -- small facts about this database --------------------------------------------------------
    def get_state(self, key: str) -> str | None:
        with self._session() as session:
            row = session.get(AppStateRow, key)
            return row.value if row else None

    def set_state(self, key: str, value: str | None) -> None:
        with self._session() as session:
            row = session.get(AppStateRow, key)
            if value is None:
                if row is not None:
                    session.delete(row)
            else:
                if row is None:
                    row = AppStateRow(key=key)
                row.value = value
                session.add(row)
            session.commit()

