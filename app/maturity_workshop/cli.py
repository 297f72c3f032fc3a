"""The command line: ``maturity-workshop [--db PATH]`` opens the window."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from . import APP_NAME, __version__
from .locations import default_database_path


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="maturity-workshop", description=f"{APP_NAME}: run maturity workshops.")
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    parser.add_argument(
        "--db",
        type=Path,
        metavar="PATH",
        help=f"the workshop database to open (default: {default_database_path()})",
    )
    parser.add_argument(
        "--report-startup",
        action="store_true",
        help=argparse.SUPPRESS,  # benchmarks: print 'ready' once the window is shown, then quit
    )
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    database = args.db.expanduser() if args.db else default_database_path()

    from .ui.app import run

    ready_hook = None
    if args.report_startup:

        def ready_hook(window) -> None:
            print("ready", flush=True)
            window.close()

    return run(database, ready_hook=ready_hook)


if __name__ == "__main__":
    sys.exit(main())
