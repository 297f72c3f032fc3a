"""The agenda in the exports: the JSON holds each practice's planned minutes and seconds spent, and
the PDF says "planned 15 min, spent 17 min" in the practice's own section."""

from __future__ import annotations

import io
import json

from pypdf import PdfReader

from maturity_workshop.domain import PracticeTime
from maturity_workshop.export import render_action_plan
from maturity_workshop.export.data import render_json

from . import plans
from .plans import EXPORTED_ON


def _with_times(model):
    state = plans.realistic(model)
    state.times = {
        "testing": PracticeTime("testing", 15, 17 * 60 + 10),
        "build-ci": PracticeTime("build-ci", 20, 0),
        "data-management": PracticeTime("data-management", 0, 95),
        "gone-practice": PracticeTime("gone-practice", 5, 60),  # not in this model: kept
    }
    return state


def test_the_json_holds_the_agenda_in_practice_order(model):
    data = json.loads(render_json(model, _with_times(model), EXPORTED_ON))
    assert data["agenda"] == [
        {"practice_id": "build-ci", "planned_minutes": 20, "spent_seconds": 0},
        {"practice_id": "testing", "planned_minutes": 15, "spent_seconds": 1030},
        {"practice_id": "data-management", "planned_minutes": 0, "spent_seconds": 95},
        {"practice_id": "gone-practice", "planned_minutes": 5, "spent_seconds": 60},
    ]
    assert json.loads(render_json(model, plans.empty(model), EXPORTED_ON))["agenda"] == []


def _sections(model, state) -> dict[str, str]:
    """Each practice's section of the PDF's "Practice by practice" pages, white space removed."""
    reader = PdfReader(io.BytesIO(render_action_plan(model, state, EXPORTED_ON)))
    text = "".join("".join(page.extract_text().split()) for page in reader.pages)
    text = text[text.index("Practicebypractice"):]
    names = ["".join(p.name.split()) for p in model.practices]
    starts = [text.index(name) for name in names]
    return {p.id: text[start:end] for p, start, end in zip(model.practices, starts, [*starts[1:], len(text)])}


def test_the_pdf_says_the_time_planned_and_spent_in_each_practices_section(model):
    sections = _sections(model, _with_times(model))
    assert "Time:planned15min,spent17min" in sections["testing"]
    assert "Time:planned20min,spent0min" in sections["build-ci"]
    assert "Time:notimeplanned,spent2min" in sections["data-management"]
    assert "Time:" not in sections["release-compliance"], "no line for a practice with no time"


def test_a_workshop_without_an_agenda_prints_no_time(model):
    assert not any("Time:" in section for section in _sections(model, plans.realistic(model)).values())
