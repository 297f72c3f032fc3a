"""actions keyed within their workshop

Revision ID: o0002
Revises: o0001
Create Date: 2026-12-01 15:15:00

An action's primary key becomes (its workshop's UUID, its UUID), in place of its UUID alone. An
action's UUID is derived from its workshop's (``domain.identity.action_uuid``), which every role
reads: keyed alone, another facilitator could take a workshop's next action keys in their own
workshops and so stop it being published. The index on the workshop's UUID goes: the new key
leads with it. No row changes.
"""
from typing import Sequence, Union

from alembic import op


revision: str = 'o0002'
down_revision: Union[str, None] = 'o0001'
branch_labels: Union[str, Sequence[str], None] = None
depends_on: Union[str, Sequence[str], None] = None

S = 'maturity'


def upgrade() -> None:
    op.drop_constraint('action_pkey', 'action', schema=S, type_='primary')
    op.create_primary_key('action_pkey', 'action', ['workshop_uuid', 'uuid'], schema=S)
    op.drop_index('ix_maturity_action_workshop_uuid', table_name='action', schema=S)


def downgrade() -> None:
    op.create_index('ix_maturity_action_workshop_uuid', 'action', ['workshop_uuid'], schema=S)
    op.drop_constraint('action_pkey', 'action', schema=S, type_='primary')
    op.create_primary_key('action_pkey', 'action', ['uuid'], schema=S)
