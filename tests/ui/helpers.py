"""What the window tests share: clicking a cell as a facilitator does, and reading the database
file as a restart would."""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
from pathlib import Path

from PySide6.QtCore import Qt

from maturity_workshop.ui.window.main_window import MainWindow


def click_cell(qtbot, win: MainWindow, practice_id: str, level: int, modifier=Qt.KeyboardModifier.NoModifier):
    index = win.grid_model.index_of(practice_id, level)
    win.grid.scrollTo(index)
    qtbot.mouseClick(win.grid.viewport(), Qt.MouseButton.LeftButton, modifier, win.grid.visualRect(index).center())
    return index


def shown_window(qtbot, service, prompts, workshop_id: int | None) -> MainWindow:
    """A window on ``workshop_id``, shown, active, 1400x900; closed at the end of the test."""
    win = MainWindow(service, prompts)
    qtbot.addWidget(win, before_close_func=lambda _win: setattr(prompts, "always_confirm", True))
    win.show_workshop(workshop_id)
    win.resize(1400, 900)
    win.show()
    qtbot.waitExposed(win)
    win.activateWindow()
    qtbot.waitUntil(win.isActiveWindow)
    return win


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


def run_snapshot(tmp_path: Path, *args: str) -> subprocess.CompletedProcess:
    """``maturity-workshop snapshot ARGS...`` in a process of its own, offscreen, from ``tmp_path``."""
    environment = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    return subprocess.run(
        [sys.executable, "-m", "maturity_workshop", "snapshot", *args],
        capture_output=True, text=True, timeout=120, env=environment, cwd=tmp_path,
    )
