"""The shipped model file: its words are the seed's, its structure is the shared matrix's, its ids are stable."""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest

from maturity_workshop.domain import MaturityModel, load_model
from maturity_workshop.locations import resource_path
from maturity_workshop.services.models import DEFAULT_MODEL_FILE

# The same folder as conftest.SHARED_DIR (the repository's sibling "shared"), computed here so the
# module does not depend on how pytest imports conftest.
REPO_ROOT = Path(__file__).resolve().parents[2]
SHARED_DIR = REPO_ROOT.parent / "shared"
MATRIX_MD = SHARED_DIR / "maturity-matrix.md"
SEED = SHARED_DIR / "seeds" / "000_e9ef5b4fd730892a.txt"

LEVEL_HEADING = re.compile(r"^### Level (-?\d+) \((.+)\)\s*$")
CELL_BULLET = re.compile(r"^- (.+?): (.+?)\s*$")


def _require(path: Path) -> Path:
    if not path.is_file():
        message = f"{path} is missing, so the model cannot be checked against it."
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)
    return path


def _parse_matrix(text: str) -> tuple[list[tuple[int, str]], list[str], dict[tuple[str, int], str]]:
    """(levels in the md's order, practice names in the md's order, (practice name, level) -> text)."""
    levels: list[tuple[int, str]] = []
    practices: list[str] = []
    cells: dict[tuple[str, int], str] = {}
    current: int | None = None
    for line in text.splitlines():
        if line.startswith("## ") or line.startswith("### "):
            current = None
        heading = LEVEL_HEADING.match(line)
        if heading:
            current = int(heading.group(1))
            levels.append((current, heading.group(2)))
            continue
        bullet = CELL_BULLET.match(line)
        if current is not None and bullet:
            practice, cell_text = bullet.group(1), bullet.group(2)
            assert (practice, current) not in cells, f"the md lists {practice!r} twice at level {current}"
            cells[(practice, current)] = cell_text
            if practice not in practices:
                practices.append(practice)
    return levels, practices, cells


@pytest.fixture(scope="module")
def matrix() -> tuple[list[tuple[int, str]], list[str], dict[tuple[str, int], str]]:
    return _parse_matrix(_require(MATRIX_MD).read_text(encoding="utf-8"))


def test_the_default_model_is_the_shipped_file(model: MaturityModel) -> None:
    assert load_model(resource_path("models", DEFAULT_MODEL_FILE)) == model
    assert model.id == "cd-maturity"


def test_the_matrix_md_parses_into_a_full_grid(matrix) -> None:
    levels, practices, cells = matrix
    assert len(levels) == 5
    assert len(practices) == 6
    assert len(cells) == 30


def test_every_cell_text_equals_the_matrix_verbatim(model: MaturityModel, matrix) -> None:
    _, _, md_cells = matrix
    by_name = {practice.name: practice for practice in model.practices}
    compared = 0
    for (practice_name, level), md_text in md_cells.items():
        practice = by_name[practice_name]
        assert model.cell(practice.id, level).text == md_text, (practice_name, level)
        compared += 1
    assert compared == len(model.cells) == 30


def test_practices_are_the_matrix_practices_in_its_order(model: MaturityModel, matrix) -> None:
    _, md_practices, _ = matrix
    assert [practice.name for practice in model.practices] == md_practices


def test_practices_match_the_numbered_list_too(model: MaturityModel) -> None:
    text = _require(MATRIX_MD).read_text(encoding="utf-8")
    section = text.split("Practices (columns)", 1)[1].split("Levels (rows)", 1)[0]
    numbered = re.findall(r"^\d+\. (.+?)\s*$", section, flags=re.MULTILINE)
    assert [practice.name for practice in model.practices] == numbered


def test_levels_are_minus_one_to_three_with_the_matrix_names(model: MaturityModel, matrix) -> None:
    md_levels, _, _ = matrix
    assert model.level_values == (-1, 0, 1, 2, 3)
    assert sorted(md_levels) == [(level.value, level.name) for level in model.levels]
    table = dict(
        (int(value), name)
        for value, name in re.findall(r"^\| (-?\d+) \| (.+?) \|$", MATRIX_MD.read_text(encoding="utf-8"), re.M)
    )
    assert table == {level.value: level.name for level in model.levels}


def test_every_cell_text_occurs_verbatim_in_the_seed(model: MaturityModel) -> None:
    seed = _require(SEED).read_text(encoding="utf-8")
    missing = [cell.id for cell in model.cells if cell.text not in seed]
    assert missing == []
    assert len(model.cells) == 30


def test_the_grid_is_complete(model: MaturityModel) -> None:
    positions = {(cell.practice_id, cell.level) for cell in model.cells}
    assert positions == {(p.id, level.value) for p in model.practices for level in model.levels}


def test_cell_ids_are_unique(model: MaturityModel) -> None:
    ids = [cell.id for cell in model.cells]
    assert len(ids) == len(set(ids)) == 30


def test_cell_ids_are_practice_dot_level(model: MaturityModel) -> None:
    for practice in model.practices:
        for level in model.levels:
            cell = model.cell(practice.id, level.value)
            assert cell.id == f"{practice.id}.{level.id}"
            assert cell.practice_id == practice.id
            assert cell.level == level.value
            assert model.has_cell(cell.id)
            assert model.cell_by_id(cell.id) is cell


def test_practice_and_level_ids_are_unique_and_stable(model: MaturityModel) -> None:
    assert [p.id for p in model.practices] == [
        "build-ci",
        "environments-deployment",
        "release-compliance",
        "testing",
        "data-management",
        "configuration-management",
    ]
    assert [level.id for level in model.levels] == [
        "regressive",
        "repeatable",
        "consistent",
        "quantitatively-managed",
        "optimising",
    ]


def test_lookups_refuse_what_the_model_lacks(model: MaturityModel) -> None:
    assert not model.has_cell("testing.legendary")
    assert not model.has_practice("astrology")
    assert not model.has_level(4)
    with pytest.raises(KeyError):
        model.cell_by_id("testing.legendary")
    with pytest.raises(KeyError):
        model.cell("testing", 4)
    with pytest.raises(KeyError):
        model.practice("astrology")
    with pytest.raises(KeyError):
        model.level(4)
    assert model.practice("testing").name == "Testing"
    assert model.level(-1).label == "-1 Regressive"
