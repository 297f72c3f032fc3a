"""what was published to the organisation's database

Revision ID: 0008
Revises: 0007
Create Date: 2026-12-01 14:00:00.000000

A new table, empty: ``publication``, a row per workshop this file published to the organisation's
database, with the hash of what was published and the workshop's change marker then; it has no
foreign key, so that a workshop deleted here leaves its row, and the next publish deletes it on the
server too. A new column, ``workshop.published_by``, NULL here: in a copy pulled from the
organisation's database, the role that published the workshop. No existing row is changed.
"""
from typing import Sequence, Union

from alembic import op
import sqlalchemy as sa
import sqlmodel


# revision identifiers, used by Alembic.
revision: str = '0008'
down_revision: Union[str, None] = '0007'
branch_labels: Union[str, Sequence[str], None] = None
depends_on: Union[str, Sequence[str], None] = None


def upgrade() -> None:
    op.create_table('publication',
    sa.Column('workshop_uuid', sqlmodel.sql.sqltypes.AutoString(length=36), nullable=False),
    sa.Column('content_hash', sqlmodel.sql.sqltypes.AutoString(length=64), nullable=False),
    sa.Column('marker', sqlmodel.sql.sqltypes.AutoString(length=200), nullable=False),
    sa.Column('published_at', sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
    sa.PrimaryKeyConstraint('workshop_uuid')
    )
    with op.batch_alter_table('workshop', schema=None) as batch_op:
        batch_op.add_column(sa.Column('published_by', sqlmodel.sql.sqltypes.AutoString(length=200), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table('workshop', schema=None) as batch_op:
        batch_op.drop_column('published_by')
    op.drop_table('publication')
