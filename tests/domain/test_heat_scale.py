"""The heat map's colour scale: its text reads on every step, and next steps stay apart for normal
vision and under each colour blindness (Machado 2009, severity 1.0), so the order of the levels
reads without the numbers too; the numbers and arrows carry it all anyway."""

from __future__ import annotations

import pytest

from maturity_workshop.colours import contrast, difference
from maturity_workshop.domain.organisation import HEAT_SCALE, UNRATED_COLOURS

DEFICIENCIES = (None, "protanopia", "deuteranopia", "tritanopia")


@pytest.mark.parametrize("background, text", [*HEAT_SCALE, UNRATED_COLOURS])
def test_the_text_reads_on_every_step(background, text) -> None:
    assert contrast(background, text) >= 7.0


@pytest.mark.parametrize("deficiency", DEFICIENCIES)
def test_next_steps_stay_apart(deficiency) -> None:
    steps = [background for background, _ in HEAT_SCALE]
    gaps = [difference(a, b, deficiency) for a, b in zip(steps, steps[1:])]
    assert min(gaps) >= 9.0, gaps


def test_the_scale_gets_darker_with_the_level() -> None:
    from maturity_workshop.colours import luminance

    shades = [luminance(background) for background, _ in HEAT_SCALE]
    assert shades == sorted(shades, reverse=True)
