"""The window on workshops with a damaged row (written by another program): opening one says so
and names it, the others stay usable, and the workshops dialog lists it, marked, not selectable.
Names are shown isolated, so that a right-to-left name or a bidi override cannot reorder the text
around it."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import Qt
from PySide6.QtTest import QAbstractItemModelTester

from maturity_workshop.domain import WorkshopDraft
from maturity_workshop.ui.window.main_window import MainWindow
from maturity_workshop.ui.workshops.dialogs import OpenWorkshopDialog, WorkshopListModel

from ..conditions import written_by_another_program
from .helpers import click_cell, rating_in_db

BAD_DATE = "UPDATE workshop SET held_on = 'not a date' WHERE id = ?"
PROBLEM = "its date 'not a date' cannot be read"


def _broken(service, db_path):
    broken = service.start_workshop(WorkshopDraft("Data team", "Broken", date(2026, 5, 1)))
    written_by_another_program(db_path, (BAD_DATE, (broken.id,)))
    return broken


def test_opening_a_damaged_workshop_says_so_and_the_others_stay_usable(
    qtbot, window, service, workshop, db_path, prompts
):
    broken = service.start_workshop(WorkshopDraft("Data team", "Broken", date(2026, 5, 1)))

    def choose_broken(dialog: OpenWorkshopDialog) -> bool:
        written_by_another_program(db_path, (BAD_DATE, (broken.id,)))  # meanwhile, while the list shows it
        dialog.table.selectRow(dialog.list_model.row_of(broken.id))
        dialog.open_button.click()
        return True

    prompts.answer(OpenWorkshopDialog, choose_broken)
    window.workshops.open_workshops()
    assert prompts.warnings == [
        f"Workshop {broken.id} cannot be opened, because {PROBLEM}. It is kept in the database as it is; "
        "the other workshops can be opened."
    ]
    assert window.editor.state is None and window.windowTitle() == "Maturity Workshop"

    window.show_workshop(workshop.id)
    click_cell(qtbot, window, "testing", 2)
    assert rating_in_db(db_path, workshop.id, "testing") == (2, None)
    assert len(prompts.warnings) == 1


def test_at_launch_a_damaged_last_workshop_is_named_and_a_good_one_opens(qtbot, service, workshop, db_path, prompts):
    broken = _broken(service, db_path)
    service.remember_last_workshop(broken.id)
    win = MainWindow(service, prompts)
    qtbot.addWidget(win)
    win.show()
    win.show_last_or_welcome()
    assert len(prompts.warnings) == 1 and prompts.warnings[0].startswith(f"Workshop {broken.id} cannot be opened")
    assert win.editor.workshop_id == workshop.id


def test_the_workshops_dialog_lists_a_damaged_one_marked_and_not_selectable(qtbot, service, workshop, db_path, prompts):
    broken = _broken(service, db_path)
    dialog = OpenWorkshopDialog(service, workshop.id, prompts)
    qtbot.addWidget(dialog)
    model = dialog.list_model
    assert model.rowCount() == 2
    row = [model.index(1, column).data() for column in range(model.columnCount())]
    assert row == [f"⚠ Workshop {broken.id}", PROBLEM, "", "", "Cannot be opened"]
    assert model.index(1, 0).data(Qt.ItemDataRole.ToolTipRole).startswith(f"Workshop {broken.id} cannot be opened")
    assert model.flags(model.index(1, 1)) == Qt.ItemFlag.NoItemFlags
    assert model.workshop_at(1) is None
    assert dialog.selected().id == workshop.id
    dialog.table.selectRow(1)
    assert dialog.selected() is None or dialog.selected().id == workshop.id, "the damaged row cannot be selected"
    dialog.open_button.click()
    assert dialog.chosen_id in (None, workshop.id)


def test_the_workshop_list_model_passes_qts_model_tester_with_a_damaged_row(qtbot, service, workshop, db_path):
    _broken(service, db_path)
    listing = WorkshopListModel()
    tester = QAbstractItemModelTester(listing, QAbstractItemModelTester.FailureReportingMode.Fatal)
    listing.set_workshops(service.list_workshops())
    listing.set_workshops([])
    assert tester is not None and listing.rowCount() == 0


def test_names_are_shown_isolated(qtbot, window, service, prompts):
    team, title, facilitator = "فريق \u202eevil", "مراجعة Q3", "Ada \u202e"
    other = service.start_workshop(WorkshopDraft(team, title, date(2026, 6, 1), facilitator=facilitator))
    window.show_workshop(other.id)
    assert window.heading.text() == f"\u2068{team}\u2069 · \u2068{title}\u2069"
    assert window.windowTitle() == f"\u2068{team}\u2069 · \u2068{title}\u2069 — Maturity Workshop"
    assert f"facilitated by \u2068{facilitator}\u2069" in window.header.details.text()
    dialog = OpenWorkshopDialog(service, other.id, prompts)
    qtbot.addWidget(dialog)
    row = dialog.list_model.row_of(other.id)
    shown = [dialog.list_model.index(row, column).data() for column in (0, 1, 3)]
    assert shown == [f"\u2068{team}\u2069", f"\u2068{title}\u2069", f"\u2068{facilitator}\u2069"]
