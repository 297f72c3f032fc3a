"""Fixtures for the window: a real MainWindow on the test's own database."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QMessageBox

from maturity_workshop.ui.app import create_application
from maturity_workshop.ui.window.main_window import MainWindow


@pytest.fixture
def qapp_cls():
    return None


@pytest.fixture(scope="session")
def qapp(qapp_args, pytestconfig):
    """The application as the app itself builds it (name, bundled fonts)."""
    return create_application(qapp_args)


@pytest.fixture
def warnings_shown(monkeypatch):
    """Record warning dialogs instead of blocking on them."""
    shown: list[str] = []

    def fake_warning(_parent, _title, text, *args, **kwargs):
        shown.append(text)
        return QMessageBox.StandardButton.Ok

    monkeypatch.setattr(QMessageBox, "warning", staticmethod(fake_warning))
    return shown


@pytest.fixture
def window(qtbot, service, workshop, warnings_shown, monkeypatch):
    win = MainWindow(service)
    qtbot.addWidget(win)
    win.show_workshop(workshop.id)
    win.resize(1400, 900)
    win.show()
    qtbot.waitExposed(win)
    win.activateWindow()
    win.grid.setFocus()
    yield win
    # Close it here, while the test's patches still answer any question: a real modal dialog
    # (the unsaved-note question, say) would wait for a click that never comes.
    monkeypatch.setattr(QMessageBox, "question", staticmethod(lambda *a, **k: QMessageBox.StandardButton.Close))
    win.close()

