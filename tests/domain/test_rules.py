"""The rules the window, the PDF and the store share, each with one home in the domain: where a
cell stands, the model's practice order, which team names are one team, and how long texts may be."""

from __future__ import annotations

import unicodedata

import pytest

from maturity_workshop.domain import (
    Action,
    ActionPriority,
    ActionStatus,
    CellState,
    MaturityModel,
    ModelFileError,
    Rating,
    ValidationError,
    cell_state,
    clean_note,
    in_practice_order,
    load_model_text,
    state_of_cell,
    team_key,
)
from maturity_workshop.domain.limits import MAX_CHOICE_LENGTH, MAX_NOTE_LENGTH, MAX_PRACTICE_ID_LENGTH
from maturity_workshop.domain.workshop import WorkshopState


# -- cells ----------------------------------------------------------------------------------------
def test_a_cell_stands_behind_at_or_ahead_of_the_current_level() -> None:
    assert [cell_state(1, level) for level in (-1, 0, 1, 2, 3)] == [
        CellState.BEHIND, CellState.BEHIND, CellState.CURRENT, CellState.AHEAD, CellState.AHEAD,
    ]
    assert cell_state(None, 0) is CellState.UNRATED


def test_the_cell_states_keep_their_numbers_and_words() -> None:
    """The grid stores the state as a number in its model; the PDF prints its words."""
    assert [(s.name, int(s)) for s in CellState] == [("UNRATED", 0), ("BEHIND", 1), ("CURRENT", 2), ("AHEAD", 3)]
    assert CellState.CURRENT.words == "where the team is now"
    assert {s.words for s in CellState} == {"not rated yet", "behind us", "where the team is now", "ahead of us"}


def test_the_state_of_a_cell_in_a_workshop(model: MaturityModel, workshop) -> None:
    state = WorkshopState(workshop=workshop, ratings={"testing": Rating("testing", 1, 2)})
    assert state_of_cell(state, model.cell("testing", 1)) is CellState.CURRENT
    assert state_of_cell(state, model.cell("testing", 0)) is CellState.BEHIND
    assert state_of_cell(state, model.cell("build-ci", 0)) is CellState.UNRATED


# -- practice order -------------------------------------------------------------------------------
def _action(id_: int, practice_id: str, position: int) -> Action:
    return Action(id_, 1, practice_id, f"a{id_}", "", None, ActionStatus.OPEN, ActionPriority.MEDIUM, position)


def test_actions_follow_the_models_practice_order_then_their_position(model: MaturityModel) -> None:
    first, second = model.practices[0].id, model.practices[1].id
    actions = [_action(1, "unknown-practice", 0), _action(2, second, 0), _action(3, first, 1), _action(4, first, 0)]
    assert [a.id for a in in_practice_order(model, actions)] == [4, 3, 2, 1]
    assert model.practice_index(first) == 0
    assert model.practice_index("unknown-practice") == len(model.practices)


# -- team names -----------------------------------------------------------------------------------
@pytest.mark.parametrize(
    "one, other",
    [
        ("Straße", "STRASSE"),
        ("Platform  team", " platform team "),
        ("Équipe", unicodedata.normalize("NFD", "Équipe")),
        ("Team ①", "team 1"),  # alike under NFKC
        ("ﬁnance", "FINANCE"),  # the ligature
    ],
)
def test_names_of_the_same_team_share_their_key(one: str, other: str) -> None:
    assert one != other
    assert team_key(one) == team_key(other)


def test_different_teams_have_different_keys() -> None:
    assert team_key("Platform team") != team_key("Platform teams")
    assert team_key("Équipe") != team_key("Equipe")


# -- lengths --------------------------------------------------------------------------------------
def test_a_note_has_a_length_limit_and_a_blank_one_is_empty() -> None:
    assert clean_note("x" * MAX_NOTE_LENGTH) == "x" * MAX_NOTE_LENGTH
    with pytest.raises(ValidationError, match="at most 100,000"):
        clean_note("x" * (MAX_NOTE_LENGTH + 1))
    assert clean_note(" \n\t") == ""


def test_every_status_and_priority_fits_its_column() -> None:
    assert max(len(v.value) for v in [*ActionStatus, *ActionPriority]) <= MAX_CHOICE_LENGTH


def test_a_model_whose_ids_do_not_fit_the_database_is_refused() -> None:
    long_id = "p" * (MAX_PRACTICE_ID_LENGTH + 1)
    text = f"""
[model]
id = "m"
version = "1"
name = "M"
[[levels]]
id = "l0"
value = 0
name = "Zero"
[[practices]]
id = "{long_id}"
name = "P"
[[cells]]
id = "c"
practice = "{long_id}"
level = 0
text = "t"
"""
    with pytest.raises(ModelFileError, match=f"at most {MAX_PRACTICE_ID_LENGTH} characters"):
        load_model_text(text)
