"""How a practice's level moved from one workshop to a later one, and a level as the room reads
it: the grid's "last time" marks, the history page, compare and the organisation's heat map show
them (``history.py`` is a team's whole history)."""

from __future__ import annotations

import enum
from dataclasses import dataclass

MINUS = "\u2212"  # a real minus sign: "−1" reads as minus one from the back of the room, "-1" as a dash


def signed(value: int) -> str:
    """+1, 0, −2: a level or a difference with its sign, as the room reads it."""
    return f"+{value}" if value > 0 else f"{MINUS}{-value}" if value < 0 else "0"


def level_text(value: int | None) -> str:
    """A level as a number with a real minus sign, or "–" when there is none."""
    return "\u2013" if value is None else (f"{MINUS}{-value}" if value < 0 else str(value))


class ChangeKind(enum.Enum):
    UP = "up"
    DOWN = "down"
    SAME = "same"
    NEW = "new"  # rated now, not last time
    GONE = "gone"  # rated last time, not (yet) now
    NONE = "none"  # rated neither time


@dataclass(frozen=True)
class Change:
    """How a practice's current level moved from one workshop (``before``) to a later one (``after``)."""

    before: int | None
    after: int | None

    @property
    def kind(self) -> ChangeKind:
        if self.before is None:
            return ChangeKind.NONE if self.after is None else ChangeKind.NEW
        if self.after is None:
            return ChangeKind.GONE
        if self.after == self.before:
            return ChangeKind.SAME
        return ChangeKind.UP if self.after > self.before else ChangeKind.DOWN

    @property
    def delta(self) -> int | None:
        """The levels gained (negative: lost), when both workshops rated the practice."""
        return None if self.before is None or self.after is None else self.after - self.before

    @property
    def badge(self) -> str:
        """What the column header and the chart's badge show: "▲ +1", "▼ −1", "= same", "new",
        "last time 1, now –"; empty when neither workshop rated the practice."""
        kind = self.kind
        if kind in (ChangeKind.UP, ChangeKind.DOWN):
            return f"{'▲' if kind is ChangeKind.UP else '▼'} {signed(self.delta)}"
        return {
            ChangeKind.SAME: "= same",
            ChangeKind.NEW: "new",
            ChangeKind.GONE: f"last time {level_text(self.before)}, now \u2013",
            ChangeKind.NONE: "",
        }[kind]

    @property
    def words(self) -> str:
        """The change in a sentence, for a tooltip or a screen reader."""
        kind = self.kind
        if kind is ChangeKind.NONE:
            return "not rated last time or now"
        if kind is ChangeKind.NEW:
            return f"new: not rated last time, now {level_text(self.after)}"
        if kind is ChangeKind.GONE:
            return f"last time {level_text(self.before)}, not rated now"
        if kind is ChangeKind.SAME:
            return f"the same as last time ({level_text(self.after)})"
        steps = abs(self.delta)
        way = "up" if kind is ChangeKind.UP else "down"
        return f"{way} {steps} level{'s' if steps > 1 else ''} since last time ({level_text(self.before)} → {level_text(self.after)})"
