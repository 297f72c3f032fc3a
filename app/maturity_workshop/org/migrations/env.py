"""Alembic environment of the organisation database. ``org.schema`` passes its connection in
``config.attributes``; the revisions run as the schema's owner role, so that what they make is
that role's, whoever of its members runs them."""

from alembic import context
from sqlmodel import SQLModel  # noqa: F401  (the tables' column types)

from maturity_workshop.org.tables import OWNER_ROLE, SCHEMA, OrgTable

config = context.config


def run_migrations_online() -> None:
    connection = config.attributes["connection"]
    connection.exec_driver_sql(f"SET ROLE {OWNER_ROLE}")
    context.configure(
        connection=connection,
        target_metadata=OrgTable.metadata,
        version_table_schema=SCHEMA,
        include_schemas=True,
        compare_type=True,
        transaction_per_migration=False,
    )
    with context.begin_transaction():
        context.run_migrations()


if context.is_offline_mode():
    raise SystemExit("Offline (SQL script) migrations are not supported; run them on the database.")
run_migrations_online()
