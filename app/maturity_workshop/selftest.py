"""``maturity-workshop --self-test``: prove that this install works, end to end, in a few seconds.

It is what a facilitator (or a packager, or CI) runs to check a wheel install or a PyInstaller
bundle before a workshop: it finds the resources, opens a throwaway database in a temporary folder
(which runs the Alembic migrations from their files on disk), starts a workshop, sets a level and
a target, writes a note and an action, reads them back from a fresh connection, exports the action
plan as PDF and JSON, and builds the main window on that workshop. It never touches the user's own
database. It prints one line per check and exits 0, or prints what failed and exits 1.

The window is built offscreen (``QT_QPA_PLATFORM=offscreen``) unless QT_QPA_PLATFORM is already
set: a self-test never flashes a window at the audience, and it runs the same over SSH and in CI
with no display. So that the native platform plugin is still checked, the self-test also requires
it (xcb on Linux, windows on Windows, cocoa on macOS) among the plugins Qt can see; to load it for
real, run ``QT_QPA_PLATFORM=xcb maturity-workshop --self-test``.
"""

from __future__ import annotations

import os
import sys
import tempfile
import time
import traceback
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import TextIO

TEAM = "Self-test team"
TITLE = "Self-test workshop"
NOTE = "Self-test note: déjà vu, Ελληνικά, 日本語 ✓"
ACTION = "Check the self-test's action"
MIN_PDF_BYTES = 20_000  # the plan embeds subsets of the bundled fonts: far more than this
NATIVE_PLATFORM_PLUGIN = {"linux": "xcb", "win32": "windows", "darwin": "cocoa"}


def _quiet_offscreen(kind, context, message: str) -> None:
    if "propagateSizeHints" not in message:
        print(message, file=sys.stderr)


class SelfTestFailure(Exception):
    """A check that did not hold; the message says what was expected and what was found."""


def _check(condition: object, message: str) -> None:
    if not condition:
        raise SelfTestFailure(message)


class _Run:
    """The self-test's state, passed from one check to the next."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.database = folder / "self-test.sqlite3"
        self.model = None
        self.workshop_id: int | None = None
        self.practice_id = ""
        self.cell_id = ""

    # -- the checks, in order; each returns a few words for the report --------------------------
    def resources(self) -> str:
        from .locations import resource_dir
        from .services.models import default_model

        folder = resource_dir()
        needed = (
            "fonts/DejaVuSans.ttf",
            "fonts/DejaVuSans-Bold.ttf",
            "fonts/fallback",
            "icons/maturity-workshop.svg",
        )
        for part in needed:
            _check((folder / part).exists(), f"{folder / part} is missing")
        self.model = default_model()
        _check(self.model.practices, "the maturity model has no practices")
        return f"{folder} (model {self.model.id} {self.model.version}, {len(self.model.practices)} practices)"

    def database_opens(self) -> str:
        from .services.workshops import WorkshopService
        from .store.engine import HEAD_REVISION, current_revision

        service = WorkshopService.open(self.database, self.model)
        service.close()
        revision = current_revision(self.database)
        _check(revision == HEAD_REVISION, f"the new database is at schema {revision}, not {HEAD_REVISION}")
        return f"new database migrated to schema {revision}"

    def workshop_saved(self) -> str:
        from .domain.actions import ActionDraft
        from .domain.workshop import Rating, WorkshopDraft
        from .services.workshops import WorkshopService

        service = WorkshopService.open(self.database, self.model)
        try:
            draft = WorkshopDraft(TEAM, TITLE, date(2026, 1, 15), "Self-test", 3)
            workshop = service.start_workshop(draft, start_from_previous=False)
            self.workshop_id = workshop.id
            practice = self.model.practices[0]
            levels = self.model.level_values
            self.practice_id = practice.id
            self.cell_id = self.model.cell(practice.id, levels[1]).id
            service.save_rating(workshop.id, Rating(practice.id, levels[1], levels[2]))
            service.save_note(workshop.id, self.cell_id, NOTE)
            service.add_action(workshop.id, ActionDraft(practice.id, ACTION, owner="Self-test"))
        finally:
            service.close()
        return f'workshop {self.workshop_id} of "{TEAM}": a level, a target, a note, an action'

    def read_back(self) -> str:
        state = self._load()
        rating = state.rating(self.practice_id)
        levels = self.model.level_values
        _check(state.workshop.team_name == TEAM, f"the team read back is {state.workshop.team_name!r}")
        _check(
            (rating.current, rating.target) == (levels[1], levels[2]),
            f"the level and target read back are {rating.current}, {rating.target}; "
            f"expected {levels[1]}, {levels[2]}",
        )
        _check(
            state.notes.get(self.cell_id) == NOTE, f"the note read back is {state.notes.get(self.cell_id)!r}"
        )
        _check([a.title for a in state.actions] == [ACTION], f"the actions read back are {state.actions!r}")
        return "level, target, note and action read back from a new connection"

    def pdf_export(self) -> str:
        from .services.exports import export_workshop

        path = export_workshop(self.model, self._load(), "pdf", self.folder / "plan.pdf", date(2026, 1, 16))
        content = path.read_bytes()
        _check(
            content.startswith(b"%PDF-1."), f"{path.name} does not start with a PDF header: {content[:16]!r}"
        )
        _check(content.rstrip().endswith(b"%%EOF"), f"{path.name} has no end-of-file marker")
        _check(len(content) >= MIN_PDF_BYTES, f"{path.name} is only {len(content)} bytes")
        _check(b"startxref" in content[-256:] and b"/Root" in content, f"{path.name} has no trailer")
        pages = (
            content.count(b"/Type /Page\n") + content.count(b"/Type /Page ") + content.count(b"/Type /Page>")
        )
        _check(pages >= 2, f"{path.name} has {pages} pages; the plan has at least two")
        _check(b"/FontFile2" in content, f"{path.name} embeds no TrueType font")
        # The title (document metadata, uncompressed) names the team, as text or as UTF-16 hex.
        named = TEAM.encode() in content or TEAM.encode("utf-16-be").hex().encode() in content.lower()
        _check(named, f"{path.name}'s title does not name the team {TEAM!r}")
        return f"{len(content) // 1024} KB, {pages} pages, fonts embedded, titled with the team"

    def json_export(self) -> str:
        import json

        from .services.exports import export_workshop

        path = export_workshop(self.model, self._load(), "json", self.folder / "plan.json", date(2026, 1, 16))
        text = path.read_text(encoding="utf-8")
        data = json.loads(text)
        _check(
            TEAM in text and NOTE in text and ACTION in text, "the JSON export lacks the team, note or action"
        )
        return f"{len(text)} characters, {len(data)} top-level keys"

    def organisation(self) -> str:
        """The organisation database's driver and schema chain are there (no server is reached)."""
        import psycopg
        from sqlalchemy.dialects.postgresql import psycopg as dialect  # noqa: F401 (the driver SQLAlchemy uses)

        from .org.connection import parse_url
        from .org.schema import ORG_HEAD_REVISION, known_revisions

        revisions = known_revisions()
        _check(revisions and revisions[0] == ORG_HEAD_REVISION,
               f"the organisation schema's revisions end at {revisions[:1]}, not {ORG_HEAD_REVISION}")  # fmt: skip
        target = parse_url("postgresql://self-test@db.example.org/maturity_workshop", environ={})
        _check(dict(target.url.query).get("sslmode") == "verify-full", "a remote server is not reached with TLS")
        implementation = psycopg.pq.__impl__
        return f"psycopg {psycopg.__version__} ({implementation}, libpq {psycopg.pq.version()}), schema {ORG_HEAD_REVISION}"

    def window(self) -> str:
        if not os.environ.get("QT_QPA_PLATFORM"):
            os.environ["QT_QPA_PLATFORM"] = "offscreen"
        from PySide6.QtCore import qInstallMessageHandler

        # The offscreen platform says it cannot size windows as a window manager would; that is
        # expected there, so that one message is kept out of the report.
        previous = qInstallMessageHandler(_quiet_offscreen)
        try:
            return self._window()
        finally:
            qInstallMessageHandler(previous)

    def _window(self) -> str:
        from PySide6.QtCore import QLibraryInfo
        from PySide6.QtGui import QImageReader

        from .services.workshops import WorkshopService
        from .ui.app import create_application
        from .ui.window.main_window import MainWindow

        app = create_application([sys.argv[0] if sys.argv else "maturity-workshop"])
        formats = {bytes(f).decode() for f in QImageReader.supportedImageFormats()}
        _check(
            "svg" in formats, f"Qt cannot read SVG (the qsvg plugin is missing); it reads {sorted(formats)}"
        )
        _check(not app.windowIcon().isNull(), "the application icon did not load")
        plugins = Path(QLibraryInfo.path(QLibraryInfo.LibraryPath.PluginsPath)) / "platforms"
        found = sorted(p.name for p in plugins.glob("*")) if plugins.is_dir() else []
        native = NATIVE_PLATFORM_PLUGIN.get(sys.platform)
        if native:
            _check(
                any(native in name for name in found), f"Qt's {native} plugin is not in {plugins} ({found})"
            )
        service = WorkshopService.open(self.database, self.model)
        try:
            window = MainWindow(service)
            window.show_workshop(self.workshop_id)
            window.resize(1280, 800)
            window.show()
            app.processEvents()
            image = window.grab().toImage()
            _check(not image.isNull() and image.width() > 0, "the main window could not be drawn")
            window.close()
            window.deleteLater()
            app.processEvents()
        finally:
            service.close()
        size = f"{image.width()}x{image.height()}"
        return f"{app.platformName()} platform, font {app.font().family()!r}, window drawn {size}"

    def _load(self):
        from .services.workshops import WorkshopService

        service = WorkshopService.open(self.database, self.model)
        try:
            return service.load(self.workshop_id)
        finally:
            service.close()


def run_self_test(out: TextIO | None = None, err: TextIO | None = None) -> int:
    """Run every check; 0 if all held, 1 (after saying which failed and why) otherwise."""
    out = out or sys.stdout
    err = err or sys.stderr
    from . import APP_NAME, __version__

    started = time.perf_counter()
    print(f"{APP_NAME} {__version__} self-test (Python {sys.version.split()[0]}, {sys.platform})", file=out)
    with tempfile.TemporaryDirectory(
        prefix="maturity-workshop-self-test-", ignore_cleanup_errors=True
    ) as folder:
        run = _Run(Path(folder))
        checks: list[tuple[str, Callable[[], str]]] = [
            ("resources", run.resources),
            ("database", run.database_opens),
            ("workshop", run.workshop_saved),
            ("read back", run.read_back),
            ("PDF export", run.pdf_export),
            ("JSON export", run.json_export),
            ("organisation", run.organisation),
            ("window", run.window),
        ]
        for name, check in checks:
            began = time.perf_counter()
            try:
                detail = check()
            except SelfTestFailure as failure:
                print(f"  FAILED  {name}: {failure}", file=out, flush=True)
                print(f"maturity-workshop: self-test failed at '{name}': {failure}", file=err)
                return 1
            except Exception as error:  # noqa: BLE001 (anything unexpected fails too, with its traceback)
                print(f"  FAILED  {name}: {type(error).__name__}: {error}", file=out, flush=True)
                traceback.print_exc(file=err)
                print(
                    f"maturity-workshop: self-test failed at '{name}': {type(error).__name__}: {error}",
                    file=err,
                )
                return 1
            elapsed_ms = (time.perf_counter() - began) * 1000
            print(f"  ok      {name:<12} {elapsed_ms:5.0f} ms  {detail}", file=out, flush=True)
    print(f"Self-test passed in {time.perf_counter() - started:.2f} s.", file=out, flush=True)
    return 0
