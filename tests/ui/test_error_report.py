"""An error nothing caught, inside the window: a dialog names the log file, the log holds the
traceback, and the app runs on, still saving."""

from __future__ import annotations

import sys
import threading

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QPushButton

from maturity_workshop import diagnostics
from maturity_workshop.ui import app as app_module
from maturity_workshop.ui.error_report import ErrorReporter

from .launching import launch_guard
from .helpers import click_cell, rating_in_db


@pytest.fixture
def criticals(prompts) -> list[str]:
    return prompts.criticals


@pytest.fixture
def reporting(qapp, prompts):
    """Diagnostics as ``run()`` starts them, in the test's own log folder (tests/conftest.py)."""
    reporter = ErrorReporter(prompts, qapp)
    log_file = diagnostics.start(reporter=reporter.report)
    assert log_file is not None and "pytest" in str(log_file), "never the real user log folder"
    yield log_file
    diagnostics.stop()


def _log_text(path) -> str:
    return path.read_text(encoding="utf-8")


@pytest.mark.qt_no_exception_capture
def test_an_error_in_a_slot_is_shown_logged_and_survived(qtbot, window, db_path, workshop, reporting, criticals):
    def broken_slot() -> None:
        raise RuntimeError("a bug in a slot")

    QTimer.singleShot(0, broken_slot)
    qtbot.waitUntil(lambda: len(criticals) == 1)
    message = criticals[0]
    assert "Something unexpected went wrong" in message and "RuntimeError: a bug in a slot" in message
    assert str(reporting) in message, "the dialog names the log file"
    assert "saved so far is safe" in message
    text = _log_text(reporting)
    assert "Traceback (most recent call last)" in text
    assert 'raise RuntimeError("a bug in a slot")' in text and "in broken_slot" in text

    # The app is still running, and still saving.
    assert window.isVisible()
    click_cell(qtbot, window, "testing", 2)
    assert rating_in_db(db_path, workshop.id, "testing") == (2, None)


@pytest.mark.qt_no_exception_capture
def test_an_error_behind_a_button_is_shown(qtbot, window, reporting, criticals):
    button = QPushButton("Break", window)
    button.clicked.connect(lambda: 1 / 0)
    button.show()
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: len(criticals) == 1)
    assert "ZeroDivisionError" in criticals[0] and str(reporting) in criticals[0]
    assert "ZeroDivisionError: division by zero" in _log_text(reporting)
    assert window.isVisible()


@pytest.mark.qt_no_exception_capture
def test_an_error_in_a_worker_thread_is_shown_in_the_gui_thread(qtbot, window, reporting, criticals, prompts):
    shown_in: list[bool] = []

    def record_thread(_parent, message: str) -> None:
        shown_in.append(threading.current_thread() is threading.main_thread())
        criticals.append(message)

    prompts.critical = record_thread

    def work() -> None:
        raise OSError("the worker failed")

    worker = threading.Thread(target=work, name="worker")
    worker.start()
    worker.join()
    qtbot.waitUntil(lambda: len(criticals) == 1)
    assert shown_in == [True]
    assert "OSError: the worker failed" in criticals[0]
    assert "in the thread worker" in _log_text(reporting)


@pytest.mark.qt_no_exception_capture
def test_errors_while_the_dialog_is_open_do_not_pile_up_dialogs(qtbot, window, reporting, prompts):
    """A paint event failing on every repaint must not stack dialogs; each error is still logged."""
    shown: list[str] = []

    def critical_that_meets_another_error(_parent, text: str) -> None:
        shown.append(text)
        try:
            raise KeyError("second")
        except KeyError:
            sys.excepthook(*sys.exc_info())

    prompts.critical = critical_that_meets_another_error

    def first() -> None:
        raise LookupError("first")

    QTimer.singleShot(0, first)
    qtbot.waitUntil(lambda: len(shown) == 1)
    qtbot.waitUntil(lambda: "KeyError: 'second'" in _log_text(reporting))
    assert len(shown) == 1
    assert "LookupError: first" in _log_text(reporting)


@pytest.mark.qt_no_exception_capture
def test_run_logs_the_start_and_reports_errors(qtbot, db_path, criticals, prompts):
    seen = {}

    def ready(win) -> None:
        seen["log"] = diagnostics.log_file()
        win.close()

    try:
        with launch_guard():
            assert app_module.run(db_path, ready_hook=ready, prompts=prompts) == 0
        text = _log_text(seen["log"])
        assert "Starting Maturity Workshop" in text and f"database {db_path}" in text and "Qt 6." in text
        assert f"Opened {db_path}." in text
        assert "Locked" in text and "Unlocked" in text
        QTimer.singleShot(0, lambda: 1 / 0)  # after run() the hooks still report, with the window's dialog
        qtbot.waitUntil(lambda: len(criticals) == 1)
        assert str(seen["log"]) in criticals[0]
    finally:
        diagnostics.stop()
