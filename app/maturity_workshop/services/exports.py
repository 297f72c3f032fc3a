"""Exporting a workshop to a file (PDF action plan, JSON or CSV), or a team's history (CSV or
JSON), written atomically.

Where an export goes is checked before anything is written, and without opening what is there (a
named pipe would block the opener): only a missing file or a regular file is written. A symbolic
link is followed, and the file it points to is replaced, in its own folder; the link stays a link.
A link to nothing is refused, as the app cannot tell whether the place it names is meant to be
written. An existing file keeps its permission bits; a new one gets what a plain ``open()`` gives.
The content goes to a short temporary name (``.mw-<random>.tmp``) in the same folder, is flushed to
the disk, then renamed over the target: a reader never sees half a file, and a failed or cancelled
export leaves no temporary file and any old file as it was.
"""

from __future__ import annotations

import errno
import os
import stat
import tempfile
from collections.abc import Callable, Sequence
from dataclasses import replace
from datetime import date
from pathlib import Path
from typing import Any

from ..domain.errors import DomainError
from ..domain.history import TeamHistory
from ..domain.model import MaturityModel
from ..domain.voting import RoundRecord
from ..domain.workshop import WorkshopState

FORMATS = ("pdf", "json", "csv")
HISTORY_FORMATS = ("csv", "json")
NAME_MAX = 255  # bytes in one file name, where the file system does not say (Linux, macOS, Windows)

Progress = Callable[[int, int], None]  # (steps done, steps in all)
Cancelled = Callable[[], bool]


class ExportError(DomainError):
    """An export that could not be written; the message says where and why."""


class ExportCancelled(Exception):
    """The export was cancelled before its file was put in place; nothing was written."""

    def __init__(self) -> None:
        super().__init__("The export was cancelled.")


def snapshot(state: WorkshopState) -> WorkshopState:
    """A copy of ``state`` that later edits of the original do not change (what another thread
    exports while the window goes on editing): its containers copied, their items immutable."""
    return replace(state, ratings=dict(state.ratings), notes=dict(state.notes), actions=list(state.actions))


def render(
    model: MaturityModel,
    state: WorkshopState,
    fmt: str,
    exported_on: date,
    progress: Progress | None = None,
    history: TeamHistory | None = None,
    rounds: Sequence[RoundRecord] = (),
    votes: bool = False,
) -> bytes:
    """The export's bytes. ``rounds``: the workshop's rounds of votes (``services.voting``): the JSON
    carries each, with each vote only when ``votes``; the PDF shows the one that stands for each
    practice (never a vote by itself); the CSV leaves them out."""
    if fmt == "pdf":
        from ..export.pdf import render_action_plan  # reportlab loads only when a PDF is made

        return render_action_plan(model, state, exported_on, progress, history, rounds)
    if fmt in ("json", "csv"):
        from ..export import data

        if fmt == "json":
            content = data.render_json(model, state, exported_on, rounds, votes)
        else:
            content = data.render_csv(model, state, exported_on)
        if progress is not None:
            progress(1, 1)  # one step: these take milliseconds
        return content
    raise ExportError(f'Unknown export format "{fmt}"; choose one of: {", ".join(FORMATS)}.')


def export_workshop(
    model: MaturityModel,
    state: WorkshopState,
    fmt: str,
    path: Path | str,
    exported_on: date,
    *,
    progress: Progress | None = None,
    cancelled: Cancelled | None = None,
    history: TeamHistory | None = None,
    rounds: Sequence[RoundRecord] = (),
    votes: bool = False,
) -> Path:
    """Render the workshop and write it to ``path``; returns ``path``. The place is checked before
    rendering, so a bad one is refused at once. ``history``: the team's workshops up to this one,
    for the PDF's "Progress" (``services.history.history_of``); ``rounds`` and ``votes``: as
    :func:`render`. ``progress`` hears the renderer's steps; ``cancelled`` is asked at each one and
    before the file is put in place: when it says yes, :class:`ExportCancelled` is raised and
    nothing is left behind."""
    return _export(
        path, lambda step: render(model, state, fmt, exported_on, step, history, rounds, votes), progress, cancelled
    )


def render_history(
    model: MaturityModel, history: TeamHistory, fmt: str, exported_on: date, progress: Progress | None = None
) -> bytes:
    """The team's history as CSV (a row per workshop and practice) or JSON; one step."""
    if fmt not in HISTORY_FORMATS:
        raise ExportError(f'Unknown history format "{fmt}"; choose one of: {", ".join(HISTORY_FORMATS)}.')
    from ..export import data

    write = data.render_history_json if fmt == "json" else data.render_history_csv
    content = write(model, history, exported_on)
    if progress is not None:
        progress(1, 1)
    return content


def export_history(model: MaturityModel, history: TeamHistory, fmt: str, path: Path | str, exported_on: date,
                   **steps: Any) -> Path:  # fmt: skip
    """Write the team's history to ``path`` as :func:`export_workshop` writes a workshop; ``steps``
    are its ``progress`` and ``cancelled``."""
    return _export(path, lambda step: render_history(model, history, fmt, exported_on, step), **steps)


def _export(
    path: Path | str, make: Callable[[Progress], bytes], progress: Progress | None = None,
    cancelled: Cancelled | None = None,
) -> Path:
    """Check ``path``, ``make`` the content (telling its steps to ``step``), write it atomically."""
    writable_target(path)

    def step(done: int, total: int) -> None:
        if cancelled is not None and cancelled():
            raise ExportCancelled()
        if progress is not None:
            progress(done, total)

    step(0, 1)
    return write_atomically(path, make(step), cancelled)


def writable_target(path: Path | str) -> Path:
    """The file an export to ``path`` replaces or creates (a link's target), or an
    :class:`ExportError` saying why nothing can be written there. Nothing is opened."""
    path = Path(path).expanduser()
    where = f"Cannot write the export to {path}"
    _check_name(path, where)
    try:
        status = os.lstat(path)
    except FileNotFoundError:
        status = None
    except OSError as error:
        raise ExportError(f"{where}: {_reason(error)}.") from None
    target = path
    if status is not None and stat.S_ISLNK(status.st_mode):
        target = Path(os.path.realpath(path))
        try:
            status = os.stat(target)
        except FileNotFoundError:
            raise ExportError(
                f"{where}: it is a link to {target}, which does not exist; choose the file itself."
            ) from None
        except OSError as error:
            raise ExportError(f"{where}: it is a link to {target}, which cannot be reached: {_reason(error)}.") from None
    if status is not None and not stat.S_ISREG(status.st_mode):
        raise ExportError(f"{where}: {_not_a_file(status.st_mode)}; give the name of a file.")
    if not target.parent.is_dir():
        raise ExportError(f"{where}: the folder {target.parent} does not exist.")
    return target


def write_atomically(path: Path | str, content: bytes, cancelled: Cancelled | None = None) -> Path:
    """Write ``content`` to a temporary file beside the target, flush it to disk, then rename it
    into place: a reader never sees half a file, and a failed write leaves any old file as it was.
    Returns ``path`` as given (a link stays a link: the file it points to is replaced)."""
    path = Path(path).expanduser()
    target = writable_target(path)
    try:
        mode = stat.S_IMODE(os.stat(target).st_mode)
    except FileNotFoundError:
        mode = 0o666 & ~_UMASK  # what a plain open() would have given
    except OSError as error:
        raise ExportError(f"Cannot write the export to {path}: {_reason(error)}.") from None
    temporary = None
    try:
        handle, temporary = tempfile.mkstemp(prefix=".mw-", suffix=".tmp", dir=target.parent)
        with os.fdopen(handle, "wb") as stream:
            stream.write(content)
            stream.flush()
            os.fsync(stream.fileno())
        os.chmod(temporary, mode)
        if cancelled is not None and cancelled():
            raise ExportCancelled()
        os.replace(temporary, target)
        temporary = None
    except OSError as error:
        raise ExportError(f"Cannot write the export to {path}: {_reason(error)}.") from None
    finally:
        if temporary is not None:
            try:
                os.unlink(temporary)
            except OSError:
                pass
    return path


def _check_name(path: Path, where: str) -> None:
    try:
        size = len(os.fsencode(path.name))
    except UnicodeError:
        raise ExportError(f"{where}: this system cannot store that file name; choose another.") from None
    try:
        limit = os.pathconf(path.parent if path.parent.is_dir() else ".", "PC_NAME_MAX")
    except (OSError, ValueError, AttributeError):
        limit = NAME_MAX
    if size > limit:
        raise ExportError(
            f"{where}: the file name is {size} bytes long, and the file system allows at most {limit}; "
            "choose a shorter name."
        )


def _not_a_file(mode: int) -> str:
    if stat.S_ISDIR(mode):
        return "that is a folder"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "that is a device, not a file"
    if stat.S_ISFIFO(mode):
        return "that is a named pipe, not a file"
    if stat.S_ISSOCK(mode):
        return "that is a socket, not a file"
    return "that is not a regular file"


def _reason(error: OSError) -> str:
    if error.errno == errno.ENAMETOOLONG:
        return "the name is too long for the file system; choose a shorter name or folder"
    return error.strerror or str(error)


def _read_umask() -> int:
    """The process's umask, read once at import (the ui thread), as reading it means setting it."""
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


_UMASK = _read_umask()
