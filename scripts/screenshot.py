"""Refresh docs/screenshot.png: the real window, 1920x1080, on a demo workshop.

Run it with ``./dev screenshot``. It needs an X server; without one it starts itself under
``xvfb-run`` (Debian: ``apt-get install xvfb xauth libxcb-icccm4 libxcb-keysyms1``).
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
WIDTH, HEIGHT = 1920, 1080


def main() -> int:
    output = Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT / "docs" / "screenshot.png"
    if not os.environ.get("DISPLAY"):
        if not shutil.which("xvfb-run"):
            print("No X display and no xvfb-run: install xvfb (see the README).", file=sys.stderr)
            return 1
        command = ["xvfb-run", "-a", "-s", f"-screen 0 {WIDTH}x{HEIGHT}x24", sys.executable, __file__, str(output)]
        return subprocess.call(command)
    os.environ.pop("QT_QPA_PLATFORM", None)

    from PySide6.QtCore import QTimer

    from maturity_workshop.services.demo import create_demo_workshop
    from maturity_workshop.services.models import default_model
    from maturity_workshop.services.workshops import WorkshopService
    from maturity_workshop.ui.app import create_application
    from maturity_workshop.ui.window.main_window import MainWindow

    app = create_application(sys.argv)
    with tempfile.TemporaryDirectory() as folder:
        service = WorkshopService.open(Path(folder) / "demo.sqlite3", default_model())
        workshop = create_demo_workshop(service)
        window = MainWindow(service)
        window.show_workshop(workshop.id)
        window.setGeometry(app.primaryScreen().geometry())  # Xvfb has no window manager to maximise it
        window.show()
        # Focus the testing practice's level-1 cell, which has a note, so the panel shows one.
        window.grid.setCurrentIndex(window.grid_model.index_of("testing", 1))

        def grab() -> None:
            screen = app.primaryScreen()
            picture = screen.grabWindow(0)
            output.parent.mkdir(parents=True, exist_ok=True)
            picture.save(str(output))
            print(f"{output} ({picture.width()}x{picture.height()})")
            app.quit()

        QTimer.singleShot(800, grab)  # let the window manager-less X server map and paint the window
        app.exec()
        service.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
