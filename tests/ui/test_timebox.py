"""The time box in the window: the agenda's dialog, the focused practice's time on the console and
on the board (counting down, calm in the last minute, counting the overrun), P to pause and resume,
and the time spent saved when the focus moves, on pause, before another workshop opens and on close.
Time comes from the ``clock`` fixture, moved by hand; the QTimer only redraws."""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtCore import Qt

from maturity_workshop.domain import TimerState, WorkshopDraft
from maturity_workshop.ui.board.sizing import board_sizes
from maturity_workshop.ui.timebox.controller import TICK_MS
from maturity_workshop.ui.timebox.dialog import AgendaDialog
from maturity_workshop.ui.timebox.label import COLOURS
from maturity_workshop.ui.window.main_window import MainWindow
from maturity_workshop.ui.workshops.dialogs import OpenWorkshopDialog

from ..conditions import locked_by_another_program
from .helpers import db_rows


def _plan(prompts, window, total: int = 90, **minutes: int) -> None:
    """Workshop ▸ Agenda…: spread ``total``, then set some practices' minutes by hand."""

    def fill(dialog: AgendaDialog) -> bool:
        dialog.total.setValue(total)
        dialog.spread.click()
        for practice_id, value in minutes.items():
            dialog.minutes[practice_id.replace("_", "-")].setValue(value)
        return True

    prompts.answer(AgendaDialog, fill)
    window.commands.edit_agenda.trigger()


def _focus(window, practice_id: str) -> None:
    window.grid.setCurrentIndex(window.grid_model.index_of(practice_id, 0))


def _press_p(qtbot, window) -> None:
    window.grid.setFocus()
    qtbot.keyClick(window.grid, Qt.Key.Key_P)


def _tick(window) -> None:
    """What the QTimer does once a second."""
    window.timebox.ticker.timeout.emit()


def _spent_in_db(db_path, workshop_id: int) -> dict[str, int]:
    rows = db_rows(db_path, "SELECT practice_id, spent_seconds FROM practice_time WHERE workshop_id = ?", workshop_id)
    return {practice: spent for practice, spent in rows if spent}


def test_the_agenda_spreads_a_total_and_takes_a_practices_own_minutes(qtbot, window, prompts, db_path, workshop):
    _plan(prompts, window, 90, testing=20)
    rows = db_rows(db_path, "SELECT practice_id, planned_minutes FROM practice_time WHERE workshop_id = ?", workshop.id)
    assert dict(rows) == {p.id: 20 if p.id == "testing" else 15 for p in window.model.practices}
    assert window.saved_label.text().startswith("All changes saved")
    dialog = prompts.shown[-1]
    assert dialog.sum.text() == "In all: 95 min"

    prompts.answer(AgendaDialog, lambda dialog: dialog.minutes["testing"].setValue(1) or False)  # cancelled
    window.commands.edit_agenda.trigger()
    assert dict(db_rows(db_path, "SELECT practice_id, planned_minutes FROM practice_time"))["testing"] == 20


def test_an_agenda_of_more_than_ten_hours_is_refused_with_a_message(qtbot, window, prompts, db_path, warnings_shown):
    _plan(prompts, window, 90)
    _plan(prompts, window, 600, testing=300)
    assert "The agenda was not saved. The agenda plans more than 600 minutes in all." in warnings_shown
    assert dict(db_rows(db_path, "SELECT practice_id, planned_minutes FROM practice_time"))["testing"] == 15


def test_the_console_and_the_board_count_down_the_focused_practice(qtbot, window, prompts, clock):
    _plan(prompts, window, 90)
    _focus(window, "testing")
    board = window.board.presenter().board
    assert window.timer_label.text() == "Testing: Paused · 15:00 left"
    assert board.timer.text() == "Paused · 15:00 left"
    _press_p(qtbot, window)
    assert window.timebox.ticker.isActive() and window.timebox.ticker.interval() == TICK_MS
    clock.advance(3 * 60 + 26)
    _tick(window)
    assert window.timer_label.text() == "Testing: 11:34 left"
    assert board.timer.text() == "11:34 left" and board.timer.state is TimerState.RUNNING
    assert board.timer.font().pointSizeF() == board.heading.font().pointSizeF()


def test_the_last_minute_is_a_calm_warning_then_the_overrun_is_counted(qtbot, window, prompts, clock):
    _plan(prompts, window, 6)  # 1 minute each
    _focus(window, "testing")
    _press_p(qtbot, window)
    label = window.timer_label
    clock.advance(15)
    _tick(window)
    assert label.text() == "Testing: 0:45 left · last minute" and label.state is TimerState.WARNING
    assert COLOURS[TimerState.WARNING][0] in label.styleSheet()
    style = label.styleSheet()
    clock.advance(1)
    _tick(window)
    assert label.styleSheet() == style, "the same look through the last minute: nothing flashes"
    clock.advance(44 + 130)
    _tick(window)
    assert label.text() == "Testing: +2:10 over" and label.state is TimerState.OVERRUN
    assert COLOURS[TimerState.OVERRUN][0] in label.styleSheet()


def test_p_pauses_and_saves_then_resumes(qtbot, window, prompts, clock, db_path, workshop):
    _plan(prompts, window, 90)
    _focus(window, "testing")
    _press_p(qtbot, window)
    clock.advance(100)
    _press_p(qtbot, window)
    assert _spent_in_db(db_path, workshop.id) == {"testing": 100}
    assert not window.timebox.ticker.isActive()
    clock.advance(600)  # a coffee break
    _tick(window)
    assert window.timer_label.text() == "Testing: Paused · 13:20 left"
    assert window.timer_label.state is TimerState.PAUSED
    _press_p(qtbot, window)
    clock.advance(20)
    _tick(window)
    assert window.timer_label.text() == "Testing: 13:00 left"


def test_moving_the_focus_saves_the_time_and_the_clock_follows_the_practice(
    qtbot, window, prompts, clock, db_path, workshop, service
):
    _plan(prompts, window, 90)
    _focus(window, "testing")
    _press_p(qtbot, window)
    clock.advance(90)
    window.grid.setCurrentIndex(window.grid_model.index_of("testing", 2))  # the same practice: nothing to save
    assert _spent_in_db(db_path, workshop.id) == {}
    edits = []
    service.backups.record_edit = lambda: edits.append(1)
    qtbot.keyClick(window.grid, Qt.Key.Key_Right)  # to Data management
    assert _spent_in_db(db_path, workshop.id) == {"testing": 90}
    assert len(edits) == 1, "one save as the focus moves, not one a second"
    clock.advance(30)
    _tick(window)
    assert window.timer_label.text() == "Data management: 14:30 left"
    assert len(edits) == 1


def test_closing_and_reopening_keeps_the_time_spent(qtbot, window, prompts, clock, db_path, workshop, service):
    _plan(prompts, window, 90)
    _focus(window, "testing")
    _press_p(qtbot, window)
    clock.advance(4 * 60)
    window.close()
    assert _spent_in_db(db_path, workshop.id) == {"testing": 240}
    again = MainWindow(service, prompts, clock)
    qtbot.addWidget(again)
    again.show_workshop(workshop.id)
    _focus(again, "testing")
    assert again.timer_label.text() == "Testing: Paused · 11:00 left"
    assert again.timebox.box.running is False, "a workshop opens with its clock paused"


def test_opening_another_workshop_saves_the_time_first(qtbot, window, prompts, clock, db_path, workshop, service):
    other = service.start_workshop(WorkshopDraft("Mobile team", "Kick-off", date(2026, 5, 1)))
    _focus(window, "testing")
    _press_p(qtbot, window)
    clock.advance(75)

    def choose(dialog: OpenWorkshopDialog) -> bool:
        dialog.chosen_id = other.id
        return True

    prompts.answer(OpenWorkshopDialog, choose)
    window.commands.open_workshops.trigger()
    assert _spent_in_db(db_path, workshop.id) == {"testing": 75}
    assert window.editor.workshop_id == other.id
    reading = window.timebox.reading()
    assert not reading.running and reading.spent_seconds == 0, "the other workshop's clock starts paused"
    assert window.timer_label.text().endswith("No time planned · P starts the clock")
    assert window.board.presenter().board.timer.isHidden(), "no agenda, no clock: nothing on the board"


def test_a_failed_save_says_so_and_the_time_goes_with_the_next_save(
    qtbot, window, prompts, clock, db_path, workshop, service, warnings_shown
):
    _plan(prompts, window, 90)
    _focus(window, "testing")
    _press_p(qtbot, window)
    clock.advance(50)
    with locked_by_another_program(service):
        _press_p(qtbot, window)  # pause: the save is refused
    assert warnings_shown[-1] == (
        "The time spent on the practices was not saved. The change was not saved: the database is busy in "
        "another program. Try again."
    )
    assert window.saved_label.text() == "⚠ Last change NOT saved"
    assert _spent_in_db(db_path, workshop.id) == {}
    assert window.timer_label.text() == "Testing: Paused · 14:10 left", "the time is still counted"
    _press_p(qtbot, window)
    clock.advance(10)
    qtbot.keyClick(window.grid, Qt.Key.Key_Right)
    assert _spent_in_db(db_path, workshop.id) == {"testing": 60}


def test_closing_the_workshop_saves_the_time_and_stops_the_clock(qtbot, window, prompts, clock, db_path, workshop):
    _plan(prompts, window, 90)
    _focus(window, "testing")
    _press_p(qtbot, window)
    clock.advance(30)
    window.commands.close_workshop.trigger()
    assert _spent_in_db(db_path, workshop.id) == {"testing": 30}
    assert not window.timebox.box.running and not window.commands.toggle_clock.isEnabled()
    clock.advance(30)
    _focus(window, "build-ci")  # nothing more to save on a closed workshop: no warning
    assert window.timer_label.text().endswith("Paused · 15:00 left")


def test_p_on_the_board_pauses_too_and_no_workshop_shows_no_timer(qtbot, window, prompts, clock):
    _plan(prompts, window, 90)
    _focus(window, "testing")
    window.commands.present.trigger()
    board = window.board.presenter().board
    qtbot.waitUntil(board.isVisible)
    board.grid.setFocus()
    qtbot.waitUntil(board.grid.hasFocus)  # one screen: the board has the keyboard
    qtbot.keyClick(board.grid, Qt.Key.Key_P)
    assert window.timebox.box.running
    clock.advance(5)
    qtbot.keyClick(board.grid, Qt.Key.Key_P)
    assert board.timer.text() == "Paused · 14:55 left"
    window.show_workshop(None)
    assert not window.timer_label.isVisible() and board.timer.isHidden()


@pytest.mark.parametrize("left, state", [(600, TimerState.RUNNING), (45, TimerState.WARNING), (-130, TimerState.OVERRUN)])
def test_the_board_heading_keeps_to_one_line_at_1920x1080(qtbot, window, prompts, clock, left, state):
    _plan(prompts, window, 90)
    _focus(window, "environments-deployment")
    _press_p(qtbot, window)
    clock.advance(15 * 60 - left)
    _tick(window)
    board = window.board.presenter().board
    board.setFixedSize(1920, 1080)
    board.apply_sizes(board_sizes(1920, 1080, board.logicalDpiY()))
    board.show()
    qtbot.waitExposed(board)
    assert board.timer.state is state
    timer = board.timer.geometry()
    assert board.rect().contains(timer) and timer.width() >= board.timer.sizeHint().width()
    assert timer.top() < board.grid.geometry().top() and board.heading.geometry().right() < timer.left()


def test_renaming_while_the_clock_runs_keeps_counting(qtbot, window, prompts, clock, db_path, workshop):
    _plan(prompts, window, 90)
    _focus(window, "testing")
    _press_p(qtbot, window)
    clock.advance(40)
    prompts.text_next("Spring review, part 2")
    window.commands.rename_workshop.trigger()
    clock.advance(20)
    _tick(window)
    assert window.timer_label.text() == "Testing: 14:00 left"
