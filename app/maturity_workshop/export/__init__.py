"""Exports of a workshop. Plain domain objects in, bytes out: no Qt, no database, no services.

* :mod:`.pdf`: :func:`render_action_plan`, the PDF action plan (reportlab);
* :mod:`.data`: the JSON and CSV exports.

Nothing is imported here eagerly, so that ``export.data`` never loads reportlab.
"""

from __future__ import annotations

from typing import Any

__all__ = ["render_action_plan"]


def __getattr__(name: str) -> Any:
    if name == "render_action_plan":
        from .pdf import render_action_plan

        return render_action_plan
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
