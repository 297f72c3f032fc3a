"""What the votes' crash tests read back from the file once the child is dead."""

from __future__ import annotations

from pathlib import Path

from maturity_workshop.store.sqlite import open_read_only, quick_check


def stored_votes(path: Path) -> tuple[dict[str, int], list[str]]:
    """The votes in the file (voter: level), and what SQLite's checks found wrong with it."""
    connection = open_read_only(path)
    try:
        problems = quick_check(connection) + [str(row) for row in connection.execute("PRAGMA foreign_key_check")]
        return dict(connection.execute("SELECT voter, level FROM vote")), problems
    finally:
        connection.close()
