"""The voting panel and tallies of a workshop's rounds, for ``snapshot --round``: the board as the
room sees it with a round open (from the database's open round and its votes) or after a reveal
(the round that stands for the focused practice, else the last one revealed). No server runs: the
QR code and the address are an example's (``EXAMPLE_URL``)."""

from __future__ import annotations

from ...domain.errors import DomainError
from ...services.workshops import WorkshopService
from .room import RoomView, short_address

EXAMPLE_URL = "http://192.168.1.23:8642/v/an-example-key-of-22c/"
EXAMPLE_ROOM_CODE = "482913"
ROUND_STATES = ("open", "revealed")


def room_for_picture(service: WorkshopService, workshop_id: int, state: str, practice_id: str | None) -> RoomView:
    from ...services.voting import VotingService
    from ...voting.qr import qr_matrix

    votes = VotingService(service)
    records = votes.rounds_of(workshop_id)
    if state == "open":
        chosen = [r for r in records if r.round.state.is_open]
        missing = f"Workshop {workshop_id} has no round open to draw."
    elif state == "revealed":
        chosen = [r for r in votes.standing(workshop_id).values() if practice_id in (None, r.round.practice_id)]
        chosen.sort(key=lambda r: (r.round.revealed_at or r.round.opened_at, r.round.id))
        missing = f"Workshop {workshop_id} has no revealed round{' on ' + practice_id if practice_id else ''} to draw."
    else:
        raise DomainError(f"A round is drawn 'open' or 'revealed', not '{state}'.")
    if not chosen:
        raise DomainError(missing)
    record = chosen[-1]
    workshop = service.load(workshop_id).workshop
    tally = votes.tally(record) if state == "revealed" else None
    median = tally.median if tally is not None else None
    return RoomView(
        qr_matrix(EXAMPLE_URL), short_address(EXAMPLE_URL.split("/v/")[0]), EXAMPLE_ROOM_CODE,
        workshop.participant_count, record.round.practice_id, service.model.practice(record.round.practice_id).name,
        voted=len(record.votes), phones=len(record.votes) + 1, named=record.round.named, tally=tally,
        median_label=service.model.level(median).label if median is not None else "",
    )  # fmt: skip
