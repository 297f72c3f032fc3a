"""A workshop the room voted on from its phones, for the exports' tests: rounds opened, revealed and
cancelled through the window's service, votes cast through the voting server's real writer."""

from __future__ import annotations

from pathlib import Path

from maturity_workshop.services.voting import VotingService
from maturity_workshop.store.votes import VoteWriter

TIMEOUT = 10.0
TOKENS = [f"secret-phone-token-{n:04d}" for n in range(5)]


def cast(path: Path, votes: list[tuple[int, str, int]]) -> None:
    """Each (round id, voter, level) written and committed by a real :class:`VoteWriter`."""
    writer = VoteWriter(path)
    writer.start()
    try:
        for future in [writer.submit(*vote) for vote in votes]:
            future.result(TIMEOUT)
    finally:
        writer.close()


def voted_rounds(service, workshop, db_path: Path):
    """build-ci voted twice (both revealed), testing by name (cancelled), data-management left open:
    the workshop's rounds, and the four rounds as opened."""
    voting = VotingService(service)
    first = voting.open_round(workshop.id, "build-ci")
    cast(db_path, [(first.id, TOKENS[0], 0), (first.id, TOKENS[1], 3)])
    voting.reveal(first.id)
    second = voting.open_round(workshop.id, "build-ci")
    cast(db_path, [(second.id, t, level) for t, level in zip(TOKENS, (1, 1, 2, 1, 0))])
    voting.reveal(second.id)
    named = voting.open_round(workshop.id, "testing", named=True, phone_cap=12)
    cast(db_path, [(named.id, "Zoë Müller", 2), (named.id, "王芳", 2)])
    voting.cancel(named.id)
    still_open = voting.open_round(workshop.id, "data-management")
    return voting.rounds_of(workshop.id), (first, second, named, still_open)
