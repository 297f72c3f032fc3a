"""The organisation database's tables, in the ``maturity`` schema on PostgreSQL.

They are SQLModel tables of their own registry (their own metadata, apart from the laptop's
``store.tables``), keyed by the UUIDs of ``domain.identity``: a team or workshop is the same row
from every laptop and every restored backup. Each workshop records the role that first published
it (``published_by``, the server's ``current_user``), which row-level security compares; its
parts (ratings, notes, actions, agenda, rounds of votes) belong to it and go with it.

Any change here needs a revision in ``org/migrations/versions``; ``tests/org/test_schema.py``
fails while the tables and the revisions disagree.
"""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import Column, DateTime, ForeignKey, Integer, Text, text
from sqlalchemy.dialects.postgresql import ARRAY
from sqlalchemy.dialects.postgresql import UUID as PG_UUID
from sqlalchemy.orm import registry
from sqlmodel import Field, SQLModel
from uuid import UUID

SCHEMA = "maturity"
# The roles of scripts/organisation-setup.sql: the schema's owner, the facilitators' group (who
# publish) and the readers' (coaches and managers, who only read).
OWNER_ROLE = "maturity_owner"
FACILITATOR_ROLE = "maturity_facilitator"
READER_ROLE = "maturity_reader"


class OrgTable(SQLModel, registry=registry()):
    """The base of the organisation's tables: their own metadata, never the laptop's."""


def _uuid(*, primary_key: bool = False, foreign: str | None = None, nullable: bool = False) -> Column:
    args = [ForeignKey(f"{SCHEMA}.{foreign}", ondelete="CASCADE")] if foreign else []
    return Column(PG_UUID(as_uuid=True), *args, primary_key=primary_key, nullable=nullable)


def _moment(*, nullable: bool = False, now: bool = False) -> Column:
    return Column(DateTime(timezone=True), nullable=nullable, server_default=text("now()") if now else None)


class OrgTeam(OrgTable, table=True):
    __tablename__ = "team"
    __table_args__ = {"schema": SCHEMA}

    uuid: UUID = Field(sa_column=_uuid(primary_key=True))
    name: str = Field(sa_column=Column(Text, nullable=False))
    # domain.workshop.team_key(name): a team is the same team across laptops when its UUID or this matches.
    name_key: str = Field(sa_column=Column(Text, nullable=False, unique=True))
    published_by: str = Field(sa_column=Column(Text, nullable=False, server_default=text("current_user")))
    published_at: datetime = Field(sa_column=_moment(now=True))


class OrgWorkshop(OrgTable, table=True):
    __tablename__ = "workshop"
    __table_args__ = {"schema": SCHEMA}

    uuid: UUID = Field(sa_column=_uuid(primary_key=True))
    team_uuid: UUID = Field(
        sa_column=Column(PG_UUID(as_uuid=True), ForeignKey(f"{SCHEMA}.team.uuid", ondelete="RESTRICT"),
                         nullable=False, index=True)
    )  # fmt: skip
    title: str = Field(sa_column=Column(Text, nullable=False))
    held_on: date
    facilitator: str = Field(sa_column=Column(Text, nullable=False))
    participant_count: int
    model_id: str = Field(sa_column=Column(Text, nullable=False))
    model_version: str = Field(sa_column=Column(Text, nullable=False))
    closed: bool
    created_at: datetime = Field(sa_column=_moment())
    updated_at: datetime = Field(sa_column=_moment())
    # domain.publication.content_hash of what was published: publishing the same content again changes nothing.
    content_hash: str = Field(sa_column=Column(Text, nullable=False))
    published_by: str = Field(sa_column=Column(Text, nullable=False, server_default=text("current_user"), index=True))
    published_at: datetime = Field(sa_column=_moment(now=True))


class OrgRating(OrgTable, table=True):
    __tablename__ = "rating"
    __table_args__ = {"schema": SCHEMA}

    workshop_uuid: UUID = Field(sa_column=_uuid(primary_key=True, foreign="workshop.uuid"))
    practice_id: str = Field(sa_column=Column(Text, primary_key=True))
    current_level: int | None = None
    target_level: int | None = None


class OrgCellNote(OrgTable, table=True):
    __tablename__ = "cell_note"
    __table_args__ = {"schema": SCHEMA}

    workshop_uuid: UUID = Field(sa_column=_uuid(primary_key=True, foreign="workshop.uuid"))
    cell_id: str = Field(sa_column=Column(Text, primary_key=True))
    text: str = Field(sa_column=Column(Text, nullable=False))


class OrgAction(OrgTable, table=True):
    __tablename__ = "action"
    __table_args__ = {"schema": SCHEMA}

    # Keyed within its workshop (revision o0002): an action's UUID can be derived by anyone who reads
    # its workshop's, so no role can take another's keys and stop their workshops being published.
    workshop_uuid: UUID = Field(sa_column=_uuid(primary_key=True, foreign="workshop.uuid"))
    # domain.identity.action_uuid(workshop's uuid, the action's id on the laptop that made it).
    uuid: UUID = Field(sa_column=_uuid(primary_key=True))
    practice_id: str = Field(sa_column=Column(Text, nullable=False))
    cell_id: str | None = Field(default=None, sa_column=Column(Text, nullable=True))
    title: str = Field(sa_column=Column(Text, nullable=False))
    owner: str = Field(sa_column=Column(Text, nullable=False))  # who does it: a person of the team
    due_on: date | None = None
    status: str = Field(sa_column=Column(Text, nullable=False))
    priority: str = Field(sa_column=Column(Text, nullable=False))
    position: int
    # The earlier workshop's action this one carries over; that one may not be published (no key).
    carried_from_uuid: UUID | None = Field(default=None, sa_column=_uuid(nullable=True))


class OrgPracticeTime(OrgTable, table=True):
    __tablename__ = "practice_time"
    __table_args__ = {"schema": SCHEMA}

    workshop_uuid: UUID = Field(sa_column=_uuid(primary_key=True, foreign="workshop.uuid"))
    practice_id: str = Field(sa_column=Column(Text, primary_key=True))
    planned_minutes: int
    spent_seconds: int


class OrgVoteRound(OrgTable, table=True):
    """A round of the room's votes, with its distribution only: who voted what stays on the laptop."""

    __tablename__ = "vote_round"
    __table_args__ = {"schema": SCHEMA}

    workshop_uuid: UUID = Field(sa_column=_uuid(primary_key=True, foreign="workshop.uuid"))
    # The round's place among its workshop's rounds, in the order they were opened.
    number: int = Field(sa_column=Column(Integer, primary_key=True, autoincrement=False))
    practice_id: str = Field(sa_column=Column(Text, nullable=False))
    state: str = Field(sa_column=Column(Text, nullable=False))
    named: bool
    phone_cap: int
    opened_at: datetime = Field(sa_column=_moment())
    revealed_at: datetime | None = Field(default=None, sa_column=_moment(nullable=True))
    # How many votes each level had, levels -1..3 in order: the distribution the plan shows.
    counts: list[int] = Field(sa_column=Column(ARRAY(Integer), nullable=False))
