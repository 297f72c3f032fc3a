"""File ▸ Export: the save dialog, the export itself and what the facilitator is told."""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

from PySide6.QtCore import QStandardPaths, Qt
from PySide6.QtWidgets import QApplication, QWidget

from ...domain.errors import DomainError
from ...domain.model import MaturityModel
from ...domain.workshop import WorkshopState
from ...services.exports import export_workshop
from ..prompts import Prompts

FILTERS = {
    "PDF action plan (*.pdf)": "pdf",
    "JSON, the whole workshop (*.json)": "json",
    "CSV, one row per practice (*.csv)": "csv",
}


def suggested_name(state: WorkshopState) -> str:
    """'Payments Platform - Autumn review - 2026-10-14 - action plan', safe on every file system."""
    workshop = state.workshop
    name = f"{workshop.team_name} - {workshop.title} - {workshop.held_on.isoformat()} - action plan"
    return re.sub(r'[\\/:*?"<>|\x00-\x1f]+', "_", name).strip(" .") or "action plan"


def ask_and_export(
    prompts: Prompts, parent: QWidget, model: MaturityModel, state: WorkshopState, folder: str = ""
) -> Path | None:
    """Ask where to save (the dialog asks before overwriting a file), then write the export.

    Returns the file written, or None when cancelled; a failure raises :class:`DomainError` with
    a message for the facilitator, and leaves any file already there as it was."""
    folder = folder or QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
    start = str(Path(folder) / f"{suggested_name(state)}.pdf")
    path, chosen = prompts.save_file(parent, "Export action plan", start, list(FILTERS))
    if not path:
        return None
    fmt = FILTERS.get(chosen, "pdf")
    target = Path(path)
    if target.suffix.lower() != f".{fmt}":
        if target.suffix.lower().lstrip(".") in FILTERS.values():
            fmt = target.suffix.lower().lstrip(".")  # the name typed says which format
        else:
            target = target.with_name(f"{target.name}.{fmt}")
    QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
    try:
        return export_workshop(model, state, fmt, target, date.today())
    except DomainError:
        raise
    except Exception as error:  # a renderer failure must not take the workshop down with it
        raise DomainError(f"The export could not be made: {error}") from error
    finally:
        QApplication.restoreOverrideCursor()
