"""Fixtures for the window: a real MainWindow on the test's own database."""

from __future__ import annotations

import pytest

from maturity_workshop.ui.window.main_window import MainWindow

from ..clocks import FakeClock
from .app_fixtures import prompts  # noqa: F401 - fixtures


@pytest.fixture
def warnings_shown(prompts):
    """The warnings the window showed, in order."""
    return prompts.warnings


@pytest.fixture
def clock() -> FakeClock:
    """The window's monotonic clock (the time box's), moved by the test."""
    return FakeClock()


@pytest.fixture
def window(qtbot, service, workshop, prompts, clock):
    win = MainWindow(service, prompts, clock)
    # Closing may ask about a note that could not be saved; at the end of the test, it may close.
    qtbot.addWidget(win, before_close_func=lambda _win: setattr(prompts, "always_confirm", True))
    win.show_workshop(workshop.id)
    win.resize(1400, 900)
    win.show()
    qtbot.waitExposed(win)
    win.activateWindow()
    win.grid.setFocus()
    return win

