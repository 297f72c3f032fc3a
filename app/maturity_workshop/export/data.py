"""JSON and CSV exports of one workshop, and of a team's history: plain data, deterministic for the
same workshops."""

from __future__ import annotations

import csv
import io
import json
import re
from collections.abc import Iterable, Sequence
from datetime import date
from typing import Any

from ..domain.history import HISTORY_COLUMNS, TeamHistory, history_rows
from ..domain.model import MaturityModel
from ..domain.organisation import HeatMap, heat_map_columns, heat_map_rows
from ..domain.timebox import PracticeTime
from ..domain.voting import RoundRecord
from ..domain.workshop import WorkshopState
from .voting import rounds_data

JSON_FORMAT = "maturity-workshop/workshop"
JSON_FORMAT_VERSION = 1
HISTORY_FORMAT = "maturity-workshop/team-history"
HISTORY_FORMAT_VERSION = 1
CSV_COLUMNS = (
    "practice_id",
    "practice",
    "current_level",
    "current_level_name",
    "target_level",
    "target_level_name",
    "levels_to_go",
    "notes",
    "open_actions",
    "actions",
)
# A spreadsheet runs a cell that starts with one of these as a formula.
_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
# C0 controls but tab and newline: no spreadsheet shows them, and some act on them.
_CONTROLS = re.compile("[\x00-\x08\x0b-\x1f]")


def _level_name(model: MaturityModel, value: int | None) -> str | None:
    return model.level(value).name if value is not None else None


def _agenda(model: MaturityModel, state: WorkshopState) -> list[PracticeTime]:
    """The agenda's lines in the model's practice order, then any of practices the model lacks."""
    known = [state.times[p.id] for p in model.practices if p.id in state.times]
    return known + [t for p, t in sorted(state.times.items()) if not model.has_practice(p)]


def workshop_data(
    model: MaturityModel,
    state: WorkshopState,
    exported_on: date,
    rounds: Sequence[RoundRecord] = (),
    votes: bool = False,
) -> dict[str, Any]:
    """The whole workshop as JSON-ready data: model, workshop, ratings, notes, actions, agenda, and
    the rounds of votes when there are any (``export/voting.py``; each vote only if ``votes``)."""
    workshop = state.workshop
    data = {
        "format": JSON_FORMAT,
        "format_version": JSON_FORMAT_VERSION,
        "exported_on": exported_on.isoformat(),
        "model": {"id": model.id, "version": model.version, "name": model.name},
        "workshop": {
            "id": workshop.id,
            "team": workshop.team_name,
            "title": workshop.title,
            "held_on": workshop.held_on.isoformat(),
            "facilitator": workshop.facilitator,
            "participant_count": workshop.participant_count,
            "closed": workshop.closed,
            "model_id": workshop.model_id,
            "model_version": workshop.model_version,
        },
        "ratings": [
            {
                "practice_id": practice.id,
                "practice": practice.name,
                "current_level": state.rating(practice.id).current,
                "current_level_name": _level_name(model, state.rating(practice.id).current),
                "target_level": state.rating(practice.id).target,
                "target_level_name": _level_name(model, state.rating(practice.id).target),
            }
            for practice in model.practices
        ],
        "notes": [
            {
                "cell_id": cell.id,
                "practice_id": cell.practice_id,
                "level": cell.level,
                "text": state.notes[cell.id],
            }
            for cell in model.cells
            if cell.id in state.notes
        ],
        "actions": [
            {
                "id": action.id,
                "practice_id": action.practice_id,
                "cell_id": action.cell_id,
                "title": action.title,
                "owner": action.owner,
                "due_on": action.due_on.isoformat() if action.due_on else None,
                "status": action.status.value,
                "priority": action.priority.value,
                "position": action.position,
                "carried_from_id": action.carried_from_id,
            }
            for action in state.actions
        ],
        "agenda": [
            {"practice_id": t.practice_id, "planned_minutes": t.planned_minutes, "spent_seconds": t.spent_seconds}
            for t in _agenda(model, state)
        ],
    }
    if rounds:  # a workshop without rounds exports as it did before there were votes
        data["voting_rounds"] = rounds_data(model, rounds, votes)
    return data


def render_json(
    model: MaturityModel,
    state: WorkshopState,
    exported_on: date,
    rounds: Sequence[RoundRecord] = (),
    votes: bool = False,
) -> bytes:
    return _json(workshop_data(model, state, exported_on, rounds, votes))


def history_data(model: MaturityModel, history: TeamHistory, exported_on: date) -> dict[str, Any]:
    """A team's history as JSON-ready data: the team, the model, and the rows of
    :func:`~..domain.history.history_rows` (levels as numbers, null where there is none)."""
    return {
        "format": HISTORY_FORMAT,
        "format_version": HISTORY_FORMAT_VERSION,
        "exported_on": exported_on.isoformat(),
        "model": {"id": model.id, "version": model.version, "name": model.name},
        "team": {"id": history.team.id, "name": history.team.name},
        "columns": list(HISTORY_COLUMNS),
        "rows": history_rows(model, history),
    }


def render_history_json(model: MaturityModel, history: TeamHistory, exported_on: date) -> bytes:
    return _json(history_data(model, history, exported_on))


def render_history_csv(model: MaturityModel, history: TeamHistory, exported_on: date) -> bytes:
    """One row per workshop and practice (:data:`HISTORY_COLUMNS`), the oldest workshop first."""
    del exported_on  # as in the workshop's CSV
    rows = history_rows(model, history)
    return _csv(HISTORY_COLUMNS, ([row[column] for column in HISTORY_COLUMNS] for row in rows))


def _json(data: dict[str, Any]) -> bytes:
    return (json.dumps(data, ensure_ascii=False, indent=2) + "\n").encode("utf-8")


def _cell(value: object) -> object:
    """A spreadsheet cell: a number as it is; text with its C0 controls (but tab and newline) made
    U+FFFD, and a leading formula character quoted, not run."""
    if not isinstance(value, str):
        return value
    value = _CONTROLS.sub("\ufffd", value)
    return "'" + value if value.startswith(_FORMULA_STARTS) else value


def render_csv(model: MaturityModel, state: WorkshopState, exported_on: date) -> bytes:
    """One row per practice."""
    del exported_on  # a CSV row has no place for it; the file's name or the JSON carries it
    rows = []
    for practice in model.practices:
        rating = state.rating(practice.id)
        gap = rating.target - rating.current if rating.current is not None and rating.target is not None else ""
        notes = [
            f"{model.level(cell.level).name} ({cell.level}): {state.notes[cell.id]}"
            for cell in model.cells
            if cell.practice_id == practice.id and cell.id in state.notes
        ]
        actions = state.actions_of(practice.id)
        rows.append([
            practice.id,
            practice.name,
            rating.current,
            _level_name(model, rating.current),
            rating.target,
            _level_name(model, rating.target),
            gap,
            " | ".join(notes),
            sum(1 for a in actions if a.status.is_open),
            " | ".join(f"{a.title} ({a.status.label})" for a in actions),
        ])
    return _csv(CSV_COLUMNS, rows)


def _csv(columns: Iterable[str], rows: Iterable[list[object]]) -> bytes:
    """The header and the rows, each value a :func:`_cell` (None an empty one). UTF-8 with a
    byte-order mark, so spreadsheets read accents right; lines end in CRLF, as RFC 4180 says."""
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(columns)
    writer.writerows([["" if value is None else _cell(value) for value in row] for row in rows])
    return buffer.getvalue().encode("utf-8-sig")


def render_heat_map_csv(heat_map: HeatMap, hide_names: bool = False) -> bytes:
    """One row per team (``domain.organisation.heat_map_rows``), in the map's order."""
    return _csv(heat_map_columns(heat_map), heat_map_rows(heat_map, hide_names))
