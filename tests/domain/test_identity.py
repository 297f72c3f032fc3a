"""The UUIDs of teams and workshops are derived, never drawn: the same fields give the same UUID on
every laptop and in every later version of the app, so these values are pinned."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime, timedelta, timezone

from maturity_workshop.domain import team_key
from maturity_workshop.domain.identity import team_uuid, workshop_uuid

MOMENT = datetime(2025, 3, 12, 9, 15, 0, 123456, tzinfo=UTC)


def test_the_derivation_never_changes() -> None:
    """Changing it would give a database migrated later UUIDs the server does not know: duplicates."""
    assert team_uuid("platform team") == "acb7b73a-a4ae-5660-96f3-587a77aef28a"
    assert workshop_uuid(team_uuid("platform team"), MOMENT, 1) == "ce2e0515-53f3-5d27-8990-f91c4edb0b2d"


def test_the_same_team_typed_apart_has_one_uuid() -> None:
    assert team_uuid(team_key("Straße  Team")) == team_uuid(team_key(" STRASSE team"))
    assert team_uuid("a") != team_uuid("b")
    assert uuid.UUID(team_uuid("a")).version == 5


def test_a_workshops_uuid_depends_on_its_team_its_creation_and_its_id() -> None:
    team = team_uuid("platform team")
    one = workshop_uuid(team, MOMENT, 1)
    assert uuid.UUID(one).version == 5
    assert workshop_uuid(team, MOMENT.astimezone(timezone(timedelta(hours=13))), 1) == one  # the same moment
    assert workshop_uuid(team, MOMENT + timedelta(microseconds=1), 1) != one  # another laptop's
    assert workshop_uuid(team, MOMENT, 2) != one  # made in the same microsecond
    assert workshop_uuid(team_uuid("another team"), MOMENT, 1) != one
    assert workshop_uuid(team, "not a time", 1) == workshop_uuid(team, "not a time", 1)
