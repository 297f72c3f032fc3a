"""practice time

Revision ID: 0004
Revises: 0003
Create Date: 2026-12-01 09:29:02.385990

Each workshop's agenda: a row per practice with the minutes planned for it and the seconds the
room spent on it. Workshops made before have no rows: no agenda, no time counted.
"""
from typing import Sequence, Union

from alembic import op
import sqlalchemy as sa
import sqlmodel


# revision identifiers, used by Alembic.
revision: str = '0004'
down_revision: Union[str, None] = '0003'
branch_labels: Union[str, Sequence[str], None] = None
depends_on: Union[str, Sequence[str], None] = None


def upgrade() -> None:
    op.create_table('practice_time',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('workshop_id', sa.Integer(), nullable=False),
    sa.Column('practice_id', sqlmodel.sql.sqltypes.AutoString(length=100), nullable=False),
    sa.Column('planned_minutes', sa.Integer(), nullable=False),
    sa.Column('spent_seconds', sa.Integer(), nullable=False),
    sa.Column('created_at', sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
    sa.Column('updated_at', sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
    sa.ForeignKeyConstraint(['workshop_id'], ['workshop.id'], ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('workshop_id', 'practice_id', name='uq_practice_time_workshop_practice')
    )
    with op.batch_alter_table('practice_time', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_practice_time_workshop_id'), ['workshop_id'], unique=False)



def downgrade() -> None:
    with op.batch_alter_table('practice_time', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_practice_time_workshop_id'))

    op.drop_table('practice_time')
