"""The organisation's heat map read straight from its database: every team, and each one's latest
two workshops (by the date held, then the order they were made) with their ratings, in two
statements whatever the number of workshops, in one read-only snapshot.

What comes back is what the laptop's repository gives for its own file (``latest_of_each_team``):
teams and workshop states, numbered for this read, so that the same domain rule builds the same
heat map from either. The copy a pull makes (``pull.py``) is what the window reads, offline too;
this is for a map that must be fresh (``maturity-workshop heatmap --org``)."""

from __future__ import annotations

from ..domain.errors import DamagedRowError
from ..domain.workshop import Team, WorkshopState
from .connection import Target, create_engine, explain

# Each team's latest two workshops: the order of domain.history.held_order (held on, then made).
_RECENT = (
    "SELECT uuid, team_uuid, title, held_on, facilitator, participant_count, model_id, model_version, closed, "
    "created_at, updated_at FROM (SELECT *, row_number() OVER (PARTITION BY team_uuid "
    "ORDER BY held_on DESC, created_at DESC, uuid DESC) AS n FROM {s}.workshop) w WHERE n <= 2"
)
_TEAMS = "SELECT uuid::text, name FROM {s}.team ORDER BY name_key"
_WORKSHOPS = "SELECT uuid::text, team_uuid::text, title, held_on, facilitator, participant_count, model_id, " \
             "model_version, closed, created_at, updated_at FROM ({recent}) r ORDER BY held_on, created_at, uuid"
_RATINGS = ("SELECT r.workshop_uuid::text, r.practice_id, r.current_level, r.target_level FROM {s}.rating r "
            "JOIN ({recent}) w ON w.uuid = r.workshop_uuid")


def latest_of_each_team(target: Target) -> tuple[list[Team], list[WorkshopState], list[DamagedRowError]]:
    """Every team of the organisation, and each one's latest two workshops with their ratings, the
    first held first; the schema checked first (an older or newer one is refused with its message)."""
    from sqlalchemy import text
    from sqlalchemy.exc import SQLAlchemyError

    from ..store.rows import history_states, to_text
    from .schema import check
    from .tables import SCHEMA

    def sql(query: str):
        return text(query.format(s=SCHEMA, recent=_RECENT.format(s=SCHEMA)))

    engine = create_engine(target)
    try:
        with engine.connect() as connection:
            connection = connection.execution_options(isolation_level="REPEATABLE READ", postgresql_readonly=True)
            check(connection)
            team_rows = connection.execute(sql(_TEAMS)).all()
            workshops = connection.execute(sql(_WORKSHOPS)).all()
            ratings = connection.execute(sql(_RATINGS)).all()
            connection.rollback()
    except SQLAlchemyError as error:
        raise explain(error, target) from None
    finally:
        engine.dispose()
    team_ids = {uuid: number for number, (uuid, _name) in enumerate(team_rows, start=1)}
    teams = [Team(id=team_ids[uuid], name=name, is_demo=False, uuid=uuid) for uuid, name in team_rows]
    names = dict(team_rows)
    # Numbered in the order made, as a file numbers its workshops: held_order's tie-break holds.
    made = sorted(workshops, key=lambda w: (w.created_at, w.uuid))
    workshop_ids = {w.uuid: number for number, w in enumerate(made, start=1)}
    rows = [
        (workshop_ids[w.uuid], team_ids[w.team_uuid], names[w.team_uuid], w.title, w.held_on.isoformat(), w.facilitator,
         w.participant_count, w.model_id, w.model_version, w.closed, to_text(w.created_at), to_text(w.updated_at),
         w.uuid)
        for w in workshops
    ]  # fmt: skip
    rating_rows = [(workshop_ids[uuid], practice, current, target_level) for uuid, practice, current, target_level in ratings]
    states, damaged, _ = history_states(rows, rating_rows, (), (), ())
    return teams, states, damaged
