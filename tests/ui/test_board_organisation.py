"""The organisation on the board: while the organisation page shows (Ctrl+G) the board shows the
heat map for the room, names hidden when the page hides them, and the workshop's grid again when
the page is left; its text is the board's (22 px at 1920x1080); PgDn / PgUp page through teams
that do not fit."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QFontMetrics
from PySide6.QtWidgets import QApplication

from maturity_workshop.ui.board.sizing import CELL_PX, LABEL_PX, board_sizes

from ..organisation_fixture import HIDDEN, make_many_teams, make_organisation
from .helpers import run_snapshot, shown_window

BY_NAME = ["alpha crew", "Demo squad", "Other team", "Platform team"]


def _window(qtbot, service, prompts):
    return shown_window(qtbot, service, prompts, service.list_workshops()[0].id)


def _present(qtbot, win):
    win.commands.present.trigger()
    board = win.board.presenter().board
    qtbot.waitUntil(board.isVisible)
    return board


def _ctrl_g(qtbot, win) -> None:
    qtbot.keyClick(win, Qt.Key.Key_G, Qt.KeyboardModifier.ControlModifier)
    assert win.pages.currentWidget() is win.organisation.page


def _lay_out(qtbot, board, width: int, height: int) -> None:
    board.setFixedSize(width, height)
    board.apply_sizes(board_sizes(width, height, board.logicalDpiY()))
    qtbot.waitUntil(lambda: board.instead is None or board.instead.size() == board.size())
    QApplication.processEvents()


@pytest.fixture
def organisation(service):
    make_organisation(service)


def test_the_board_shows_the_heat_map_while_the_page_shows_and_the_grid_after(qtbot, service, prompts, organisation) -> None:
    win = _window(qtbot, service, prompts)
    board = _present(qtbot, win)
    assert board.instead is None
    _ctrl_g(qtbot, win)
    view = win.organisation.board_view
    assert board.instead is view and view.isVisible() and view.geometry() == board.rect()
    assert view.names_shown() == BY_NAME and view.range_text() == "4 teams"
    win.organisation.page.back_button.click()  # Esc, Ctrl+G: back to the grid
    assert board.instead is None and not view.isVisible() and board.grid.isVisible()
    _ctrl_g(qtbot, win)
    assert board.instead is view
    win.organisation.open(win.organisation.page.model.row(0).latest.id)  # a team's cell: its history
    assert win.pages.currentWidget() is not win.organisation.page
    assert board.instead is None


def test_hidden_names_on_the_board_and_presenting_after_the_page_opened(qtbot, service, prompts, organisation) -> None:
    win = _window(qtbot, service, prompts)
    _ctrl_g(qtbot, win)
    win.organisation.page.hide_button.click()
    board = _present(qtbot, win)  # the board is made now: it shows the heat map at once
    view = win.organisation.board_view
    assert board.instead is view and view.isVisible()
    assert view.names_shown() == [HIDDEN[name] for name in BY_NAME]
    win.organisation.page.hide_button.click()
    assert view.names_shown() == BY_NAME
    board.activateWindow()  # one screen: the board has the keys, and the heat map has them on it
    qtbot.waitUntil(lambda: board.isActiveWindow() and view.hasFocus())
    qtbot.keyClick(view, Qt.Key.Key_Escape)  # Esc on the board: presentation mode ends
    assert not board.isVisible() and not win.commands.present.isChecked()


@pytest.mark.parametrize("width, height", [(1920, 1080), (1280, 720), (3840, 2160)])
def test_the_heat_maps_text_is_the_boards_and_its_rows_fit(qtbot, service, prompts, organisation, width, height) -> None:
    make_many_teams(service, 40)
    win = _window(qtbot, service, prompts)
    board = _present(qtbot, win)
    _ctrl_g(qtbot, win)
    _lay_out(qtbot, board, width, height)
    view = board.instead
    scale = min(width / 1920, height / 1080)
    dpi = view.logicalDpiY()
    assert view.text_px() >= CELL_PX * scale - 0.01  # 22 px at 1920x1080, as the board's cells
    if scale >= 1:
        assert QFontMetrics(view.cell_font).capHeight() >= 16 * scale - 0.5
    assert view.label_font.pointSizeF() * dpi / 72 >= LABEL_PX * scale - 0.01 >= 17 * scale
    assert view.heading_font.pointSizeF() * dpi / 72 > view.text_px()
    shown = len(view.shown_rows())
    assert 1 < shown < 44 and view.range_text().startswith(f"Teams 1–{shown} of 44 · PgDn")
    assert view.grown() == 1.0 and view._room() >= shown * view.row_height()
    assert view.row_height() >= 2 * QFontMetrics(view.cell_font).height()


def test_pgdn_and_pgup_page_through_200_teams(qtbot, service, prompts) -> None:
    names = make_many_teams(service, 200)
    win = _window(qtbot, service, prompts)
    board = _present(qtbot, win)
    _ctrl_g(qtbot, win)
    _lay_out(qtbot, board, 1920, 1080)
    view = board.instead
    per_page = len(view.shown_rows())
    assert per_page >= 10 and view.names_shown() == names[:per_page]
    assert view.range_text() == f"Teams 1–{per_page} of 200 · PgDn / PgUp for the others"
    table = win.organisation.page.table
    qtbot.keyClick(table, Qt.Key.Key_PageDown)  # on the console's page
    assert view.names_shown() == names[per_page:2 * per_page]
    assert view.range_text().startswith(f"Teams {per_page + 1}–{2 * per_page} of 200")
    qtbot.keyClick(table, Qt.Key.Key_PageUp)
    assert view.names_shown() == names[:per_page]
    win.commands.next_practice.trigger()  # View ▸ Next practice (PgDn) while the board shows it
    assert view.names_shown()[0] == names[per_page]
    board.activateWindow()  # one screen: the board has the keys
    qtbot.waitUntil(lambda: board.isActiveWindow() and view.hasFocus())
    qtbot.keyClick(view, Qt.Key.Key_PageDown)
    assert view.names_shown()[0] == names[2 * per_page]
    qtbot.keyClick(view, Qt.Key.Key_PageUp)
    qtbot.keyClick(view, Qt.Key.Key_PageDown)
    for _ in range(30):
        view.page_by(1)
    last = (199 // per_page) * per_page
    assert view.names_shown() == names[last:] and view.range_text().startswith(f"Teams {last + 1}–200 of 200")
    view.page_by(-99)
    assert view.names_shown()[0] == names[0]


def test_snapshot_draws_the_boards_heat_map_at_the_size_asked(tmp_path, service, db_path) -> None:
    from PySide6.QtGui import QImage

    make_organisation(service)
    service.close()
    pictures = {}
    for size, view in (("1920x1080", "--organisation-board"), ("1280x720", "--organisation-board"),
                       ("1920x1080", "--organisation-board-hidden")):  # fmt: skip
        output = tmp_path / f"{view}-{size}.png"
        result = run_snapshot(tmp_path, "1", "--db", str(db_path), "-o", str(output), "--size", size, view)
        assert result.returncode == 0, result.stderr
        image = QImage(str(output))
        assert f"{image.width()}x{image.height()}" == size
        pictures[view, size] = output.read_bytes()
    assert pictures["--organisation-board", "1920x1080"] != pictures["--organisation-board-hidden", "1920x1080"]


def test_with_few_teams_the_legend_is_right_under_their_rows(qtbot, service, organisation) -> None:
    """Not at the foot of the screen, far from the cells it explains."""
    from maturity_workshop.services.organisation import heat_map
    from maturity_workshop.ui.organisation.board_view import BoardHeatMap

    view = BoardHeatMap()
    qtbot.addWidget(view)
    view.setFixedSize(1920, 1080)
    view.show_heat_map(heat_map(service), False)
    image = view.grab().toImage()
    white = image.pixel(2, image.height() - 2)

    def blank(y: int) -> bool:
        return all(image.pixel(x, y) == white for x in range(0, image.width(), 4))

    rows = [y for y in range(image.height()) if not blank(y)]
    assert rows[-1] < image.height() * 0.6  # four teams, the legend under them: the rest of the screen white
    legend_row = max(rows) - view._legend_height() // 2
    assert not blank(legend_row)
