"""The window's publishing: File ▸ Publish to organisation (with progress and Cancel in the status
bar), a publish by itself in the background when a workshop is closed and at the next start (what
quit left), at most :data:`QUIT_WAIT_S` more at quit, and a permanent word in the status bar on what
is published and what is waiting.

A :class:`PublishingController` is owned by the window and reaches it only through
:class:`~..shell.Shell`; it knows the workshops file by its path (the publish opens its own
connections to it, on its own thread) and reads the services only."""

from __future__ import annotations

import logging
import time
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QTimer, Slot
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QLabel, QWidget

from ...domain.errors import DomainError
from ...services.workshops import WorkshopService
from ..prompts import Prompts
from ..shell import Shell
from ..widgets import JobProgress, plural

if TYPE_CHECKING:  # the publish's thread is made with the first publish, a few seconds after launch
    from .job import PublishJob

log = logging.getLogger(__name__)

QUIT_WAIT_S = 2.0  # at quit, the window closes after this at the most, published or not
START_DELAY_MS = 3000  # after launch, what quit left waiting goes once the room's window is up


class PublishProgress(JobProgress):
    """In the status bar while File ▸ Publish runs: how far it got, and Cancel."""

    def __init__(self, job: PublishJob, parent: QWidget | None = None) -> None:
        super().__init__("publish", "Publishing to the organisation…", "Cancel publishing", job, parent=parent)


class PublishingController(QObject):
    def __init__(self, service: WorkshopService, shell: Shell, prompts: Prompts, publish: QAction,
                 settings: QAction, parent: QObject | None = None) -> None:  # fmt: skip
        super().__init__(parent)
        self.service, self.shell, self.prompts = service, shell, prompts
        self.job: PublishJob | None = None
        self._progress: PublishProgress | None = None
        self._asked = False  # File ▸ Publish started the job running: its outcome is said aloud
        self.status = QLabel()  # "Organisation: 3 waiting", in the status bar; hidden when not set up
        self.status.setObjectName("organisationStatus")
        self.status.hide()
        publish.triggered.connect(self.publish_now)
        settings.triggered.connect(self.edit_settings)
        publish.setEnabled(not service.read_only)
        if not service.read_only:
            QTimer.singleShot(START_DELAY_MS, self.publish_in_background)

    # -- what the facilitator asks --------------------------------------------------------------
    @Slot()
    def publish_now(self) -> None:
        from ...services.publishing import organisation_configured

        if self.job is not None:
            self.shell.refused("Publishing is already under way: see the status bar.")
            return
        if not organisation_configured():
            self.shell.refused("Set the organisation database's address first (File ▸ Organisation settings…).")
            self.edit_settings()
            if not organisation_configured():
                return
        self.shell.flush_note()
        self._start(asked=True)

    @Slot()
    def edit_settings(self) -> None:
        from .settings import OrganisationSettingsDialog  # not at launch

        dialog = OrganisationSettingsDialog(self.shell.dialog_parent())
        if self.prompts.run(dialog):
            self.shell.tell("The organisation database's address is saved.", 5000)
            self.refresh()

    # -- by itself -------------------------------------------------------------------------------
    @Slot()
    def publish_in_background(self) -> None:
        """When set up and something is waiting, publish it without a word unless it fails."""
        from ...services.publishing import organisation_configured, waiting_count

        if self.job is not None or self.service.read_only:
            return
        try:
            if not organisation_configured() or waiting_count(self.service.database_path) == 0:
                self.refresh()
                return
        except DomainError as error:
            log.warning("Publishing was not started: %s", error)
            return
        self._start(asked=False)

    def workshop_closed(self) -> None:
        """A workshop was closed (finished): it goes to the organisation now."""
        self.publish_in_background()

    def at_quit(self, until: float | None = None) -> None:
        """The window closes: publish what is waiting until ``until`` (a ``time.monotonic()`` value;
        :data:`QUIT_WAIT_S` from now if None) at the most; what does not go by then goes at the next start."""
        from ...services.publishing import organisation_configured, waiting_count

        until = time.monotonic() + QUIT_WAIT_S if until is None else until
        budget = until - time.monotonic()
        if self.job is None and not self.service.read_only and budget > 0.2:
            try:
                if organisation_configured() and waiting_count(self.service.database_path):
                    self._start(asked=False, deadline_s=budget * 0.8, connect_timeout_s=budget * 0.75)
            except DomainError as error:
                log.warning("Nothing was published at quit: %s", error)
        if self.job is not None:
            job = self.job
            if not job.wait(until - time.monotonic()):
                job.cancel()
                log.info("Closing while publishing: what did not arrive is published at the next start")

    # -- the job ---------------------------------------------------------------------------------
    def _start(self, asked: bool, deadline_s: float | None = None, connect_timeout_s: float | None = None) -> None:
        from .job import PublishJob

        job = PublishJob(self.service.database_path, deadline_s=deadline_s, connect_timeout_s=connect_timeout_s,
                         parent=self)  # fmt: skip
        job.finished.connect(self._finished)
        job.failed.connect(self._failed)
        self.job, self._asked = job, asked
        if asked:
            self._progress = PublishProgress(job)
            self.shell.show_progress(self._progress)
        self._say("Organisation: publishing…", "Publishing to the organisation database")
        job.start()

    @Slot(object)
    def _finished(self, report) -> None:
        self._done()
        if report.error and (self._asked or report.waiting):
            log.warning("Publishing stopped: %s", report.error)
        if self._asked:
            if report.error or report.refused:
                self.shell.failed(self._details(report), saving=False)
            else:
                self.shell.tell(report.summary(), 10000)
        elif report.refused:
            self.shell.tell(report.summary(), 10000)
        self._show(report.waiting, report.error)

    @Slot(str)
    def _failed(self, message: str) -> None:
        asked = self._asked
        self._done()
        if asked:
            self.shell.failed(message, saving=False)
        else:
            log.warning("Publishing failed: %s", message)
        self.refresh(message)

    def _done(self) -> None:
        if self._progress is not None:
            self._progress.deleteLater()
        if self.job is not None:
            self.job.deleteLater()
        self.job = self._progress = None

    @staticmethod
    def _details(report) -> str:
        lines = [report.summary(), *report.refused]
        return "\n".join(lines)

    # -- the status bar's word -------------------------------------------------------------------
    def refresh(self, problem: str | None = None) -> None:
        """Say again what is waiting (one statement on the file); nothing when not set up."""
        from ...services.publishing import organisation_configured, waiting_count

        try:
            if not organisation_configured():
                self.status.hide()
                return
            waiting = waiting_count(self.service.database_path)
        except DomainError as error:
            self._say("Organisation: ?", str(error))
            return
        self._show(waiting, problem)

    def _show(self, waiting: int, problem: str | None) -> None:
        if waiting == 0:
            self._say("Organisation: all published", "Every workshop of this laptop is on the organisation database.")
        else:
            tip = plural(waiting, "workshop") + " to publish"
            self._say(f"Organisation: {waiting} waiting" + (" ⚠" if problem else ""),
                      f"{tip}.\n{problem}" if problem else f"{tip}: File ▸ Publish to organisation.")  # fmt: skip

    def _say(self, text: str, tip: str) -> None:
        self.status.setText(text)
        self.status.setToolTip(tip)
        self.status.show()
