"""The organisation database's schema: made and upgraded by its own Alembic chain
(``org/migrations``), run by the administrator (``maturity-workshop org-schema``); checked by every
client before it reads or writes, so that an app never writes into a schema it does not know."""

from __future__ import annotations

from pathlib import Path

from .connection import OrgError
from .tables import SCHEMA

# The newest revision in org/migrations/versions; tests/org/test_schema.py keeps it honest.
ORG_HEAD_REVISION = "o0002"
MIGRATIONS_DIR = Path(__file__).resolve().parent / "migrations"


def _config(connection):
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    config.attributes["connection"] = connection
    return config


def known_revisions() -> list[str]:
    from alembic.script import ScriptDirectory

    script = ScriptDirectory(str(MIGRATIONS_DIR))
    return [revision.revision for revision in script.walk_revisions()]


def server_revision(connection) -> str | None:
    """The revision of the organisation's schema on the server; None when it has no tables yet."""
    from sqlalchemy import text

    present = connection.execute(text("SELECT to_regclass(:name)"), {"name": f"{SCHEMA}.alembic_version"}).scalar()
    if present is None:
        return None
    return connection.execute(text(f"SELECT version_num FROM {SCHEMA}.alembic_version")).scalar()


def check(connection) -> None:
    """Refuse, with what to do, a server whose schema is missing, older or newer than this app's."""
    revision = server_revision(connection)
    if revision == ORG_HEAD_REVISION:
        return
    if revision is None:
        raise OrgError("The organisation database has no Maturity Workshop tables yet: its administrator "
                       "makes them with 'maturity-workshop org-schema' (see the README).")
    if revision in known_revisions():
        raise OrgError(f"The organisation database's schema ({revision}) is older than this app's "
                       f"({ORG_HEAD_REVISION}): its administrator upgrades it with 'maturity-workshop org-schema'.")
    raise OrgError(f"The organisation database was upgraded by a newer Maturity Workshop (its schema is {revision}); "
                   "update this app to publish or pull. Nothing was changed.")


def upgrade(engine, to: str = "head") -> tuple[str | None, str]:
    """Bring the server's schema to this app's newest revision (or ``to``), as the schema's owner
    role; returns the revisions before and after. A newer schema than this app knows is refused."""
    from alembic import command

    with engine.begin() as connection:
        before = server_revision(connection)
        if before is not None and before not in known_revisions():
            raise OrgError(f"The organisation database's schema ({before}) is newer than this app's "
                           f"({ORG_HEAD_REVISION}); it was left as it is.")
        command.upgrade(_config(connection), to)
        return before, server_revision(connection)
