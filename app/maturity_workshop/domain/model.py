"""The maturity model: practices (columns), levels (rows) and the text of every cell.

A model is data, read from a TOML file in ``resources/models``. Every practice, level and cell
has a stable id that workshops store; the words can change without touching any saved workshop.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .errors import ModelFileError
from .limits import MAX_CELL_ID_LENGTH, MAX_MODEL_ID_LENGTH, MAX_MODEL_VERSION_LENGTH, MAX_PRACTICE_ID_LENGTH


@dataclass(frozen=True)
class Level:
    id: str
    value: int
    name: str

    @property
    def label(self) -> str:
        return f"{self.value} {self.name}"


@dataclass(frozen=True)
class Practice:
    id: str
    name: str


@dataclass(frozen=True)
class Cell:
    id: str
    practice_id: str
    level: int
    text: str


@dataclass(frozen=True)
class MaturityModel:
    id: str
    version: str
    name: str
    levels: tuple[Level, ...]  # lowest value first
    practices: tuple[Practice, ...]  # in the order the model lists them
    cells: tuple[Cell, ...]
    _by_position: dict[tuple[str, int], Cell] = field(init=False, repr=False, compare=False)
    _by_id: dict[str, Cell] = field(init=False, repr=False, compare=False)
    _practice_order: dict[str, int] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "_by_position", {(c.practice_id, c.level): c for c in self.cells})
        object.__setattr__(self, "_by_id", {c.id: c for c in self.cells})
        object.__setattr__(self, "_practice_order", {p.id: i for i, p in enumerate(self.practices)})

    def practice_index(self, practice_id: str) -> int:
        """Where the model lists the practice, from 0; a practice it does not know comes after all."""
        return self._practice_order.get(practice_id, len(self._practice_order))

    def cell(self, practice_id: str, level: int) -> Cell:
        return self._by_position[(practice_id, level)]

    def cell_by_id(self, cell_id: str) -> Cell:
        return self._by_id[cell_id]

    def has_cell(self, cell_id: str) -> bool:
        return cell_id in self._by_id

    def practice(self, practice_id: str) -> Practice:
        for practice in self.practices:
            if practice.id == practice_id:
                return practice
        raise KeyError(practice_id)

    def practice_name(self, practice_id: str) -> str:
        """The practice's name; its id when the model no longer has it (a workshop of an older model)."""
        return self.practice(practice_id).name if self.has_practice(practice_id) else practice_id

    def level(self, value: int) -> Level:
        for level in self.levels:
            if level.value == value:
                return level
        raise KeyError(value)

    def has_practice(self, practice_id: str) -> bool:
        return practice_id in self._practice_order

    def has_level(self, value: int) -> bool:
        return any(level.value == value for level in self.levels)

    @property
    def level_values(self) -> tuple[int, ...]:
        return tuple(level.value for level in self.levels)


def load_model(path: Path | str) -> MaturityModel:
    """Read and validate a model file; a bad file raises :class:`ModelFileError`."""
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise ModelFileError(f"{path}: the model file does not exist.") from None
    except UnicodeDecodeError as exc:
        raise ModelFileError(f"{path}: not UTF-8 text ({exc.reason} at byte {exc.start}).") from None
    except OSError as exc:
        raise ModelFileError(f"{path}: cannot be read ({exc.strerror}).") from None
    return load_model_text(text, source=str(path))


def load_model_text(text: str, source: str = "<model>") -> MaturityModel:
    return _ModelReader(text, source).read()


class _ModelReader:
    def __init__(self, text: str, source: str) -> None:
        self.text = text
        self.source = source
        self._lines: dict[str, list[int]] = {}  # each table's entries' line numbers, found once

    # -- errors ---------------------------------------------------------------------------------
    def _error(self, where: str, message: str) -> ModelFileError:
        return ModelFileError(f"{self.source}: {where}: {message}")

    def _entry_place(self, table: str, index: int, entry: Any) -> str:
        """'line 120, [[cells]] entry 13 (id "testing.consistent")', as precise as the file allows."""
        place = f"[[{table}]] entry {index + 1}"
        lines = self._lines.get(table)
        if lines is None:
            lines = self._lines[table] = _array_table_lines(self.text, table)
        if index < len(lines):
            place = f"line {lines[index]}, {place}"
        if isinstance(entry, dict) and isinstance(entry.get("id"), str):
            place += f' (id "{entry["id"]}")'
        return place

    # -- reading --------------------------------------------------------------------------------
    def read(self) -> MaturityModel:
        try:
            data = tomllib.loads(self.text)
        except tomllib.TOMLDecodeError as exc:
            raise ModelFileError(f"{self.source}: not a valid TOML file: {exc}") from None

        header = data.get("model")
        if not isinstance(header, dict):
            raise self._error("[model]", "the table is missing; it needs id, version and name.")
        model_id = self._string(header, "id", "[model]", MAX_MODEL_ID_LENGTH)
        version = self._string(header, "version", "[model]", MAX_MODEL_VERSION_LENGTH)
        name = self._string(header, "name", "[model]")

        levels = self._levels(self._array(data, "levels"))
        practices = self._practices(self._array(data, "practices"))
        cells = self._cells(self._array(data, "cells"), levels, practices)
        return MaturityModel(
            id=model_id,
            version=version,
            name=name,
            levels=tuple(sorted(levels, key=lambda level: level.value)),
            practices=tuple(practices),
            cells=tuple(cells),
        )

    def _array(self, data: dict[str, Any], key: str) -> list[Any]:
        value = data.get(key)
        if not isinstance(value, list) or not value:
            raise self._error(f"[[{key}]]", f"at least one [[{key}]] entry is needed.")
        return value

    def _string(self, entry: dict[str, Any], key: str, place: str, max_length: int | None = None) -> str:
        value = entry.get(key)
        if not isinstance(value, str) or not value.strip():
            raise self._error(place, f'"{key}" must be a non-empty text.')
        if max_length is not None and len(value) > max_length:
            raise self._error(place, f'"{key}" can be at most {max_length} characters.')
        return value

    def _integer(self, entry: dict[str, Any], key: str, place: str) -> int:
        value = entry.get(key)
        if not isinstance(value, int) or isinstance(value, bool):
            raise self._error(place, f'"{key}" must be a whole number.')
        return value

    def _levels(self, entries: list[Any]) -> list[Level]:
        levels: list[Level] = []
        for index, entry in enumerate(entries):
            place = self._entry_place("levels", index, entry)
            if not isinstance(entry, dict):
                raise self._error(place, "each level must be a table.")
            level = Level(
                id=self._string(entry, "id", place),
                value=self._integer(entry, "value", place),
                name=self._string(entry, "name", place),
            )
            for earlier in levels:
                if earlier.id == level.id:
                    raise self._error(place, f'duplicate level id "{level.id}".')
                if earlier.value == level.value:
                    raise self._error(place, f"duplicate level value {level.value}.")
            levels.append(level)
        return levels

    def _practices(self, entries: list[Any]) -> list[Practice]:
        practices: list[Practice] = []
        for index, entry in enumerate(entries):
            place = self._entry_place("practices", index, entry)
            if not isinstance(entry, dict):
                raise self._error(place, "each practice must be a table.")
            practice = Practice(
                id=self._string(entry, "id", place, MAX_PRACTICE_ID_LENGTH), name=self._string(entry, "name", place)
            )
            if any(p.id == practice.id for p in practices):
                raise self._error(place, f'duplicate practice id "{practice.id}".')
            practices.append(practice)
        return practices

    def _cells(
        self, entries: list[Any], levels: list[Level], practices: list[Practice]
    ) -> list[Cell]:
        level_values = {level.value for level in levels}
        practice_ids = {practice.id for practice in practices}
        seen_ids: dict[str, str] = {}
        seen_positions: dict[tuple[str, int], str] = {}
        cells: list[Cell] = []
        for index, entry in enumerate(entries):
            place = self._entry_place("cells", index, entry)
            if not isinstance(entry, dict):
                raise self._error(place, "each cell must be a table.")
            cell = Cell(
                id=self._string(entry, "id", place, MAX_CELL_ID_LENGTH),
                practice_id=self._string(entry, "practice", place),
                level=self._integer(entry, "level", place),
                text=self._string(entry, "text", place),
            )
            if cell.practice_id not in practice_ids:
                raise self._error(place, f'unknown practice "{cell.practice_id}".')
            if cell.level not in level_values:
                known = ", ".join(str(v) for v in sorted(level_values))
                raise self._error(place, f"unknown level {cell.level} (the levels are {known}).")
            if cell.id in seen_ids:
                raise self._error(place, f'duplicate cell id "{cell.id}" (first at {seen_ids[cell.id]}).')
            position = (cell.practice_id, cell.level)
            if position in seen_positions:
                raise self._error(
                    place,
                    f'duplicate cell for practice "{cell.practice_id}" at level {cell.level} '
                    f"(first at {seen_positions[position]}).",
                )
            seen_ids[cell.id] = place
            seen_positions[position] = place
            cells.append(cell)
        for practice in practices:
            for level in levels:
                if (practice.id, level.value) not in seen_positions:
                    raise self._error(
                        "[[cells]]",
                        f'missing cell for practice "{practice.id}" at level {level.value} '
                        f"({level.name}).",
                    )
        return cells


def _array_table_lines(text: str, table: str) -> list[int]:
    pattern = re.compile(r"^\s*\[\[\s*" + re.escape(table) + r"\s*\]\]")
    return [number for number, line in enumerate(text.splitlines(), start=1) if pattern.match(line)]
