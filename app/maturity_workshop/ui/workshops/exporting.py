"""File ▸ Export action plan and Export team history: the save dialog, the suggested name, and the
export run on a worker thread.

The ui thread asks where, checks the place, and freezes what is exported (a copy of the workshop's
state, or the team's history read afresh, and the model: domain objects only). An
:class:`ExportJob` then renders and writes it on a thread of its own, never touching the ui's
database or service, and tells the ui what happened through its signals, which Qt queues to the
ui thread. Meanwhile the grid stays usable and an :class:`ExportProgress` in the status bar shows
how far it got, with a Cancel.
"""

from __future__ import annotations

import logging
import re
import threading
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QObject, QStandardPaths, QTextBoundaryFinder, Signal
from PySide6.QtWidgets import QWidget

from ...domain.errors import DomainError
from ...domain.workshop import WorkshopState
from ...services.exports import Cancelled, ExportCancelled, Progress, writable_target
from ..prompts import Prompts
from ..widgets import JobProgress

log = logging.getLogger(__name__)

FILTERS = {
    "PDF action plan (*.pdf)": "pdf",
    "JSON, the whole workshop (*.json)": "json",
    "CSV, one row per practice (*.csv)": "csv",
}
HISTORY_FILTERS = {
    "CSV, a row per workshop and practice (*.csv)": "csv",
    "JSON, the team's history (*.json)": "json",
}
HISTORY_TAIL = " - team history"
# A file name may hold 255 bytes (Linux, macOS) or 255 UTF-16 units (Windows), and UTF-8 never
# takes fewer: the suggestion stays under that in UTF-8, with room for ".json" or a " (2)".
NAME_BYTES = 240
ELLIPSIS = "…"


def suggested_name(state: WorkshopState) -> str:
    """'Payments Platform - Autumn review - 2026-10-14 - action plan', safe on every file system:
    no character a system forbids, and at most :data:`NAME_BYTES` bytes, the team and the title
    shortened (at a whole character, ending with "…") so that the date always shows."""
    workshop = state.workshop
    tail = f" - {workshop.held_on.isoformat()} - action plan"
    team, title = _safe(workshop.team_name), _safe(workshop.title)
    budget = NAME_BYTES - _size(tail) - _size(" - ")
    team = _cut(team, max(budget // 2, budget - _size(title)))
    title = _cut(title, budget - _size(team))
    name = " - ".join(part for part in (team, title) if part) + tail
    return name.strip(" .") or "action plan"


def history_name(team_name: str) -> str:
    """'Payments Platform - team history', as safe as :func:`suggested_name`."""
    team = _cut(_safe(team_name), NAME_BYTES - _size(HISTORY_TAIL))
    return f"{team}{HISTORY_TAIL}" if team else HISTORY_TAIL.removeprefix(" - ")


def _safe(text: str) -> str:
    return re.sub(r'[\\/:*?"<>|\x00-\x1f\x7f]+', "_", text).strip(" .")


def _size(text: str) -> int:
    return len(text.encode("utf-8", "surrogatepass"))


def _cut(text: str, limit: int) -> str:
    """``text`` if it fits in ``limit`` bytes, else its longest start that fits with "…" after it,
    cut between grapheme clusters (an accent stays on its letter, an emoji sequence whole)."""
    if _size(text) <= limit:
        return text
    room = limit - _size(ELLIPSIS)
    finder = QTextBoundaryFinder(QTextBoundaryFinder.BoundaryType.Grapheme, text)
    best, used, units = 0, 0, 0  # best: the code points kept; units: UTF-16 position of `used`
    while (boundary := finder.toNextBoundary()) > 0:
        end = used
        while units < boundary:  # Qt counts UTF-16 units, Python code points
            units += 2 if ord(text[end]) > 0xFFFF else 1
            end += 1
        if _size(text[:end]) > room:
            break
        best = used = end
    return text[:best].rstrip(" .") + ELLIPSIS


def choose_target(
    prompts: Prompts, parent: QWidget, state: WorkshopState, folder: str = ""
) -> tuple[Path, str] | None:
    """Ask where to save the action plan (the dialog asks before overwriting a file); returns the
    path and the format, or None when cancelled. A place nothing can be written to raises
    :class:`DomainError` now, before any work."""
    return _choose(prompts, parent, "Export action plan", f"{suggested_name(state)}.pdf", FILTERS, folder)


def choose_history_target(
    prompts: Prompts, parent: QWidget, team_name: str, folder: str = ""
) -> tuple[Path, str] | None:
    """As :func:`choose_target`, for the team's history: CSV or JSON."""
    name = f"{history_name(team_name)}.csv"
    return _choose(prompts, parent, "Export team history", name, HISTORY_FILTERS, folder)


def _choose(
    prompts: Prompts, parent: QWidget, title: str, name: str, filters: dict[str, str], folder: str
) -> tuple[Path, str] | None:
    """The format is the chosen file's suffix when it names one of ``filters``' formats; else the
    chosen filter's, added to the name."""
    folder = folder or QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
    path, chosen = prompts.save_file(parent, title, str(Path(folder) / name), list(filters))
    if not path:
        return None
    fmt = filters.get(chosen, next(iter(filters.values())))
    target = Path(path)
    if target.suffix.lower() != f".{fmt}":
        if target.suffix.lower().lstrip(".") in filters.values():
            fmt = target.suffix.lower().lstrip(".")  # the name typed says which format
        else:
            target = target.with_name(f"{target.name}.{fmt}")
    writable_target(target)
    return target, fmt


class ExportJob(QObject):
    """One export: ``export(progress=..., cancelled=...)`` (``services.exports.export_workshop`` or
    ``export_history``, given all else) writes ``target`` and returns its path. :meth:`run` runs on
    a worker thread and ends by emitting exactly one of ``succeeded`` (the file is in place),
    ``failed`` (a message) or ``cancelled``; ``progressed`` says (steps done, steps in all) on the
    way. :meth:`cancel` may be called from any thread."""

    progressed = Signal(int, int)
    succeeded = Signal(object)  # the Path written
    failed = Signal(str)
    cancelled = Signal()

    def __init__(
        self, target: Path, export: Callable[..., Path], parent: QObject | None = None
    ) -> None:
        super().__init__(parent)
        self.target, self._export = target, export
        self._stop = threading.Event()

    def cancel(self) -> None:
        self._stop.set()

    def run(self) -> None:
        try:
            progress: Progress = self.progressed.emit
            cancelled: Cancelled = self._stop.is_set
            path = self._export(progress=progress, cancelled=cancelled)
        except ExportCancelled:
            self.cancelled.emit()
        except DomainError as error:
            self.failed.emit(str(error))
        except Exception as error:  # a renderer failure must not take the workshop down with it
            log.exception("The export to %s failed", self.target)
            self.failed.emit(f"The export could not be made: {error}")
        else:
            self.succeeded.emit(path)


class ExportProgress(JobProgress):
    """In the status bar while an export runs: what is exported, how far it got, and Cancel."""

    def __init__(self, target: Path, job: ExportJob, parent: QWidget | None = None) -> None:
        text = f"Exporting {target.name}…" if len(target.name) <= 40 else "Exporting…"
        super().__init__("export", text, "Cancel export", job, str(target), parent)
