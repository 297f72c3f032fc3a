"""Sync now: the organisation's database copied to this computer on a worker thread, as an export
runs (``workshops/exporting.py``): the ui thread hands the job only the workshops file's path; the
job pulls through the service on a thread of its own and says what happened through its signals,
which Qt queues to the ui thread. The copy synced before stays in place until the new one is whole."""

from __future__ import annotations

import logging
import threading
from pathlib import Path

from PySide6.QtCore import QObject, Signal

from ...domain.errors import DomainError
from ..widgets import tell_if_there

log = logging.getLogger(__name__)


class SyncJob(QObject):
    """One sync of the copy beside ``database_path``. :meth:`run` runs on a worker thread and ends by
    emitting exactly one of ``succeeded`` (what was pulled), ``failed`` (a message) or
    ``cancelled``; ``progressed`` says (rows copied, rows in all) on the way. :meth:`cancel` may be
    called from any thread."""

    progressed = Signal(int, int)
    succeeded = Signal(object)
    failed = Signal(str)
    cancelled = Signal()

    def __init__(self, database_path: Path, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.database_path = database_path
        self._stop = threading.Event()
        # A daemon: at quit the window waits for it a little (wait()), never for a network that hangs;
        # a pull left unfinished leaves only its partial file, which the next one removes.
        self._thread = threading.Thread(target=self.run, name="organisation-sync", daemon=True)

    def start(self) -> None:
        self._thread.start()

    def cancel(self) -> None:
        self._stop.set()

    def wait(self, seconds: float) -> bool:
        """Wait at most ``seconds`` for the sync to end; True when it has."""
        if self._thread.is_alive():
            self._thread.join(max(0.0, seconds))
        return not self._thread.is_alive()

    def run(self) -> None:
        from ...services.organisation_cache import SyncCancelled, pull_organisation

        try:
            pulled = pull_organisation(self.database_path, progress=lambda done, total: tell_if_there(self.progressed, done, total),
                                       cancelled=self._stop.is_set)  # fmt: skip
        except SyncCancelled:
            tell_if_there(self.cancelled)
        except DomainError as error:
            tell_if_there(self.failed, str(error))
        except Exception as error:  # the window goes on with the copy it had
            log.exception("Syncing the organisation failed")
            tell_if_there(self.failed, f"The organisation could not be synced: {error}")
        else:
            tell_if_there(self.succeeded, pulled)

