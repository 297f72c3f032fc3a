"""Starting the window: the QApplication, the bundled fonts, the database, the main window."""

from __future__ import annotations

import sys
from pathlib import Path

from PySide6.QtCore import QTimer
from PySide6.QtGui import QFont, QFontDatabase, QGuiApplication, QIcon
from PySide6.QtWidgets import QApplication, QMessageBox

from .. import APP_ID, APP_NAME
from ..domain.errors import DomainError
from ..locations import resource_dir
from ..services.models import default_model
from ..services.workshops import WorkshopService
from .main_window import MainWindow

FONT_FAMILY = "DejaVu Sans"


def load_bundled_fonts() -> str | None:
    """Register the bundled fonts, so every machine shows the same glyphs; returns the family."""
    family = None
    for path in sorted((resource_dir() / "fonts").glob("*.ttf")):
        font_id = QFontDatabase.addApplicationFont(str(path))
        families = QFontDatabase.applicationFontFamilies(font_id) if font_id >= 0 else []
        if families and family is None:
            family = families[0]
    return family


def create_application(argv: list[str]) -> QApplication:
    app = QApplication.instance() or QApplication(argv)
    app.setApplicationName(APP_NAME)
    app.setOrganizationName("Maturity Workshop")
    QGuiApplication.setDesktopFileName(APP_ID)
    family = load_bundled_fonts()
    if family:
        font = QFont(family)
        font.setPointSizeF(max(app.font().pointSizeF(), 10.0))
        app.setFont(font)
    icon = resource_dir() / "icons" / "maturity-workshop.svg"
    if icon.exists():
        app.setWindowIcon(QIcon(str(icon)))
    return app


def run(database: Path, ready_hook=None) -> int:
    """Run the window on ``database``; ``ready_hook`` is called once the first frame is shown."""
    try:
        app = create_application(sys.argv)
        service = WorkshopService.open(database, default_model())
    except (DomainError, FileNotFoundError) as error:
        QApplication.instance() or QApplication(sys.argv)
        QMessageBox.critical(None, APP_NAME, f"{APP_NAME} cannot start.\n\n{error}")
        return 1
    window = MainWindow(service)
    window.open_last_or_welcome()
    window.show()
    if ready_hook is not None:
        QTimer.singleShot(0, lambda: ready_hook(window))
    try:
        return app.exec()
    finally:
        service.close()
