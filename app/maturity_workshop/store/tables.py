"""The SQLModel tables. Times are timezone-aware and stored in UTC.

Any change here needs an Alembic revision in ``store/migrations/versions``;
``tests/store/test_migrations.py`` fails while the tables and the migrations disagree.
"""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import Column, ForeignKey, Index, Integer, UniqueConstraint, text
from sqlmodel import Field, SQLModel

from ..domain.clock import utcnow
from ..domain.limits import (
    MAX_ACTION_TITLE_LENGTH,
    MAX_CELL_ID_LENGTH,
    MAX_CHOICE_LENGTH,
    MAX_MODEL_ID_LENGTH,
    MAX_MODEL_VERSION_LENGTH,
    MAX_NAME_LENGTH,
    MAX_PRACTICE_ID_LENGTH,
    MAX_STATE_KEY_LENGTH,
    MAX_UUID_LENGTH,
    MAX_HASH_LENGTH,
    MAX_MARKER_LENGTH,
    MAX_VOTER_LENGTH,
)


class TeamRow(SQLModel, table=True):
    __tablename__ = "team"

    id: int | None = Field(default=None, primary_key=True)
    name: str = Field(unique=True, max_length=MAX_NAME_LENGTH)
    # domain.workshop.team_key(name): the one key the names of a team share ("Straße", "STRASSE").
    # No length: NFKC and case folding can make a key longer than its name.
    name_key: str = Field(unique=True, index=True)
    # Made by the demo, never by a workshop of the room: nothing counts it as a real team.
    is_demo: bool = Field(default=False, sa_column_kwargs={"server_default": text("0")})
    # domain.identity.team_uuid(name_key): the same team's on every laptop (revision 0007).
    uuid: str = Field(unique=True, index=True, max_length=MAX_UUID_LENGTH)
    created_at: datetime = Field(default_factory=utcnow)
    updated_at: datetime = Field(default_factory=utcnow)


class WorkshopRow(SQLModel, table=True):
    __tablename__ = "workshop"
    # A team's workshops in the order they were held (its history, its latest one). It also serves
    # every look-up by team alone (a team's deletion checking it has none), so team_id has no other.
    __table_args__ = (Index("ix_workshop_team_held_on", "team_id", "held_on", "id"),)

    id: int | None = Field(default=None, primary_key=True)
    team_id: int = Field(
        sa_column=Column(Integer, ForeignKey("team.id", ondelete="RESTRICT"), nullable=False)
    )
    title: str = Field(max_length=MAX_NAME_LENGTH)
    held_on: date
    facilitator: str = Field(default="", max_length=MAX_NAME_LENGTH)
    participant_count: int = Field(default=0)
    model_id: str = Field(max_length=MAX_MODEL_ID_LENGTH)
    model_version: str = Field(max_length=MAX_MODEL_VERSION_LENGTH)
    closed: bool = Field(default=False)
    # domain.identity.workshop_uuid(its team's uuid, created_at, id): the same on every copy of the file.
    uuid: str = Field(unique=True, index=True, max_length=MAX_UUID_LENGTH)
    created_at: datetime = Field(default_factory=utcnow)
    updated_at: datetime = Field(default_factory=utcnow)
    # In a copy pulled from the organisation's database, the role that published it; None in a
    # facilitator's own workshops file (revision 0008).
    published_by: str | None = Field(default=None, max_length=MAX_NAME_LENGTH)


class RatingRow(SQLModel, table=True):
    __tablename__ = "rating"
    __table_args__ = (UniqueConstraint("workshop_id", "practice_id", name="uq_rating_workshop_practice"),)

    id: int | None = Field(default=None, primary_key=True)
    workshop_id: int = Field(
        sa_column=Column(Integer, ForeignKey("workshop.id", ondelete="CASCADE"), nullable=False, index=True)
    )
    practice_id: str = Field(max_length=MAX_PRACTICE_ID_LENGTH)
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
    cell_id: str = Field(max_length=MAX_CELL_ID_LENGTH)
    text: str = Field(default="")
    created_at: datetime = Field(default_factory=utcnow)
    updated_at: datetime = Field(default_factory=utcnow)


class AppStateRow(SQLModel, table=True):
    """Small key/value facts about this database: the workshop open last, the zoom."""

    __tablename__ = "app_state"

    key: str = Field(primary_key=True, max_length=MAX_STATE_KEY_LENGTH)
    value: str = Field(default="")


class ActionRow(SQLModel, table=True):
    __tablename__ = "action"

    id: int | None = Field(default=None, primary_key=True)
    workshop_id: int = Field(
        sa_column=Column(Integer, ForeignKey("workshop.id", ondelete="CASCADE"), nullable=False, index=True)
    )
    practice_id: str = Field(max_length=MAX_PRACTICE_ID_LENGTH)
    cell_id: str | None = Field(default=None, max_length=MAX_CELL_ID_LENGTH)
    title: str = Field(max_length=MAX_ACTION_TITLE_LENGTH)
    owner: str = Field(default="", max_length=MAX_NAME_LENGTH)
    due_on: date | None = Field(default=None)
    status: str = Field(default="open", max_length=MAX_CHOICE_LENGTH)
    priority: str = Field(default="medium", max_length=MAX_CHOICE_LENGTH)
    position: int = Field(default=0)
    # The earlier workshop's action this one carries over; kept if that workshop is deleted. Indexed:
    # the action that carries a given one is looked up by it, and so is each deleted action's carrier.
    carried_from_id: int | None = Field(
        default=None,
        sa_column=Column(Integer, ForeignKey("action.id", ondelete="SET NULL"), nullable=True, index=True),
    )
    created_at: datetime = Field(default_factory=utcnow)
    updated_at: datetime = Field(default_factory=utcnow)


class PracticeTimeRow(SQLModel, table=True):
    """A workshop's agenda, a row per practice: the minutes planned for it, the seconds spent on it."""

    __tablename__ = "practice_time"
    __table_args__ = (UniqueConstraint("workshop_id", "practice_id", name="uq_practice_time_workshop_practice"),)

    id: int | None = Field(default=None, primary_key=True)
    workshop_id: int = Field(
        sa_column=Column(Integer, ForeignKey("workshop.id", ondelete="CASCADE"), nullable=False, index=True)
    )
    practice_id: str = Field(max_length=MAX_PRACTICE_ID_LENGTH)
    planned_minutes: int = Field(default=0)
    spent_seconds: int = Field(default=0)
    created_at: datetime = Field(default_factory=utcnow)
    updated_at: datetime = Field(default_factory=utcnow)


class VoteRoundRow(SQLModel, table=True):
    """A round of the room's votes on one practice of a workshop (``domain.voting.VotingRound``)."""

    __tablename__ = "vote_round"
    # At most one round of a workshop is open: the phones vote in that one.
    __table_args__ = (
        Index("uq_vote_round_one_open", "workshop_id", unique=True, sqlite_where=text("state = 'open'")),
    )

    id: int | None = Field(default=None, primary_key=True)
    workshop_id: int = Field(
        sa_column=Column(Integer, ForeignKey("workshop.id", ondelete="CASCADE"), nullable=False, index=True)
    )
    practice_id: str = Field(max_length=MAX_PRACTICE_ID_LENGTH)
    state: str = Field(default="open", max_length=MAX_CHOICE_LENGTH)  # domain.voting.RoundState, by value
    named: bool = Field(default=False)
    phone_cap: int
    opened_at: datetime
    revealed_at: datetime | None = Field(default=None)
    created_at: datetime = Field(default_factory=utcnow)
    updated_at: datetime = Field(default_factory=utcnow)


class VoteRow(SQLModel, table=True):
    """One phone's (or one name's) vote in a round; a changed vote replaces it. The unique index on
    (round, voter) also serves every look-up by round alone, so round_id has no index of its own."""

    __tablename__ = "vote"
    __table_args__ = (UniqueConstraint("round_id", "voter", name="uq_vote_round_voter"),)

    id: int | None = Field(default=None, primary_key=True)
    round_id: int = Field(
        sa_column=Column(Integer, ForeignKey("vote_round.id", ondelete="CASCADE"), nullable=False)
    )
    voter: str = Field(max_length=MAX_VOTER_LENGTH)
    level: int
    cast_at: datetime
    updated_at: datetime = Field(default_factory=utcnow)


class PublicationRow(SQLModel, table=True):
    """What this file last published of a workshop to the organisation's database: kept after the
    workshop is deleted here, so that the next publish deletes it on the server too (revision 0008).
    No foreign key: the row outlives its workshop."""

    __tablename__ = "publication"

    workshop_uuid: str = Field(primary_key=True, max_length=MAX_UUID_LENGTH)
    # domain.publication.content_hash of what was published.
    content_hash: str = Field(max_length=MAX_HASH_LENGTH)
    # The workshop's change marker when it was published (domain.publication.change_marker): a
    # workshop whose marker is the same has not changed since.
    marker: str = Field(max_length=MAX_MARKER_LENGTH)
    published_at: datetime = Field(default_factory=utcnow)
