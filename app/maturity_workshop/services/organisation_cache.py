"""The organisation's workshops on this computer: the read-only copy pulled from the organisation's
database (``org/pull.py``), kept beside the workshops file as ``organisation-cache.sqlite3``.

The copy is a workshops file of its own, opened read-only through the same service and repository
as the laptop's: the heat map, a team's history and two workshops compared read it as they read
the laptop's file. Syncing makes a new copy and puts it in place of the old one only once whole.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from ..domain.errors import DomainError
from ..domain.model import MaturityModel
from ..org.pull import PLACE_KEY, ROLE_KEY, SOURCE_KEY, SYNCED_AT_KEY, pull
from ..org.pull import PullCancelled as SyncCancelled  # noqa: F401 - the window's, through services
from .organisation_db import organisation_target
from .workshops import WorkshopService

log = logging.getLogger(__name__)

CACHE_NAME = "organisation-cache.sqlite3"
SOURCE_CHOICE_KEY = "ui.organisation.source"  # "laptop" or "organisation": what the organisation page shows
READ_ONLY_COPY = (
    "Not saved: this is a read-only copy of the organisation's workshops, synced from its database. "
    "Changes are made by the facilitator who published the workshop, on their own laptop."
)


def cache_path(database_path: Path | str) -> Path:
    """Where the organisation's copy is kept: beside the workshops file."""
    return Path(database_path).with_name(CACHE_NAME)


@dataclass(frozen=True)
class Synced:
    """When the copy was pulled (UTC), from where (an address with no password) and as which role."""

    at: datetime
    source: str
    place: str
    role: str

    def when(self) -> str:
        """The time in this computer's time zone: "1 Dec 2026, 14:02"."""
        local = self.at.astimezone()
        return f"{local.day} {local:%b %Y, %H:%M}"

    @property
    def words(self) -> str:
        return f"Synced {self.when()} from {self.place} as {self.role}"


NEVER_SYNCED = "Never synced"


def pull_organisation(database_path: Path | str, url: str | None = None,
                      progress: Callable[[int, int], None] | None = None,
                      cancelled: Callable[[], bool] | None = None):  # fmt: skip
    """Copy every workshop of the organisation's database (``url``, else the one set up) into the
    copy beside ``database_path``; returns what was pulled (``org.pull.Pulled``). A failure raises
    :class:`~..org.connection.OrgError` and leaves the copy synced before as it was."""
    return pull(organisation_target(url), cache_path(database_path), progress, cancelled)


def has_cache(database_path: Path | str) -> bool:
    return cache_path(database_path).is_file()


def open_cache(database_path: Path | str, model: MaturityModel) -> WorkshopService:
    """The organisation's copy beside ``database_path``, opened read-only; a clear message when
    there is none yet, or it cannot be read (then syncing again makes it anew)."""
    from ..store.sqlite import DatabaseError

    path = cache_path(database_path)
    if not path.is_file():
        raise DomainError("The organisation has not been synced to this computer yet: sync it first "
                          "(the organisation page's Sync now, or 'maturity-workshop pull').")
    try:
        return WorkshopService.open(path, model, read_only=True, read_only_reason=READ_ONLY_COPY)
    except DatabaseError as error:
        raise DomainError(f"{error} Syncing the organisation again makes its copy anew.") from None


def synced(service: WorkshopService) -> Synced | None:
    """When, whence and as whom ``service``'s copy was synced; None for a file never synced."""
    from ..store.rows import to_time

    at = service.repo.get_state(SYNCED_AT_KEY)
    if at is None:
        return None
    source = service.repo.get_state(SOURCE_KEY) or "?"
    try:
        moment = to_time(at)
    except ValueError:
        return None
    return Synced(moment, source, service.repo.get_state(PLACE_KEY) or source, service.repo.get_state(ROLE_KEY) or "?")


def synced_words(database_path: Path | str, model: MaturityModel) -> str:
    """"Synced 1 Dec 2026, 14:02 from <place> as <role>", or "Never synced"."""
    if not has_cache(database_path):
        return NEVER_SYNCED
    service = open_cache(database_path, model)
    try:
        facts = synced(service)
    finally:
        service.close()
    return facts.words if facts else NEVER_SYNCED


def is_organisation_copy(service: WorkshopService) -> bool:
    """Whether ``service``'s file is a copy synced from the organisation (not a laptop's own)."""
    return service.read_only and service.repo.get_state(SYNCED_AT_KEY) is not None


def published_by(service: WorkshopService, workshop_id: int) -> str | None:
    """The role that published ``workshop_id``, in a copy of the organisation's; None in a laptop's file."""
    return service.repo.published_by(workshop_id)


def copy_words(publisher: str) -> str:
    """How a workshop opened from the organisation's copy is marked."""
    return f"Published by {publisher} — a read-only copy from the organisation"
