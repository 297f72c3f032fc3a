"""demo teams and the indexes of a team's history

Revision ID: 0005
Revises: 0004
Create Date: 2026-12-01 10:55:15.389106

Each team says whether it is the demo's (``is_demo``), so that nothing counts a demo team as a real
one; every team made before is a real team: it gets false, through the column's server default.
Two indexes for a team's history: its workshops in the order they were held (team, date, id), which
replaces the index on the team alone, since it serves every look-up by team too; and the action
that carries a given action over (``carried_from_id``). No row is changed but for the new column.
"""
from typing import Sequence, Union

from alembic import op
import sqlalchemy as sa
import sqlmodel


# revision identifiers, used by Alembic.
revision: str = '0005'
down_revision: Union[str, None] = '0004'
branch_labels: Union[str, Sequence[str], None] = None
depends_on: Union[str, Sequence[str], None] = None


def upgrade() -> None:
    with op.batch_alter_table('team', schema=None) as batch_op:
        batch_op.add_column(sa.Column('is_demo', sa.Boolean(), server_default=sa.text('0'), nullable=False))

    with op.batch_alter_table('workshop', schema=None) as batch_op:
        batch_op.create_index('ix_workshop_team_held_on', ['team_id', 'held_on', 'id'], unique=False)
        batch_op.drop_index(batch_op.f('ix_workshop_team_id'))

    with op.batch_alter_table('action', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_action_carried_from_id'), ['carried_from_id'], unique=False)


def downgrade() -> None:
    with op.batch_alter_table('action', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_action_carried_from_id'))

    with op.batch_alter_table('workshop', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_workshop_team_id'), ['team_id'], unique=False)
        batch_op.drop_index('ix_workshop_team_held_on')

    with op.batch_alter_table('team', schema=None) as batch_op:
        batch_op.drop_column('is_demo')
