"""JSON and CSV exports: the whole workshop, deterministic, safe in a spreadsheet."""

from __future__ import annotations

import csv
import io
import json
from dataclasses import replace
from datetime import date

from maturity_workshop.domain import ActionDraft, ActionPriority, ActionStatus, Rating
from maturity_workshop.export.data import CSV_COLUMNS, render_csv, render_json

EXPORTED_ON = date(2026, 3, 13)


def _rated(service, workshop):
    service.save_rating(workshop.id, Rating("testing", 1, 2))
    service.save_rating(workshop.id, Rating("data-management", -1, None))
    service.save_note(workshop.id, "testing.consistent", "=HYPERLINK(\"x\") & <b>bold</b> — ünïcödé")
    service.add_action(
        workshop.id,
        ActionDraft("testing", "Add contract tests", "Ada", date(2026, 5, 1), ActionStatus.IN_PROGRESS,
                    ActionPriority.HIGH, "testing.quantitatively-managed"),
    )
    service.add_action(workshop.id, ActionDraft("testing", "Retire the manual regression pass", status=ActionStatus.DONE))
    return service.load(workshop.id)


def test_json_holds_the_whole_workshop(service, workshop, model):
    data = json.loads(render_json(model, _rated(service, workshop), EXPORTED_ON))
    assert data["model"] == {"id": "cd-maturity", "version": "1.0", "name": model.name}
    assert data["exported_on"] == "2026-03-13"
    assert data["workshop"]["team"] == "Platform team"
    assert data["workshop"]["held_on"] == "2026-03-12"
    ratings = {r["practice_id"]: r for r in data["ratings"]}
    assert len(ratings) == 6
    assert (ratings["testing"]["current_level"], ratings["testing"]["target_level"]) == (1, 2)
    assert ratings["testing"]["target_level_name"] == "Quantitatively managed"
    assert ratings["build-ci"]["current_level"] is None
    assert data["notes"] == [
        {"cell_id": "testing.consistent", "practice_id": "testing", "level": 1,
         "text": "=HYPERLINK(\"x\") & <b>bold</b> — ünïcödé"}
    ]
    titles = [(a["title"], a["status"], a["priority"], a["due_on"]) for a in data["actions"]]
    assert titles == [
        ("Add contract tests", "in_progress", "high", "2026-05-01"),
        ("Retire the manual regression pass", "done", "medium", None),
    ]


def test_json_is_deterministic_and_utf8(service, workshop, model):
    state = _rated(service, workshop)
    first = render_json(model, state, EXPORTED_ON)
    assert first == render_json(model, service.load(workshop.id), EXPORTED_ON)
    assert "ünïcödé".encode() in first


def test_csv_has_one_row_per_practice_and_quotes_formulas(service, workshop, model):
    content = render_csv(model, _rated(service, workshop), EXPORTED_ON)
    assert content.startswith(b"\xef\xbb\xbf")  # spreadsheets read UTF-8 right with the mark
    rows = list(csv.DictReader(io.StringIO(content.decode("utf-8-sig"))))
    assert tuple(rows[0].keys()) == CSV_COLUMNS
    assert [r["practice_id"] for r in rows] == [p.id for p in model.practices]
    testing = next(r for r in rows if r["practice_id"] == "testing")
    assert (testing["current_level"], testing["target_level"], testing["levels_to_go"]) == ("1", "2", "1")
    assert testing["open_actions"] == "1"
    assert "Add contract tests (In progress)" in testing["actions"]
    assert testing["notes"].startswith("Consistent (1): =HYPERLINK")
    data = next(r for r in rows if r["practice_id"] == "data-management")
    assert data["current_level"] == "-1" and data["target_level"] == ""


def test_a_cell_that_starts_like_a_formula_is_quoted(service, workshop, model):
    service.add_action(workshop.id, ActionDraft("build-ci", "=cmd|' /C calc'!A0"))
    rows = list(csv.DictReader(io.StringIO(render_csv(model, service.load(workshop.id), EXPORTED_ON).decode("utf-8-sig"))))
    assert rows[0]["actions"].startswith("'=cmd")


def test_an_empty_workshop_exports(service, workshop, model):
    state = service.load(workshop.id)
    data = json.loads(render_json(model, state, EXPORTED_ON))
    assert data["notes"] == [] and data["actions"] == []
    assert all(r["current_level"] is None for r in data["ratings"])
    rows = list(csv.reader(io.StringIO(render_csv(model, state, EXPORTED_ON).decode("utf-8-sig"))))
    assert len(rows) == 7


def test_every_text_column_is_guarded_against_formulas_and_numbers_stay_numbers(service, workshop, model):
    practices = tuple(replace(p, name="=HYPERLINK(1)") if p.id == "testing" else p for p in model.practices)
    levels = tuple(replace(level, name="-Regressive") if level.value == -1 else level for level in model.levels)
    hostile = replace(model, practices=practices, levels=levels)  # a model file edited to attack
    service.save_rating(workshop.id, Rating("testing", -1, 1))
    service.save_note(workshop.id, model.cell("testing", -1).id, "@note")
    service.add_action(workshop.id, ActionDraft("testing", "+1 more"))
    content = render_csv(hostile, service.load(workshop.id), EXPORTED_ON).decode("utf-8-sig")
    rows = list(csv.DictReader(io.StringIO(content)))
    testing = next(r for r in rows if r["practice_id"] == "testing")
    assert testing["practice"] == "'=HYPERLINK(1)"
    assert testing["current_level_name"] == "'-Regressive"
    assert testing["notes"] == "'-Regressive (-1): @note"
    assert testing["actions"] == "'+1 more (Open)"
    assert (testing["current_level"], testing["target_level"], testing["levels_to_go"]) == ("-1", "1", "2")
    assert not [r["practice"] for r in rows if r["practice"].startswith("'") and r is not testing]


def test_csv_replaces_control_characters_and_json_keeps_them_escaped(service, workshop, model):
    text = "a\x1b[2Jb\x07c\td\ne\rf\x00g\x7f\x9b"
    service.save_note(workshop.id, "testing.consistent", text)
    service.add_action(workshop.id, ActionDraft("testing", "Ring\x07 the bell"))
    state = service.load(workshop.id)
    rows = list(csv.DictReader(io.StringIO(render_csv(model, state, EXPORTED_ON).decode("utf-8-sig"), newline="")))
    testing = next(r for r in rows if r["practice_id"] == "testing")
    assert testing["notes"] == "Consistent (1): a\ufffd[2Jb\ufffdc\td\ne\ufffdf\ufffdg\x7f\x9b"  # C0 but tab, newline
    assert testing["actions"] == "Ring\ufffd the bell (Open)"
    raw = render_json(model, state, EXPORTED_ON)
    assert b"\x1b" not in raw and b"\x07" not in raw and b"\\u001b[2Jb\\u0007c\\td\\ne\\rf\\u0000g" in raw
    data = json.loads(raw)
    assert data["notes"][0]["text"] == text and data["actions"][0]["title"] == "Ring\x07 the bell"
