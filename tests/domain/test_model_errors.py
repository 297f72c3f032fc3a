"""Broken model files: each is refused with a message naming the file and the place that is wrong."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from maturity_workshop.domain import ModelFileError, load_model
from maturity_workshop.locations import resource_path
from maturity_workshop.services.models import DEFAULT_MODEL_FILE

REAL_TEXT = resource_path("models", DEFAULT_MODEL_FILE).read_text(encoding="utf-8")


def _block(cell_id: str, text: str = REAL_TEXT) -> str:
    """The whole ``[[cells]]`` block (header to blank line) of the cell ``cell_id``."""
    match = re.search(
        r'\[\[cells\]\]\nid = "' + re.escape(cell_id) + r'"\n(?:.+\n)+?\n', text + "\n"
    )
    assert match, f"the real model file has no block for {cell_id}"
    return match.group(0)


def _line_of(text: str, fragment: str, occurrence: int = 1) -> int:
    """The 1-based line number of the ``occurrence``-th line equal to ``fragment``."""
    found = [number for number, line in enumerate(text.splitlines(), start=1) if line == fragment]
    assert len(found) >= occurrence, f"{fragment!r} occurs {len(found)} times"
    return found[occurrence - 1]


def _cells_header_line_before(text: str, line: int) -> int:
    lines = text.splitlines()
    for number in range(line, 0, -1):
        if lines[number - 1] == "[[cells]]":
            return number
    raise AssertionError("no [[cells]] header above")


def _write(tmp_path: Path, text: str, name: str = "broken.toml") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def _error(path: Path) -> str:
    with pytest.raises(ModelFileError) as info:
        load_model(path)
    message = str(info.value)
    assert message.startswith(f"{path}: "), message
    return message


def test_the_real_file_loads_from_a_copy(tmp_path: Path) -> None:
    model = load_model(_write(tmp_path, REAL_TEXT, "copy.toml"))
    assert len(model.cells) == 30


def test_missing_cell(tmp_path: Path) -> None:
    text = REAL_TEXT.replace(_block("testing.consistent"), "", 1)
    assert 'id = "testing.consistent"' not in text
    message = _error(_write(tmp_path, text))
    assert "[[cells]]" in message
    assert 'missing cell for practice "testing" at level 1 (Consistent)' in message


def test_duplicate_cell_position_names_the_line_of_the_second_entry(tmp_path: Path) -> None:
    block = _block("testing.consistent")
    duplicate = block.replace('id = "testing.consistent"', 'id = "testing.consistent-again"')
    text = REAL_TEXT.rstrip("\n") + "\n\n" + duplicate
    path = _write(tmp_path, text)
    second = _cells_header_line_before(text, _line_of(text, 'id = "testing.consistent-again"'))
    first = _cells_header_line_before(text, _line_of(text, 'id = "testing.consistent"'))
    assert second > first
    message = _error(path)
    assert 'duplicate cell for practice "testing" at level 1' in message
    assert f'line {second}, [[cells]] entry 31 (id "testing.consistent-again")' in message
    assert f'first at line {first}, [[cells]] entry 18 (id "testing.consistent")' in message


def test_duplicate_cell_id(tmp_path: Path) -> None:
    text = REAL_TEXT.replace(
        'id = "testing.consistent"\npractice = "testing"\nlevel = 1',
        'id = "testing.repeatable"\npractice = "testing"\nlevel = 1',
        1,
    )
    assert text != REAL_TEXT
    first = _cells_header_line_before(text, _line_of(text, 'id = "testing.repeatable"', 1))
    second = _cells_header_line_before(text, _line_of(text, 'id = "testing.repeatable"', 2))
    message = _error(_write(tmp_path, text))
    assert 'duplicate cell id "testing.repeatable"' in message
    assert f"line {second}, [[cells]] entry 18" in message
    assert f"first at line {first}, [[cells]] entry 17" in message


def test_unknown_level(tmp_path: Path) -> None:
    old = 'id = "data-management.optimising"\npractice = "data-management"\nlevel = 3'
    assert old in REAL_TEXT
    text = REAL_TEXT.replace(old, old[: -len("3")] + "7", 1)
    header = _cells_header_line_before(text, _line_of(text, 'id = "data-management.optimising"'))
    message = _error(_write(tmp_path, text))
    assert "unknown level 7 (the levels are -1, 0, 1, 2, 3)" in message
    assert f'line {header}, [[cells]] entry 25 (id "data-management.optimising")' in message


def test_unknown_practice(tmp_path: Path) -> None:
    old = 'id = "build-ci.regressive"\npractice = "build-ci"'
    text = REAL_TEXT.replace(old, 'id = "build-ci.regressive"\npractice = "astrology"', 1)
    assert text != REAL_TEXT
    header = _cells_header_line_before(text, _line_of(text, 'id = "build-ci.regressive"'))
    message = _error(_write(tmp_path, text))
    assert 'unknown practice "astrology"' in message
    assert f'line {header}, [[cells]] entry 1 (id "build-ci.regressive")' in message


def test_malformed_toml_names_the_line(tmp_path: Path) -> None:
    old = 'text = "Manual testing after development"'
    text = REAL_TEXT.replace(old, 'text = "Manual testing after development', 1)
    assert text != REAL_TEXT
    line = _line_of(text, 'text = "Manual testing after development')
    message = _error(_write(tmp_path, text))
    assert "not a valid TOML file" in message
    assert f"line {line}," in message


def test_missing_model_table(tmp_path: Path) -> None:
    text = REAL_TEXT.replace("[model]\n", "", 1)
    assert "[model]" not in text  # the header is gone; its keys are now top-level keys
    message = _error(_write(tmp_path, text))
    assert "[model]" in message
    assert "the table is missing" in message


def test_model_table_without_a_name(tmp_path: Path) -> None:
    text = REAL_TEXT.replace('name = "Continuous Delivery maturity model"\n', "", 1)
    message = _error(_write(tmp_path, text))
    assert '[model]: "name" must be a non-empty text.' in message


def test_level_value_that_is_not_a_number(tmp_path: Path) -> None:
    text = REAL_TEXT.replace('id = "consistent"\nvalue = 1', 'id = "consistent"\nvalue = "one"', 1)
    assert text != REAL_TEXT
    header = _line_of(text, "[[levels]]", 3)
    message = _error(_write(tmp_path, text))
    assert f'line {header}, [[levels]] entry 3 (id "consistent"): "value" must be a whole number.' in message


def test_no_practices(tmp_path: Path) -> None:
    text = re.sub(r"\[\[practices\]\]\nid = .+\nname = .+\n\n", "", REAL_TEXT)
    assert "[[practices]]" not in text
    message = _error(_write(tmp_path, text))
    assert "at least one [[practices]] entry is needed" in message


def test_non_utf8_file(tmp_path: Path) -> None:
    text = REAL_TEXT.replace("Optimising", "Optimisé", 1)
    data = text.encode("latin-1")
    offset = data.index("é".encode("latin-1"))
    path = tmp_path / "latin1.toml"
    path.write_bytes(data)
    message = _error(path)
    assert "not UTF-8 text" in message
    assert f"at byte {offset})" in message


def test_missing_file(tmp_path: Path) -> None:
    path = tmp_path / "nowhere" / "model.toml"
    message = _error(path)
    assert "does not exist" in message


def test_a_folder_instead_of_a_file(tmp_path: Path) -> None:
    path = tmp_path / "folder.toml"
    path.mkdir()
    message = _error(path)
    assert "cannot be read" in message
