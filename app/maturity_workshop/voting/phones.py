"""The phones of the open round: which joined (each by its random token for this round, counted
against the round's cap), what each voted once the vote was saved, and in a named round under which
name. Plain bookkeeping, run on the server's thread only."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from ..domain.errors import ValidationError
from ..domain.voting import VotingRound


_STORED = "\0stored:"  # a seat kept for a named vote the store held when the round was taken up


@dataclass
class Seat:
    """A phone's place in the round."""

    vote: int | None = None  # the level saved, once the store said so
    name: str | None = None  # in a named round, the name its first vote was saved under


class RoundPhones:
    def __init__(self, voting_round: VotingRound) -> None:
        self.round = voting_round
        self.revealed = False
        self.reveal_words = ""
        self.turned_away = 0
        self._seats: dict[str, Seat] = {}
        self._names: dict[str, str] = {}  # name, casefolded -> the phone that votes under it

    def restore(self, saved: Mapping[str, int]) -> None:
        """The votes the store already holds for this round (voter -> level): the app stopped
        mid-round and takes it up again. A phone coming back with its token finds its seat and its
        vote; in a named round the name's vote waits, in a seat of its own, for the phone that
        votes under that name again."""
        for voter, level in saved.items():
            if self.round.named:
                key = _STORED + voter
                self._seats[key] = Seat(vote=level, name=voter)
                self._names[voter.casefold()] = key
            else:
                self._seats[voter] = Seat(vote=level)

    @property
    def joined(self) -> int:
        return len(self._seats)

    @property
    def votes(self) -> int:
        return sum(seat.vote is not None for seat in self._seats.values())

    def seat(self, phone: str) -> Seat | None:
        return self._seats.get(phone)

    def join(self, phone: str) -> Seat | None:
        """The phone's seat: the one it had (a reconnection keeps it), a new one while the cap
        allows, or None: the round is full."""
        seat = self._seats.get(phone)
        if seat is None:
            if len(self._seats) >= self.round.phone_cap:
                self.turned_away += 1
                return None
            seat = self._seats[phone] = Seat()
        return seat

    def voter(self, phone: str, name: str | None) -> str:
        """Whom the phone's vote counts for: its token, or in a named round its name, which is then
        its own for the round (another phone cannot take it, and it keeps it)."""
        if name is None:
            return phone
        seat = self._seats[phone]
        if seat.name is not None and seat.name != name:
            raise ValidationError(f"This phone votes as {seat.name} in this round.")
        holder = self._names.setdefault(name.casefold(), phone)
        if holder.startswith(_STORED) and holder != phone:  # the name's vote from before the app stopped
            stored = self._seats.pop(holder)
            seat.vote = seat.vote if seat.vote is not None else stored.vote
            holder = self._names[name.casefold()] = phone
        if holder != phone:
            raise ValidationError(f"Another phone votes as {name} in this round: add a letter to yours.")
        seat.name = name
        return name

    def saved(self, phone: str, level: int) -> bool:
        """Note the phone's saved vote; True when the round's count of votes grew."""
        seat = self._seats[phone]
        first = seat.vote is None
        seat.vote = level
        return first
