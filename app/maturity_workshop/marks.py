"""How cells are marked (colours, captions and the legend), read from ``resources/themes/marks.toml``.

One file serves the window and the board (``ui/grid/theme.py``) and the PDF (``export/styles.py``),
so the PDF marks cells exactly as the room saw them. Plain Python: colours are "#RRGGBB" strings here."""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from .locations import resource_path

STATES = ("unrated", "behind", "current", "ahead")


@dataclass(frozen=True)
class LegendEntry:
    """One sample in a legend: a mark's glyph and words, drawn as the grid draws that mark."""

    glyph: str  # "●", "✓", "◎", "◢", or "" for a plain cell
    words: str
    background: str
    text: str  # the words' colour, and the glyph's unless ``glyph_colour``
    edge: str  # the sample's edge
    frame: bool = False  # the edge is the mark's frame (the current's, the target's), else a thin line
    dashed: bool = False
    dotted: bool = False  # the edge is dotted (last time's)
    badge: str | None = None  # the words sit on a badge of this fill (the target's)
    glyph_colour: str | None = None
    bold: bool = False  # as the cell's caption is

    @property
    def label(self) -> str:
        return f"{self.glyph} {self.words}".strip()


@dataclass(frozen=True)
class Marks:
    background: dict[str, str]  # by state name
    text: dict[str, str]  # by state name
    grid_line: str
    current_frame: str
    target: str
    target_badge: str
    target_text: str
    note: str
    focus: str
    focus_on_current: str
    legend_edge: str
    current_caption: str
    target_caption: str
    behind_caption: str
    last_time_caption: str
    note_caption: str
    note_mark: str
    legend_words: dict[str, str]  # behind, ahead, note, last_time, unrated

    @property
    def behind_mark(self) -> str:
        """The behind caption's mark alone ("✓"), for a cell too narrow for its words."""
        return self.behind_caption.split()[0]

    @property
    def last_time_mark(self) -> str:
        """The last-time caption's mark alone ("↺")."""
        return self.last_time_caption.split()[0]

    def last_time_entry(self) -> LegendEntry:
        """The legend's sample of last time's mark: its glyph and words on a dotted outline."""
        ahead = self.text["ahead"]
        return LegendEntry(
            self.last_time_mark, self.legend_words["last_time"], self.background["ahead"], ahead, ahead,
            frame=True, dotted=True, bold=True,
        )

    def legend(self, unrated: bool = False, last_time: bool = False) -> tuple[LegendEntry, ...]:
        """The legend's samples, as the grid marks cells; ``unrated``: with "Not rated yet" too;
        ``last_time``: with last time's mark too."""
        background, text, edge, words = self.background, self.text, self.legend_edge, self.legend_words
        entries = [
            LegendEntry(
                *_split(self.current_caption),
                background["current"],
                text["current"],
                self.current_frame,
                frame=True,
                bold=True,
            ),
            LegendEntry(self.behind_mark, words["behind"], background["behind"], text["behind"], edge),
            LegendEntry("", words["ahead"], background["ahead"], text["ahead"], edge),
            LegendEntry(
                *_split(self.target_caption),
                background["ahead"],
                self.target_text,
                self.target,
                frame=True,
                dashed=True,
                badge=self.target_badge,
                bold=True,
            ),
            LegendEntry(
                self.note_mark, words["note"], background["ahead"], text["ahead"], edge, glyph_colour=self.note
            ),
        ]
        if last_time:
            entries.append(self.last_time_entry())
        if unrated:
            entries.append(LegendEntry("", words["unrated"], background["unrated"], text["unrated"], edge))
        return tuple(entries)


def fit_captions(
    room: float, caption: float, words: float, badge: float, gap: float, behind: bool
) -> tuple[bool, float]:
    """How a cell's captions fit its band, ``room`` wide: its state's caption (``caption`` wide, of
    which ``words`` are its words after the mark) on the left and the target's badge (``badge`` wide,
    0 for none) on the right, at least ``gap`` apart. Returns whether the caption keeps its words and
    by how much both shrink: a behind cell too narrow keeps its mark alone ("✓" says it); a cell both
    current and target shrinks both captions until they fit side by side, so both read."""
    if caption + (gap + badge if badge else 0) <= room:
        return True, 1.0
    keep = not behind
    if not keep:
        caption -= words
        if caption + (gap + badge if badge else 0) <= room:
            return False, 1.0
    return keep, max(0.1, (room - (gap if badge else 0)) / (caption + badge))


def _split(caption: str) -> tuple[str, str]:
    glyph, _, words = caption.partition(" ")
    return glyph, words


@cache
def marks() -> Marks:
    return load_marks(resource_path("themes", "marks.toml"))


_COLOUR = re.compile(r"#[0-9A-Fa-f]{6}")


def load_marks(path: Path) -> Marks:
    """The marks in ``path``; a broken file is refused with a message naming it and the entry."""
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except tomllib.TOMLDecodeError as exc:
        raise ValueError(f"{path}: not a valid TOML file: {exc}") from None

    def colour(table: str, key: str) -> str:
        value = data[table][key]
        if not isinstance(value, str) or not _COLOUR.fullmatch(value):
            raise ValueError(f'{path}: [{table}] {key} = {value!r} is not a colour written "#RRGGBB".')
        return value

    def words(table: str, key: str) -> str:
        value = data[table][key]
        if not isinstance(value, str) or not value.strip():
            raise ValueError(f"{path}: [{table}] {key} = {value!r} is not a caption.")
        return value

    try:
        return Marks(
            background={state: colour("background", state) for state in STATES},
            text={state: colour("text", state) for state in STATES},
            **{
                key: colour("marks", key)
                for key in (
                    "grid_line", "current_frame", "target", "target_badge", "target_text", "note", "focus",
                    "focus_on_current", "legend_edge",
                )
            },  # fmt: skip
            current_caption=words("captions", "current"),
            target_caption=words("captions", "target"),
            behind_caption=words("captions", "behind"),
            last_time_caption=words("captions", "last_time"),
            note_caption=words("captions", "note"),
            note_mark=words("captions", "note_mark"),
            legend_words={key: words("legend", key) for key in ("behind", "ahead", "note", "last_time", "unrated")},
        )
    except (KeyError, TypeError) as missing:
        raise ValueError(f"{path}: the entry {missing} is missing.") from None
