"""Persistence: SQLModel tables, the engine and its pragmas, migrations and repositories."""
