"""How long each stored text may be: the domain's checks refuse longer ones, and the SQLModel tables
declare the same lengths, so that what the domain accepts always fits its column."""

MAX_NAME_LENGTH = 200  # a team's name, a workshop's title, a facilitator's and an action owner's name
MAX_MODEL_ID_LENGTH = 100
MAX_MODEL_VERSION_LENGTH = 50
MAX_PRACTICE_ID_LENGTH = 100
MAX_CELL_ID_LENGTH = 200
MAX_ACTION_TITLE_LENGTH = 500
MAX_CHOICE_LENGTH = 20  # an action's status and priority, stored by value
MAX_VOTER_LENGTH = 64  # a vote's voter: a phone's token (16 to 64 characters) or a name (40 at most)
MAX_STATE_KEY_LENGTH = 100  # the keys of the small facts a database remembers
MAX_UUID_LENGTH = 36  # a team's or a workshop's UUID, as text (domain.identity)
MAX_HASH_LENGTH = 64  # a workshop's content hash, SHA-256 in hex (domain.publication)
MAX_MARKER_LENGTH = 200  # a workshop's change marker (domain.publication)
MAX_NOTE_LENGTH = 100_000
MAX_PARTICIPANTS = 1000
MAX_ROW_ID = 2**63 - 1  # SQLite's largest integer: no workshop's or action's id is larger
MAX_PLANNED_MINUTES = 600  # the minutes an agenda plans for one practice, and for the whole workshop
