"""The SQL the repository runs, and the columns each statement names, as tuples, so that
tests/store/test_schema_in_step.py can check them against the SQLModel tables."""

from __future__ import annotations

# "w." is the workshop, "t." its team.
WORKSHOP_COLUMNS = (
    "w.id", "w.team_id", "t.name", "w.title", "w.held_on", "w.facilitator", "w.participant_count",
    "w.model_id", "w.model_version", "w.closed", "w.created_at", "w.updated_at", "w.uuid",
)
TEAM_COLUMNS = ("id", "name", "is_demo", "uuid")
ACTION_COLUMNS = (
    "id", "workshop_id", "practice_id", "title", "owner", "due_on", "status", "priority", "position", "cell_id",
    "carried_from_id",
)
INSERT_COLUMNS = {
    "team": ("name", "name_key", "is_demo", "created_at", "updated_at", "uuid"),
    "workshop": (  # its id chosen, not SQLite's: its UUID is derived from it (domain.identity)
        "id", "team_id", "title", "held_on", "facilitator", "participant_count", "model_id", "model_version",
        "closed", "created_at", "updated_at", "uuid",
    ),
    "rating": ("workshop_id", "practice_id", "current_level", "target_level", "created_at", "updated_at"),
    "cell_note": ("workshop_id", "cell_id", "text", "created_at", "updated_at"),
    "action": (
        "id", "workshop_id", "practice_id", "cell_id", "title", "owner", "due_on", "status", "priority", "position",
        "carried_from_id", "created_at", "updated_at",
    ),
    "app_state": ("key", "value"),
    "practice_time": ("workshop_id", "practice_id", "planned_minutes", "spent_seconds", "created_at", "updated_at"),
    # votes.py's: the rounds of votes, and the votes
    "vote_round": (
        "workshop_id", "practice_id", "state", "named", "phone_cap", "opened_at", "revealed_at", "created_at",
        "updated_at",
    ),
    "vote": ("round_id", "voter", "level", "cast_at", "updated_at"),
    # what was published to the organisation's database
    "publication": ("workshop_uuid", "content_hash", "marker", "published_at"),
}
# The agenda's columns the window writes, one at a time: the plan, or the time spent.
TIME_COLUMNS = ("planned_minutes", "spent_seconds")
INSERT = {
    table: f"INSERT INTO {table} ({', '.join(columns)}) VALUES ({', '.join('?' * len(columns))})"
    for table, columns in INSERT_COLUMNS.items()
}
TEAM_QUERY = f"SELECT {', '.join(TEAM_COLUMNS)} FROM team"
WORKSHOP_QUERY = f"SELECT {', '.join(WORKSHOP_COLUMNS)} FROM workshop w JOIN team t ON t.id = w.team_id"
ACTION_QUERY = f"SELECT {', '.join(ACTION_COLUMNS)} FROM action"
RATING_QUERY = "SELECT workshop_id, practice_id, current_level, target_level FROM rating"
# A team's revealed rounds (votes.ROUND_COLUMNS, as "r.") each with its votes, one row a vote.
HISTORY_ROUNDS = (
    "SELECT r.id, r.workshop_id, r.practice_id, r.state, r.named, r.phone_cap, r.opened_at, r.revealed_at, "
    "v.voter, v.level, v.cast_at FROM vote_round r LEFT JOIN vote v ON v.round_id = r.id "
    "WHERE r.workshop_id IN (SELECT id FROM workshop WHERE team_id = ?) AND r.state = 'revealed' "
    "ORDER BY r.opened_at, r.id, v.cast_at, v.id"
)
NOTE_QUERY = "SELECT workshop_id, cell_id, text FROM cell_note"
# Each team's last two workshops, by domain.history.held_order.
RECENT = "SELECT id FROM (SELECT id, row_number() OVER (PARTITION BY team_id ORDER BY held_on DESC, id DESC) n "
RECENT += "FROM workshop) WHERE n <= 2"
