"""How cells are marked (colours and captions), read from ``resources/themes/marks.toml``.

One file serves the window (``ui/grid/theme.py``) and the PDF (``export/styles.py``), so the PDF marks
cells exactly as the room saw them. Plain Python: colours are "#RRGGBB" strings here."""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from functools import cache

from .locations import resource_path

STATES = ("unrated", "behind", "current", "ahead")


@dataclass(frozen=True)
class Marks:
    background: dict[str, str]  # by state name
    text: dict[str, str]  # by state name
    grid_line: str
    target: str
    target_text: str
    note: str
    focus: str
    focus_on_current: str
    current_caption: str
    target_caption: str
    behind_caption: str
    note_caption: str


@cache
def marks() -> Marks:
    path = resource_path("themes", "marks.toml")
    data = tomllib.loads(path.read_text(encoding="utf-8"))
    try:
        colours, captions = data["marks"], data["captions"]
        return Marks(
            background={state: data["background"][state] for state in STATES},
            text={state: data["text"][state] for state in STATES},
            grid_line=colours["grid_line"],
            target=colours["target"],
            target_text=colours["target_text"],
            note=colours["note"],
            focus=colours["focus"],
            focus_on_current=colours["focus_on_current"],
            current_caption=captions["current"],
            target_caption=captions["target"],
            behind_caption=captions["behind"],
            note_caption=captions["note"],
        )
    except KeyError as missing:
        raise ValueError(f"{path}: the entry {missing} is missing.") from None
