"""The roles of the organisation database's tests: as scripts/organisation-setup.sql makes them
(the administrator's) and as its administrator would add them (two facilitators and a reader)."""

FACILITATORS = ("alice", "bob")
READER = "carol"
ADMIN = "maturity_admin"
