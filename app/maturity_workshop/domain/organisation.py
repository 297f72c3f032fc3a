"""Where the organisation stands: every team by practices, each cell the team's level at its latest
workshop, the gap to its target and the change since its previous workshop (the heat map). The one
home of these rules: the organisation page, the board, the ``heatmap`` PDF, PNG and CSV read them
from here.

A team's latest workshop, and the one before it, are by :func:`history.held_order`. The hidden
names ("Team A", "Team B"... "Team AA") are for presenting, not access control: they are assigned
over all the teams, in the order of their names, so that a filter keeps each team's letter.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, replace
from datetime import date

from .history import Change, ChangeKind, held_order, level_text, signed
from .model import MaturityModel
from .workshop import Rating, Team, Workshop, WorkshopState, team_key

HEATMAP_COLUMNS_PER_PRACTICE = ("level", "target", "gap", "change")
# The heat map's colours, by level from the lowest to the highest: one hue (blue) getting darker, so
# that the order reads under every colour blindness and in grey; each with the text drawn on it
# (7:1, tests/domain/test_heat_scale.py). A cell not rated is grey and says "–". The numbers and
# arrows say it all without the colour.
HEAT_SCALE = (
    ("#f7fbff", "#111111"), ("#c6dbef", "#111111"), ("#6baed6", "#111111"), ("#185494", "#ffffff"),
    ("#08264f", "#ffffff"),
)
UNRATED_COLOURS = ("#e6e6e6", "#111111")
ARROWS = {ChangeKind.UP: "▲", ChangeKind.DOWN: "▼", ChangeKind.SAME: "=", ChangeKind.NEW: "new", ChangeKind.GONE: "",
          ChangeKind.NONE: ""}  # fmt: skip


def heat_colours(levels: Iterable[int], level: int | None) -> tuple[str, str]:
    """(background, text) of a cell at ``level``: the scale spread over the model's ``levels``."""
    values = list(levels)
    if level is None or level not in values:
        return UNRATED_COLOURS
    step = values.index(level) * (len(HEAT_SCALE) - 1) // max(1, len(values) - 1)
    return HEAT_SCALE[step]


def letters(index: int) -> str:
    """0 -> "A", 25 -> "Z", 26 -> "AA", 27 -> "AB"...: the spreadsheet's column letters."""
    if index < 0:
        raise ValueError(index)
    text = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        text = chr(ord("A") + rest) + text
    return text


def hidden_names(teams: Iterable[Team]) -> dict[int, str]:
    """Each team's name for presenting, by team id: "Team A"... in the order of the teams' names
    (:func:`workshop.team_key`, then the id), whatever is shown."""
    ordered = sorted(teams, key=lambda team: (team_key(team.name), team.name, team.id))
    return {team.id: f"Team {letters(i)}" for i, team in enumerate(ordered)}


@dataclass(frozen=True)
class HeatCell:
    """A practice of a team: its level and target at the latest workshop, and how the level moved
    since the previous one (``change.before`` is None when there is none, or it was not rated)."""

    practice_id: str
    level: int | None
    target: int | None
    change: Change
    first: bool = False  # the team's first workshop: no change to tell

    @property
    def gap(self) -> int | None:
        """How far the target is above the level (target - level); None unless both are set."""
        return None if self.level is None or self.target is None else self.target - self.level

    @property
    def rated(self) -> bool:
        return self.level is not None

    @property
    def level_text(self) -> str:
        return level_text(self.level)

    @property
    def change_text(self) -> str:
        """"▲ +1", "▼ −2", "=", "new", or nothing (no previous rating, or not rated now)."""
        kind = self.change.kind
        if self.first:
            return ""
        if kind in (ChangeKind.UP, ChangeKind.DOWN):
            return f"{ARROWS[kind]} {signed(self.change.delta)}"
        return ARROWS[kind]

    @property
    def gap_text(self) -> str:
        """"gap 2", "target met", or nothing when there is no target (or no level)."""
        gap = self.gap
        if gap is None:
            return ""
        return "target met" if gap <= 0 else f"gap {gap}"

    @property
    def words(self) -> str:
        """The cell in a sentence, for a tooltip or a screen reader."""
        if self.level is None:
            return "not rated at the latest workshop" + (f"; {self.change.words}" if self.change.before is not None else "")
        target = f", target {level_text(self.target)} ({self.gap_text})" if self.target is not None else ", no target"
        since = "the team's first workshop" if self.first else self.change.words
        return f"level {level_text(self.level)}{target}; {since}"


@dataclass(frozen=True)
class HeatRow:
    """A team: its latest workshop (and the one before it), and a cell per practice, in the model's order."""

    team: Team
    hidden_name: str
    latest: Workshop
    previous: Workshop | None
    cells: tuple[HeatCell, ...]

    @property
    def held_on(self) -> date:
        return self.latest.held_on

    @property
    def is_demo(self) -> bool:
        return self.team.is_demo

    def name(self, hide: bool = False) -> str:
        return self.hidden_name if hide else self.team.name

    def cell(self, practice_id: str) -> HeatCell:
        for cell in self.cells:
            if cell.practice_id == practice_id:
                return cell
        raise KeyError(practice_id)


@dataclass(frozen=True)
class PracticeColumn:
    id: str
    name: str


@dataclass(frozen=True)
class HeatMap:
    """Teams by practices. ``since``: the filter applied (None: every team with a workshop);
    ``sorted_by``: None for the team's name, else a practice's id; ``teams``: how many teams there
    are in all (with a workshop or not)."""

    practices: tuple[PracticeColumn, ...]
    rows: tuple[HeatRow, ...]
    levels: tuple[tuple[int, str], ...] = ()  # the model's levels (value, name), the lowest first
    since: date | None = None
    sorted_by: str | None = None
    descending: bool = False
    teams: int = 0

    def __len__(self) -> int:
        return len(self.rows)

    def colours(self, cell: HeatCell) -> tuple[str, str]:
        return heat_colours((value for value, _ in self.levels), cell.level)

    def held_since(self, since: date | None) -> HeatMap:
        """The teams whose latest workshop was held on or after ``since`` (all when None)."""
        rows = self._all if since is None else tuple(row for row in self._all if row.held_on >= since)
        return replace(self, rows=rows, since=since, _all=self._all).sorted(self.sorted_by, self.descending)

    def sorted(self, practice_id: str | None = None, descending: bool = False) -> HeatMap:
        """By team name (``practice_id`` None), or by a practice's level, lowest first (highest with
        ``descending``); teams that did not rate it last either way, then by name."""
        if practice_id is not None and practice_id not in {p.id for p in self.practices}:
            raise KeyError(practice_id)

        def by_name(row: HeatRow) -> tuple:
            return (team_key(row.team.name), row.team.name, row.team.id)

        if practice_id is None:
            rows = sorted(self.rows, key=by_name, reverse=descending)
        else:
            def by_level(row: HeatRow) -> tuple:
                level = row.cell(practice_id).level
                return (level is None, 0 if level is None else (-level if descending else level), by_name(row))

            rows = sorted(self.rows, key=by_level)
        return replace(self, rows=tuple(rows), sorted_by=practice_id, descending=descending, _all=self._all)

    # every row, before the date's filter: set by build_heat_map, carried by held_since and sorted
    _all: tuple[HeatRow, ...] = ()

    def __post_init__(self) -> None:
        if not self._all:
            object.__setattr__(self, "_all", self.rows)


def build_heat_map(model: MaturityModel, teams: Iterable[Team], recent: Iterable[WorkshopState]) -> HeatMap:
    """The heat map of ``teams`` from ``recent``: workshops with their ratings, at least each team's
    latest two (more are fine: the latest two by :func:`held_order` are taken). A team with no
    workshop has no row, but has its hidden name. Sorted by team name."""
    teams = list(teams)
    names = hidden_names(teams)
    by_team: dict[int, list[WorkshopState]] = {}
    for state in recent:
        by_team.setdefault(state.workshop.team_id, []).append(state)
    practices = tuple(PracticeColumn(p.id, p.name) for p in model.practices)
    rows = []
    for team in teams:
        states = sorted(by_team.get(team.id, ()), key=lambda s: held_order(s.workshop))
        if not states:
            continue
        latest, previous = states[-1], (states[-2] if len(states) > 1 else None)
        rows.append(HeatRow(team, names[team.id], latest.workshop, previous and previous.workshop,
                            tuple(_cell(p.id, latest, previous) for p in practices)))  # fmt: skip
    levels = tuple((level.value, level.name) for level in sorted(model.levels, key=lambda lv: lv.value))
    return HeatMap(practices, tuple(rows), levels, teams=len(teams)).sorted()


def _cell(practice_id: str, latest: WorkshopState, previous: WorkshopState | None) -> HeatCell:
    rating: Rating = latest.rating(practice_id)
    before = previous.rating(practice_id).current if previous is not None else None
    return HeatCell(practice_id, rating.current, rating.target, Change(before, rating.current), previous is None)


# -- the rows of the heatmap export ------------------------------------------------------------
def heat_map_columns(heat_map: HeatMap) -> list[str]:
    columns = ["team", "demo", "latest_workshop", "held_on", "previous_held_on"]
    for practice in heat_map.practices:
        columns += [f"{practice.id}.{what}" for what in HEATMAP_COLUMNS_PER_PRACTICE]
    return columns


def heat_map_rows(heat_map: HeatMap, hide_names: bool = False) -> list[list[object]]:
    """One row per team, in the map's order: its name (or hidden name), whether it is a demo team,
    its latest workshop's title (left out when names are hidden: a title often names the team) and
    date, the previous one's date, and each practice's level, target, gap and change (levels gained
    since the previous workshop; empty unless both rated it)."""
    rows = []
    for row in heat_map.rows:
        values: list[object] = [
            row.name(hide_names), "yes" if row.is_demo else "no", "" if hide_names else row.latest.title,
            row.held_on.isoformat(), row.previous.held_on.isoformat() if row.previous else "",
        ]
        for cell in row.cells:
            values += [cell.level, cell.target, cell.gap, cell.change.delta]
        rows.append(values)
    return rows
