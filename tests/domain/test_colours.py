"""The marks' colours, computed from ``resources/themes/marks.toml`` (the window's, the board's and
the PDF's): every text on a cell or in the legend at 7:1 or more (WCAG AAA), every mark at 3:1 or
more against every cell it can sit on, and the states apart for every eye: behind, current, ahead
and target at least ΔE2000 10 from one another with normal vision and simulated protanopia,
deuteranopia and tritanopia (Machado, Oliveira and Fernandes 2009, severity 1).

The colour arithmetic is checked first against published values: the CIEDE2000 test pairs of
Sharma, Wu and Dalal (2005) and WCAG's contrast."""

from __future__ import annotations

import itertools

import pytest

from maturity_workshop.colours import DEFICIENCIES, contrast, delta_e_2000, difference, hex_colour, simulate
from maturity_workshop.locations import resource_path
from maturity_workshop.marks import STATES, fit_captions, load_marks, marks

VISIONS = (None, *DEFICIENCIES)  # None: normal vision
TEXT_CONTRAST = 7.0
MARK_CONTRAST = 3.0
APART = 10.0  # ΔE2000

# Sharma, Wu and Dalal (2005), Table 1: pairs (numbered as there) that exercise the hue's wrap
# around 0°, zero chroma, the blue region's rotation term and near-black.
SHARMA_PAIRS = {
    1: ((50.0, 2.6772, -79.7751), (50.0, 0.0, -82.7485), 2.0425),
    4: ((50.0, -1.3802, -84.2814), (50.0, 0.0, -82.7485), 1.0000),
    7: ((50.0, 0.0, 0.0), (50.0, -1.0, 2.0), 2.3669),
    10: ((50.0, 2.49, -0.001), (50.0, -2.49, 0.0011), 7.2195),
    14: ((50.0, -0.001, 2.49), (50.0, 0.0011, -2.49), 4.7461),
    17: ((50.0, 2.5, 0.0), (73.0, 25.0, -18.0), 27.1492),
    20: ((50.0, 2.5, 0.0), (58.0, 24.0, 15.0), 19.4535),
    25: ((60.2574, -34.0099, 36.2677), (60.4626, -34.1751, 39.4387), 1.2644),
    29: ((22.7233, 20.0904, -46.6940), (23.0331, 14.9730, -42.5619), 2.0373),
    33: ((2.0776, 0.0795, -1.1350), (0.9033, -0.0636, -0.5514), 0.9082),
}


@pytest.mark.parametrize("number", sorted(SHARMA_PAIRS))
def test_ciede2000_gives_the_published_differences(number: int) -> None:
    one, other, expected = SHARMA_PAIRS[number]
    assert delta_e_2000(one, other) == pytest.approx(expected, abs=1e-4)
    assert delta_e_2000(other, one) == pytest.approx(expected, abs=1e-4)


def test_contrast_is_wcags() -> None:
    assert contrast("#FFFFFF", "#000000") == pytest.approx(21.0)
    assert contrast("#767676", "#FFFFFF") == pytest.approx(4.54, abs=0.01)  # WCAG's own example
    assert contrast("#FFFFFF", "#0072B2") == pytest.approx(5.19, abs=0.01)  # white on Okabe-Ito blue


def test_the_simulations_leave_greys_alone_and_fold_the_confused_colours() -> None:
    for deficiency in DEFICIENCIES:
        for grey in ("#000000", "#777777", "#FFFFFF"):
            assert hex_colour(simulate(grey, deficiency)) == grey, deficiency
    # red and green fall together for protanopes and deuteranopes, blue and green for tritanopes
    for deficiency in ("protanopia", "deuteranopia"):
        assert difference("#D55E00", "#009E73", deficiency) < difference("#D55E00", "#009E73") / 2
    assert difference("#0072B2", "#009E73", "tritanopia") < difference("#0072B2", "#009E73") / 2


def _texts() -> list[tuple[str, str, str]]:
    """(what, text colour, background) of every text drawn on the grid and in its legends."""
    theme = marks()
    texts = [(f"{state} cell's words", theme.text[state], theme.background[state]) for state in STATES]
    texts.append(("target badge's words", theme.target_text, theme.target_badge))
    for entry in theme.legend(unrated=True, last_time=True):
        texts.append((f"legend: {entry.label}", entry.text, entry.badge or entry.background))
    return texts


def _marks() -> list[tuple[str, str, str]]:
    """(what, mark colour, what it sits on) of every mark that is not text."""
    theme = marks()
    pairs = []
    for state in STATES:  # the target and the note can be on any cell
        pairs.append((f"target frame and badge on a {state} cell", theme.target, theme.background[state]))
        pairs.append((f"note mark on a {state} cell", theme.note, theme.background[state]))
        if state != "current":
            pairs.append((f"focus ring on a {state} cell", theme.focus, theme.background[state]))
        # last time's dotted outline is drawn in the cell's own text colour
        pairs.append((f"last time's outline on a {state} cell", theme.text[state], theme.background[state]))
    pairs += [
        ("current cell's frame", theme.current_frame, theme.background["current"]),
        ("target's dashes over the current cell's frame", theme.target, theme.current_frame),
        ("focus ring on the current cell", theme.focus_on_current, theme.background["current"]),
    ]
    for entry in theme.legend(unrated=True, last_time=True):
        if entry.glyph_colour:
            pairs.append((f"legend: {entry.label}'s mark", entry.glyph_colour, entry.background))
        if entry.frame:
            pairs.append((f"legend: {entry.label}'s frame", entry.edge, entry.background))
    return pairs


@pytest.mark.parametrize("what, text, background", _texts(), ids=lambda value: str(value))
def test_every_text_on_the_board_reads_at_7_to_1(what: str, text: str, background: str) -> None:
    assert contrast(text, background) >= TEXT_CONTRAST, f"{what}: {text} on {background}"


@pytest.mark.parametrize("what, mark, background", _marks(), ids=lambda value: str(value))
def test_every_mark_stands_out_at_3_to_1(what: str, mark: str, background: str) -> None:
    assert contrast(mark, background) >= MARK_CONTRAST, f"{what}: {mark} on {background}"


def _state_colours() -> dict[str, tuple[str, ...]]:
    """What tells each state by colour: the cell's fill, or for the target its frame and badge."""
    theme = marks()
    return {
        "behind": (theme.background["behind"],),
        "current": (theme.background["current"],),
        "ahead": (theme.background["ahead"],),
        "target": (theme.target, theme.target_badge),
    }


@pytest.mark.parametrize("vision", VISIONS, ids=lambda vision: vision or "normal vision")
def test_the_four_states_stay_apart_for_every_eye(vision: str | None) -> None:
    colours = _state_colours()
    for one, other in itertools.combinations(colours, 2):
        for a, b in itertools.product(colours[one], colours[other]):
            apart = difference(a, b, vision)
            assert apart >= APART, f"{one} {a} and {other} {b}: ΔE2000 {apart:.1f}"


def test_a_practice_not_rated_yet_stands_apart_from_the_marked_states() -> None:
    """It reads as plain as ahead (its column has no "WE ARE HERE"), and apart from the others."""
    theme = marks()
    unrated = theme.background["unrated"]
    for vision in VISIONS:
        others = (theme.background["behind"], theme.background["current"], theme.target, theme.target_badge)
        for other in others:
            assert difference(unrated, other, vision) >= APART, (other, vision)


def test_captions_fit_their_band_side_by_side() -> None:
    """The rule the window, the board and the PDF fit a cell's captions by (``marks.fit_captions``)."""
    assert fit_captions(200, 120, 90, 60, 6, behind=False) == (True, 1.0)  # room for both
    keep, share = fit_captions(150, 120, 90, 60, 6, behind=False)  # current and target: both shrink
    assert keep and 120 * share + 6 + 60 * share <= 150
    assert fit_captions(60, 80, 60, 0, 6, behind=True) == (False, 1.0)  # a narrow behind cell: "✓" alone
    keep, share = fit_captions(50, 80, 60, 40, 6, behind=True)  # and the target's badge beside it
    assert not keep and (80 - 60) * share + 6 + 40 * share <= 50


@pytest.mark.parametrize(
    "change, message",
    [
        (('note = "#A56186"', 'note = "purple"'), '[marks] note = \'purple\' is not a colour written "#RRGGBB".'),
        (('behind = "#BFE3F7"', 'behind = "#BFE3F"'), "[background] behind = '#BFE3F' is not a colour"),
        (('target = "◎ TARGET"', 'target = ""'), "[captions] target = '' is not a caption."),
        (('focus = "#0F172A"', ""), "the entry 'focus' is missing."),
        (("[legend]", "[legend"), "not a valid TOML file"),
    ],
)
def test_a_broken_marks_file_is_refused_naming_the_file_and_the_entry(tmp_path, change, message) -> None:
    text = resource_path("themes", "marks.toml").read_text(encoding="utf-8")
    old, new = change
    assert old in text
    broken = tmp_path / "marks.toml"
    broken.write_text(text.replace(old, new, 1), encoding="utf-8")
    with pytest.raises(ValueError) as refused:
        load_marks(broken)
    assert str(refused.value).startswith(f"{broken}: ") and message in str(refused.value)
