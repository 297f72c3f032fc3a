"""Running ``ui.app.run()`` inside the test process."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication


@contextmanager
def launch_guard(seconds: float = 30) -> Iterator[None]:
    """Quit the event loop if a launch hangs (a dialog nobody answers), so the test fails instead
    of hanging; stopped on the way out, so it never quits a later test's loop."""
    timer = QTimer()
    timer.setSingleShot(True)
    timer.timeout.connect(QApplication.quit)
    timer.start(int(seconds * 1000))
    try:
        yield
    finally:
        timer.stop()
