"""One publish, on a thread of its own: ``services.publishing.publish`` on the workshops file,
through its own connections (never the window's), telling the ui thread through queued signals.

The thread is a daemon: at quit the window waits for it at most :data:`QUIT_WAIT_S`, and a publish
still under way then is simply left; the server rolls back a transaction whose connection went, and
what did not arrive is still waiting, to go at the next start."""

from __future__ import annotations

import logging
import threading
import time
from pathlib import Path

from PySide6.QtCore import QObject, Signal

from ...domain.errors import DomainError
from ..widgets import tell_if_there

log = logging.getLogger(__name__)


class PublishJob(QObject):
    """:meth:`start` runs the publish; it ends by emitting exactly one of ``finished`` (the
    ``PublishReport``, which may carry an error the server gave) or ``failed`` (a message: no
    address set, a file that cannot be read); ``progressed`` says (workshops done, in all) on the way."""

    progressed = Signal(int, int)
    finished = Signal(object)
    failed = Signal(str)

    def __init__(self, database_path: Path, *, deadline_s: float | None = None,
                 connect_timeout_s: float | None = None, parent: QObject | None = None) -> None:  # fmt: skip
        super().__init__(parent)
        self.database_path = database_path
        self._deadline_s, self._connect_timeout_s = deadline_s, connect_timeout_s
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, name="publish", daemon=True)

    def start(self) -> None:
        self._thread.start()

    def cancel(self) -> None:
        """Stop after the workshop being published (any thread)."""
        self._stop.set()

    def wait(self, seconds: float) -> bool:
        """Wait at most ``seconds`` for the publish to end; True when it has."""
        self._thread.join(max(0.0, seconds))
        return not self._thread.is_alive()

    @property
    def running(self) -> bool:
        return self._thread.is_alive()

    def _run(self) -> None:
        from ...services.publishing import publish

        deadline = time.monotonic() + self._deadline_s if self._deadline_s is not None else None
        try:
            report = publish(self.database_path, progress=lambda done, total: tell_if_there(self.progressed, done, total),
                             cancelled=self._stop.is_set, deadline=deadline,
                             connect_timeout=self._connect_timeout_s)  # fmt: skip
        except DomainError as error:
            tell_if_there(self.failed, str(error))
        except Exception as error:  # a publish must never take the workshop down with it
            log.exception("Publishing %s failed", self.database_path)
            tell_if_there(self.failed, f"The workshops could not be published: {error}")
        else:
            tell_if_there(self.finished, report)

