"""``maturity-workshop history TEAM`` and ``list --team``: a team's history read back as a
spreadsheet (the csv module) or a BI tool (json) reads it; bad input a message and exit 1, with
nothing written."""

from __future__ import annotations

import csv
import io
import json
import os
import subprocess
import sys
from datetime import date

import pytest

from maturity_workshop import cli
from maturity_workshop.domain import WorkshopDraft
from maturity_workshop.domain.history import HISTORY_COLUMNS
from tests.history_fixture import TEAM, make_history

from .cli_runs import run_main as _main
from .conditions import written_by_another_program

WRITTEN = " platform  TEAM "  # the team's name as nobody spells it


@pytest.fixture
def made(service):
    return make_history(service)


@pytest.fixture
def database(service, db_path, made):
    """The fixture history, and a team whose name and title a spreadsheet would run; closed."""
    service.start_workshop(WorkshopDraft("=HYPERLINK(\"http://x\")", "@once", date(2025, 2, 1)), False)
    service.close()
    return db_path


@pytest.fixture
def out(tmp_path):
    folder = tmp_path / "out"
    folder.mkdir()
    return folder


def _run(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "maturity_workshop", *args],
        capture_output=True, timeout=120, env=dict(os.environ, QT_QPA_PLATFORM="offscreen"),
    )


def _csv_rows(content: bytes) -> list[dict[str, str]]:
    assert content.startswith(b"\xef\xbb\xbf"), "UTF-8 with a byte-order mark"
    return list(csv.DictReader(io.StringIO(content.decode("utf-8-sig"), newline="")))


def test_history_writes_the_csv_a_spreadsheet_reads(database, out, capsys, model):
    status, said, errors = _main(capsys, "history", WRITTEN, "-o", str(out / "history.csv"), "--db", str(database))
    assert status == 0, errors
    assert f"Wrote {out / 'history.csv'} (4 workshops of {TEAM})" in said
    rows = _csv_rows((out / "history.csv").read_bytes())
    assert list(rows[0]) == list(HISTORY_COLUMNS) and len(rows) == 4 * len(model.practices)
    assert {r["team"] for r in rows} == {TEAM}
    assert [r["title"] for r in rows[:: len(model.practices)]] == ["first", "second", "third", "fourth"]
    build = [r["current"] for r in rows if r["practice_id"] == "build-ci"]
    assert build == ["0", "1", "2", "1"] and [r["change"] for r in rows if r["practice_id"] == "build-ci"] == [
        "", "1", "1", "-1"
    ]
    assert list(out.iterdir()) == [out / "history.csv"], "no temporary file left"


def test_text_that_would_run_in_a_spreadsheet_is_quoted(database, out, capsys):
    status, _, errors = _main(capsys, "history", "=hyperlink(\"http://x\")", "-o", str(out / "h.csv"), "--db", str(database))
    assert status == 0, errors
    [row, *_] = _csv_rows((out / "h.csv").read_bytes())
    assert (row["team"], row["title"]) == ("'=HYPERLINK(\"http://x\")", "'@once")


def test_history_writes_json_with_levels_as_numbers_or_null(database, out, capsys, model):
    status, _, errors = _main(capsys, "history", TEAM, "-o", str(out / "h.JSON"), "--date", "2026-04-01",
                              "--db", str(database))  # fmt: skip
    assert status == 0, errors
    data = json.loads((out / "h.JSON").read_text(encoding="utf-8"))
    assert data["team"]["name"] == TEAM and data["exported_on"] == "2026-04-01"
    assert (data["model"]["id"], data["model"]["version"]) == (model.id, model.version)
    rows = {(r["title"], r["practice_id"]): r for r in data["rows"]}
    assert rows["first", "data-management"]["current"] == -1 and rows["second", "data-management"]["current"] is None


def test_without_a_file_the_history_goes_to_standard_output_as_the_file_would_hold_it(database, out):
    to_file = _run("history", TEAM, "-o", str(out / "h.csv"), "--db", str(database))
    assert to_file.returncode == 0, to_file.stderr
    piped = _run("history", TEAM, "--db", str(database))
    assert piped.returncode == 0, piped.stderr
    assert piped.stdout == (out / "h.csv").read_bytes() and len(_csv_rows(piped.stdout)) == 24
    as_json = _run("history", TEAM, "--format", "json", "--db", str(database))
    assert len(json.loads(as_json.stdout)["rows"]) == 24


def test_a_reader_that_stops_early_ends_it_without_a_traceback(database, monkeypatch):
    reader, writer = os.pipe()
    os.close(reader)  # as "| head" does once it has read enough
    with open(writer, "w", encoding="utf-8") as stream:
        monkeypatch.setattr(sys, "stdout", stream)
        assert cli.main(["history", TEAM, "--db", str(database)]) == 0
        stream.write("what is flushed at exit goes nowhere")
        stream.flush()


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--format", "json", "-o", "h.csv"], "The file h.csv ends in .csv, but --format asks for json"),
        (["-o", "h.txt"], "Cannot tell the format from the file name h.txt: name it .csv or .json"),
        (["-o", "history"], "Cannot tell the format from the file name history"),
    ],
)
def test_a_format_and_a_file_name_that_disagree_or_say_nothing_get_a_message(database, out, capsys, args, message):
    args = [str(out / a) if a.startswith("h") else a for a in args]
    status, said, errors = _main(capsys, "history", TEAM, *args, "--db", str(database))
    assert status == 1 and message in errors and "Traceback" not in errors
    assert list(out.iterdir()) == []


def test_a_format_given_writes_a_file_of_any_name(database, out, capsys):
    status, _, errors = _main(capsys, "history", TEAM, "-f", "csv", "-o", str(out / "h.txt"), "--db", str(database))
    assert status == 0, errors
    assert len(_csv_rows((out / "h.txt").read_bytes())) == 24


def test_an_unknown_team_gets_a_message_naming_the_teams_and_exit_1(database, out, capsys):
    status, said, errors = _main(capsys, "history", "Nobody", "-o", str(out / "h.csv"), "--db", str(database))
    assert status == 1 and said == ""
    assert 'There is no team called "Nobody"' in errors and "Other team" in errors and TEAM in errors
    assert list(out.iterdir()) == []


def test_a_missing_database_gets_lists_message_and_none_is_made(tmp_path, capsys):
    missing = tmp_path / "none.sqlite3"
    _, _, listed = _main(capsys, "list", "--db", str(missing))
    status, _, errors = _main(capsys, "history", TEAM, "--db", str(missing))
    assert status == 1 and "There is no workshop database at" in errors and errors == listed
    assert not missing.exists()


def test_a_workshop_that_cannot_be_read_is_left_out_and_said(database, made, out, capsys):
    third = made.workshops["third"].id
    written_by_another_program(database, f"UPDATE workshop SET held_on = 'not a date' WHERE id = {third}")
    status, _, errors = _main(capsys, "history", TEAM, "-o", str(out / "h.csv"), "--db", str(database))
    assert status == 1
    assert f"⚠ left out workshop {third}: its date 'not a date' cannot be read" in errors
    assert [r["title"] for r in _csv_rows((out / "h.csv").read_bytes())][::6] == ["first", "second", "fourth"]


def test_list_team_lists_only_that_teams_workshops(database, capsys):
    status, said, errors = _main(capsys, "list", "--team", WRITTEN, "--db", str(database))
    assert status == 0, errors
    lines = said.splitlines()
    assert lines[0].split() == ["ID", "DATE", "TEAM", "TITLE", "STATUS"]
    assert [line.split()[4] for line in lines[1:]] == ["fourth", "third", "second", "first"]
    assert "Other team" not in said and "HYPERLINK" not in said


def test_list_of_an_unknown_team_or_one_with_no_workshops_left(database, made, capsys):
    status, said, errors = _main(capsys, "list", "--team", "Nobody", "--db", str(database))
    assert status == 1 and said == "" and 'There is no team called "Nobody"' in errors and "Other team" in errors
    from maturity_workshop.services import WorkshopService
    from maturity_workshop.services.models import default_model

    service = WorkshopService.open(database, default_model())
    service.delete_workshop(made.other_team.id)
    service.close()
    status, said, _ = _main(capsys, "list", "--team", "other TEAM", "--db", str(database))
    assert status == 0 and said == "No workshops of Other team yet.\n"


def test_on_a_terminal_nothing_in_a_name_acts_on_it(service, db_path, capsys, monkeypatch):
    service.start_workshop(WorkshopDraft("Bell\x07 team", "\x1b[2Jcleared \u202eevil", date(2025, 1, 1)), False)
    service.close()
    monkeypatch.setattr(sys.stdout, "isatty", lambda: True)
    status, said, errors = _main(capsys, "history", "Bell\x07 team", "--db", str(db_path))
    assert status == 0, errors
    assert said.splitlines()[0] == ",".join(HISTORY_COLUMNS), "no byte-order mark, no CR on a terminal"
    assert "\x1b" not in said and "\x07" not in said and "\u202e" not in said
    assert "\ufffd[2Jcleared \\u202eevil" in said.splitlines()[1]  # the CSV's guard, then the terminal's
