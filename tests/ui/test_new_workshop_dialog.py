"""The new-workshop dialog as it is typed into: a date typed is taken or refused with a message,
never dropped; a team's new workshop starts from what its last one said."""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtCore import QDate, Qt

from maturity_workshop.ui.workshops.dialogs import NewWorkshopDialog


@pytest.fixture
def dialog(qtbot, service):
    def make(team_name: str = "") -> NewWorkshopDialog:
        shown = NewWorkshopDialog(service, team_name=team_name)
        qtbot.addWidget(shown)
        shown.show()
        qtbot.waitExposed(shown)
        shown.activateWindow()
        return shown

    return make


def _type_date(qtbot, dialog: NewWorkshopDialog, keys: str) -> None:
    dialog.team.setEditText(dialog.team.currentText() or "Checkout squad")
    dialog.held_on.setFocus()
    dialog.held_on.edit.selectAll()
    qtbot.keyClicks(dialog.held_on.edit, keys)


@pytest.mark.parametrize("typed", ["2025-04-21", "2026-2-28", "2024-02-29"])
def test_a_date_typed_over_the_field_and_entered_is_the_workshops_date(qtbot, dialog, service, typed):
    shown = dialog()
    _type_date(qtbot, shown, typed)
    qtbot.keyClick(shown.held_on.edit, Qt.Key.Key_Return)
    assert shown.result() == NewWorkshopDialog.DialogCode.Accepted, shown.error.text()
    assert shown.workshop.held_on == date(*map(int, typed.split("-")))


@pytest.mark.parametrize(
    "typed", ["2026-02-30", "2026-13-01", "2026-04-", "20260421", "next monday", "2026-04-21x"]
)
def test_a_date_that_is_not_one_is_refused_with_a_message_and_kept_as_typed(qtbot, dialog, service, typed):
    shown = dialog()
    _type_date(qtbot, shown, typed)
    qtbot.keyClick(shown.held_on.edit, Qt.Key.Key_Return)
    assert shown.isVisible() and shown.result() != NewWorkshopDialog.DialogCode.Accepted
    assert shown.error.isVisible()
    assert shown.error.text().startswith(f"“{typed}” is not a date: write it as YYYY-MM-DD")
    assert shown.held_on.text() == typed, "what was typed stays, to be put right"
    assert shown.focusWidget() is shown.held_on.edit
    assert service.list_workshops() == []

    shown.held_on.edit.selectAll()
    qtbot.keyClicks(shown.held_on.edit, "2026-02-28")
    shown.buttons.button(shown.buttons.StandardButton.Ok).click()
    assert shown.workshop.held_on == date(2026, 2, 28)


def test_a_date_typed_and_left_unfinished_is_kept_when_the_focus_moves_on(qtbot, dialog):
    shown = dialog()
    _type_date(qtbot, shown, "2026-04-")
    shown.facilitator.setFocus()
    qtbot.keyClicks(shown.facilitator, "Grace")
    assert shown.held_on.text() == "2026-04-"
    shown.buttons.button(shown.buttons.StandardButton.Ok).click()
    assert "“2026-04-” is not a date" in shown.error.text()
    assert shown.workshop is None


def test_an_emptied_date_is_refused(qtbot, dialog):
    shown = dialog()
    _type_date(qtbot, shown, "")
    qtbot.keyClick(shown.held_on.edit, Qt.Key.Key_Delete)
    qtbot.keyClick(shown.held_on.edit, Qt.Key.Key_Return)
    assert shown.error.text().startswith("The date is empty")
    assert shown.workshop is None


def test_a_date_picked_in_the_calendar_is_taken(qtbot, dialog):
    shown = dialog()
    shown.team.setEditText("Checkout squad")
    shown.held_on.calendar.clicked.emit(QDate(2026, 5, 4))
    assert shown.held_on.text() == "2026-05-04"
    shown.accept()
    assert shown.workshop.held_on == date(2026, 5, 4)


def test_the_teams_name_is_selected_and_its_last_workshop_fills_in_the_people(qtbot, dialog, workshop):
    shown = dialog("Platform team")
    qtbot.waitUntil(lambda: shown.team.lineEdit().hasFocus())
    assert shown.team.lineEdit().selectedText() == "Platform team"
    assert (shown.facilitator.text(), shown.participants.value()) == ("Ada Lovelace", 9)

    qtbot.keyClicks(shown.team.lineEdit(), "Mobile crew")  # replaces the name: a new team
    assert shown.team.currentText() == "Mobile crew"
    assert (shown.facilitator.text(), shown.participants.value()) == ("", NewWorkshopDialog.DEFAULT_PARTICIPANTS)


def test_the_people_stay_as_the_facilitator_edited_them_when_the_team_changes(qtbot, dialog, service, workshop):
    from maturity_workshop.domain import WorkshopDraft

    service.start_workshop(WorkshopDraft("Data team", "Baseline", date(2025, 12, 1), "Grace Hopper", 4))
    shown = dialog("Platform team")
    shown.facilitator.selectAll()
    qtbot.keyClicks(shown.facilitator, "Katherine Johnson")
    shown.team.setCurrentText("Data team")
    assert (shown.facilitator.text(), shown.participants.value()) == ("Katherine Johnson", 4)
    shown.participants.setFocus()
    shown.participants.selectAll()
    qtbot.keyClicks(shown.participants, "12")
    shown.team.setCurrentText("Platform team")
    assert (shown.facilitator.text(), shown.participants.value()) == ("Katherine Johnson", 12)
    shown.accept()
    assert (shown.workshop.facilitator, shown.workshop.participant_count) == ("Katherine Johnson", 12)
