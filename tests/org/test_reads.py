"""The organisation's heat map read straight from its database: the same map as from the copy a
pull makes (one domain rule for both), each team's latest two workshops by the day held and then
the order they were made, and a newer schema refused."""

from __future__ import annotations

from datetime import date

import pytest

from maturity_workshop.org.connection import OrgError, parse_url
from maturity_workshop.org.pull import pull
from maturity_workshop.org.reads import latest_of_each_team
from maturity_workshop.services import organisation
from maturity_workshop.services.models import default_model
from maturity_workshop.services.organisation import organisation_heat_map
from maturity_workshop.services.workshops import WorkshopService

from .roles import READER
from .server_rows import ServerWorkshop, publish, put_organisation


def _cells(heat) -> list[tuple]:
    return [
        (row.team.name, row.latest.title, row.previous.title if row.previous else None,
         tuple((c.level, c.target, c.gap, c.change.delta if c.change else None) for c in row.cells))
        for row in heat.rows
    ]  # fmt: skip


def test_the_map_read_from_the_database_is_the_one_read_from_a_pulled_copy(org_database, tmp_path) -> None:
    put_organisation(org_database)
    url = org_database.url(READER)
    fresh, said = organisation_heat_map(tmp_path / "workshops.sqlite3", default_model(), url)
    assert said == [] and not (tmp_path / "organisation-cache.sqlite3").exists()

    cache = tmp_path / "organisation-cache.sqlite3"
    pull(parse_url(url), cache)
    service = WorkshopService.open(cache, default_model(), read_only=True)
    try:
        copied = organisation.heat_map(service)
    finally:
        service.close()
    assert _cells(fresh) == _cells(copied)
    payments = fresh.rows[0]
    assert (payments.team.name, payments.cell("build-ci").level, payments.cell("build-ci").change.delta) == ("Payments", 2, 1)
    assert (fresh.teams, len(fresh)) == (2, 2)


def test_of_two_workshops_held_the_same_day_the_later_made_is_the_latest(org_database) -> None:
    publish(org_database, "alice", "Twins", [
        ServerWorkshop("Morning", date(2026, 11, 2), ratings={"testing": (1, 2)}),
        ServerWorkshop("Afternoon", date(2026, 11, 2), ratings={"testing": (2, 2)}),
        ServerWorkshop("Long ago", date(2025, 1, 1), ratings={"testing": (0, 1)}),
    ])  # fmt: skip
    teams, states, damaged = latest_of_each_team(parse_url(org_database.url("bob")))
    assert [t.name for t in teams] == ["Twins"] and damaged == []
    assert [s.workshop.title for s in states] == ["Morning", "Afternoon"]  # the latest two, first held first
    heat, _ = organisation_heat_map("unused.sqlite3", default_model(), org_database.url("bob"))
    assert (heat.rows[0].latest.title, heat.rows[0].previous.title) == ("Afternoon", "Morning")
    assert heat.rows[0].cell("testing").change.delta == 1


def test_a_newer_schema_is_refused_with_its_message(org_database) -> None:
    org_database.sql("UPDATE maturity.alembic_version SET version_num = 'o0099'")
    with pytest.raises(OrgError, match="newer Maturity Workshop"):
        latest_of_each_team(parse_url(org_database.url(READER)))
