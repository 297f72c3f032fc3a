"""The command line.

    maturity-workshop [--db PATH]                     open the window
    maturity-workshop list [--team NAME] [--db PATH]  the workshops (of one team), with their ids
    maturity-workshop history TEAM [--format csv|json] [-o FILE] [--db PATH]
                                                      a team's history: a row per workshop and practice
    maturity-workshop export ID --format pdf|json|csv -o FILE [--db PATH] [--date YYYY-MM-DD] [--votes]
    maturity-workshop snapshot ID -o FILE.png [--size WxH] [--present | --console | --history | --compare | --organisation | --organisation-hidden | --organisation-board | --organisation-board-hidden] [--focus PRACTICE] [--cell CELL] [--round open|revealed] [--db PATH]
    maturity-workshop heatmap [--db PATH] [--org] --format csv|pdf|png -o FILE [--hide-names] [--since YYYY-MM-DD] [--size WxH]
                                                      the organisation: every team by practices
    maturity-workshop pull [--db PATH] [--url URL]    copy the organisation's workshops to this computer
    maturity-workshop demo [--db PATH] [--exports DIR]
    maturity-workshop org-schema [--url URL]          make or upgrade the organisation database's tables
    maturity-workshop publish [--db PATH] [--url URL] publish the workshops to the organisation database
    maturity-workshop --self-test                     check this install works, on a throwaway database
"""

from __future__ import annotations

import argparse
import sys
from datetime import date
from pathlib import Path

from . import APP_NAME
from .cli_support import fail as _fail
from .cli_support import open_service as _open_service
from .cli_support import say as _say
from .domain.limits import MAX_ROW_ID
from .domain.text import for_terminal
from .locations import default_database_path

HISTORY_FORMATS = ("csv", "json")  # services.exports.HISTORY_FORMATS, not imported before it is needed
HEATMAP_FORMATS = ("csv", "pdf", "png")  # services.organisation.HEATMAP_FORMATS, not imported before it is needed


def _date(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"'{text}' is not a date like 2026-10-14") from None


def _workshop_id(text: str) -> int:
    try:
        number = int(text)
    except ValueError:
        number = None
    if number is None or not 1 <= number <= MAX_ROW_ID:
        raise argparse.ArgumentTypeError(
            f"'{text}' is not a workshop's id: an id is a whole number from 1 to {MAX_ROW_ID}, as 'list' shows"
        )
    return number


class _Parser(argparse.ArgumentParser):
    """argparse, saying what it says (an argument it refuses, quoted) through :func:`_say`."""

    def _print_message(self, message: str, file=None) -> None:
        if message:
            _say(message.removesuffix("\n"), file or sys.stderr)


class _VersionAction(argparse.Action):
    """--version, reading the version only when asked (importlib.metadata is slow to import)."""

    def __init__(self, option_strings, dest, **kwargs) -> None:
        super().__init__(option_strings, dest, nargs=0, help="show the version and exit")

    def __call__(self, parser, namespace, values, option_string=None) -> None:
        from . import __version__

        parser.exit(message=f"{parser.prog} {__version__}\n")


def build_parser() -> argparse.ArgumentParser:
    database = _Parser(add_help=False)
    database.add_argument(
        "--db",
        type=Path,
        metavar="PATH",
        default=argparse.SUPPRESS,
        help=f"the workshop database to use (default: {default_database_path()})",
    )
    parser = _Parser(
        prog="maturity-workshop",
        description=f"{APP_NAME}: run Continuous Delivery maturity workshops. With no command, opens the window.",
        parents=[database],
    )
    parser.add_argument("--version", action=_VersionAction)
    parser.add_argument(
        "--self-test",
        action="store_true",
        help="check that this install works (on a throwaway database, offscreen) and exit",
    )
    parser.add_argument(
        "--report-startup",
        action="store_true",
        help=argparse.SUPPRESS,  # benchmarks: print 'ready' once the window is shown, then quit
    )
    commands = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)
    listing = commands.add_parser("list", parents=[database], help="list the workshops with their ids")
    any_case = "case and spaces do not matter"
    listing.add_argument("--team", metavar="NAME", help=f"only this team's workshops ({any_case})")
    history = commands.add_parser("history", parents=[database], help="a team's history: a row per workshop and practice")
    history.add_argument("team", metavar="TEAM", help=f"the team's name, as 'list' shows it ({any_case})")
    history.add_argument("--format", "-f", choices=HISTORY_FORMATS, help="default: FILE's suffix, else csv")
    history.add_argument("-o", "--output", type=Path, metavar="FILE", help="default: standard output")
    history.add_argument("--date", type=_date, metavar="YYYY-MM-DD", help="the JSON's export date (default: today)")
    export = commands.add_parser("export", parents=[database], help="export one workshop to a file")
    export.add_argument("workshop_id", type=_workshop_id, metavar="WORKSHOP_ID", help="as shown by 'list'")
    export.add_argument("--format", "-f", choices=("pdf", "json", "csv"), default="pdf")
    export.add_argument("-o", "--output", type=Path, required=True, metavar="FILE")
    export.add_argument("--date", type=_date, metavar="YYYY-MM-DD", help="the export date printed (default: today)")
    export.add_argument(
        "--votes", action="store_true", help="JSON only: each vote of each round, not only their counts"
    )
    snapshot = commands.add_parser(
        "snapshot", parents=[database], help="a PNG of exactly what the board (or the console) shows"
    )
    snapshot.add_argument("workshop_id", type=_workshop_id, metavar="WORKSHOP_ID", help="as shown by 'list'")
    snapshot.add_argument("-o", "--output", type=Path, required=True, metavar="FILE.png")
    snapshot.add_argument("--size", default="1920x1080", metavar="WxH", help="the screen's size (default 1920x1080)")
    view = snapshot.add_mutually_exclusive_group()
    view.add_argument("--present", dest="view", action="store_const", const="present", help="the board (default)")
    view.add_argument("--console", dest="view", action="store_const", const="console", help="the window")
    view.add_argument("--history", dest="view", action="store_const", const="history", help="the team's history (Ctrl+H)")
    view.add_argument("--organisation", dest="view", action="store_const", const="organisation",
                      help="every team by practices (Ctrl+G)")
    view.add_argument("--organisation-hidden", dest="view", action="store_const", const="organisation-hidden",
                      help="the organisation with the teams' names hidden (Team A, B...)")
    view.add_argument("--organisation-board", dest="view", action="store_const", const="organisation-board",
                      help="the board while the organisation page shows: the heat map for the room")
    view.add_argument("--organisation-board-hidden", dest="view", action="store_const",
                      const="organisation-board-hidden", help="the board's heat map with the teams' names hidden")
    view.add_argument("--compare", dest="view", action="store_const", const="compare",
                      help="the workshop compared with the one before it")
    snapshot.add_argument("--focus", metavar="PRACTICE_ID", help="focused on one practice (e.g. testing)")
    snapshot.add_argument("--cell", metavar="CELL_ID", help="the focused cell, whose note shows (e.g. testing.consistent)")
    snapshot.add_argument("--round", choices=("open", "revealed"), dest="round_state",
                          help="the board with the workshop's round of votes open, or revealed")  # fmt: skip
    heatmap = commands.add_parser("heatmap", parents=[database], help="the organisation: every team by practices")
    heatmap.add_argument("--org", action="store_true", help="the whole organisation's, read fresh from its database "
                         "(its address: as for pull), else from the copy synced before, beside the --db file")
    heatmap.add_argument("--format", "-f", choices=HEATMAP_FORMATS, required=True)
    heatmap.add_argument("-o", "--output", type=Path, required=True, metavar="FILE")
    heatmap.add_argument("--hide-names", action="store_true", help="Team A, B, C... for presenting (not access control)")
    heatmap.add_argument("--since", type=_date, metavar="YYYY-MM-DD", help="only teams whose latest workshop is this day or after")
    heatmap.add_argument("--size", metavar="WxH", help="with --format png: the picture's size (default: 1920 wide, as tall as every team takes)")
    address = _Parser(add_help=False)
    address.add_argument("--url", metavar="URL", help="postgresql://ROLE@HOST/DATABASE (default: "
                         "MATURITY_WORKSHOP_ORG_URL, else the settings)")
    commands.add_parser("org-schema", parents=[address],
                        help="make or upgrade the organisation database's tables (run by its administrator)")
    commands.add_parser("publish", parents=[database, address], help="publish the workshops to the organisation database")
    commands.add_parser("pull", parents=[database, address], help="copy the organisation's workshops to this computer, "
                        "read-only, beside the workshops file (for heatmap --org and the window)")
    demo = commands.add_parser("demo", parents=[database], help="add a demo workshop (and write its sample exports)")
    demo.add_argument("--exports", type=Path, metavar="DIR", help="also write the demo's PDF, JSON and CSV here")
    return parser


def _list(database: Path, team_name: str | None) -> int:
    from .domain.workshop import WorkshopListing
    from .services.history import find_team

    service = _open_service(database, reading=True)
    try:
        team = find_team(service, team_name) if team_name is not None else None
        workshops = service.list_workshops()
    finally:
        service.close()
    if team is not None:  # a damaged workshop's team cannot be read: it stays listed, marked
        workshops = WorkshopListing([w for w in workshops if w.team_id == team.id], workshops.damaged)
    if not workshops and not workshops.damaged:
        _say(f"No workshops of {team.name} yet." if team else "No workshops yet.")
        return 0
    rows = [("ID", "DATE", "TEAM", "TITLE", "STATUS")] + [
        (str(w.id), w.held_on.isoformat(), for_terminal(w.team_name), for_terminal(w.title),
         "closed" if w.closed else "open")
        for w in workshops
    ]
    widths = [max(len(row[column]) for row in rows) for column in range(4)]
    for row in rows:
        _say("  ".join(cell.ljust(widths[i]) for i, cell in enumerate(row[:4])) + "  " + row[4])
    for damaged in workshops.damaged:  # listed, marked; and the exit status says not all is well
        _say(f"⚠ {damaged.summary}")
    return 1 if workshops.damaged else 0


def _export(database: Path, workshop_id: int, fmt: str, output: Path, exported_on: date, votes: bool) -> int:
    from .services.exports import export_workshop
    from .services.history import history_of
    from .services.voting import VotingService

    service = _open_service(database, reading=True)
    try:
        state = service.load(workshop_id)
        history = history_of(service, workshop_id) if fmt == "pdf" else None
        rounds = VotingService(service).rounds_of(workshop_id) if fmt in ("json", "pdf") else ()
        path = export_workshop(
            service.model, state, fmt, output, exported_on, history=history, rounds=rounds, votes=votes
        )
    finally:
        service.close()
    _say(f"Wrote {path}")
    return 0


def _history_format(fmt: str | None, output: Path | None) -> str:
    """The format asked for, or told by the output file's suffix; a message when they disagree or
    neither says."""
    from .domain.errors import ValidationError

    suffix = output.suffix.lower().lstrip(".") if output is not None else ""
    if suffix in HISTORY_FORMATS and fmt not in (None, suffix):
        raise ValidationError(
            f"The file {output.name} ends in .{suffix}, but --format asks for {fmt}: "
            f"name the file .{fmt}, or leave out --format."
        )
    if output is not None and suffix not in HISTORY_FORMATS and fmt is None:
        raise ValidationError(
            f"Cannot tell the format from the file name {output.name}: name it .csv or .json, "
            "or give --format csv or --format json."
        )
    return fmt or suffix or "csv"


def _history(database: Path, team_name: str, fmt: str | None, output: Path | None, exported_on: date) -> int:
    """A team's history to ``output`` (atomically, as an export), or to standard output."""
    from .services.exports import export_history, render_history
    from .services.history import team_history

    fmt = _history_format(fmt, output)
    service = _open_service(database, reading=True)
    try:
        history = team_history(service, team_name)
        if output is not None:
            path = export_history(service.model, history, fmt, output, exported_on)
        else:
            content = render_history(service.model, history, fmt, exported_on)
    finally:
        service.close()
    if output is not None:
        count = f"{len(history)} workshop{'' if len(history) == 1 else 's'}"
        _say(f"Wrote {path} ({count} of {history.team.name})")
    elif sys.stdout.isatty():  # read by a person: nothing in a name may act on the terminal
        _say(content.decode("utf-8-sig").replace("\r\n", "\n").removesuffix("\n"))
    else:  # piped or redirected: the very bytes the file holds
        _write_out(content)
    for damaged in history.left_out:  # as 'list' marks them; and the exit status says not all is well
        _say(f"⚠ left out {damaged.summary}", sys.stderr)
    return 1 if history.left_out else 0


def _write_out(content: bytes) -> None:
    """``content`` to standard output; a reader that stops early (``| head``) ends it quietly."""
    import os

    try:
        sys.stdout.flush()
        sys.stdout.buffer.write(content)
        sys.stdout.buffer.flush()
    except BrokenPipeError:
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())  # nothing more to flush at exit


def _snapshot(database: Path, args) -> int:
    """Drawn offscreen from a private copy of the database, which may be open in a window."""
    import os
    import tempfile

    os.environ["QT_QPA_PLATFORM"] = "offscreen"
    from .services.models import default_model
    from .services.opening import open_copy
    from .ui.app import create_application
    from .ui.board.picture import parse_size
    from .ui.snapshot import snapshot

    size = parse_size(args.size)
    create_application([sys.argv[0]])
    with tempfile.TemporaryDirectory(prefix="mw-snapshot-") as folder:
        service = open_copy(database, default_model(), Path(folder))
        try:
            path = snapshot(service, args.workshop_id, args.output, size, args.view or "present", args.focus, args.cell,
                            args.round_state)  # fmt: skip
        finally:
            service.close()
    _say(f"Wrote {path} ({size.width()}x{size.height()})")
    return 0


def _demo(database: Path, exports: Path | None) -> int:
    from .services.demo import create_demo_workshop, write_demo_exports

    service = _open_service(database)
    try:
        workshop = create_demo_workshop(service)
        teams = {team.id for team in service.list_teams() if team.is_demo}
        others = sum(1 for w in service.list_workshops() if w.team_id in teams and w.id != workshop.id)
        _say(
            f"Created the demo workshop {workshop.id}: {workshop.team_name} · {workshop.title}, with {others} "
            f"earlier workshops of {len(teams)} demo teams (all marked as demo data)"
        )
        if exports is not None:
            for path in write_demo_exports(service, workshop.id, exports):
                _say(f"Wrote {path}")
    finally:
        service.close()
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    if args.command == "heatmap" and args.size is not None and args.format != "png":
        parser.error("--size goes with --format png: only the picture has a size")
    if args.command == "export" and args.votes and args.format != "json":
        parser.error("--votes goes with --format json: only the JSON export carries the votes")
    if args.self_test:
        from .selftest import run_self_test

        return run_self_test()
    database = args.db.expanduser() if getattr(args, "db", None) else default_database_path()

    if args.command is None:
        from .ui.app import run

        ready_hook = None
        if args.report_startup:

            def ready_hook(window) -> None:
                print("ready", flush=True)
                window.close()

        return run(database, ready_hook=ready_hook)

    from . import cli_organisation as organisation
    from . import diagnostics
    from .domain.errors import DomainError

    diagnostics.start()  # a log file, a crash file; an error nothing caught is logged, then printed
    diagnostics.log.info("maturity-workshop %s on %s", args.command, database)
    try:
        if args.command == "list":
            return _list(database, args.team)
        if args.command == "history":
            return _history(database, args.team, args.format, args.output, args.date or date.today())
        if args.command == "export":
            return _export(database, args.workshop_id, args.format, args.output, args.date or date.today(), args.votes)
        if args.command == "snapshot":
            return _snapshot(database, args)
        if args.command == "heatmap":
            return organisation.heatmap(database, args)
        if args.command == "pull":
            return organisation.pull(database, args.url)
        if args.command == "demo":
            return _demo(database, args.exports)
        if args.command == "org-schema":
            return organisation.org_schema(args.url)
        if args.command == "publish":
            return organisation.publish(database, args.url)
    except DomainError as error:
        diagnostics.log.warning("maturity-workshop %s failed: %s", args.command, error)
        return _fail(str(error))
    return _fail(f"unknown command {args.command}")


if __name__ == "__main__":
    sys.exit(main())
