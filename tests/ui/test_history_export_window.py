"""File ▸ Export team history…: the open workshop's team, every workshop of it, a row per workshop
and practice, CSV or JSON by the file's suffix; written by the export's worker, with progress and
Cancel."""

from __future__ import annotations

import csv
import io
import json
import threading

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QWidget

from maturity_workshop.services import exports
from tests.conditions import written_by_another_program
from tests.history_fixture import TEAM, make_history

CSV = "CSV, a row per workshop and practice (*.csv)"
JSON = "JSON, the team's history (*.json)"


@pytest.fixture
def out(tmp_path):
    folder = tmp_path / "out"
    folder.mkdir()
    return folder


@pytest.fixture
def made(service, window):
    return make_history(service)  # the window shows "Spring review" (2026-03-12) of the same team


def exported(window) -> bool:
    return "Exported to" in window.statusBar().currentMessage()


def titles(content: bytes) -> list[str]:
    rows = list(csv.DictReader(io.StringIO(content.decode("utf-8-sig"), newline="")))
    return list(dict.fromkeys(row["title"] for row in rows))


def test_the_team_history_is_written_and_reads_back(qtbot, window, made, out, prompts, model):
    file_menu = window.menuBar().actions()[0].menu()
    assert window.commands.export_history in file_menu.actions() and window.commands.export_history.isEnabled()
    prompts.file_next(str(out / "history.csv"), CSV)
    window.commands.export_history.trigger()
    assert prompts.save_file_started_at.endswith(f"{TEAM} - team history.csv")
    assert prompts.save_file_filters == [CSV, JSON]
    qtbot.waitUntil(lambda: exported(window))
    content = (out / "history.csv").read_bytes()
    assert content.startswith(b"\xef\xbb\xbfteam,workshop_id,held_on,")
    assert titles(content) == ["first", "second", "third", "fourth", "Spring review"]
    assert len(content.decode("utf-8-sig").splitlines()) == 1 + 5 * len(model.practices)
    assert [p.name for p in out.iterdir()] == ["history.csv"]


def test_the_files_suffix_decides_the_format_else_the_chosen_filter(qtbot, window, made, out, prompts):
    prompts.file_next(str(out / "history.json"), CSV)
    window.commands.export_history.trigger()
    qtbot.waitUntil(lambda: exported(window))
    data = json.loads((out / "history.json").read_text(encoding="utf-8"))
    assert data["team"]["name"] == TEAM and len({row["workshop_id"] for row in data["rows"]}) == 5
    qtbot.waitUntil(lambda: window.workshops.export_job is None)
    prompts.file_next(str(out / "named"), JSON)
    window.commands.export_history.trigger()
    qtbot.waitUntil(lambda: (out / "named.json").exists())
    assert json.loads((out / "named.json").read_text(encoding="utf-8"))["format"] == "maturity-workshop/team-history"


def test_a_workshop_that_cannot_be_read_is_left_out_and_said(qtbot, window, made, out, prompts, db_path):
    third = made.workshops["third"].id
    written_by_another_program(db_path, f"UPDATE workshop SET held_on = 'not a date' WHERE id = {third}")
    prompts.file_next(str(out / "history.csv"), CSV)
    window.commands.export_history.trigger()
    assert prompts.warnings == [
        f"Left out of the history, as they cannot be read: workshop {third}: its date 'not a date' cannot be read."
    ]
    qtbot.waitUntil(lambda: exported(window))
    assert titles((out / "history.csv").read_bytes()) == ["first", "second", "fourth", "Spring review"]


def test_cancel_in_the_status_bar_leaves_the_old_file(qtbot, window, made, out, prompts, monkeypatch):
    started, release, real = threading.Event(), threading.Event(), exports.render_history

    def held(*args):  # on the export's worker: held until the test lets it go (at most 5 s)
        started.set()
        release.wait(5)
        return real(*args)

    monkeypatch.setattr(exports, "render_history", held)
    (out / "history.csv").write_bytes(b"last week's history")
    prompts.file_next(str(out / "history.csv"), CSV)
    window.commands.export_history.trigger()
    qtbot.waitUntil(started.is_set)
    progress = window.statusBar().findChild(QWidget, "exportProgress")
    assert progress is not None and progress.isVisible()
    qtbot.mouseClick(progress.cancel_button, Qt.MouseButton.LeftButton)
    release.set()
    qtbot.waitUntil(lambda: "cancelled" in window.statusBar().currentMessage())
    assert (out / "history.csv").read_bytes() == b"last week's history"
    assert [p.name for p in out.iterdir()] == ["history.csv"] and window.workshops.export_job is None


def test_the_suggested_name_is_safe_and_short_enough_for_any_team():
    from maturity_workshop.ui.workshops.exporting import NAME_BYTES, history_name

    long = history_name("Équipe/plateforme: " * 20)
    assert long.endswith("… - team history") and len(long.encode("utf-8")) <= NAME_BYTES
    assert "/" not in long and ":" not in long
    assert history_name("...") == "team history"
