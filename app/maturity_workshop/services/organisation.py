"""Where the organisation stands: the heat map of every team's latest workshop, for the
organisation page, the board and the ``heatmap`` command. Read from the local workshops file; the
organisation's database will feed the same map through the same repository method."""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import date
from pathlib import Path

from ..domain.organisation import HeatMap, build_heat_map
from .exports import ExportError, writable_target, write_atomically
from .workshops import WorkshopService

log = logging.getLogger(__name__)
HIDE_NAMES_KEY = "ui.organisation.hide_names"  # "1" when the coach hid the teams' names


def heat_map(service: WorkshopService, since: date | None = None) -> HeatMap:
    """Every team by practices from its latest two readable workshops (a workshop that cannot be read
    is left out, and logged), sorted by team name; only those whose latest was held on or after
    ``since`` when given."""
    teams, states, damaged = service.repo.latest_of_each_team()
    for error in damaged:
        log.warning("Left out of the organisation's heat map: %s", error)
    heat = build_heat_map(service.model, teams, states)
    return heat.held_since(since) if since is not None else heat


def organisation_heat_map(database_path: Path | str, model, url: str | None = None,
                          since: date | None = None) -> tuple[HeatMap, list[str]]:  # fmt: skip
    """The organisation's heat map read fresh from its database, and nothing to say; when that
    cannot be read, the one of the copy synced before (beside ``database_path``), with why and since
    when; with no copy either, the reason (a :class:`DomainError`)."""
    from ..domain.errors import DomainError
    from ..org.reads import latest_of_each_team
    from .organisation_cache import has_cache, open_cache, synced
    from .organisation_db import organisation_target

    try:
        teams, states, damaged = latest_of_each_team(organisation_target(url))
    except DomainError as error:
        log.warning("The organisation's heat map could not be read from its database: %s", error)
        if not has_cache(database_path):
            raise DomainError(f"{error} No copy of the organisation was synced to this computer before either.") from None
        service = open_cache(database_path, model)
        try:
            facts = synced(service)
            heat = heat_map(service, since)
        finally:
            service.close()
        when = facts.when() if facts else "before"
        return heat, [str(error), f"the organisation database cannot be reached; this is the copy synced {when}"]
    for problem in damaged:
        log.warning("Left out of the organisation's heat map: %s", problem)
    heat = build_heat_map(model, teams, states)
    return (heat.held_since(since) if since is not None else heat), []


HEATMAP_FORMATS = ("csv", "pdf", "png")
Picture = Callable[[HeatMap, bool], bytes]  # (heat map, names hidden) -> a PNG's bytes


def render_heat_map(heat: HeatMap, fmt: str, hide_names: bool = False, exported_on: date | None = None,
                    picture: Picture | None = None) -> bytes:  # fmt: skip
    """The heat map as CSV (a row per team), PDF pages, or a PNG of the organisation page drawn by
    ``picture`` (the window's code draws it: this layer draws no widget)."""
    if fmt == "csv":
        from ..export.data import render_heat_map_csv

        return render_heat_map_csv(heat, hide_names)
    if fmt == "pdf":
        from ..export.heatmap import render_heat_map_pdf

        return render_heat_map_pdf(heat, hide_names, exported_on or date.today())
    if fmt == "png" and picture is not None:
        return picture(heat, hide_names)
    if fmt == "png":
        raise ExportError("A picture of the heat map is drawn by the window's code, which was not given.")
    raise ExportError(f'Unknown heat map format "{fmt}"; choose one of: {", ".join(HEATMAP_FORMATS)}.')


def export_heat_map(heat: HeatMap, fmt: str, path: Path | str, hide_names: bool = False,
                    exported_on: date | None = None, picture: Picture | None = None) -> Path:  # fmt: skip
    """Write the heat map to ``path``: the place checked first, then written atomically."""
    writable_target(path)
    return write_atomically(path, render_heat_map(heat, fmt, hide_names, exported_on, picture))
