"""The command line run in the test's own process: its exit status and what it printed."""

from __future__ import annotations

from maturity_workshop import cli


def run_main(capsys, *args: str) -> tuple[int, str, str]:
    """``maturity-workshop ARGS...``: (exit status, standard output, standard error)."""
    status = cli.main(list(args))
    out, err = capsys.readouterr()
    return status, out, err
