"""Fixtures for the window: a real MainWindow on the test's own database."""

from __future__ import annotations

import sqlite3

import pytest

from maturity_workshop.ui.app import create_application
from maturity_workshop.ui.window.main_window import MainWindow

from .scripted_prompts import ScriptedPrompts


@pytest.fixture
def qapp_cls():
    return None


@pytest.fixture(scope="session")
def qapp(qapp_args, pytestconfig):
    """The application as the app itself builds it (name, bundled fonts)."""
    return create_application(qapp_args)


@pytest.fixture
def prompts() -> ScriptedPrompts:
    """The window's questions, answered by the test (see ``scripted_prompts.py``)."""
    return ScriptedPrompts()


@pytest.fixture
def warnings_shown(prompts):
    """The warnings the window showed, in order."""
    return prompts.warnings


@pytest.fixture
def window(qtbot, service, workshop, prompts):
    win = MainWindow(service, prompts)
    qtbot.addWidget(win)
    win.show_workshop(workshop.id)
    win.resize(1400, 900)
    win.show()
    qtbot.waitExposed(win)
    win.activateWindow()
    win.grid.setFocus()
    yield win
    prompts.always_confirm = True  # closing may ask about a note that could not be saved
    win.close()


def db_rows(db_path, sql: str, *params):
    """Read the database file with a fresh, independent connection: what a restart would see."""
    connection = sqlite3.connect(db_path)
    try:
        return connection.execute(sql, params).fetchall()
    finally:
        connection.close()


def rating_in_db(db_path, workshop_id: int, practice_id: str):
    rows = db_rows(
        db_path,
        "SELECT current_level, target_level FROM rating WHERE workshop_id = ? AND practice_id = ?",
        workshop_id,
        practice_id,
    )
    return rows[0] if rows else None


def note_in_db(db_path, workshop_id: int, cell_id: str):
    rows = db_rows(db_path, "SELECT text FROM cell_note WHERE workshop_id = ? AND cell_id = ?", workshop_id, cell_id)
    return rows[0][0] if rows else None
