"""The heat map's PDF over as many pages as its teams need: 200 teams read back with pypdf give
several pages, every team once, the practices' header, the legend and "Page N of M" on each; the
rows keep one readable text size however many teams; 5 teams stay one page; the bytes do not vary."""

from __future__ import annotations

import io
import math
import re
from datetime import date

import pytest
from pypdf import PdfReader

from maturity_workshop.export.heatmap import TEXT, rows_per_page
from maturity_workshop.services.organisation import heat_map, render_heat_map
from tests.organisation_fixture import make_many_teams

from .pdf_text import pages, squash

ON = date(2026, 1, 5)


@pytest.fixture
def many(service):
    names = make_many_teams(service, 200)
    return names, heat_map(service)


def _sizes_of(data: bytes, name: str) -> set[float]:
    """The font sizes ``name`` is drawn at, over every page."""
    sizes: set[float] = set()

    def visit(text, cm, tm, font, size) -> None:
        if text.strip() == name:
            sizes.add(round(size * tm[0], 2))

    for page in PdfReader(io.BytesIO(data)).pages:
        page.extract_text(visitor_text=visit)
    return sizes


def test_200_teams_take_several_pages_each_team_once(many) -> None:
    names, heat = many
    data = render_heat_map(heat, "pdf", exported_on=ON)
    texts = pages(data)
    assert rows_per_page() >= 14
    assert len(texts) == math.ceil(200 / rows_per_page()) > 1
    everything = "\n".join(texts)
    for name in names:
        assert len(re.findall(rf"^{name}\b", everything, re.MULTILINE)) == 1, name
    for number, text in enumerate(texts, start=1):
        assert f"Page {number} of {len(texts)}" in text
        assert "Where the organisation stands" in text and "Team" in text and "Latest" in text
        for practice in heat.practices:
            assert squash(practice.name) in squash(text), (number, practice.name)
        assert "not rated" in text and "gap: the target minus the level" in text
    assert "This page: teams 17–32." in texts[1]


def test_the_rows_text_is_one_readable_size_however_many_teams(many, service) -> None:
    _, heat = many
    big = render_heat_map(heat, "pdf", exported_on=ON)
    assert _sizes_of(big, "Squad 001 delivery") == {TEXT} and TEXT >= 9
    assert _sizes_of(big, "Squad 200 delivery") == {TEXT}


def test_five_teams_stay_one_page(service) -> None:
    make_many_teams(service, 5)
    texts = pages(render_heat_map(heat_map(service), "pdf", exported_on=ON))
    assert len(texts) == 1 and "Page 1 of 1" in texts[0] and "This page" not in texts[0]


def test_hidden_names_on_every_page_and_the_same_bytes_each_time(many) -> None:
    _, heat = many
    hidden = render_heat_map(heat, "pdf", hide_names=True, exported_on=ON)
    texts = pages(hidden)
    assert not any("Squad" in text for text in texts)
    assert "Team A" in texts[0] and "Team GR" in texts[-1]
    assert hidden == render_heat_map(heat, "pdf", hide_names=True, exported_on=ON)


def test_no_team_is_one_page_that_says_so(service) -> None:
    texts = pages(render_heat_map(heat_map(service), "pdf", exported_on=ON))
    assert len(texts) == 1 and "No team has a workshop to show." in texts[0]
