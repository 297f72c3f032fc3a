"""The board's grid: a second view over the window's grid model and selection, with type sized for
the room instead of fitted to a window, and never a scroll bar."""

from __future__ import annotations

from PySide6.QtCore import Qt

from ..grid.delegate import GridDelegate
from ..grid.model import GridModel
from ..grid.view import GridView
from .sizing import CELL_PX, LABEL_PX, BoardSizes, board_sizes


MIN_SHARE = 0.85


class BoardGridView(GridView):
    _sizes: BoardSizes = board_sizes(1920, 1080)  # until the board knows its screen

    def __init__(self, model: GridModel, parent=None) -> None:
        super().__init__(model, parent, delegate=GridDelegate(caption_scale=LABEL_PX / CELL_PX, pad_scale=0.85))
        self.setObjectName("boardGrid")
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setFrameShape(GridView.Shape.NoFrame)

    @property
    def sizes(self) -> BoardSizes:
        return self._sizes

    def set_sizes(self, sizes: BoardSizes) -> None:
        """Text of the board's size; where rounding to whole pixels on a small board would need more
        room than there is, a little smaller (never under ``MIN_SHARE`` of it), never a scroll bar."""
        self._sizes = sizes
        self._base_point_size = sizes.cell_points
        self._floor_point_size = sizes.cell_points * MIN_SHARE
        self.relayout()

    def set_zoom(self, steps: int) -> None:
        """The board's type is the room's: the console's zoom does not change it."""
        super().set_zoom(0)

    def _header_point_size(self, point_size: float) -> float:
        return self._sizes.label_points
