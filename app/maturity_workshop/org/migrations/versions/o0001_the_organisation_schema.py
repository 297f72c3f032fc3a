"""the organisation's schema: teams, workshops and their parts, owned rows

Revision ID: o0001
Revises:
Create Date: 2026-12-01 13:50:00

The tables of ``org.tables`` in the ``maturity`` schema, and who may do what with them:

- every table is read by the facilitators' and the readers' group roles (``maturity_facilitator``,
  ``maturity_reader``); only the facilitators write, and only their own rows;
- row-level security, enabled and forced (the tables' owner is held to it too): a workshop's row
  records the role that published it first (``published_by``, ``current_user`` by default); only
  that role may change or delete it, or any of its parts (ratings, notes, actions, agenda, rounds);
  a team is anyone's to publish workshops of, and its owner's alone to rename;
- the schema's owner role (``maturity_owner``, the administrator's) may do anything, e.g. hand a
  departed facilitator's workshops to another role.
"""
from typing import Sequence, Union

from alembic import op
import sqlalchemy as sa
from sqlalchemy.dialects import postgresql


revision: str = 'o0001'
down_revision: Union[str, None] = None
branch_labels: Union[str, Sequence[str], None] = None
depends_on: Union[str, Sequence[str], None] = None

S = 'maturity'
PARTS = ('rating', 'cell_note', 'action', 'practice_time', 'vote_round')


def _uuid(name, **kw):
    return sa.Column(name, postgresql.UUID(as_uuid=True), **kw)


def _moment(name, nullable=False, now=False):
    return sa.Column(name, sa.DateTime(timezone=True), nullable=nullable,
                     server_default=sa.text('now()') if now else None)


def _owner():
    return sa.Column('published_by', sa.Text(), server_default=sa.text('current_user'), nullable=False)


def _part_of_workshop(primary_key=True):
    return _uuid('workshop_uuid', primary_key=primary_key, nullable=False)


def upgrade() -> None:
    op.create_table('team',
        _uuid('uuid', primary_key=True, nullable=False),
        sa.Column('name', sa.Text(), nullable=False),
        sa.Column('name_key', sa.Text(), nullable=False, unique=True),
        _owner(), _moment('published_at', now=True),
        schema=S)
    op.create_table('workshop',
        _uuid('uuid', primary_key=True, nullable=False),
        _uuid('team_uuid', nullable=False),
        sa.Column('title', sa.Text(), nullable=False),
        sa.Column('held_on', sa.Date(), nullable=False),
        sa.Column('facilitator', sa.Text(), nullable=False),
        sa.Column('participant_count', sa.Integer(), nullable=False),
        sa.Column('model_id', sa.Text(), nullable=False),
        sa.Column('model_version', sa.Text(), nullable=False),
        sa.Column('closed', sa.Boolean(), nullable=False),
        _moment('created_at'), _moment('updated_at'),
        sa.Column('content_hash', sa.Text(), nullable=False),
        _owner(), _moment('published_at', now=True),
        sa.ForeignKeyConstraint(['team_uuid'], [f'{S}.team.uuid'], ondelete='RESTRICT'),
        schema=S)
    op.create_index('ix_maturity_workshop_team_uuid', 'workshop', ['team_uuid'], schema=S)
    op.create_index('ix_maturity_workshop_published_by', 'workshop', ['published_by'], schema=S)
    cascade = dict(ondelete='CASCADE')
    op.create_table('rating',
        _part_of_workshop(),
        sa.Column('practice_id', sa.Text(), primary_key=True, nullable=False),
        sa.Column('current_level', sa.Integer(), nullable=True),
        sa.Column('target_level', sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(['workshop_uuid'], [f'{S}.workshop.uuid'], **cascade),
        schema=S)
    op.create_table('cell_note',
        _part_of_workshop(),
        sa.Column('cell_id', sa.Text(), primary_key=True, nullable=False),
        sa.Column('text', sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(['workshop_uuid'], [f'{S}.workshop.uuid'], **cascade),
        schema=S)
    op.create_table('action',
        _uuid('uuid', primary_key=True, nullable=False),
        _part_of_workshop(primary_key=False),
        sa.Column('practice_id', sa.Text(), nullable=False),
        sa.Column('cell_id', sa.Text(), nullable=True),
        sa.Column('title', sa.Text(), nullable=False),
        sa.Column('owner', sa.Text(), nullable=False),
        sa.Column('due_on', sa.Date(), nullable=True),
        sa.Column('status', sa.Text(), nullable=False),
        sa.Column('priority', sa.Text(), nullable=False),
        sa.Column('position', sa.Integer(), nullable=False),
        _uuid('carried_from_uuid', nullable=True),
        sa.ForeignKeyConstraint(['workshop_uuid'], [f'{S}.workshop.uuid'], **cascade),
        schema=S)
    op.create_index('ix_maturity_action_workshop_uuid', 'action', ['workshop_uuid'], schema=S)
    op.create_table('practice_time',
        _part_of_workshop(),
        sa.Column('practice_id', sa.Text(), primary_key=True, nullable=False),
        sa.Column('planned_minutes', sa.Integer(), nullable=False),
        sa.Column('spent_seconds', sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(['workshop_uuid'], [f'{S}.workshop.uuid'], **cascade),
        schema=S)
    op.create_table('vote_round',
        _part_of_workshop(),
        sa.Column('number', sa.Integer(), primary_key=True, autoincrement=False, nullable=False),
        sa.Column('practice_id', sa.Text(), nullable=False),
        sa.Column('state', sa.Text(), nullable=False),
        sa.Column('named', sa.Boolean(), nullable=False),
        sa.Column('phone_cap', sa.Integer(), nullable=False),
        _moment('opened_at'), _moment('revealed_at', nullable=True),
        sa.Column('counts', postgresql.ARRAY(sa.Integer()), nullable=False),
        sa.ForeignKeyConstraint(['workshop_uuid'], [f'{S}.workshop.uuid'], **cascade),
        schema=S)

    own = "published_by = current_user"
    owns_workshop = (f"EXISTS (SELECT 1 FROM {S}.workshop w WHERE w.uuid = workshop_uuid "
                     f"AND w.published_by = current_user)")
    statements = [
        f"GRANT USAGE ON SCHEMA {S} TO maturity_facilitator, maturity_reader",
        f"GRANT SELECT ON ALL TABLES IN SCHEMA {S} TO maturity_facilitator, maturity_reader",
        f"GRANT INSERT, UPDATE ON {S}.team TO maturity_facilitator",
        f"GRANT INSERT, UPDATE, DELETE ON {S}.workshop, "
        + ", ".join(f"{S}.{t}" for t in PARTS) + " TO maturity_facilitator",
    ]
    for table in ('team', 'workshop', *PARTS):
        statements += [
            f"ALTER TABLE {S}.{table} ENABLE ROW LEVEL SECURITY",
            f"ALTER TABLE {S}.{table} FORCE ROW LEVEL SECURITY",
            f"CREATE POLICY read ON {S}.{table} FOR SELECT TO maturity_facilitator, maturity_reader USING (true)",
            f"CREATE POLICY administer ON {S}.{table} FOR ALL TO maturity_owner USING (true) WITH CHECK (true)",
        ]
    for table in ('team', 'workshop'):
        statements += [
            f"CREATE POLICY publish ON {S}.{table} FOR INSERT TO maturity_facilitator WITH CHECK ({own})",
            f"CREATE POLICY change ON {S}.{table} FOR UPDATE TO maturity_facilitator USING ({own}) WITH CHECK ({own})",
        ]
    statements.append(f"CREATE POLICY remove ON {S}.workshop FOR DELETE TO maturity_facilitator USING ({own})")
    for table in PARTS:
        statements.append(
            f"CREATE POLICY own ON {S}.{table} FOR ALL TO maturity_facilitator "
            f"USING ({owns_workshop}) WITH CHECK ({owns_workshop})"
        )
    for statement in statements:
        op.execute(statement)


def downgrade() -> None:
    for table in (*reversed(PARTS), 'workshop', 'team'):
        op.drop_table(table, schema=S)
