"""The organisation's database: PostgreSQL, which the organisation runs, where each facilitator's
laptop publishes its workshops and from which anyone with a role pulls the organisation's.

Nothing here loads at launch: SQLAlchemy and psycopg come in only when the organisation's
database is used (publishing, pulling, setting up its schema). The laptop's SQLite file stays the
live store; this package copies workshops to the server (``publish``) and the server's into a
local read-only cache (``pull``), reading and writing the local files through ``store``.

Who owns what is the server's business: each facilitator logs in with a PostgreSQL role of their
own, a workshop belongs to the role that first published it, and row-level security (declared in
the schema's revisions, ``migrations/``) lets only that role change or delete it.
"""
