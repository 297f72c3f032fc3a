"""Rounds of votes built from domain objects, for the domain's tests."""

from __future__ import annotations

from datetime import UTC, datetime

from maturity_workshop.domain.voting import RoundRecord, RoundState, Vote, VotingRound


def a_record(round_id: int, practice: str, state: RoundState, minute: int, levels=(), named=False) -> RoundRecord:
    opened = datetime(2026, 3, 12, 10, minute, tzinfo=UTC)
    revealed = opened.replace(second=30) if state is RoundState.REVEALED else None
    votes = tuple(Vote(round_id, f"phone-{n:04d}-xxxxxxxxxx", level, opened) for n, level in enumerate(levels))
    return RoundRecord(VotingRound(round_id, 1, practice, state, named, 50, opened, revealed), votes)
