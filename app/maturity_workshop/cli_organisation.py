"""The organisation's commands: its heat map (from this file or the organisation's copy), pulling
the organisation, publishing to it, and making its database's tables (its administrator's)."""

from __future__ import annotations

import sys
from pathlib import Path

from .cli_support import open_service, say


def heatmap(database: Path, args) -> int:
    """The organisation's heat map, from the local workshops file (or, with --org, read fresh from the
    organisation's database, else from the copy synced before, beside the file), to a file."""
    from .services.organisation import export_heat_map, heat_map, organisation_heat_map

    picture = _heat_map_picture(args.size) if args.format == "png" else None
    if args.org:
        from .services.models import default_model

        heat, fallback = organisation_heat_map(database, default_model(), since=args.since)
        for line in fallback:
            say(f"maturity-workshop: {line}", sys.stderr)
    else:
        service = open_service(database, reading=True)
        try:
            heat = heat_map(service, args.since)
        finally:
            service.close()
    path = export_heat_map(heat, args.format, args.output, args.hide_names, picture=picture)
    say(f"Wrote {path} ({len(heat)} of {heat.teams} teams)")
    if picture is not None and picture.note:
        say(picture.note, sys.stderr)
    return 0


def _heat_map_picture(size_text: str | None):
    """What draws the heat map's PNG: the organisation page, offscreen, at ``size_text`` (unless
    None: 1920 wide and as tall as every team's row takes)."""
    import os

    os.environ["QT_QPA_PLATFORM"] = "offscreen"
    from .ui.app import create_application
    from .ui.board.picture import parse_size
    from .ui.organisation.picture import HeatMapPicture

    size = parse_size(size_text) if size_text is not None else None
    create_application([sys.argv[0]])
    return HeatMapPicture(size)


def pull(database: Path, url: str | None) -> int:
    from .services.organisation_cache import cache_path, pull_organisation

    say(f"{pull_organisation(database, url).summary}, into {cache_path(database)}")
    return 0


def org_schema(url: str | None) -> int:
    from .services.organisation_db import organisation_target, upgrade_organisation_schema

    target = organisation_target(url)
    before, after = upgrade_organisation_schema(url)
    if before == after:
        say(f"The organisation database {target.shown} is up to date (schema {after}).")
    else:
        say(f"The organisation database {target.shown} now has schema {after} (it had {before or 'no tables'}).")
    return 0


def publish(database: Path, url: str | None) -> int:
    from .services.publishing import publish, ready_to_publish

    ready_to_publish(database, url)
    service = open_service(database)  # the file's one writer meanwhile: refused while a window has it
    try:
        report = publish(database, url)
    finally:
        service.close()
    for message in (*report.refused, *report.skipped):
        say(f"⚠ {message}", sys.stderr)
    say(report.summary(), sys.stderr if report.error else None)
    return 1 if report.failed else 0
