"""Starting the window: the QApplication, the bundled fonts, the database, the main window."""

from __future__ import annotations

import logging
import sys
from pathlib import Path

from PySide6.QtCore import QTimer, qVersion
from PySide6.QtGui import QFont, QFontDatabase, QGuiApplication, QIcon
from PySide6.QtWidgets import QApplication

from .. import APP_ID, APP_NAME, diagnostics
from ..domain.errors import DomainError
from ..locations import resource_dir
from ..services.models import default_model
from ..services.opening import Choice, ReadOnlyOffer, Recovery, open_as_writer_or_reader
from ..services.workshops import WorkshopService
from .error_report import ErrorReporter
from .prompts import Prompts
from .window.main_window import MainWindow

FONT_FAMILY = "DejaVu Sans"
# The fonts the window falls back on for a character DejaVu Sans lacks, in the PDF's order
# (export/fonts.py): without them 東京 or the read-only banner's 🔒 are boxes on a machine that
# has no such font of its own.
FALLBACK_FILES = (
    "wqy-microhei.ttc",
    "DroidSansFallbackFull.ttf",
    "NotoSansDevanagari-Regular.ttf",
    "Symbola_hint.ttf",
)
READ_ONLY_BUTTON = "&Open read-only"

log = logging.getLogger(__name__)


def load_bundled_fonts() -> list[str]:
    """Register the bundled fonts, so every machine shows the same glyphs: the text face
    (``resources/fonts``), then the fallbacks for what it lacks (``fonts/fallback``: Chinese,
    Japanese and Korean, Devanagari, emoji and symbols). Returns their families, the text face's
    first, in the order the PDF falls back on them. (About 5 ms at launch with the files in the
    page cache, 25 ms from a cold disk, most of it the two CJK fonts.)"""
    families: list[str] = []
    fonts = resource_dir() / "fonts"
    for path in [*sorted(fonts.glob("*.ttf")), *(fonts / "fallback" / name for name in FALLBACK_FILES)]:
        font_id = QFontDatabase.addApplicationFont(str(path)) if path.exists() else -1
        for family in QFontDatabase.applicationFontFamilies(font_id)[:1] if font_id >= 0 else []:
            if family not in families:
                families.append(family)
    return families


def create_application(argv: list[str]) -> QApplication:
    app = QApplication.instance() or QApplication(argv)
    app.setApplicationName(APP_NAME)
    app.setOrganizationName("Maturity Workshop")
    QGuiApplication.setDesktopFileName(APP_ID)
    families = load_bundled_fonts()
    if families:
        font = QFont(families[0])
        font.setFamilies(families)  # the text face first, then each fallback in turn
        font.setPointSizeF(max(app.font().pointSizeF(), 10.0))
        app.setFont(font)
    icon = resource_dir() / "icons" / "maturity-workshop.svg"
    if icon.exists():
        app.setWindowIcon(QIcon(str(icon)))
    return app


def open_service(database: Path, prompts: Prompts | None = None) -> WorkshopService | None:
    """The window's service on ``database``, as its one writer. A damaged file is explained in
    :class:`DamagedFileDialog`, which offers the newest good backup; when another Maturity Workshop
    is the writer, or the folder cannot be written, the facilitator is asked whether to open the
    workshops read-only instead. None when they say no."""
    prompts = prompts or Prompts()

    def ask_damaged(recovery: Recovery) -> Choice:
        from .backups.dialogs import DamagedFileDialog  # not at launch
        dialog = DamagedFileDialog(recovery)
        prompts.run(dialog)
        return dialog.choice

    def ask_read_only(offer: ReadOnlyOffer) -> bool:
        return prompts.confirm(
            None,
            APP_NAME,
            f"{offer.problem}\n\nOpen them read-only? You can look at every workshop and export its action "
            "plan, but not change anything.",
            yes=READ_ONLY_BUTTON,
            warning=True,
        )

    return open_as_writer_or_reader(database, default_model(), ask_damaged, ask_read_only)


def _record_version(service: WorkshopService) -> None:
    """The version and the system, once the window is up: reading them costs a few tens of
    milliseconds at launch."""
    import platform

    from .. import __version__

    log.info("%s version %s on %s", APP_NAME, __version__, platform.platform(terse=True))
    if service.lock is not None:
        try:
            service.lock.record(__version__)
        except OSError:
            pass  # the lock holds all the same; only the message naming its holder loses the version


def run(database: Path, ready_hook=None, prompts: Prompts | None = None) -> int:
    """Run the window on ``database``; ``ready_hook`` is called once the first frame is shown."""
    diagnostics.start()
    log.info(
        "Starting %s: Python %s, Qt %s; database %s",
        APP_NAME, sys.version.split()[0], qVersion(), database,
    )
    prompts = prompts or Prompts()
    try:
        app = create_application(sys.argv)
        diagnostics.set_reporter(ErrorReporter(prompts, app).report)
        service = open_service(database, prompts)
    except (DomainError, FileNotFoundError) as error:
        QApplication.instance() or QApplication(sys.argv)
        log.error("Cannot start: %s", error)
        prompts.critical(None, f"{APP_NAME} cannot start.\n\n{error}")
        return 1
    if service is None:
        return 0
    log.info("Opened %s%s.", database, " read-only" if service.read_only else "")
    window = MainWindow(service, prompts, shown_at_once=True)
    window.show_last_or_welcome()
    window.showMaximized()  # the grid wants the whole projector
    QTimer.singleShot(0, window.fit_panels_to_screen)  # once maximized: fold the panels if need be
    if ready_hook is not None:
        QTimer.singleShot(0, lambda: ready_hook(window))
    QTimer.singleShot(0, lambda: _record_version(service))
    try:
        return app.exec()
    finally:
        service.close()
