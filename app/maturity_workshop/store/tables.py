"""The SQLModel tables. Times are timezone-aware and stored in UTC.

Any change here needs an Alembic revision in ``store/migrations/versions``;
``tests/store/test_migrations.py`` fails while the tables and the migrations disagree.
"""

from __future__ import annotations

from datetime import UTC, date, datetime

from sqlalchemy import Column, ForeignKey, Integer, UniqueConstraint
from sqlmodel import Field, SQLModel


def utcnow() -> datetime:
    return datetime.now(UTC)


class TeamRow(SQLModel, table=True):
    __tablename__ = "team"

    id: int | None = Field(default=None, primary_key=True)
    name: str = Field(unique=True, max_length=200)
    created_at: datetime = Field(default_factory=utcnow)
    updated_at: datetime = Field(default_factory=utcnow)


class WorkshopRow(SQLModel, table=True):
    __tablename__ = "workshop"

    id: int | None = Field(default=None, primary_key=True)
    team_id: int = Field(
        sa_column=Column(Integer, ForeignKey("team.id", ondelete="RESTRICT"), nullable=False, index=True)
    )
    title: str = Field(max_length=200)
    held_on: date
    facilitator: str = Field(default="", max_length=200)
    participant_count: int = Field(default=0)
    model_id: str = Field(max_length=100)
    model_version: str = Field(max_length=50)
    closed: bool = Field(default=False)
    created_at: datetime = Field(default_factory=utcnow)
    updated_at: datetime = Field(default_factory=utcnow)


class RatingRow(SQLModel, table=True):
    __tablename__ = "rating"
    __table_args__ = (UniqueConstraint("workshop_id", "practice_id", name="uq_rating_workshop_practice"),)

    id: int | None = Field(default=None, primary_key=True)
    workshop_id: int = Field(
        sa_column=Column(Integer, ForeignKey("workshop.id", ondelete="CASCADE"), nullable=False, index=True)
    )
    practice_id: str = Field(max_length=100)
    current_level: int | None = Field(default=None)
    target_level: int | None = Field(default=None)
    created_at: datetime = Field(default_factory=utcnow)
    updated_at: datetime = Field(default_factory=utcnow)


class CellNoteRow(SQLModel, table=True):
    __tablename__ = "cell_note"
    __table_args__ = (UniqueConstraint("workshop_id", "cell_id", name="uq_cell_note_workshop_cell"),)

    id: int | None = Field(default=None, primary_key=True)
    workshop_id: int = Field(
        sa_column=Column(Integer, ForeignKey("workshop.id", ondelete="CASCADE"), nullable=False, index=True)
    )
    cell_id: str = Field(max_length=200)
    text: str = Field(default="")
    created_at: datetime = Field(default_factory=utcnow)
    updated_at: datetime = Field(default_factory=utcnow)


class AppStateRow(SQLModel, table=True):
    """Small key/value facts about this database: the workshop open last, the zoom."""

    __tablename__ = "app_state"

    key: str = Field(primary_key=True, max_length=100)
    value: str = Field(default="")


class ActionRow(SQLModel, table=True):
    __tablename__ = "action"

    id: int | None = Field(default=None, primary_key=True)
    workshop_id: int = Field(
        sa_column=Column(Integer, ForeignKey("workshop.id", ondelete="CASCADE"), nullable=False, index=True)
    )
    practice_id: str = Field(max_length=100)
    cell_id: str | None = Field(default=None, max_length=200)
    title: str = Field(max_length=500)
    owner: str = Field(default="", max_length=200)
    due_on: date | None = Field(default=None)
    status: str = Field(default="open", max_length=20)
    priority: str = Field(default="medium", max_length=20)
    position: int = Field(default=0)
    # The earlier workshop's action this one carries over; kept if that workshop is deleted.
    carried_from_id: int | None = Field(
        default=None,
        sa_column=Column(Integer, ForeignKey("action.id", ondelete="SET NULL"), nullable=True),
    )
    created_at: datetime = Field(default_factory=utcnow)
    updated_at: datetime = Field(default_factory=utcnow)
