"""Child process for the crash test: open the real window on a database, click one cell, say
"clicked" and then wait to be killed. Usage: python click_then_wait.py DB WORKSHOP_ID PRACTICE LEVEL"""

from __future__ import annotations

import os
import sys

os.environ["QT_QPA_PLATFORM"] = "offscreen"

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest

from maturity_workshop.services.models import default_model
from maturity_workshop.services.workshops import WorkshopService
from maturity_workshop.ui.app import create_application
from maturity_workshop.ui.window.main_window import MainWindow


def main() -> None:
    database, workshop_id, practice_id, level = sys.argv[1], int(sys.argv[2]), sys.argv[3], int(sys.argv[4])
    app = create_application(sys.argv)
    service = WorkshopService.open(database, default_model())
    window = MainWindow(service)
    window.show_workshop(workshop_id)
    window.resize(1400, 900)
    window.show()
    QTest.qWaitForWindowExposed(window)
    index = window.grid_model.index_of(practice_id, level)
    QTest.mouseClick(window.grid.viewport(), Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier,
                     window.grid.visualRect(index).center())
    print("clicked", flush=True)
    app.exec()  # keep running, engine open, until the parent kills the process


if __name__ == "__main__":
    main()
