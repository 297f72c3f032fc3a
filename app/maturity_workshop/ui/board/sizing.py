"""The board's type, sized for the back of the room.

Sizes are given for a 1920x1080 board and scale with the smaller of width/1920 and height/1080, so
a board at 1280x720, 1920x1200, 1024x768 or 3840x2160 looks the same, only larger or smaller. They
are in the board's own (logical) pixels: at a device pixel ratio of 2 each is two device pixels."""

from __future__ import annotations

from dataclasses import dataclass

REFERENCE_WIDTH, REFERENCE_HEIGHT = 1920, 1080
CELL_PX = 22  # the cells' text: 16 px cap height at 1920x1080
LABEL_PX = 18  # practices, levels, captions, legend: at least 17 px (12 px cap height)
HEADING_PX = 28  # the workshop's name, above the grid
NOTE_PX = 22  # the focused cell's note


@dataclass(frozen=True)
class BoardSizes:
    scale: float
    dpi: float  # the board screen's logical dots per inch: Qt fonts are sized in points

    def px(self, reference_px: float) -> float:
        """A size given for 1920x1080, on this board, in pixels."""
        return reference_px * self.scale

    def points(self, reference_px: float) -> float:
        """The same size in points, as QFont takes it on this screen."""
        return self.px(reference_px) * 72 / self.dpi

    @property
    def cell_points(self) -> float:
        return self.points(CELL_PX)

    @property
    def label_points(self) -> float:
        return self.points(LABEL_PX)

    @property
    def heading_points(self) -> float:
        return self.points(HEADING_PX)

    @property
    def note_points(self) -> float:
        return self.points(NOTE_PX)


def board_sizes(width: int, height: int, dpi: float = 96.0) -> BoardSizes:
    """The sizes for a board ``width`` x ``height`` (logical pixels) on a screen of ``dpi``."""
    return BoardSizes(min(width / REFERENCE_WIDTH, height / REFERENCE_HEIGHT), dpi)
