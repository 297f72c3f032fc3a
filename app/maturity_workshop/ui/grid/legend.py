"""The legend above the grid, in the window and on the board: one sample per mark, drawn as the grid
draws that mark (its fill, its frame solid, dashed or dotted, its glyph and words). Last time's
sample shows while the grid shows last time's marks."""

from __future__ import annotations

from html import escape

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel

from ...marks import LegendEntry
from . import theme
from .model import GridModel


class LegendSample(QLabel):
    def __init__(self, entry: LegendEntry, frame_px: int = 2, padding: tuple[int, int] = (2, 8)) -> None:
        glyph = ""
        if entry.glyph:
            colour = f' style="color: {entry.glyph_colour};"' if entry.glyph_colour else ""
            glyph = f"<big{colour}>{escape(entry.glyph)}</big>&nbsp;"
        words = f"{glyph}{escape(entry.words)}"
        if entry.bold:
            words = f"<b>{words}</b>"
        if entry.badge:  # the words on the badge, as on the target cell
            words = f'<span style="background-color: {entry.badge};">&nbsp;{words}&nbsp;</span>'
        super().__init__(words)
        self.entry = entry
        self.setTextFormat(Qt.TextFormat.RichText)
        self.setObjectName("legendSample")
        self.setAccessibleName(entry.label)
        self.set_frame(frame_px, padding)

    def set_frame(self, frame_px: int, padding: tuple[int, int]) -> None:
        """The sample's frame ``frame_px`` wide if it is a mark's (a plain sample's is 1 px), and
        ``padding`` (vertical, horizontal) inside it."""
        entry = self.entry
        width = frame_px if entry.frame else 1
        style = "dotted" if entry.dotted else "dashed" if entry.dashed else "solid"
        edge = f"border: {width}px {style} {entry.edge};"
        self.setStyleSheet(
            f"QLabel {{ background: {entry.background}; color: {entry.text}; {edge}"
            f" padding: {padding[0]}px {padding[1]}px; }}"
        )


def legend_samples(model: GridModel, frame_px: int = 2) -> list[LegendSample]:
    """The legend's samples; last time's shows while ``model`` shows last time, its tooltip naming
    the workshop that was."""
    last_time = LegendSample(theme.last_time_entry(), frame_px)

    def follow(shown: bool) -> None:
        last_time.setVisible(shown)
        last_time.setToolTip(model.last_time_from)

    model.lastTimeShown.connect(follow)
    last_time.setVisible(model.shows_last_time)
    return [*(LegendSample(entry, frame_px) for entry in theme.legend()), last_time]
