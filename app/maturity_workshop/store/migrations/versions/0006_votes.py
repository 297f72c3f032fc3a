"""the room's votes: rounds and votes

Revision ID: 0006
Revises: 0005
Create Date: 2026-12-01 11:12:50.464398

Two new tables, empty: ``vote_round``, a round of votes on one practice of a workshop (open, then
revealed or cancelled; named or anonymous; the phones it lets in), and ``vote``, one phone's (or
one name's) vote in a round, replaced when it changes. At most one round of a workshop is open (a
partial unique index on the open ones). Deleting a workshop deletes its rounds and their votes. The
unique index on (round, voter) serves the look-ups of a round's votes, so round_id has no other.
No existing row is changed.
"""
from typing import Sequence, Union

from alembic import op
import sqlalchemy as sa
import sqlmodel


# revision identifiers, used by Alembic.
revision: str = '0006'
down_revision: Union[str, None] = '0005'
branch_labels: Union[str, Sequence[str], None] = None
depends_on: Union[str, Sequence[str], None] = None


def upgrade() -> None:
    op.create_table('vote_round',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('workshop_id', sa.Integer(), nullable=False),
    sa.Column('practice_id', sqlmodel.sql.sqltypes.AutoString(length=100), nullable=False),
    sa.Column('state', sqlmodel.sql.sqltypes.AutoString(length=20), nullable=False),
    sa.Column('named', sa.Boolean(), nullable=False),
    sa.Column('phone_cap', sa.Integer(), nullable=False),
    sa.Column('opened_at', sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
    sa.Column('revealed_at', sqlmodel.sql.sqltypes.UTCDateTime(), nullable=True),
    sa.Column('created_at', sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
    sa.Column('updated_at', sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
    sa.ForeignKeyConstraint(['workshop_id'], ['workshop.id'], ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('vote_round', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_vote_round_workshop_id'), ['workshop_id'], unique=False)
        batch_op.create_index(
            'uq_vote_round_one_open', ['workshop_id'], unique=True, sqlite_where=sa.text("state = 'open'")
        )

    op.create_table('vote',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('round_id', sa.Integer(), nullable=False),
    sa.Column('voter', sqlmodel.sql.sqltypes.AutoString(length=64), nullable=False),
    sa.Column('level', sa.Integer(), nullable=False),
    sa.Column('cast_at', sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
    sa.Column('updated_at', sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
    sa.ForeignKeyConstraint(['round_id'], ['vote_round.id'], ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('round_id', 'voter', name='uq_vote_round_voter')
    )


def downgrade() -> None:
    op.drop_table('vote')
    with op.batch_alter_table('vote_round', schema=None) as batch_op:
        batch_op.drop_index('uq_vote_round_one_open', sqlite_where=sa.text("state = 'open'"))
        batch_op.drop_index(batch_op.f('ix_vote_round_workshop_id'))

    op.drop_table('vote_round')
