"""The room's votes in the JSON export: each round's distribution (how many chose each level, the
median, the spread and its words) and whether it is the one that stands for its practice; each
vote only when asked. An anonymous round's phones are never named by their tokens: "phone 1",
"phone 2"… in the order they voted (a phone's latest vote counts); a named round's by the names.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from ..domain.model import MaturityModel
from ..domain.voting import RoundRecord, standing_records


def rounds_data(model: MaturityModel, rounds: Sequence[RoundRecord], votes: bool = False) -> list[dict[str, Any]]:
    """The rounds, the first opened first, as JSON-ready data; ``votes``: with each vote."""
    standing = {record.round.id for record in standing_records(rounds).values()}
    return [_round_data(model, record, record.round.id in standing, votes) for record in rounds]


def _round_data(model: MaturityModel, record: RoundRecord, stands: bool, votes: bool) -> dict[str, Any]:
    voting_round, tally = record.round, record.tally(model)
    data: dict[str, Any] = {
        "id": voting_round.id,
        "practice_id": voting_round.practice_id,
        "practice": model.practice(voting_round.practice_id).name if model.has_practice(voting_round.practice_id) else None,
        "state": voting_round.state.value,
        "stands": stands,
        "named": voting_round.named,
        "phone_cap": voting_round.phone_cap,
        "opened_at": voting_round.opened_at.isoformat(),
        "revealed_at": voting_round.revealed_at.isoformat() if voting_round.revealed_at else None,
        "vote_count": tally.total,
        "counts": [
            {"level": level.value, "level_name": level.name, "votes": tally.counts[level.value]} for level in model.levels
        ],
        "median": tally.median,
        "spread": tally.spread,
        "agreement": tally.agreement.words if tally.agreement else None,
    }
    if votes:
        data["votes"] = [
            {
                "voter": vote.voter if voting_round.named else f"phone {number}",
                "level": vote.level,
                "cast_at": vote.cast_at.isoformat(),
            }
            for number, vote in enumerate(record.votes, start=1)
        ]
    return data
