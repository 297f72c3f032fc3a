"""The action plan's "Progress" section, read back with pypdf, from a fixture history
(tests/history_fixture.py): the team's first workshop says it is the first; a later one has the
trend charts, the changes since last time, the targets reached and what became of the actions."""

from __future__ import annotations

import io
from datetime import date

import pytest
from pypdf import PdfReader

from maturity_workshop.export.pdf import render_action_plan
from maturity_workshop.services import WorkshopService
from maturity_workshop.services import history as histories
from tests.history_fixture import make_history

EXPORTED_ON = date(2026, 1, 16)


def _pages(service: WorkshopService, workshop_id: int, with_history: bool = True) -> list[str]:
    history = histories.history_of(service, workshop_id) if with_history else None
    data = render_action_plan(service.model, service.load(workshop_id), EXPORTED_ON, history=history)
    return [" ".join(page.extract_text().split()) for page in PdfReader(io.BytesIO(data)).pages]


def _progress_page(pages: list[str]) -> str:
    [page] = [p for p in pages if "Progress" in p.replace("Page", "")]
    return page


@pytest.fixture
def made(service: WorkshopService):
    return make_history(service)


def test_a_first_workshop_says_it_is_the_first(service: WorkshopService, made) -> None:
    page = _progress_page(_pages(service, made.workshops["first"].id))
    assert "This is the team's first workshop" in page
    assert "At a glance" in page  # a few words under "At a glance", not a page of their own
    assert "Since last time" not in page


def test_a_later_workshop_shows_the_changes_since_last_time(service: WorkshopService, made) -> None:
    pages = _pages(service, made.workshops["fourth"].id)
    text = " ".join(pages)
    assert "Since last time: “third”, Monday 2 June 2025" in text
    assert "▼ −1" in text  # build-ci went down
    assert "▲ +1" in text  # testing went up
    assert "last time 0, now –" in text  # data management rated then, not now
    assert "No target set last time has been reached yet." in text
    assert "What became of last time's actions" in text
    assert "Carried into this workshop: open" in text and "Left open, not carried over" in text
    # the charts: each practice's name, its dates, the legend's words
    assert text.count("now target") == 6  # each chart's legend
    assert "10 Jan 2025" in text and "20 Nov 2025" in text
    assert "not rated in these workshops" in text  # environments & deployment was never rated


def test_targets_reached_are_named(service: WorkshopService, made) -> None:
    text = " ".join(_pages(service, made.workshops["third"].id))
    assert "Targets reached since last time: Build management & CI (2)." in text


def test_the_outcome_of_each_action_of_last_time(service: WorkshopService, made) -> None:
    text = " ".join(_pages(service, made.workshops["second"].id))
    assert "dashboard Build management & CI Carried into this workshop: done" in text


def test_without_a_history_the_plan_has_no_progress_section(service: WorkshopService, made) -> None:
    pages = _pages(service, made.workshops["fourth"].id, with_history=False)
    assert not any("Progress" in page for page in pages)
    assert len(pages) < len(_pages(service, made.workshops["fourth"].id))
