"""A click is on disk the moment it is made: SIGKILL right after it loses nothing."""

from __future__ import annotations

import os
import signal
import subprocess
import sqlite3
import sys
from pathlib import Path

import pytest

CHILD = Path(__file__).with_name("click_then_wait.py")


@pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="SIGKILL is POSIX-only")
def test_sigkill_right_after_a_click_keeps_the_click(service, workshop, db_path):
    service.close()  # the child is the only one with the file open
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    child = subprocess.Popen(
        [sys.executable, str(CHILD), str(db_path), str(workshop.id), "data-management", "2"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=env,
    )
    try:
        line = child.stdout.readline()
        assert line.strip() == "clicked", child.stderr.read()
        child.send_signal(signal.SIGKILL)
        child.wait(timeout=30)
    finally:
        if child.poll() is None:
            child.kill()
            child.wait()
    assert child.returncode == -signal.SIGKILL

    connection = sqlite3.connect(db_path)
    try:
        assert connection.execute("PRAGMA integrity_check").fetchone() == ("ok",)
        row = connection.execute(
            "SELECT current_level, target_level FROM rating WHERE workshop_id = ? AND practice_id = ?",
            (workshop.id, "data-management"),
        ).fetchone()
    finally:
        connection.close()
    assert row == (2, None)
