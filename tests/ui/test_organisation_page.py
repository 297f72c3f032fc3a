"""The organisation page (Ctrl+G): every team by practices from tests/organisation_fixture.py, its
cells' texts and order, the since filter, the two sorts, hidden names (stable across the filter,
remembered after the window restarts), and a cell opening that team's workshop and its history."""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtCore import Qt

from maturity_workshop.services.organisation import HIDE_NAMES_KEY
from maturity_workshop.ui.organisation.controller import SINCE_KEY, months_before
from maturity_workshop.ui.organisation.model import COLOURS_ROLE, FIRST_PRACTICE, GAP_ROLE, LEVEL_ROLE
from maturity_workshop.ui.window.main_window import MainWindow

from ..organisation_fixture import HIDDEN, make_many_teams, make_organisation
from .helpers import shown_window

TODAY = date(2025, 12, 31)
BY_NAME = ["alpha crew", "Demo squad", "Other team", "Platform team"]


@pytest.fixture
def made(service):
    make_organisation(service)


def _window(qtbot, service, prompts) -> MainWindow:
    win = shown_window(qtbot, service, prompts, service.list_workshops()[0].id)
    win.organisation._today = lambda: TODAY
    return win


@pytest.fixture
def win(qtbot, service, prompts, made):
    return _window(qtbot, service, prompts)


def _ctrl_g(qtbot, win: MainWindow):
    qtbot.keyClick(win, Qt.Key.Key_G, Qt.KeyboardModifier.ControlModifier)
    return win.organisation.page


def _shown(qtbot, win: MainWindow):
    page = _ctrl_g(qtbot, win)
    assert page is not None and win.pages.currentWidget() is page
    return page


def _cell(page, team: str, practice_id: str) -> tuple[str, str]:
    row = [page.model.row(r).team.name for r in range(page.model.rowCount())].index(team)
    index = page.model.index(row, page.model.column_of(practice_id))
    return index.data(LEVEL_ROLE), index.data(GAP_ROLE)


def _since(page, months) -> None:
    choice = page.since_choice
    choice.setCurrentIndex(choice.findData(months))
    choice.activated.emit(choice.currentIndex())


def test_ctrl_g_shows_every_team_by_name_with_its_levels_changes_and_gaps(qtbot, win):
    page = _shown(qtbot, win)
    assert page.names() == BY_NAME  # Gone team has no workshop left: no row
    assert page.model.headerData(FIRST_PRACTICE, Qt.Orientation.Horizontal) == win.model.practices[0].name
    assert _cell(page, "Platform team", "build-ci") == ("1 ▼ −1", "gap 2")
    assert _cell(page, "Platform team", "testing") == ("1 ▲ +1", "gap 1")
    assert _cell(page, "alpha crew", "testing") == ("2 new", "target met")
    assert _cell(page, "Demo squad", "build-ci") == ("0", "gap 2")  # its first workshop: no change
    assert _cell(page, "Other team", "build-ci") == ("3", "target met")
    assert _cell(page, "Other team", "testing") == ("–", "")
    assert page.model.index(1, 0).data() == "\u2068Demo squad\u2069 (demo)"  # isolated: a name in any script
    assert page.model.index(3, 1).data() == "20 Nov 2025"
    assert "4 teams of 5" in page.summary.text()
    # the legend names every level on its colour
    assert [label.text() for label in page.legend_labels] == [f"{lv.value} {lv.name}" for lv in
                                                              sorted(win.model.levels, key=lambda lv: lv.value)]


def test_cells_are_painted_on_the_heat_scale_with_their_text_colour(qtbot, win):
    page = _shown(qtbot, win)
    index = page.model.index(2, page.model.column_of("build-ci"))  # Other team: 3, dark
    background, text = index.data(COLOURS_ROLE)
    rect = page.table.visualRect(index)
    image = page.table.viewport().grab().toImage()
    colours = {image.pixelColor(x, y).name() for x in range(rect.left() + 2, rect.right() - 2, 3)
               for y in range(rect.top() + 2, rect.bottom() - 2, 3)}  # fmt: skip
    assert background in colours and text in colours


def test_the_since_filter_keeps_the_teams_whose_latest_workshop_is_recent_and_is_remembered(qtbot, win, service):
    page = _shown(qtbot, win)
    _since(page, 6)
    assert page.names() == ["Demo squad", "Platform team"]
    assert service.get_setting(SINCE_KEY) == "6"
    _since(page, 12)
    assert page.names() == ["Demo squad", "Other team", "Platform team"]
    _since(page, None)
    assert page.names() == BY_NAME
    assert months_before(date(2025, 8, 31), 6) == date(2025, 2, 28)


def test_a_click_on_a_practice_sorts_by_its_level_and_on_the_team_by_name(qtbot, win):
    page = _shown(qtbot, win)
    header = page.table.horizontalHeader()
    column = page.model.column_of("build-ci")
    header.sectionClicked.emit(column)
    assert page.names() == ["Demo squad", "alpha crew", "Platform team", "Other team"]  # 0, 1, 1, 3
    assert header.sortIndicatorSection() == column
    header.sectionClicked.emit(column)
    assert page.names() == ["Other team", "alpha crew", "Platform team", "Demo squad"]
    header.sectionClicked.emit(page.model.column_of("testing"))
    assert page.names()[:2] == ["Platform team", "alpha crew"]  # 1, 2; the others did not rate it
    header.sectionClicked.emit(0)
    assert page.names() == BY_NAME
    header.sectionClicked.emit(0)
    assert page.names() == list(reversed(BY_NAME))


def test_hidden_names_are_stable_across_the_filter_and_remembered_after_a_restart(qtbot, win, service, prompts):
    page = _shown(qtbot, win)
    page.hide_button.click()
    assert page.names() == [HIDDEN[name] for name in BY_NAME]
    assert page.model.index(1, 0).data() == "Team B (demo)"
    _since(page, 6)
    assert page.names() == [HIDDEN["Demo squad"], HIDDEN["Platform team"]]  # Team B, Team E: each keeps its letter
    assert service.get_setting(HIDE_NAMES_KEY) == "1"
    win.close()
    again = _window(qtbot, service, prompts)
    page = _shown(qtbot, again)
    assert page.hide_button.isChecked()
    assert page.names() == [HIDDEN["Demo squad"], HIDDEN["Platform team"]]  # the since filter is remembered too
    page.hide_button.click()
    assert page.names() == ["Demo squad", "Platform team"]


def test_200_teams_hide_sort_and_filter_as_a_few_do(qtbot, service, prompts):
    names = make_many_teams(service, 200)
    page = _shown(qtbot, _window(qtbot, service, prompts))
    assert page.names() == names
    page.hide_button.click()
    hidden = page.names()
    assert hidden[0] == "Team A" and hidden[25:28] == ["Team Z", "Team AA", "Team AB"] and len(set(hidden)) == 200
    shown = [page.model.index(row, 0).data() for row in range(200)]
    assert not any("Squad" in text for text in shown)
    width = page.table.columnWidth(0)
    assert width >= max(page.table.fontMetrics().horizontalAdvance(name) for name in hidden)  # none cut
    column = page.model.column_of("build-ci")
    page.table.horizontalHeader().sectionClicked.emit(column)
    levels = [page.model.row(row).cell("build-ci").level for row in range(200)]
    assert levels == sorted(levels) and len(set(levels)) > 1
    by_letter = dict(zip(names, hidden))
    assert page.names() == [by_letter[page.model.row(row).team.name] for row in range(200)]  # letters follow their team
    _since(page, 6)  # on or after 30 Jun 2025: the teams held from July on
    kept = [row.team.name for row in page.model.heat.rows]
    assert len(kept) == 98 and all(page.model.row(r).held_on >= date(2025, 7, 1) for r in range(len(kept)))
    assert page.names() == [by_letter[name] for name in kept]
    assert page.summary.text().startswith("98 teams of 200")
    page.hide_button.click()
    assert page.names() == kept and set(kept) < set(names)


def test_double_click_on_a_cell_opens_that_teams_latest_workshop_and_its_history(qtbot, win):
    page = _shown(qtbot, win)
    index = page.model.index(0, page.model.column_of("testing"))  # alpha crew
    rect = page.table.visualRect(index)
    qtbot.mouseClick(page.table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    qtbot.mouseDClick(page.table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    workshop = win.editor.state.workshop
    assert (workshop.team_name, workshop.held_on) == ("alpha crew", date(2024, 9, 1))
    assert win.history.page is not None and win.pages.currentWidget() is win.history.page
    assert win.history.history.team.name == "alpha crew"


def test_return_opens_the_current_cells_team_and_esc_or_ctrl_g_goes_back(qtbot, win):
    page = _shown(qtbot, win)
    qtbot.keyClick(page.table, Qt.Key.Key_Escape)
    assert win.pages.currentWidget() is win.workshop_page
    page = _shown(qtbot, win)
    _ctrl_g(qtbot, win)
    assert win.pages.currentWidget() is win.workshop_page
    page = _shown(qtbot, win)
    page.table.setCurrentIndex(page.model.index(3, page.model.column_of("build-ci")))  # Platform team
    qtbot.keyClick(page.table, Qt.Key.Key_Return)
    assert win.editor.state.workshop.team_name == "Platform team"
    assert win.pages.currentWidget() is win.history.page


def test_a_levels_text_fits_its_column_on_a_laptops_screen(qtbot, win) -> None:
    """At 1280x720 the practices' columns are narrow: the widest level text ("−1 ▼ −1") is drawn
    smaller rather than cut, and never smaller than the table's own text."""
    from PySide6.QtCore import QRect
    from PySide6.QtGui import QFontMetrics

    from maturity_workshop.ui.organisation.model import HeatCellDelegate

    _ctrl_g(qtbot, win)
    win.resize(1280, 720)
    table = win.organisation.page.table
    qtbot.waitUntil(lambda: table.columnWidth(FIRST_PRACTICE) < 200)
    font = table.font()
    for width in (table.columnWidth(FIRST_PRACTICE), 90, 400):
        rect = QRect(0, 0, width, table.rowHeight(0))
        fitted = HeatCellDelegate.level_font(font, rect, "−1 ▼ −1")
        assert QFontMetrics(fitted).horizontalAdvance("−1 ▼ −1") <= width or fitted.pointSizeF() == font.pointSizeF()
        assert fitted.pointSizeF() >= font.pointSizeF() and fitted.bold()
    wide = HeatCellDelegate.level_font(font, QRect(0, 0, 400, table.rowHeight(0)), "2")
    assert wide.pointSizeF() >= font.pointSizeF() * HeatCellDelegate.LEVEL_SCALE  # room: the full size
