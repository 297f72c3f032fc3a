"""The grid's table model: Qt's model tester, states, and per-column updates without resets."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtTest import QAbstractItemModelTester

from maturity_workshop.domain import Rating, WorkshopState
from maturity_workshop.domain.cells import CellState
from maturity_workshop.ui.grid.model import CellRole, GridModel
from maturity_workshop.ui.workshops.dialogs import WorkshopListModel


def _state(service, workshop) -> WorkshopState:
    return service.load(workshop.id)


def test_model_tester_on_grid_model(qtbot, model, service, workshop):
    grid = GridModel(model)
    tester = QAbstractItemModelTester(grid, QAbstractItemModelTester.FailureReportingMode.Fatal)
    grid.set_workshop(_state(service, workshop))
    grid.set_rating(Rating("testing", 1, 3))
    grid.set_note("testing.consistent", "a note")
    grid.set_note("testing.consistent", "")
    grid.set_workshop(None)
    assert tester is not None
    assert grid.rowCount() == 5 and grid.columnCount() == 6


def test_model_tester_on_workshop_list_model(qtbot, service, workshop):
    listing = WorkshopListModel()
    tester = QAbstractItemModelTester(listing, QAbstractItemModelTester.FailureReportingMode.Fatal)
    listing.set_workshops(service.list_workshops())
    assert tester is not None
    assert listing.rowCount() == 1
    assert listing.index(0, 0).data() == "\u2068Platform team\u2069"  # isolated: see test_bad_rows_window


def test_rows_are_levels_highest_first_and_columns_practices(model):
    grid = GridModel(model)
    assert [grid.level_at_row(row) for row in range(5)] == [3, 2, 1, 0, -1]
    names = [grid.headerData(c, Qt.Orientation.Horizontal) for c in range(6)]
    assert names == [p.name for p in model.practices]
    assert grid.headerData(0, Qt.Orientation.Vertical) == "3\nOptimising"
    assert grid.headerData(4, Qt.Orientation.Vertical) == "-1\nRegressive"
    assert grid.index(4, 3).data() == model.cell("testing", -1).text


def test_states_follow_the_current_level(model):
    grid = GridModel(model)
    grid.set_rating(Rating("testing", current=1, target=3))
    column = grid.column_of("testing")
    states = [CellState(grid.index(row, column).data(CellRole.STATE)) for row in range(5)]
    assert states == [CellState.AHEAD, CellState.AHEAD, CellState.CURRENT, CellState.BEHIND, CellState.BEHIND]
    targets = [grid.index(row, column).data(CellRole.IS_TARGET) for row in range(5)]
    assert targets == [True, False, False, False, False]
    other = grid.column_of("build-ci")
    assert grid.index(0, other).data(CellRole.STATE) == CellState.UNRATED
    assert "where the team is now" in grid.index(2, column).data(Qt.ItemDataRole.ToolTipRole)


def test_a_rating_change_emits_data_changed_per_changed_cell(qtbot, model):
    grid = GridModel(model)
    resets, changed = [], []
    grid.modelAboutToBeReset.connect(lambda: resets.append(True))
    grid.dataChanged.connect(lambda top_left, bottom_right, _roles: changed.append((top_left, bottom_right)))
    column = grid.column_of("data-management")

    grid.set_rating(Rating("data-management", 0, None))  # unrated -> 0: every cell of the column
    assert all(a == b for a, b in changed), "one cell per signal"
    assert sorted((a.row(), a.column()) for a, _ in changed) == [(row, column) for row in range(5)]

    changed.clear()
    grid.set_rating(Rating("data-management", 1, None))  # 0 -> 1: the two cells that changed look
    assert sorted(grid.level_at_row(a.row()) for a, _ in changed) == [0, 1]

    changed.clear()
    grid.set_rating(Rating("data-management", 1, 3))  # a target: that one cell
    assert [grid.level_at_row(a.row()) for a, _ in changed] == [3]
    assert resets == []


def test_a_note_change_emits_data_changed_for_its_cell(qtbot, model):
    grid = GridModel(model)
    with qtbot.waitSignal(grid.dataChanged) as blocker:
        grid.set_note("build-ci.optimising", "Weekly integration meeting")
    index = grid.index_of("build-ci", 3)
    assert blocker.args[0] == index and blocker.args[1] == index
    assert index.data(CellRole.HAS_NOTE) is True
    assert index.data(CellRole.NOTE) == "Weekly integration meeting"


def test_an_unchanged_rating_emits_nothing(qtbot, model):
    grid = GridModel(model)
    grid.set_rating(Rating("testing", 1, 2))
    with qtbot.assertNotEmitted(grid.dataChanged):
        grid.set_rating(Rating("testing", 1, 2))
