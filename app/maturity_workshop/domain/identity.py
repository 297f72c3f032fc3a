"""The stable UUIDs of teams and workshops: the one derivation the store's migration and its inserts
share, so that a workshop is known by the same UUID on every copy of its database.

Each UUID is a version-5 UUID (SHA-1 of a fixed namespace and a name) of fields that never change:

- a team's, of its name's key (``team_key``, kept as the team's ``name_key``; a team is never renamed,
  and the key is what two laptops' names of the same team share), so the same team made on two
  laptops gets the same UUID;
- a workshop's, of its team's UUID, the time it was created (UTC, to the microsecond) and its id in
  its database. A restored backup, or a copy of the file migrated apart, holds the same three, so it
  gives the same UUIDs and publishing it again duplicates nothing; two laptops' workshops of the
  same team differ by the time they were created, and two made in the same microsecond on one
  laptop by their ids.

Never change this derivation or its namespace: the UUIDs already given (in files, on the server)
would no longer be those a database migrated later gives (``tests/domain/test_identity.py`` pins them).
"""

from __future__ import annotations

from datetime import UTC, datetime

NAMESPACE = "6f1c2a9e-4b7d-5e3a-9c8f-2d4b6a8e0c13"


def _uuid5(name: str) -> str:
    import uuid  # not at launch: only a new team or workshop needs it

    return str(uuid.uuid5(uuid.UUID(NAMESPACE), name))


def team_uuid(name_key: str) -> str:
    """The UUID of the team whose name's key is ``name_key`` (its ``name_key`` column)."""
    return _uuid5(f"team\x1f{name_key}")


def workshop_uuid(team_uuid: str, created_at: datetime | str, workshop_id: int) -> str:
    """The UUID of workshop ``workshop_id`` of the team ``team_uuid``, created at ``created_at``
    (a time; or, for a row another program wrote whose time cannot be read, its text as stored)."""
    if isinstance(created_at, datetime):
        created_at = created_at.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ")
    return _uuid5(f"workshop\x1f{team_uuid}\x1f{created_at}\x1f{workshop_id}")


def action_uuid(workshop_uuid: str, action_id: int) -> str:
    """The UUID of the action ``action_id`` (its id in the database of the workshop that holds it)
    of the workshop ``workshop_uuid``: how the organisation's database knows it, and an action
    carried over from it."""
    return _uuid5(f"action\x1f{workshop_uuid}\x1f{action_id}")
