"""What the command line's commands share: saying things safely on a terminal, failing with a
message, and opening the workshops file as its one writer (or reader)."""

from __future__ import annotations

import sys
from pathlib import Path

from .domain.text import for_terminal


def say(text: str, file=None) -> None:
    """Print ``text`` line by line with :func:`for_terminal`: no control character, bidi control or
    lone surrogate of a name or a path reaches the terminal, and no character it cannot encode stops us."""
    stream = file or sys.stdout
    encoding = getattr(stream, "encoding", None) or "utf-8"
    safe = "\n".join(for_terminal(line) for line in text.split("\n"))
    print(safe.encode(encoding, "backslashreplace").decode(encoding), file=stream)


def fail(message: str) -> int:
    say(f"maturity-workshop: {message}", sys.stderr)
    return 1


def open_service(database: Path, reading: bool = False):
    """The service on ``database``, as its one writer (``store/lock.py``): opening may upgrade or
    repair the file. When another Maturity Workshop is the writer, the folder cannot be written or
    the disk is full, a command that only reads (``reading``: list, export) opens it read-only
    instead; one that writes (demo) is refused. Only a command that writes starts an empty
    database: when the file is missing, or damaged with no good backup to restore (a command that
    reads then moves it aside, says so and fails)."""
    from .domain.errors import DomainError
    from .services.models import default_model
    from .services.opening import Choice, open_as_writer_or_reader, restore_newest_backup

    if reading and not database.exists():
        raise DomainError(
            f"There is no workshop database at {database} yet, and nothing was created there: the window, or "
            "'maturity-workshop demo', starts one."
        )

    def decide(recovery):  # nobody to ask: the newest good backup, else as said above; say so
        choice = restore_newest_backup(recovery, start_empty=not reading)
        if choice is Choice.SET_ASIDE:
            return choice  # the error that follows says so
        done = (
            f"restoring the backup of {recovery.backup.backup.taken_at:%Y-%m-%d %H:%M} UTC"
            if choice is Choice.RESTORE
            else "starting with an empty database"
        )
        say(f"maturity-workshop: {recovery.explanation()} Carrying on by {done}.", sys.stderr)
        return choice

    def read_only_instead(offer) -> bool:
        if not reading:
            raise DomainError(offer.problem)
        say(f"maturity-workshop: {offer.problem} Reading them read-only.", sys.stderr)
        return True

    return open_as_writer_or_reader(database, default_model(), decide, read_only_instead)
