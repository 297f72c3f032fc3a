"""Starting, finding, renaming, closing and deleting workshops through the dialogs."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QDate

from maturity_workshop.domain import Rating, WorkshopDraft
from maturity_workshop.ui.workshops.dialogs import NewWorkshopDialog, OpenWorkshopDialog


def test_new_workshop_dialog_creates_team_and_workshop(qtbot, service):
    dialog = NewWorkshopDialog(service)
    qtbot.addWidget(dialog)
    dialog.team.setEditText("  Checkout   squad ")
    dialog.title.setText("First look")
    dialog.held_on.setDate(QDate(2026, 4, 1))
    dialog.facilitator.setText("Margaret Hamilton")
    dialog.participants.setValue(11)
    dialog.accept()
    assert dialog.result() == NewWorkshopDialog.DialogCode.Accepted
    workshop = dialog.workshop
    assert workshop.team_name == "Checkout squad"
    assert (workshop.title, workshop.held_on, workshop.participant_count) == ("First look", date(2026, 4, 1), 11)
    assert [w.id for w in service.list_workshops()] == [workshop.id]


def test_new_workshop_dialog_refuses_an_empty_team_with_a_message(qtbot, service):
    dialog = NewWorkshopDialog(service)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.team.setEditText("   ")
    dialog.accept()
    assert dialog.isVisible()
    assert dialog.error.isVisible()
    assert "team" in dialog.error.text().lower() and "empty" in dialog.error.text().lower()
    assert service.list_workshops() == []


def test_a_new_workshop_starts_from_the_teams_last_levels(qtbot, service, workshop):
    service.save_rating(workshop.id, Rating("testing", 1, 2))
    dialog = NewWorkshopDialog(service, team_name="platform team")
    qtbot.addWidget(dialog)
    dialog.show()
    assert dialog.start_from_previous.isVisible()
    assert "Spring review" in dialog.start_from_previous.text()
    dialog.title.setText("Autumn review")
    dialog.accept()
    state = service.load(dialog.workshop.id)
    assert state.rating("testing") == Rating("testing", 1, 2)
    assert dialog.workshop.team_id == workshop.team_id


def test_open_dialog_renames_closes_and_deletes(qtbot, service, workshop, prompts):
    other = service.start_workshop(WorkshopDraft("Data team", "Baseline", date(2025, 12, 1)))
    dialog = OpenWorkshopDialog(service, workshop.id, prompts)
    qtbot.addWidget(dialog)
    assert dialog.selected().id == workshop.id

    prompts.text_next("Spring review (final)")
    dialog.rename_button.click()
    assert service.load(workshop.id).workshop.title == "Spring review (final)"

    dialog.close_button.click()
    assert service.load(workshop.id).workshop.closed
    assert dialog.close_button.text().replace("&", "") == "Reopen workshop"

    prompts.text_next("   ")
    dialog.rename_button.click()
    assert not dialog.error.isHidden() and "empty" in dialog.error.text()

    dialog.table.selectRow(dialog.list_model.row_of(other.id))
    prompts.confirm_next(False)
    dialog.delete_button.click()
    assert len(service.list_workshops()) == 2
    prompts.confirm_next(True)
    dialog.delete_button.click()
    assert "Delete “Baseline” of Data team (2025-12-01)" in prompts.questions[-1].message
    assert [w.id for w in service.list_workshops()] == [workshop.id]
    assert other.id in dialog.deleted_ids


def test_open_dialog_opens_the_chosen_workshop(qtbot, window, service, workshop, prompts):
    other = service.start_workshop(WorkshopDraft("Data team", "Baseline", date(2025, 12, 1)))

    def choose(dialog):
        dialog.table.selectRow(dialog.list_model.row_of(other.id))
        dialog.open_button.click()
        return dialog.result()

    prompts.answer(OpenWorkshopDialog, choose)
    window.workshops.open_workshops()
    assert window.editor.workshop_id == other.id
    assert service.last_workshop_id() == other.id
    assert "Data team" in window.heading.text()


def test_deleting_the_open_workshop_from_the_window(qtbot, window, service, workshop, prompts):
    prompts.confirm_next(True)
    window.workshops.delete_workshop()
    assert service.list_workshops() == []
    assert window.pages.currentWidget() is window.welcome_page
