"""Exporting a workshop to a file: PDF action plan, JSON or CSV, written atomically."""

from __future__ import annotations

import os
import tempfile
from datetime import date
from pathlib import Path

from ..domain.errors import DomainError
from ..domain.model import MaturityModel
from ..domain.workshop import WorkshopState

FORMATS = ("pdf", "json", "csv")


class ExportError(DomainError):
    """An export that could not be written; the message says where and why."""


def render(model: MaturityModel, state: WorkshopState, fmt: str, exported_on: date) -> bytes:
    if fmt == "pdf":
        from ..export.pdf import render_action_plan  # reportlab loads only when a PDF is made

        return render_action_plan(model, state, exported_on)
    if fmt in ("json", "csv"):
        from ..export import data

        return (data.render_json if fmt == "json" else data.render_csv)(model, state, exported_on)
    raise ExportError(f'Unknown export format "{fmt}"; choose one of: {", ".join(FORMATS)}.')


def write_atomically(path: Path | str, content: bytes) -> Path:
    """Write ``content`` to a temporary file beside ``path``, flush it to disk, then rename it into
    place: a reader never sees half a file, and a failed write leaves any old file as it was."""
    path = Path(path).expanduser()
    folder = path.parent
    if path.is_dir():
        raise ExportError(f"Cannot write the export to {path}: that is a folder; give a file name.")
    if not folder.is_dir():
        raise ExportError(f"Cannot write the export to {path}: the folder {folder} does not exist.")
    temporary = None
    try:
        handle, temporary = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".part", dir=folder)
        with os.fdopen(handle, "wb") as stream:
            stream.write(content)
            stream.flush()
            os.fsync(stream.fileno())
        os.chmod(temporary, 0o666 & ~_umask())  # what a plain open() would have given
        os.replace(temporary, path)
        temporary = None
    except OSError as error:
        reason = error.strerror or str(error)
        raise ExportError(f"Cannot write the export to {path}: {reason}.") from None
    finally:
        if temporary is not None:
            try:
                os.unlink(temporary)
            except OSError:
                pass
    return path


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def export_workshop(
    model: MaturityModel, state: WorkshopState, fmt: str, path: Path | str, exported_on: date
) -> Path:
    return write_atomically(path, render(model, state, fmt, exported_on))
