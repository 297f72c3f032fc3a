""" "Practice by practice"'s room's vote: beside the level the team agreed, what the phones said in
the round that stands (``domain.voting.PracticeVotes``): a bar per level with its count, the median,
the spread with its words, how many voted and whether names were kept, and how many rounds were
revealed. Readable in black and white: each bar is outlined, its count is printed beside it, the
median's row says "median" in words, and the level agreed is marked "● agreed"."""

from __future__ import annotations

from reportlab.platypus import Flowable, Table

from ..domain.model import MaturityModel
from ..domain.voting import PracticeVotes
from . import styles as s
from .parts import coloured, level_words, para, table_style

BAR_HEIGHT = 7.0
LABEL_WIDTH = 118.0  # "−1 Regressive", "2 Quantitatively managed" wrap under it
COUNT_WIDTH = 92.0  # the count, and "median" or "● agreed"


class VoteBar(Flowable):
    """A horizontal bar ``share`` of ``width`` long, filled and outlined; an empty count is a thin
    tick on the axis, so the row still reads as zero."""

    def __init__(self, share: float, width: float) -> None:
        super().__init__()
        self.share, self.width, self.height = max(0.0, min(share, 1.0)), width, BAR_HEIGHT

    def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
        return self.width, self.height

    def draw(self) -> None:
        canvas = self.canv
        canvas.saveState()
        canvas.setLineWidth(0.6)
        canvas.setStrokeColor(s.INK)
        if self.share > 0:
            canvas.setFillColor(s.CURRENT_BG)
            canvas.rect(0, 0, max(self.share * self.width, 1.5), self.height, stroke=1, fill=1)
        else:
            canvas.line(0, 0, 0, self.height)
        canvas.restoreState()


def room_vote(model: MaturityModel, votes: PracticeVotes, agreed: int | None, width: float) -> list[Flowable]:
    """The room's vote on a practice, ``agreed`` the level the team agreed (or None)."""
    tally = votes.tally
    heading = para("THE ROOM'S VOTE", s.H3)
    words = [para(tally.words, s.SMALL_BOLD)]
    words.append(para(votes.names_words.capitalize() + ".", s.SMALL_MUTED))
    if votes.rounds_words:
        words.append(para(votes.rounds_words.capitalize() + ".", s.SMALL_MUTED))
    if tally.median is not None and agreed is not None:
        words.append(para(_against(tally.median, agreed), s.SMALL_MUTED))
    bars_width = min(width * 0.58, 290.0)
    bar_room = bars_width - LABEL_WIDTH - COUNT_WIDTH
    most = max(tally.counts.values(), default=0) or 1
    rows = []
    for level in reversed(model.levels):  # highest first, as on the matrix
        count = tally.counts.get(level.value, 0)
        marks = [m for m, on in (("median", level.value == tally.median), ("● agreed", level.value == agreed)) if on]
        label_style = s.SMALL_BOLD if level.value == agreed else s.SMALL
        rows.append([
            para(level_words(model, level.value, ""), label_style, keep_lines=False),
            VoteBar(count / most, bar_room - 6),
            para(" ".join([str(count), *marks]), coloured(s.SMALL, s.INK) if marks else s.SMALL),
        ])  # fmt: skip
    bars = Table(rows, colWidths=[LABEL_WIDTH, bar_room, COUNT_WIDTH], hAlign="LEFT")
    bars.setStyle(table_style([
        ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
        ("LEFTPADDING", (0, 0), (-1, -1), 0),
        ("RIGHTPADDING", (0, 0), (-1, -1), 4),
        ("TOPPADDING", (0, 0), (-1, -1), 1),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 1),
        ("LINEBEFORE", (1, 0), (1, -1), 0.6, s.MUTED),
    ]))  # fmt: skip
    side = Table([[bars, [*words]]], colWidths=[bars_width, width - bars_width], hAlign="LEFT")
    side.setStyle(table_style([
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("LEFTPADDING", (0, 0), (0, 0), 0),
        ("LEFTPADDING", (1, 0), (1, 0), 14),
        ("RIGHTPADDING", (0, 0), (-1, -1), 0),
        ("TOPPADDING", (0, 0), (-1, -1), 0),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 0),
    ]))  # fmt: skip
    return [heading, side]


def _against(median: int, agreed: int) -> str:
    """How the level agreed stands to the room's median, in words."""
    if median == agreed:
        return "The level agreed is the room's median."
    way = "above" if agreed > median else "below"
    steps = abs(agreed - median)
    return f"The level agreed is {steps} level{'s' if steps > 1 else ''} {way} the room's median."
