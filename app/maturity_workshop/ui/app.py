"""Starting the window: the QApplication, the bundled fonts, the database, the main window."""

from __future__ import annotations

import logging
import platform
import sys
from pathlib import Path

from PySide6.QtCore import QTimer, qVersion
from PySide6.QtGui import QFont, QFontDatabase, QGuiApplication, QIcon
from PySide6.QtWidgets import QApplication, QMessageBox

from .. import APP_ID, APP_NAME, diagnostics
from ..domain.errors import DomainError
from ..locations import resource_dir
from ..services.models import default_model
from ..services.workshops import READ_ONLY_BECAUSE_IN_USE, WorkshopService
from ..store.lock import DatabaseLock, DatabaseLockedError, LockUnavailableError
from .backups.dialogs import open_for_window
from .error_report import ErrorReporter
from .window.main_window import MainWindow

FONT_FAMILY = "DejaVu Sans"
READ_ONLY_BUTTON = "Open read-only"

log = logging.getLogger(__name__)


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


def ask_open_read_only(text: str) -> bool:
    """Ask whether to open the workshops read-only: True for "Open read-only", False for Cancel."""
    box = QMessageBox(QMessageBox.Icon.Warning, APP_NAME, text)
    box.setObjectName("openReadOnlyQuestion")
    read_only = box.addButton(READ_ONLY_BUTTON, QMessageBox.ButtonRole.AcceptRole)
    box.addButton(QMessageBox.StandardButton.Cancel)
    box.setDefaultButton(read_only)
    box.exec()
    return box.clickedButton() is read_only


def open_service(database: Path) -> WorkshopService | None:
    """The window's service on ``database``, as its one writer (``store/lock.py``). When another
    Maturity Workshop is the writer, or the folder cannot be written, the facilitator is asked
    whether to open it read-only instead; None when they cancel. Two writers never share a file."""
    model = default_model()
    try:
        lock = DatabaseLock.acquire(database)
    except DatabaseLockedError as error:
        log.warning("%s", error)
        problem, reason = str(error), READ_ONLY_BECAUSE_IN_USE
    except LockUnavailableError as error:
        log.warning("%s", error)
        if not database.is_file():
            raise
        problem = str(error)
        reason = (
            f"Not saved: these workshops were opened read-only, because the folder {database.parent} "
            "cannot be written."
        )
    else:
        try:
            # Only the writer may check the file and, if it is damaged, move it aside and restore.
            service = open_for_window(database, model)  # asks what to do if the file is damaged
        except BaseException:
            lock.release()
            raise
        service.lock = lock
        return service
    question = (
        f"{problem}\n\nOpen them read-only? You can look at every workshop and export its action plan, "
        "but not change anything."
    )
    if not ask_open_read_only(question):
        log.info("Not opened: the facilitator chose not to open %s read-only.", database)
        return None
    return WorkshopService.open(database, model, read_only=True, read_only_reason=reason)


def _record_version(service: WorkshopService) -> None:
    """The version, once the window is up: reading it costs a few tens of milliseconds at launch."""
    from .. import __version__

    log.info("%s version %s", APP_NAME, __version__)
    if service.lock is not None:
        try:
            service.lock.record(__version__)
        except OSError:
            pass  # the lock holds all the same; only the message naming its holder loses the version


def run(database: Path, ready_hook=None) -> int:
    """Run the window on ``database``; ``ready_hook`` is called once the first frame is shown."""
    diagnostics.start()
    log.info(
        "Starting %s: Python %s, Qt %s, %s; database %s",
        APP_NAME, platform.python_version(), qVersion(), platform.platform(terse=True), database,
    )
    try:
        app = create_application(sys.argv)
        diagnostics.set_reporter(ErrorReporter(app).report)
        service = open_service(database)
    except (DomainError, FileNotFoundError) as error:
        QApplication.instance() or QApplication(sys.argv)
        log.error("Cannot start: %s", error)
        QMessageBox.critical(None, APP_NAME, f"{APP_NAME} cannot start.\n\n{error}")
        return 1
    if service is None:
        return 0
    log.info("Opened %s%s.", database, " read-only" if service.read_only else "")
    window = MainWindow(service)
    window.open_last_or_welcome()
    window.showMaximized()  # the grid wants the whole projector
    if ready_hook is not None:
        QTimer.singleShot(0, lambda: ready_hook(window))
    QTimer.singleShot(0, lambda: _record_version(service))
    try:
        return app.exec()
    finally:
        service.close()
