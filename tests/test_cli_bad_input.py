"""The command line on bad rows, bad ids and hostile text: a message naming the problem (and the
workshop), a non-zero exit, never a traceback; ``list`` lists the good workshops and marks the bad
one; nothing printed carries a raw control character or bidi control to the terminal."""

from __future__ import annotations

import os
import subprocess
import sys
from datetime import date

import pytest

from maturity_workshop import cli
from maturity_workshop.domain import ActionDraft, WorkshopDraft

from .cli_runs import run_main as _main
from .conditions import written_by_another_program

ACTING = ["\x1b", "\x07", "\x9b", "\x00", "\u202e", "\u2066", "\u2069"]  # none may reach a terminal


@pytest.fixture
def database(service, db_path):
    """Three workshops, ids 1 to 3, each with an action; closed, so that the command line opens it."""
    for day, title in ((1, "First"), (2, "Middle"), (3, "Last")):
        workshop = service.start_workshop(WorkshopDraft("Platform team", title, date(2026, 3, day)), False)
        service.add_action(workshop.id, ActionDraft("testing", f"Action of {title}"))
    service.close()
    return db_path


def test_an_id_beyond_sqlites_integers_gets_a_message_not_a_traceback(database, tmp_path):
    result = subprocess.run(
        [sys.executable, "-m", "maturity_workshop", "export", "99999999999999999999", "--db", str(database),
         "-f", "csv", "-o", str(tmp_path / "plan.csv")],
        capture_output=True, text=True, timeout=120, env=dict(os.environ, QT_QPA_PLATFORM="offscreen"),
    )
    assert result.returncode == 2
    assert "'99999999999999999999' is not a workshop's id" in result.stderr
    assert "from 1 to 9223372036854775807" in result.stderr
    assert "Traceback" not in result.stderr + result.stdout
    assert not (tmp_path / "plan.csv").exists()


@pytest.mark.parametrize("typed", ["0", "-5", "9223372036854775808", "one", "1.5"])
def test_an_id_that_cannot_be_a_workshops_is_refused(database, tmp_path, capsys, typed):
    with pytest.raises(SystemExit) as exited:
        cli.main(["export", "--db", str(database), "-o", str(tmp_path / "x.csv"), "--", typed])
    assert exited.value.code == 2
    assert f"'{typed}' is not a workshop's id" in capsys.readouterr().err


def test_list_lists_the_good_rows_and_marks_the_bad_one(database, capsys):
    written_by_another_program(database, "UPDATE workshop SET held_on = 'not a date' WHERE id = 2")
    status, out, err = _main(capsys, "list", "--db", str(database))
    assert status == 1
    lines = out.splitlines()
    assert [line.split()[0] for line in lines[1:3]] == ["3", "1"]
    assert lines[3] == "⚠ workshop 2: its date 'not a date' cannot be read"
    assert "Traceback" not in out + err


@pytest.mark.parametrize(
    ("damage", "problem"),
    [
        ("UPDATE workshop SET held_on = 'not a date' WHERE id = 2", "its date 'not a date' cannot be read"),
        ("UPDATE action SET status = 'weird' WHERE workshop_id = 2", "its action 2's status 'weird' is not one"),
        ("UPDATE action SET priority = 'urgent' WHERE workshop_id = 2", "its action 2's priority 'urgent' is not one"),
    ],
    ids=["date", "status", "priority"],
)
def test_exporting_a_damaged_workshop_says_which_and_why(database, tmp_path, capsys, damage, problem):
    written_by_another_program(database, damage)
    out_file = tmp_path / "plan.json"
    status, out, err = _main(capsys, "export", "2", "--db", str(database), "-f", "json", "-o", str(out_file))
    assert status == 1 and not out_file.exists()
    assert err.startswith(f"maturity-workshop: Workshop 2 cannot be opened, because {problem}")
    listed = _main(capsys, "list", "--db", str(database))
    assert listed[0] == 1 and f"⚠ workshop 2: {problem}" in listed[1]
    assert _main(capsys, "export", "3", "--db", str(database), "-f", "json", "-o", str(out_file))[0] == 0


def test_an_emptied_schema_record_and_a_missing_column_get_messages(database, capsys):
    written_by_another_program(database, "ALTER TABLE workshop DROP COLUMN facilitator")
    status, out, err = _main(capsys, "list", "--db", str(database))
    assert status == 1 and "no such column: w.facilitator" in err and "tables are not the ones" in err
    written_by_another_program(database, "DELETE FROM alembic_version")
    status, out, err = _main(capsys, "list", "--db", str(database))
    assert status == 1 and "records no schema version (its alembic_version table is empty)" in err


def test_list_escapes_control_characters_and_bidi_controls(database, capsys):
    name = "Evil\x1b[2J\x07 team \x9b31m \u202eabc\u2066x\u2069\x00"
    written_by_another_program(database, ("UPDATE team SET name = ?", (name,)), ("UPDATE workshop SET title = ?", (name,)))
    status, out, err = _main(capsys, "list", "--db", str(database))
    assert status == 0, err
    assert not [char for char in ACTING if char in out + err]
    assert "Evil\\x1b[2J\\x07 team \\x9b31m \\u202eabc\\u2066x\\u2069\\x00" in out


def test_what_the_command_line_prints_of_a_path_or_an_argument_is_escaped(database, tmp_path, capsys):
    # A file name that is not UTF-8 reaches Python as lone surrogates; printing one raw would crash.
    folder = tmp_path / "out\x1b[31m"
    folder.mkdir()
    target = os.fsdecode(bytes(folder) + b"/plan\xff.csv")
    status, out, err = _main(capsys, "export", "1", "--db", str(database), "-f", "csv", "-o", target)
    assert status == 0, err
    assert out.endswith("out\\x1b[31m/plan\\udcff.csv\n") and os.path.exists(target)
    with pytest.raises(SystemExit):
        cli.main(["export", "1", "--db", str(database), "-o", "x", "--date", "\x1b]0;title\x07\u202e"])
    err = capsys.readouterr().err
    assert "'\\x1b]0;title\\x07\\u202e' is not a date" in err
    assert not [char for char in ACTING if char in err]
