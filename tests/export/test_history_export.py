"""A team's history as CSV and JSON: a row per workshop and practice, read back as a spreadsheet
or a BI tool reads it; text guarded against formulas; written as a workshop's export is."""

from __future__ import annotations

import csv
import io
import json
from datetime import date

import pytest

from maturity_workshop.domain import WorkshopDraft
from maturity_workshop.domain.history import HISTORY_COLUMNS
from maturity_workshop.export.data import render_history_csv, render_history_json
from maturity_workshop.services import exports
from maturity_workshop.services import history as histories
from tests.history_fixture import TEAM, make_history, vote_history

EXPORTED_ON = date(2026, 3, 13)


@pytest.fixture
def history(service):
    make_history(service)
    return histories.team_history(service, TEAM)


@pytest.fixture
def out(tmp_path):
    folder = tmp_path / "out"  # the database and its backups are in tmp_path
    folder.mkdir()
    return folder


def read_csv(content: bytes) -> list[dict[str, str]]:
    assert content.startswith(b"\xef\xbb\xbf"), "UTF-8 with a byte-order mark, as the workshop's CSV"
    return list(csv.DictReader(io.StringIO(content.decode("utf-8-sig"), newline="")))


def test_the_csv_has_a_row_per_workshop_and_practice_in_the_order_held(model, history):
    rows = read_csv(render_history_csv(model, history, EXPORTED_ON))
    assert len(rows) == 4 * len(model.practices)
    assert tuple(rows[0]) == HISTORY_COLUMNS
    assert [r["title"] for r in rows[:: len(model.practices)]] == ["first", "second", "third", "fourth"]
    by = {(r["title"], r["practice_id"]): r for r in rows}
    first = by["first", "build-ci"]
    assert (first["team"], first["held_on"]) == (TEAM, "2025-01-10")
    assert first["practice"] == model.practice("build-ci").name
    assert (first["current"], first["target"], first["change"]) == ("0", "1", "")  # the first has no change
    assert by["first", "data-management"]["current"] == "-1"  # a number, as a spreadsheet reads it
    assert by["second", "build-ci"]["change"] == "1"
    assert by["fourth", "build-ci"]["change"] == "-1"  # went down
    gap = by["second", "data-management"]  # not rated: empty cells
    assert (gap["current"], gap["target"], gap["change"]) == ("", "", "")
    assert (by["second", "build-ci"]["open_actions"], by["second", "build-ci"]["done_actions"]) == ("0", "1")
    assert (by["fourth", "testing"]["open_actions"], by["fourth", "testing"]["minutes_spent"]) == ("1", "")


def test_the_json_holds_the_team_the_model_and_the_rows_with_levels_as_numbers(model, history):
    data = json.loads(render_history_json(model, history, EXPORTED_ON))
    assert data["format"] == "maturity-workshop/team-history" and data["exported_on"] == "2026-03-13"
    assert data["team"] == {"id": history.team.id, "name": TEAM}
    assert data["model"]["id"] == model.id and data["model"]["version"] == model.version
    assert data["columns"] == list(HISTORY_COLUMNS)
    rows = {(r["title"], r["practice_id"]): r for r in data["rows"]}
    assert rows["first", "data-management"]["current"] == -1
    assert rows["second", "data-management"]["current"] is None and rows["fourth", "build-ci"]["change"] == -1


def test_text_that_a_spreadsheet_would_run_is_quoted_and_controls_replaced(service, model):
    for name in ("=HYPERLINK(\"http://x\")", "+team", "@team"):
        service.start_workshop(WorkshopDraft(name, "-1 title\x07", date(2026, 1, 1)), False)
        history = histories.team_history(service, name)
        [row, *_] = read_csv(render_history_csv(model, history, EXPORTED_ON))
        assert row["team"] == "'" + name
        assert row["title"] == "'-1 title\ufffd"
        assert json.loads(render_history_json(model, history, EXPORTED_ON))["rows"][0]["team"] == name


def test_a_team_with_no_workshops_left_is_a_header_alone(service, model):
    workshop = service.start_workshop(WorkshopDraft("Quiet team", "gone", date(2026, 1, 1)), False)
    service.delete_workshop(workshop.id)
    history = histories.team_history(service, "Quiet team")
    content = render_history_csv(model, history, EXPORTED_ON)
    assert content.decode("utf-8-sig") == ",".join(HISTORY_COLUMNS) + "\r\n"
    assert json.loads(render_history_json(model, history, EXPORTED_ON))["rows"] == []


@pytest.mark.parametrize("fmt", ["csv", "json"])
def test_export_history_writes_atomically_and_reports_its_steps(model, history, out, fmt):
    target = out / f"history.{fmt}"
    target.write_bytes(b"old")
    steps = []
    heard = lambda *step: steps.append(step)  # noqa: E731
    written = exports.export_history(model, history, fmt, target, EXPORTED_ON, progress=heard)
    assert written == target
    assert target.read_bytes() == exports.render_history(model, history, fmt, EXPORTED_ON)
    assert steps[-1] == (1, 1)
    assert sorted(p.name for p in out.iterdir()) == [f"history.{fmt}"]  # no temporary left


def test_a_bad_target_or_format_is_refused_before_anything_is_written(model, history, out):
    with pytest.raises(exports.ExportError, match="does not exist"):
        exports.export_history(model, history, "csv", out / "no" / "h.csv", EXPORTED_ON)
    with pytest.raises(exports.ExportError, match="folder"):
        exports.export_history(model, history, "csv", out, EXPORTED_ON)
    with pytest.raises(exports.ExportError, match='Unknown history format "pdf"'):
        exports.export_history(model, history, "pdf", out / "h.pdf", EXPORTED_ON)
    assert list(out.iterdir()) == []


def test_a_cancelled_history_export_leaves_the_old_file_as_it_was(model, history, out):
    target = out / "history.csv"
    target.write_bytes(b"old")
    with pytest.raises(exports.ExportCancelled):
        exports.export_history(model, history, "csv", target, EXPORTED_ON, cancelled=lambda: True)
    assert target.read_bytes() == b"old" and sorted(p.name for p in out.iterdir()) == ["history.csv"]


def test_the_csv_and_json_carry_the_rooms_vote_empty_where_none_stands(model, service):
    vote_history(service, make_history(service))
    history = histories.team_history(service, TEAM)
    rows = {(r["title"], r["practice_id"]): r for r in read_csv(render_history_csv(model, history, EXPORTED_ON))}
    columns = ("votes", "vote_median", "vote_spread")
    assert [rows["second", "testing"][c] for c in columns] == ["4", "0", "2"]
    assert [rows["fourth", "testing"][c] for c in columns] == ["3", "1", "0"]  # the round that stands
    assert [rows["first", "testing"][c] for c in columns] == ["", "", ""]
    assert [rows["second", "build-ci"][c] for c in columns] == ["", "", ""]  # cancelled
    data = json.loads(render_history_json(model, history, EXPORTED_ON))
    assert list(columns) == data["columns"][-3:]
    by = {(r["title"], r["practice_id"]): r for r in data["rows"]}
    assert [by["fourth", "build-ci"][c] for c in columns] == [2, 0, 3]
    assert [by["fourth", "data-management"][c] for c in columns] == [None, None, None]  # still open
