"""Last time on the grid and the board, from a team's history (``tests/history_fixture.py``): the
cell where each practice stood at the previous workshop is marked, its column's header shows the
change, View ▸ Show last time hides both and is remembered, and the new-workshop dialog says which
workshop last time is."""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtCore import QDate, QRect, Qt
from PySide6.QtGui import QColor, QImage
from PySide6.QtWidgets import QApplication

from maturity_workshop.domain import Rating
from maturity_workshop.domain.cells import CellState
from maturity_workshop.services.history import SHOW_LAST_TIME_KEY
from maturity_workshop.ui.board.sizing import board_sizes
from maturity_workshop.ui.grid import theme
from maturity_workshop.ui.grid.delegate import CellMetrics, caption_layout
from maturity_workshop.ui.grid.last_time import described, levels_of, load_last_time
from maturity_workshop.ui.grid.model import CellRole, GridModel, HeaderRole
from maturity_workshop.ui.window.main_window import MainWindow
from maturity_workshop.ui.workshops.dialogs import NewWorkshopDialog, OpenWorkshopDialog

from ..history_fixture import make_history

H = Qt.Orientation.Horizontal
# "fourth" comes after "third" (same day as "second", created after it): build-ci 2 → 1,
# testing 0 → 1, data-management 0 → not rated; the others rated neither time.
FOURTH_MARKS = {("build-ci", 2), ("testing", 0), ("data-management", 0)}
FOURTH_BADGES = {"build-ci": "▼ \u22121", "testing": "▲ +1", "data-management": "last time 0, now \u2013"}


@pytest.fixture
def history(service):
    return make_history(service)


def _show(grid: GridModel, service, workshop_id: int) -> None:
    found = load_last_time(service, workshop_id)
    label = described(found.previous) if found.previous else ""
    grid.set_workshop(service.load(workshop_id), levels_of(found, service.model), label)


def _marked(grid: GridModel) -> set[tuple[str, int]]:
    return {
        (cell.practice_id, cell.level)
        for row in range(grid.rowCount())
        for column in range(grid.columnCount())
        if grid.index(row, column).data(CellRole.LAST_TIME)
        for cell in [grid.cell_at(grid.index(row, column))]
    }


def _badges(grid: GridModel) -> dict[str, str | None]:
    return {p.id: grid.headerData(c, H, HeaderRole.CHANGE) for c, p in enumerate(grid.maturity_model.practices)}


def _expected_badges(model, badges: dict[str, str]) -> dict[str, str]:
    return {p.id: badges.get(p.id, "") for p in model.practices}


def test_the_grid_marks_where_each_practice_stood_last_time_and_heads_it_with_the_change(service, model, history):
    grid = GridModel(model)
    _show(grid, service, history.workshops["fourth"].id)
    assert _marked(grid) == FOURTH_MARKS
    assert _badges(grid) == _expected_badges(model, FOURTH_BADGES)
    assert grid.last_time_from == "Last time: “third”, 2 Jun 2025"
    column = grid.column_of("build-ci")
    words = f"{model.practice('build-ci').name}: down 1 level since last time (2 → 1)"
    assert grid.headerData(column, H, Qt.ItemDataRole.ToolTipRole) == words
    assert grid.headerData(column, H, Qt.ItemDataRole.AccessibleTextRole) == words
    assert grid.headerData(column, H) == model.practice("build-ci").name, "the name itself stays the name"
    narrow = grid.headerData(grid.column_of("data-management"), H, HeaderRole.CHANGE_SHORT)
    assert narrow == "0 → \u2013", "a narrow column's short form"
    assert grid.headerData(column, H, HeaderRole.CHANGE_SHORT) == "▼ \u22121"
    index = grid.index_of("build-ci", 2)
    assert index.data(CellRole.LOOK) == (int(CellState.AHEAD), False, False, True)
    assert "where the team stood last time" in index.data(Qt.ItemDataRole.ToolTipRole)

    _show(grid, service, history.workshops["third"].id)  # after "second": up, the same, new
    assert _marked(grid) == {("build-ci", 1), ("testing", 0)}
    badges = {"build-ci": "▲ +1", "testing": "= same", "data-management": "new"}
    assert _badges(grid) == _expected_badges(model, badges)


def test_a_teams_first_workshop_has_no_last_time(service, model, history):
    grid = GridModel(model)
    _show(grid, service, history.workshops["first"].id)
    assert _marked(grid) == set() and not grid.shows_last_time and grid.last_time_from == ""
    assert set(_badges(grid).values()) == {None}
    assert grid.headerData(0, H, Qt.ItemDataRole.ToolTipRole) == model.practices[0].name


def test_a_rating_changes_its_own_columns_change_and_no_other(qtbot, service, model, history):
    grid = GridModel(model)
    _show(grid, service, history.workshops["fourth"].id)
    headers: list[tuple[int, int]] = []
    grid.headerDataChanged.connect(lambda _orientation, first, last: headers.append((first, last)))
    column = grid.column_of("build-ci")
    grid.set_rating(Rating("build-ci", 2, 3))
    assert headers == [(column, column)]
    assert grid.headerData(column, H, HeaderRole.CHANGE) == "= same"
    grid.set_rating(Rating("build-ci", 2, 2))  # the target alone: the change is the same
    assert headers == [(column, column)]
    grid.set_rating(Rating("build-ci"))
    assert grid.headerData(column, H, HeaderRole.CHANGE) == "last time 2, now \u2013"
    assert _marked(grid) == FOURTH_MARKS, "last time does not move with today's levels"


def test_hiding_last_time_repaints_only_its_cells_and_empties_the_headers(qtbot, service, model, history):
    grid = GridModel(model)
    _show(grid, service, history.workshops["fourth"].id)
    changed: list[tuple[str, int]] = []

    def repainted(top_left, bottom_right, _roles=()) -> None:
        assert top_left == bottom_right
        cell = grid.cell_at(top_left)
        changed.append((cell.practice_id, cell.level))

    grid.dataChanged.connect(repainted)
    with qtbot.waitSignal(grid.lastTimeShown) as shown:
        grid.set_last_time_wanted(False)
    assert shown.args == [False]
    assert sorted(changed) == sorted(FOURTH_MARKS)
    assert _marked(grid) == set() and set(_badges(grid).values()) == {None}
    changed.clear()
    grid.set_last_time_wanted(False)  # already hidden: nothing repaints
    assert changed == []
    grid.set_last_time_wanted(True)
    assert sorted(changed) == sorted(FOURTH_MARKS)
    assert _badges(grid) == _expected_badges(model, FOURTH_BADGES)


@pytest.fixture
def history_window(qtbot, service, history, prompts, clock):
    def make() -> MainWindow:
        win = MainWindow(service, prompts, clock)
        qtbot.addWidget(win, before_close_func=lambda _win: setattr(prompts, "always_confirm", True))
        win.show_workshop(history.workshops["fourth"].id)
        win.resize(1400, 900)
        win.show()
        qtbot.waitExposed(win)
        return win

    return make


def _dark_pixels(image: QImage, rect: QRect, colour: str) -> int:
    """How many pixels in ``rect`` are close to ``colour`` (words and outlines drawn in it)."""
    wanted = QColor(colour)
    count = 0
    for x in range(rect.left(), rect.right() + 1):
        for y in range(rect.top(), rect.bottom() + 1):
            pixel = image.pixelColor(x, y)
            if abs(pixel.red() - wanted.red()) + abs(pixel.green() - wanted.green()) + abs(pixel.blue() - wanted.blue()) < 90:
                count += 1
    return count


def _tag_ink(grid, practice_id: str, level: int) -> int:
    """The ink in the band where last time's tag goes on that cell."""
    QApplication.processEvents()
    index = grid.model().index_of(practice_id, level)
    rect = grid.visualRect(index)
    delegate = grid.itemDelegate()
    metrics = CellMetrics.of(grid.font(), delegate.caption_scale, delegate.pad_scale)
    state, is_target, _, _ = index.data(CellRole.LOOK)
    tag = caption_layout(rect, metrics, CellState(state), is_target, last_time=True).tag
    assert tag is not None and rect.contains(tag)
    return _dark_pixels(grid.viewport().grab().toImage(), tag, theme.TEXT[CellState(state)].name())


def test_the_window_and_the_board_show_last_time_until_the_view_menu_hides_it(qtbot, service, history_window):
    window = history_window()
    command = window.commands.show_last_time
    board = window.board.presenter().board
    board.setFixedSize(1280, 720)
    board.apply_sizes(board_sizes(1280, 720, board.logicalDpiY()))
    board.show()
    qtbot.waitExposed(board)
    column = window.grid_model.column_of("build-ci")
    grids = (window.grid, board.grid)
    assert command.isChecked() and command.isCheckable()
    assert [grid.horizontalHeader().badge(column) for grid in grids] == ["▼ \u22121"] * 2
    assert window.header.legend[-1].isVisibleTo(window) and board.legend[-1].isVisibleTo(board)
    assert window.header.legend[-1].toolTip() == "Last time: “third”, 2 Jun 2025"
    heights = [grid.horizontalHeader().height() for grid in grids]
    ink = [_tag_ink(grid, "build-ci", 2) for grid in grids]
    assert all(ink), "the tag's words and outline are drawn"

    command.trigger()
    assert not command.isChecked()
    assert [grid.horizontalHeader().badge(column) for grid in grids] == [None, None]
    assert not window.header.legend[-1].isVisibleTo(window) and not board.legend[-1].isVisibleTo(board)
    assert all(grid.horizontalHeader().height() < height for grid, height in zip(grids, heights)), "no empty line"
    assert [_tag_ink(grid, "build-ci", 2) for grid in grids] == [0, 0]
    assert service.get_setting(SHOW_LAST_TIME_KEY) == "0"

    command.trigger()
    assert [grid.horizontalHeader().height() for grid in grids] == heights
    assert all(_tag_ink(grid, "build-ci", 2) for grid in grids)
    assert service.get_setting(SHOW_LAST_TIME_KEY) == "1"


def test_hidden_last_time_stays_hidden_after_a_restart(qtbot, service, history_window):
    first = history_window()
    first.commands.show_last_time.trigger()
    first.close()
    again = history_window()
    assert not again.commands.show_last_time.isChecked()
    assert not again.grid_model.shows_last_time and again.grid.horizontalHeader().badge(0) is None
    again.commands.show_last_time.trigger()
    assert again.grid_model.shows_last_time
    assert again.grid.horizontalHeader().badge(again.grid_model.column_of("testing")) == "▲ +1"


def test_a_click_updates_the_change_in_the_header(qtbot, history_window):
    window = history_window()
    column = window.grid_model.column_of("build-ci")
    window.editor.set_current("build-ci", 3)
    assert window.grid.horizontalHeader().badge(column) == "▲ +1"
    window.commands.undo.trigger()
    assert window.grid.horizontalHeader().badge(column) == "▼ \u22121"


def test_deleting_the_previous_workshop_moves_last_time_to_the_one_before(qtbot, service, history, history_window, prompts):
    window = history_window()
    third = history.workshops["third"]

    def delete_third(dialog: OpenWorkshopDialog) -> bool:
        dialog.table.selectRow(dialog.list_model.row_of(third.id))
        prompts.confirm_next(True)
        dialog.delete_button.click()
        return False  # then cancelled: the open workshop stays

    prompts.answer(OpenWorkshopDialog, delete_third)
    window.workshops.open_workshops()
    assert window.editor.workshop_id == history.workshops["fourth"].id
    assert window.grid_model.last_time_from == "Last time: “second”, 2 Jun 2025"
    assert window.grid.horizontalHeader().badge(window.grid_model.column_of("build-ci")) == "= same"


def test_the_new_workshop_dialog_says_which_workshop_last_time_is(qtbot, service, history):
    dialog = NewWorkshopDialog(service, team_name="Platform team")
    qtbot.addWidget(dialog)
    dialog.held_on.setDate(QDate(2026, 1, 15))
    dialog.show()
    words = "Last time: “fourth”, 20 Nov 2025: the grid shows where the team stood then."
    assert dialog.last_time.isVisibleTo(dialog) and dialog.last_time.text() == words
    assert dialog.start_from_previous.isVisibleTo(dialog)
    assert dialog.start_from_previous.text() == "Start from the levels of “fourth”"

    dialog.held_on.setDate(QDate(2025, 6, 1))  # a workshop held earlier comes after another one
    assert dialog.last_time.text().startswith("Last time: “first”, 10 Jan 2025")
    assert dialog.start_from_previous.text() == "Start from the levels of “first”"

    dialog.held_on.setDate(QDate(2025, 1, 1))
    assert dialog.last_time.text() == "No workshop of this team before this one: there is no last time to compare with."
    assert not dialog.start_from_previous.isVisibleTo(dialog)
    dialog.accept()
    assert dialog.workshop.held_on == date(2025, 1, 1)
    assert service.load(dialog.workshop.id).ratings == {} or all(
        r.current is None for r in service.load(dialog.workshop.id).ratings.values()
    )
