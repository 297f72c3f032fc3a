"""The team's history in the window (Ctrl+H): the time line, the trend charts, the range, what
became of the actions, opening a workshop from it, and comparing two workshops."""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QImage, QPainter

from maturity_workshop.domain import Rating, WorkshopDraft
from maturity_workshop.domain.charts import Line, Marker, layout, trend_chart
from maturity_workshop.domain.history import PracticeTrend, TrendPoint
from maturity_workshop.services import WorkshopService
from maturity_workshop.ui.history import chart as painter_module
from maturity_workshop.ui.history.compare import CompareDialog
from maturity_workshop.ui.history.controller import RANGE_KEY
from maturity_workshop.ui.window.main_window import MainWindow

from ..history_fixture import make_history, vote_history
from .helpers import db_rows, shown_window


@pytest.fixture
def made(service):
    return make_history(service)


@pytest.fixture
def win(qtbot, service, prompts, made):
    return shown_window(qtbot, service, prompts, made.workshops["fourth"].id)


def _ctrl_h(qtbot, win: MainWindow) -> None:
    qtbot.keyClick(win, Qt.Key.Key_H, Qt.KeyboardModifier.ControlModifier)


def _history_shown(qtbot, win: MainWindow):
    _ctrl_h(qtbot, win)
    page = win.history.page
    assert page is not None and win.pages.currentWidget() is page
    return page


def _ids(made, *titles: str) -> list[int]:
    return [made.workshops[title].id for title in titles]


def test_the_time_line_holds_the_teams_workshops_in_the_order_held(qtbot, win, made):
    page = _history_shown(qtbot, win)
    assert page.workshop_ids() == _ids(made, "first", "second", "third", "fourth")
    assert made.other_team.id not in page.workshop_ids()
    assert page.selected_id() == made.workshops["fourth"].id  # the open one, marked
    rows = [[page.timeline.topLevelItem(i).text(c) for c in range(4)] for i in range(4)]
    assert rows[0] == ["10 Jan 2025", "\u2068first\u2069", "\u2068Ada\u2069", "7"]
    assert rows[3][1].startswith("● ") and not any(row[1].startswith("●") for row in rows[:3])
    assert "Platform team" in page.heading.text()
    titles = [view.chart.title for view in page.charts]
    assert titles == [p.name for p in win.model.practices]
    build = page.charts[titles.index("Build management & CI")].chart
    assert build.current == (0, 1, 2, 1) and build.badge == "▼ \u22121"


def test_what_became_of_the_actions_of_the_workshop_selected(qtbot, win, made):
    page = _history_shown(qtbot, win)
    page.timeline.setCurrentItem(page.item_of(made.workshops["third"].id))
    shown = {page.actions.topLevelItem(i).text(0): (page.actions.topLevelItem(i).text(1),
                                                    page.actions.topLevelItem(i).toolTip(1))
             for i in range(page.actions.topLevelItemCount())}
    assert shown == {"\u2068coverage\u2069": ("Carried over, open there",
                                              "Carried over to “\u2068fourth\u2069”, open there"),
                     "\u2068stays open\u2069": ("Still open", "Still open")}
    page.timeline.setCurrentItem(page.item_of(made.workshops["second"].id))
    shown = [page.actions.topLevelItem(i).text(1) for i in range(page.actions.topLevelItemCount())]
    assert sorted(shown) == ["Done", "Dropped"]


def test_esc_and_ctrl_h_go_back_to_the_grid(qtbot, win):
    page = _history_shown(qtbot, win)
    qtbot.keyClick(page.timeline, Qt.Key.Key_Escape)
    assert win.pages.currentWidget() is win.workshop_page
    qtbot.waitUntil(win.grid.hasFocus)
    assert _history_shown(qtbot, win) is page  # built once
    _ctrl_h(qtbot, win)
    assert win.pages.currentWidget() is win.workshop_page


def test_a_double_click_or_return_on_the_time_line_opens_that_workshop(qtbot, win, made):
    page = _history_shown(qtbot, win)
    item = page.item_of(made.workshops["second"].id)
    rect = page.timeline.visualItemRect(item)
    qtbot.mouseClick(page.timeline.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())  # as a hand does
    qtbot.mouseDClick(page.timeline.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert win.editor.workshop_id == made.workshops["second"].id
    assert win.pages.currentWidget() is win.workshop_page
    assert win.grid_model.rating("build-ci") == Rating("build-ci", 1, 2)  # the grid shows its levels
    page = _history_shown(qtbot, win)
    assert page.selected_id() == made.workshops["second"].id  # now the open one
    page.timeline.setCurrentItem(page.item_of(made.workshops["first"].id))
    qtbot.keyClick(page.timeline, Qt.Key.Key_Return)
    assert win.editor.workshop_id == made.workshops["first"].id
    assert win.grid_model.rating("data-management") == Rating("data-management", -1, 0)


def test_a_click_shows_a_workshops_actions_and_open_opens_it(qtbot, win, made):
    page = _history_shown(qtbot, win)
    item = page.item_of(made.workshops["second"].id)
    qtbot.mouseClick(page.timeline.viewport(), Qt.MouseButton.LeftButton, pos=page.timeline.visualItemRect(item).center())
    assert page.selected_id() == made.workshops["second"].id and win.pages.currentWidget() is page
    titles = [page.actions.topLevelItem(i).text(0) for i in range(page.actions.topLevelItemCount())]
    assert "flaky" in " ".join(titles)
    qtbot.mouseClick(page.open_button, Qt.MouseButton.LeftButton)
    assert win.editor.workshop_id == made.workshops["second"].id
    assert win.pages.currentWidget() is win.workshop_page


def test_the_range_shows_the_last_5_10_or_all_and_is_remembered(qtbot, service, prompts, made, db_path):
    for i in range(3):  # seven workshops in all
        later = service.start_workshop(WorkshopDraft("Platform team", f"later {i}", date(2026, 1 + i, 5)),
                                       start_from_previous=False)
        service.save_rating(later.id, Rating("testing", i, 3))
    win = shown_window(qtbot, service, prompts, made.workshops["fourth"].id)
    page = _history_shown(qtbot, win)
    assert len(page.workshop_ids()) == 5 and page.workshop_ids()[0] == made.workshops["third"].id
    assert len(page.charts[0].chart.dates) == 5 and "last 5 of 7" in page.summary.text()
    assert page.selected_id() == made.workshops["fourth"].id
    page.range_choice.activated.emit(2)  # "All workshops", as the facilitator picks it
    assert len(page.workshop_ids()) == 7 and len(page.charts[0].chart.dates) == 7
    assert db_rows(db_path, "SELECT value FROM app_state WHERE key = ?", RANGE_KEY) == [("all",)]
    again = shown_window(qtbot, service, prompts, made.workshops["fourth"].id)
    assert len(_history_shown(qtbot, again).workshop_ids()) == 7


def test_the_history_shows_on_a_database_opened_read_only(qtbot, service, prompts, made, db_path, model):
    reader = WorkshopService.open(db_path, model, read_only=True)
    try:
        win = shown_window(qtbot, reader, prompts, made.workshops["third"].id)
        page = _history_shown(qtbot, win)
        assert page.workshop_ids() == _ids(made, "first", "second", "third", "fourth")
        page.range_choice.activated.emit(1)  # remembered for this window only: nothing is written
        assert prompts.warnings == []
    finally:
        reader.close()


def test_a_damaged_workshop_is_left_out(qtbot, service, prompts, made, db_path):
    import sqlite3

    with sqlite3.connect(db_path) as raw:
        raw.execute("UPDATE rating SET current_level = 'high' WHERE workshop_id = ?", (made.workshops["second"].id,))
    win = shown_window(qtbot, service, prompts, made.workshops["fourth"].id)
    assert _history_shown(qtbot, win).workshop_ids() == _ids(made, "first", "third", "fourth")


def test_without_a_workshop_open_the_history_says_why(qtbot, service, prompts, made):
    win = shown_window(qtbot, service, prompts, None)
    _ctrl_h(qtbot, win)
    assert win.history.page is None and "Open a workshop first" in win.statusBar().currentMessage()


# -- the chart's painter ---------------------------------------------------------------------------
def _painted(model, currents, size=(480, 260)):
    from maturity_workshop.domain.workshop import Workshop
    from datetime import UTC, datetime

    now = datetime(2025, 1, 1, tzinfo=UTC)
    points = tuple(
        TrendPoint(Workshop(i + 1, 1, "T", f"w{i}", date(2025, 1 + i, 1), "", 0, "m", "1", False, now, now), c, None)
        for i, c in enumerate(currents)
    )
    chart = trend_chart(model, PracticeTrend("testing", "Testing", points))
    family = "DejaVu Sans"
    shapes = layout(chart, *size, 16, painter_module.measurer(family))
    image = QImage(*size, QImage.Format.Format_RGB32)
    image.fill(QColor("white"))
    painter = QPainter(image)
    painter_module.paint(painter, shapes, family, 16)
    painter.end()
    return shapes, image


def test_the_painter_draws_a_dot_where_the_layout_puts_one_and_nothing_in_a_gap(qapp, model):
    shapes, image = _painted(model, [0, None, 2])
    [legend] = [s for s in shapes if isinstance(s, Line) and s.role == "legend-current"]
    plotted = [s for s in shapes if isinstance(s, Marker) and s.role == "current" and s.y != legend.points[0][1]]
    assert len(plotted) == 2
    for dot in plotted:
        assert image.pixelColor(round(dot.x), round(dot.y)) == painter_module.CURRENT
    gap_x = round((plotted[0].x + plotted[1].x) / 2)
    column = {image.pixelColor(gap_x, y).name() for y in range(image.height() - 40)}
    assert painter_module.CURRENT.name() not in column  # no line drawn through the workshop that did not rate it
    _, joined = _painted(model, [0, 1, 2])
    assert painter_module.CURRENT.name() in {joined.pixelColor(gap_x, y).name() for y in range(joined.height() - 40)}


# -- compare -----------------------------------------------------------------------------------------
def test_compare_defaults_to_the_open_workshop_and_the_one_before(qtbot, win, made, prompts):
    seen = []

    def look(dialog: CompareDialog) -> bool:
        seen.append((dialog.first.currentData(), dialog.second.currentData(), dialog.text()))
        dialog.second.setCurrentIndex(dialog.second.findData(made.workshops["first"].id))
        seen.append((dialog.first.currentData(), dialog.second.currentData(), dialog.text()))
        dialog.second.setCurrentIndex(dialog.second.findData(made.workshops["fourth"].id))
        seen.append(dialog.error.text())
        return False

    prompts.answer(CompareDialog, look)
    win.commands.compare_workshops.trigger()
    (one, other, text), (_, _, with_first), same = seen
    assert [one, other] == _ids(made, "fourth", "third")
    assert "“third” (2 Jun 2025) → “fourth” (20 Nov 2025)" in text
    lines = text.splitlines()
    build = lines.index("Build management & CI")  # level 2 then, 1 now: down; its target 2 not reached
    assert lines[build + 1:build + 7] == ["2 Quantitatively managed", "1 Consistent", "▼ \u22121",
                                          "2 Quantitatively managed", "3 Optimising", "not yet"]
    assert "Carried over from “third” (1)" in text and "coverage" in text.split("Carried over from")[1]
    assert "Closed since “third” (0)" in text
    # the first against the fourth: a target reached, the notes of both
    assert "Targets reached: 1 of the 2 set at “first” (Build management & CI)" in with_first
    assert "Builds by hand on Fridays." in with_first and "The build server was lost in the move." in with_first
    assert "different" in same
    page = _history_shown(qtbot, win)  # from the history: the workshop selected and the one before it
    page.timeline.setCurrentItem(page.item_of(made.workshops["second"].id))
    page.compare_button.click()
    assert [seen[3][0], seen[3][1]] == _ids(made, "second", "first")


def test_the_teams_first_workshop_alone_has_nothing_to_compare(qtbot, service, prompts, made):
    win = shown_window(qtbot, service, prompts, made.other_team.id)
    win.commands.compare_workshops.trigger()
    assert "nothing to compare" in win.statusBar().currentMessage()
    assert prompts.shown == []


# -- its pictures ----------------------------------------------------------------------------------
def test_snapshot_draws_the_history_and_the_comparison_at_the_size_asked(qapp, service, made, tmp_path):
    from PySide6.QtCore import QSize

    from maturity_workshop.domain.errors import DomainError
    from maturity_workshop.ui.snapshot import snapshot

    share = {}
    for view in ("console", "history", "compare"):
        path = snapshot(service, made.workshops["fourth"].id, tmp_path / f"{view}.png", QSize(1280, 720), view)
        image = QImage(str(path))
        assert (image.width(), image.height()) == (1280, 720)
        points = [(x, y) for x in range(0, 1280, 2) for y in range(0, 720, 2)]
        share[view] = sum(image.pixelColor(x, y) == painter_module.CURRENT for x, y in points) / len(points)
    # the grid's current cells are dark blue blocks; the charts' lines and dots are thin; compare has none
    assert share["console"] > 0.02 and 0 < share["history"] < 0.005 and share["compare"] == 0
    with pytest.raises(DomainError, match="nothing to compare"):
        snapshot(service, made.other_team.id, tmp_path / "none.png", QSize(1280, 720), "compare")


def test_the_rooms_spread_shows_under_each_chart_once_the_team_voted(qtbot, service, prompts, made):
    win = shown_window(qtbot, service, prompts, made.workshops["fourth"].id)
    page = _history_shown(qtbot, win)
    assert not any(label.isVisible() for label in page.spreads)  # never voted: the charts as they were
    _ctrl_h(qtbot, win)
    vote_history(service, made)
    page = _history_shown(qtbot, win)
    ids = [p.id for p in win.model.practices]
    words = {practice: label.text() for practice, label in zip(ids, page.spreads)}
    assert words["testing"] == "Room's spread 2 → 1 → 0: converging"
    assert words["build-ci"] == "Room's spread 0 → 3: diverging"
    assert words["data-management"] == "Room's spread: not voted on"
    assert all(label.isVisible() for label in page.spreads)
    testing = page.spreads[ids.index("testing")]
    assert "20 Nov 2025: 3 votes · median 1 · spread 0: agreed" in testing.accessibleDescription()
