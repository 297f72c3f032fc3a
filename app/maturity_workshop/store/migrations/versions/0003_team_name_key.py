"""team name key

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-27 09:12:41.204117

Each team gets the key its names share (``domain.workshop.team_key``: NFKC, case folded, white space
collapsed), unique, so that a team is found by its key in SQL. Teams made before whose keys collide
(names that differ only by NFKC, such as a combining accent or full-width letters, which the earlier
comparison by ``casefold()`` alone told apart) are all kept: the team made first keeps the key,
each later one (higher id) gets the key followed by `` #<its id>``, and a warning names both.
"""
import logging
from typing import Sequence, Union

from alembic import op
import sqlalchemy as sa
import sqlmodel

from maturity_workshop.domain.workshop import team_key


# revision identifiers, used by Alembic.
revision: str = '0003'
down_revision: Union[str, None] = '0002'
branch_labels: Union[str, Sequence[str], None] = None
depends_on: Union[str, Sequence[str], None] = None

log = logging.getLogger("maturity_workshop.store.migrations")


def upgrade() -> None:
    with op.batch_alter_table('team', schema=None) as batch_op:
        batch_op.add_column(sa.Column('name_key', sqlmodel.sql.sqltypes.AutoString(), nullable=True))
    _fill_the_keys(op.get_bind())
    with op.batch_alter_table('team', schema=None) as batch_op:
        batch_op.alter_column('name_key', existing_type=sqlmodel.sql.sqltypes.AutoString(), nullable=False)
        batch_op.create_index(batch_op.f('ix_team_name_key'), ['name_key'], unique=True)


def _fill_the_keys(connection) -> None:
    first_with: dict[str, tuple[int, str]] = {}  # key -> the team (id, name) that holds it
    for team_id, name in connection.execute(sa.text("SELECT id, name FROM team ORDER BY id")).fetchall():
        key = team_key(name)
        if key in first_with:
            other_id, other_name = first_with[key]
            while key in first_with:
                key = f"{key} #{team_id}"
            log.warning(
                "The teams %r (id %d) and %r (id %d) have names that differ only in how they are written "
                "(case, accents, width or white space). Both are kept; the later one is now told apart by "
                "the key %r.",
                other_name, other_id, name, team_id, key,
            )
        first_with[key] = (team_id, name)
        connection.execute(sa.text("UPDATE team SET name_key = :key WHERE id = :id"), {"key": key, "id": team_id})


def downgrade() -> None:
    with op.batch_alter_table('team', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_team_name_key'))
        batch_op.drop_column('name_key')
