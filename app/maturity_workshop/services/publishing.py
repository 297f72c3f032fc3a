"""Publishing the workshops of a file to the organisation's database, for the window (File ▸ Publish,
and in the background on close) and the command line (``maturity-workshop publish``).

:func:`publish` runs on any thread: it opens its own connections, to the file (beside the window,
which stays its writer) and to the server, and gives back a :class:`PublishReport`. Nothing already
saved is changed by it, on either side, except what it publishes. The organisation's code (and
PostgreSQL's driver) is loaded only when one of these functions is called, never at launch.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

log = logging.getLogger(__name__)


def _workshops(count: int) -> str:
    return f"{count} workshop{'' if count == 1 else 's'}"


@dataclass(frozen=True)
class PublishReport:
    published: int  # workshops written to the server in this run
    unchanged: int  # already there as they are
    deleted: int  # deleted on the server (deleted on this laptop)
    refused: tuple[str, ...]  # one message per workshop another role owns
    waiting: int  # workshops (and deletions) still to publish after this run
    error: str | None  # why the run stopped early (server down, wrong password, newer schema...), else None
    cancelled: bool = False
    skipped: tuple[str, ...] = ()  # one message per workshop of this file that cannot be read

    @property
    def failed(self) -> bool:
        """Whether something was not published that should have been."""
        return self.error is not None or bool(self.refused) or bool(self.skipped)

    def summary(self) -> str:
        """One line: what was published, and what waits."""
        waiting = f"{self.waiting} waiting."
        if self.error is not None:
            return f"Not published: {self.error} {waiting}"
        if not (self.published or self.deleted or self.refused or self.cancelled or self.waiting):
            return (f"Nothing to publish: the organisation database has {_workshops(self.unchanged)} of this "
                    "file, as they are here.")
        done = f"Published {_workshops(self.published)} to the organisation"
        if self.deleted:
            done += f", deleted {_workshops(self.deleted)} there"
        stopped = " Stopped before the end." if self.cancelled else ""
        refused = f" {len(self.refused)} refused: another role's." if self.refused else ""
        return f"{done}; {self.unchanged} unchanged; {waiting}{refused}{stopped}"


def organisation_configured() -> bool:
    """Whether an organisation database is set up here (MATURITY_WORKSHOP_ORG_URL, or the settings)."""
    from ..org.connection import OrgError, configured_url

    try:
        return configured_url() is not None
    except OrgError:
        return False


def ready_to_publish(database_path: Path, url: str | None = None) -> None:
    """Refuse, with a message and before anything is opened, a publish with no organisation database
    set up, or no workshops file at ``database_path``."""
    from ..store.publication import refuse_missing
    from .organisation_db import organisation_target

    organisation_target(url)
    refuse_missing(Path(database_path))


def waiting_count(database_path: Path) -> int:
    """What a publish would send (workshops changed or never published, and deletions): one statement."""
    from ..store.publication import PublicationStore, open_for_publishing

    database = open_for_publishing(Path(database_path))
    try:
        return PublicationStore(database).waiting_count()
    finally:
        database.close()


def publish(database_path: Path, url: str | None = None, *, progress: Callable[[int, int], None] | None = None,
            cancelled: Callable[[], bool] | None = None, deadline: float | None = None,
            connect_timeout: float | None = None) -> PublishReport:  # fmt: skip
    """Publish the file's workshops to the organisation's database (``url``, else the configured one:
    none raises :class:`OrgError`). ``progress(done, total)`` after each workshop; the run stops
    between two workshops once ``cancelled()`` or past ``deadline`` (a ``time.monotonic()`` value)."""
    from ..org.connection import CONNECT_TIMEOUT_S
    from ..org.publish import Publisher
    from ..store.publication import PublicationStore, open_for_publishing
    from .organisation_db import organisation_target

    target = organisation_target(url)
    database = open_for_publishing(Path(database_path))
    try:
        store = PublicationStore(database)
        publisher = Publisher(store, target, progress=progress, cancelled=cancelled, deadline=deadline,
                              connect_timeout=CONNECT_TIMEOUT_S if connect_timeout is None else connect_timeout)
        outcome = publisher.run()
    finally:
        database.close()
    report = PublishReport(outcome.published, outcome.unchanged, outcome.deleted, tuple(outcome.refused),
                           outcome.waiting, outcome.error, outcome.cancelled, tuple(outcome.skipped))  # fmt: skip
    log.info("Publishing %s to %s: %s", database_path, target.shown, report.summary())
    return report
