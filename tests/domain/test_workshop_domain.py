"""Workshop drafts, names and ratings: cleaned and checked before anything reaches the database."""

from __future__ import annotations

from datetime import date

import pytest

from maturity_workshop.domain import (
    DomainError,
    MaturityModel,
    Rating,
    ValidationError,
    WorkshopDraft,
    check_rating,
    clean_name,
)
from maturity_workshop.domain.workshop import MAX_NAME_LENGTH, MAX_PARTICIPANTS

DAY = date(2026, 3, 12)


def _draft(**overrides: object) -> WorkshopDraft:
    fields: dict[str, object] = {
        "team_name": "Platform team",
        "title": "Spring review",
        "held_on": DAY,
        "facilitator": "Ada Lovelace",
        "participant_count": 9,
    }
    fields.update(overrides)
    return WorkshopDraft(**fields)  # type: ignore[arg-type]


# -- WorkshopDraft.validated ----------------------------------------------------------------------
def test_validated_trims_and_collapses_whitespace() -> None:
    draft = _draft(
        team_name="  Platform \t  team\n",
        title="\u00a0Spring   review ",
        facilitator="  Ada   Lovelace  ",
    ).validated()
    assert draft == WorkshopDraft("Platform team", "Spring review", DAY, "Ada Lovelace", 9)


def test_validated_returns_a_new_draft_and_keeps_the_original() -> None:
    original = _draft(team_name=" A  team ")
    cleaned = original.validated()
    assert cleaned is not original
    assert original.team_name == " A  team "
    assert cleaned.team_name == "A team"


def test_validated_keeps_a_clean_draft_equal() -> None:
    assert _draft().validated() == _draft()


@pytest.mark.parametrize("blank", ["", "   ", "\t\n", "\u00a0"])
def test_empty_team_name_is_refused(blank: str) -> None:
    with pytest.raises(ValidationError, match=r"^The team's name cannot be empty\.$"):
        _draft(team_name=blank).validated()


@pytest.mark.parametrize("blank", ["", "  \n "])
def test_empty_title_is_refused(blank: str) -> None:
    with pytest.raises(ValidationError, match=r"^The workshop's title cannot be empty\.$"):
        _draft(title=blank).validated()


def test_empty_facilitator_and_no_participants_are_fine() -> None:
    draft = _draft(facilitator="   ", participant_count=0).validated()
    assert draft.facilitator == ""
    assert draft.participant_count == 0


def test_names_up_to_the_limit_are_accepted() -> None:
    name = "x" * MAX_NAME_LENGTH
    draft = _draft(team_name=name, title=name, facilitator=name).validated()
    assert draft.team_name == draft.title == draft.facilitator == name


def test_padding_does_not_count_towards_the_limit() -> None:
    name = "x" * MAX_NAME_LENGTH
    assert _draft(team_name=f"   {name}   ").validated().team_name == name


@pytest.mark.parametrize(
    ("field", "message"),
    [
        ("team_name", "The team's name is longer than 200 characters."),
        ("title", "The workshop's title is longer than 200 characters."),
        ("facilitator", "The facilitator's name is longer than 200 characters."),
    ],
)
def test_overlong_names_are_refused(field: str, message: str) -> None:
    assert MAX_NAME_LENGTH == 200
    with pytest.raises(ValidationError) as info:
        _draft(**{field: "x" * (MAX_NAME_LENGTH + 1)}).validated()
    assert str(info.value) == message


def test_overlong_after_collapsing_counts_the_collapsed_length() -> None:
    # 100 words of one letter joined by single spaces: 199 characters, though typed with many spaces.
    typed = "     ".join(["a"] * 100)
    assert len(typed) > MAX_NAME_LENGTH
    assert _draft(title=typed).validated().title == " ".join(["a"] * 100)


@pytest.mark.parametrize("count", [0, 1, MAX_PARTICIPANTS])
def test_participant_count_within_bounds(count: int) -> None:
    assert _draft(participant_count=count).validated().participant_count == count


@pytest.mark.parametrize("count", [-1, MAX_PARTICIPANTS + 1])
def test_participant_count_out_of_bounds(count: int) -> None:
    with pytest.raises(ValidationError, match=f"between 0 and {MAX_PARTICIPANTS}"):
        _draft(participant_count=count).validated()


def test_validation_errors_are_domain_errors() -> None:
    with pytest.raises(DomainError):
        _draft(team_name="").validated()


# -- clean_name ---------------------------------------------------------------------------------
def test_clean_name_collapses_every_kind_of_whitespace() -> None:
    assert clean_name(" \tRelease \n\n train\u2003 ", "The name") == "Release train"


def test_clean_name_names_what_was_empty() -> None:
    with pytest.raises(ValidationError) as info:
        clean_name("   ", "The colour of the sky")
    assert str(info.value) == "The colour of the sky cannot be empty."


def test_clean_name_refuses_overlong_and_names_what() -> None:
    with pytest.raises(ValidationError) as info:
        clean_name("y" * 201, "The label")
    assert str(info.value) == "The label is longer than 200 characters."


def test_clean_name_keeps_inner_punctuation_and_case() -> None:
    assert clean_name("Équipe  «Öl» & CI", "x") == "Équipe «Öl» & CI"


# -- check_rating -------------------------------------------------------------------------------
def test_check_rating_accepts_every_level_and_none(model: MaturityModel) -> None:
    for practice in model.practices:
        check_rating(model, Rating(practice.id))
        for level in model.levels:
            check_rating(model, Rating(practice.id, current=level.value, target=None))
            check_rating(model, Rating(practice.id, current=None, target=level.value))
            check_rating(model, Rating(practice.id, current=level.value, target=level.value))


def test_check_rating_refuses_an_unknown_practice(model: MaturityModel) -> None:
    with pytest.raises(ValidationError) as info:
        check_rating(model, Rating("astrology", current=1))
    assert str(info.value) == 'The model has no practice "astrology".'


@pytest.mark.parametrize("value", [-2, 4, 7])
def test_check_rating_refuses_an_unknown_current_level(model: MaturityModel, value: int) -> None:
    with pytest.raises(ValidationError) as info:
        check_rating(model, Rating("testing", current=value, target=1))
    assert str(info.value) == f"{value} is not a level of the model, so it cannot be the current level."


@pytest.mark.parametrize("value", [-2, 4])
def test_check_rating_refuses_an_unknown_target_level(model: MaturityModel, value: int) -> None:
    with pytest.raises(ValidationError) as info:
        check_rating(model, Rating("testing", current=1, target=value))
    assert str(info.value) == f"{value} is not a level of the model, so it cannot be the target level."


def test_rating_is_empty_only_without_both_levels() -> None:
    assert Rating("testing").is_empty
    assert not Rating("testing", current=-1).is_empty
    assert not Rating("testing", target=0).is_empty
