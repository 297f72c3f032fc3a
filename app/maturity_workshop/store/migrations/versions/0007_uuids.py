"""stable UUIDs of teams and workshops

Revision ID: 0007
Revises: 0006
Create Date: 2026-12-02 09:30:00.000000

Each team and each workshop gets a UUID (text, unique, never NULL), by which the organisation's
database knows it. Existing rows get the UUID ``domain.identity`` derives, the one the app gives new
rows, from fields that never change: a team's from its ``name_key`` (a team is never renamed, and the
key is what the same team's names share on every laptop); a workshop's from its team's UUID, its
``created_at`` (as stored, to the microsecond) and its id. So a backup restored and migrated again, or
two copies of one file migrated apart, give every row the same UUID, and a workshop published twice
is the same workshop; two laptops' workshops differ by the moment each was made. A ``created_at``
another program wrote that cannot be read as a time is used as its text. No other value changes.
"""
from datetime import UTC, datetime
from typing import Sequence, Union

from alembic import op
import sqlalchemy as sa
import sqlmodel

from maturity_workshop.domain.identity import team_uuid, workshop_uuid


# revision identifiers, used by Alembic.
revision: str = '0007'
down_revision: Union[str, None] = '0006'
branch_labels: Union[str, Sequence[str], None] = None
depends_on: Union[str, Sequence[str], None] = None


def upgrade() -> None:
    for table in ('team', 'workshop'):
        with op.batch_alter_table(table, schema=None) as batch_op:
            batch_op.add_column(sa.Column('uuid', sqlmodel.sql.sqltypes.AutoString(length=36), nullable=True))
    _fill_the_uuids(op.get_bind())
    for table in ('team', 'workshop'):
        with op.batch_alter_table(table, schema=None) as batch_op:
            batch_op.alter_column('uuid', existing_type=sqlmodel.sql.sqltypes.AutoString(length=36), nullable=False)
            batch_op.create_index(batch_op.f(f'ix_{table}_uuid'), ['uuid'], unique=True)


def _created(text: object) -> datetime | str:
    try:
        return datetime.fromisoformat(str(text)).replace(tzinfo=UTC)  # stored as UTC, as store.rows reads it
    except ValueError:
        return str(text)


def _fill_the_uuids(connection) -> None:
    teams = {}
    for team_id, key in connection.execute(sa.text("SELECT id, name_key FROM team")).fetchall():
        teams[team_id] = team_uuid(key)
        connection.execute(sa.text("UPDATE team SET uuid = :uuid WHERE id = :id"), {"uuid": teams[team_id], "id": team_id})
    workshops = connection.execute(sa.text("SELECT id, team_id, created_at FROM workshop")).fetchall()
    for workshop_id, team_id, created_at in workshops:
        connection.execute(
            sa.text("UPDATE workshop SET uuid = :uuid WHERE id = :id"),
            {"uuid": workshop_uuid(teams[team_id], _created(created_at), workshop_id), "id": workshop_id},
        )


def downgrade() -> None:
    for table in ('workshop', 'team'):
        with op.batch_alter_table(table, schema=None) as batch_op:
            batch_op.drop_index(batch_op.f(f'ix_{table}_uuid'))
            batch_op.drop_column('uuid')
