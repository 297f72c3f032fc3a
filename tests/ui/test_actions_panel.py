"""The actions panel driven as a facilitator drives it: every add, edit, removal and move lands in
the database at once and is undone (and redone) through the one undo stack."""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtCore import QDate, Qt
from PySide6.QtTest import QAbstractItemModelTester

from maturity_workshop.domain import ActionDraft, ActionPriority, ActionStatus, Rating, WorkshopDraft
from maturity_workshop.services import WorkshopService
from maturity_workshop.ui.actions.dialogs import ActionDialog, CarryOverDialog
from maturity_workshop.ui.actions.list_model import ActionListModel, ActionRole
from maturity_workshop.ui.window.main_window import MainWindow
from maturity_workshop.ui.workshops.dialogs import NewWorkshopDialog

from .helpers import db_rows

COLUMNS = "id, practice_id, cell_id, title, owner, due_on, status, priority, position, carried_from_id"


def actions_in_db(db_path, workshop_id: int, practice_id: str) -> list[dict]:
    rows = db_rows(
        db_path,
        f"SELECT {COLUMNS} FROM action WHERE workshop_id = ? AND practice_id = ? ORDER BY position",
        workshop_id,
        practice_id,
    )
    return [dict(zip([c.strip() for c in COLUMNS.split(",")], row, strict=True)) for row in rows]


def titles_in_db(db_path, workshop_id: int, practice_id: str) -> list[str]:
    rows = actions_in_db(db_path, workshop_id, practice_id)
    assert [r["position"] for r in rows] == list(range(len(rows)))
    return [r["title"] for r in rows]


def titles_shown(win: MainWindow) -> list[str]:
    model = win.action_list
    return [model.index(row).data() for row in range(model.rowCount())]


def focus_practice(win: MainWindow, practice_id: str, level: int = 0) -> None:
    win.grid.setCurrentIndex(win.grid_model.index_of(practice_id, level))


def answer_action_dialog(prompts, **fields):
    """Answer the action dialog: fill in ``fields`` and press its OK button; returns the dialogs seen."""
    seen: list[ActionDialog] = []

    def fake_exec(dialog: ActionDialog) -> int:
        seen.append(dialog)
        if "title" in fields:
            dialog.title.setText(fields["title"])
        if "owner" in fields:
            dialog.owner.setText(fields["owner"])
        if "due_on" in fields:
            due = fields["due_on"]
            dialog.has_due.setChecked(due is not None)
            if due is not None:
                dialog.due_on.setDate(QDate(due.year, due.month, due.day))
        if "status" in fields:
            dialog.status.setCurrentIndex(dialog.status.findData(fields["status"].value))
        if "priority" in fields:
            dialog.priority.setCurrentIndex(dialog.priority.findData(fields["priority"].value))
        if "cell_id" in fields:
            dialog.cell.setCurrentIndex(dialog.cell.findData(fields["cell_id"]))
        dialog.buttons.button(dialog.buttons.StandardButton.Ok).click()
        return dialog.result()

    prompts.answer(ActionDialog, fake_exec)
    return seen


@pytest.fixture
def resets(window):
    seen: list[bool] = []
    window.action_list.modelAboutToBeReset.connect(lambda: seen.append(True))
    return seen


def seed(service, window, workshop, practice_id: str, *titles: str):
    """Actions saved before the window shows the workshop (a previous session)."""
    added = [service.add_action(workshop.id, ActionDraft(practice_id, title)) for title in titles]
    window.show_workshop(workshop.id)
    return added


# -- the model ------------------------------------------------------------------------------------
def test_the_list_model_passes_qts_model_tester(qtbot, service, workshop, model):
    a, b, c = (service.add_action(workshop.id, ActionDraft("testing", t)) for t in ("A", "B", "C"))
    other = service.add_action(workshop.id, ActionDraft("build-ci", "elsewhere"))
    listing = ActionListModel(model)
    tester = QAbstractItemModelTester(listing, QAbstractItemModelTester.FailureReportingMode.Fatal)
    listing.show("testing", [a, b, c, other])
    assert [listing.index(r).data() for r in range(3)] == ["A", "B", "C"]
    listing.move(c.id, 0)
    listing.move(c.id, 2)
    listing.replace(service.update_action(b.id, ActionDraft("testing", "B2", status=ActionStatus.DONE)))
    listing.remove(a.id)
    listing.insert(a)
    listing.insert(other)  # another practice's: not shown
    assert [listing.index(r).data() for r in range(listing.rowCount())] == ["A", "B2", "C"]
    assert listing.index(1).data(ActionRole.IS_SETTLED) is True
    assert listing.index(1).data(Qt.ItemDataRole.ForegroundRole) is not None
    assert "Done" in listing.index(1).data(Qt.ItemDataRole.ToolTipRole)
    listing.show("build-ci", [a, b, c, other])
    listing.show(None, [])
    assert listing.rowCount() == 0
    del tester


# -- adding ---------------------------------------------------------------------------------------
def test_add_through_the_panel_is_saved_and_undone_and_redone(
    qtbot, window, db_path, workshop, prompts, resets
):
    focus_practice(window, "testing")
    assert window.actions_panel.heading.text() == "Actions · Testing"
    resets.clear()
    answer_action_dialog(
        prompts,
        title="  Track flaky   tests weekly ",
        owner="Mei Lin",
        due_on=date(2026, 11, 20),
        status=ActionStatus.IN_PROGRESS,
        priority=ActionPriority.HIGH,
        cell_id="testing.quantitatively-managed",
    )
    window.actions_panel.add_button.click()
    (row,) = actions_in_db(db_path, workshop.id, "testing")
    assert row | {"id": None} == {
        "id": None,
        "practice_id": "testing",
        "cell_id": "testing.quantitatively-managed",
        "title": "Track flaky tests weekly",
        "owner": "Mei Lin",
        "due_on": "2026-11-20",
        "status": "in_progress",
        "priority": "high",
        "position": 0,
        "carried_from_id": None,
    }
    assert titles_shown(window) == ["Track flaky tests weekly"]
    assert window.actions_panel.selected_action().id == row["id"]
    assert [a.id for a in window.editor.state.actions] == [row["id"]]
    assert "saved" in window.saved_label.text()
    assert resets == [], "a single add must not reset the list"

    window.commands.undo.trigger()
    assert actions_in_db(db_path, workshop.id, "testing") == []
    assert titles_shown(window) == [] and window.editor.state.actions == []
    window.commands.redo.trigger()
    assert actions_in_db(db_path, workshop.id, "testing") == [row], "redo puts back the same action, same id"
    assert titles_shown(window) == ["Track flaky tests weekly"]
    assert resets == []


def test_a_on_the_grid_adds_to_the_focused_practice_about_the_next_level(
    qtbot, window, db_path, workshop, service, prompts
):
    service.save_rating(workshop.id, Rating("build-ci", 1, 2))
    window.show_workshop(workshop.id)
    focus_practice(window, "build-ci", 0)
    seen = answer_action_dialog(prompts, title="Add a build dashboard")
    qtbot.keyClick(window.grid, Qt.Key.Key_A)
    assert seen[0].cell.currentData() == "build-ci.quantitatively-managed"
    assert [(r["title"], r["cell_id"]) for r in actions_in_db(db_path, workshop.id, "build-ci")] == [
        ("Add a build dashboard", "build-ci.quantitatively-managed")
    ]
    assert window.commands.add_action in window.menuBar().actions()[1].menu().actions()


@pytest.mark.parametrize(("current", "expected"), [(None, None), (3, None), (-1, "testing.repeatable")])
def test_add_proposes_no_cell_without_a_level_above(qtbot, window, service, workshop, prompts, current, expected):
    service.save_rating(workshop.id, Rating("testing", current))
    window.show_workshop(workshop.id)
    focus_practice(window, "testing")
    seen = answer_action_dialog(prompts, title="something")
    window.add_action()
    assert seen[0].cell.currentData() == expected


def test_an_empty_title_shows_the_error_and_saves_nothing(qtbot, window, db_path, workshop, prompts):
    focus_practice(window, "testing")
    seen = answer_action_dialog(prompts, title="   ", owner="Mei Lin")
    window.actions_panel.add_button.click()
    dialog = seen[0]
    assert dialog.result() != ActionDialog.DialogCode.Accepted
    assert not dialog.error.isHidden()
    assert "needs a title" in dialog.error.text()
    assert actions_in_db(db_path, workshop.id, "testing") == []
    assert window.editor.undo_stack.count() == 0
    dialog.title.setText("now it has one")
    dialog.accept()
    assert dialog.result() == ActionDialog.DialogCode.Accepted


# -- editing, removing, moving --------------------------------------------------------------------
def test_edit_is_saved_in_place_and_undone(qtbot, window, db_path, workshop, service, prompts, resets):
    _a, b, _c = seed(service, window, workshop, "testing", "A", "B", "C")
    focus_practice(window, "testing")
    window.actions_panel.select_row(1)
    resets.clear()
    changed = []
    window.action_list.dataChanged.connect(lambda top, bottom: changed.append((top.row(), bottom.row())))
    seen = answer_action_dialog(prompts, title="B, sharper", owner="Jonas", status=ActionStatus.DONE, due_on=None)
    window.actions_panel.edit_button.click()
    assert seen[0].title.text() == "B, sharper"
    row = actions_in_db(db_path, workshop.id, "testing")[1]
    assert (row["id"], row["title"], row["owner"], row["status"]) == (b.id, "B, sharper", "Jonas", "done")
    assert row["position"] == 1
    assert changed == [(1, 1)] and resets == []
    assert window.action_list.index(1).data(ActionRole.IS_SETTLED) is True

    window.commands.undo.trigger()
    row = actions_in_db(db_path, workshop.id, "testing")[1]
    assert (row["title"], row["owner"], row["status"]) == ("B", "", "open")
    assert titles_shown(window) == ["A", "B", "C"]
    window.commands.redo.trigger()
    assert titles_in_db(db_path, workshop.id, "testing") == ["A", "B, sharper", "C"]
    assert resets == []


def test_remove_is_saved_and_undo_puts_it_back_in_its_place(qtbot, window, db_path, workshop, service, resets):
    _a, b, _c = seed(service, window, workshop, "testing", "A", "B", "C")
    focus_practice(window, "testing")
    window.actions_panel.select_row(1)
    resets.clear()
    window.actions_panel.list.setFocus()
    qtbot.keyClick(window.actions_panel.list, Qt.Key.Key_Delete)
    assert titles_in_db(db_path, workshop.id, "testing") == ["A", "C"]
    assert titles_shown(window) == ["A", "C"]
    window.commands.undo.trigger()
    assert titles_in_db(db_path, workshop.id, "testing") == ["A", "B", "C"]
    assert actions_in_db(db_path, workshop.id, "testing")[1]["id"] == b.id
    assert titles_shown(window) == ["A", "B", "C"]
    assert window.actions_panel.selected_action().id == b.id
    window.commands.redo.trigger()
    assert titles_in_db(db_path, workshop.id, "testing") == ["A", "C"]
    window.actions_panel.select_row(0)
    window.actions_panel.remove_button.click()
    assert titles_in_db(db_path, workshop.id, "testing") == ["C"]
    assert resets == []


def test_move_up_and_down_are_saved_and_undone(qtbot, window, db_path, workshop, service, resets):
    seed(service, window, workshop, "testing", "A", "B", "C")
    focus_practice(window, "testing")
    panel = window.actions_panel
    panel.select_row(2)
    resets.clear()
    moves = []
    window.action_list.rowsMoved.connect(lambda *args: moves.append(args[1]))
    assert panel.up_button.isEnabled() and not panel.down_button.isEnabled()
    panel.up_button.click()
    assert titles_in_db(db_path, workshop.id, "testing") == ["A", "C", "B"]
    panel.up_button.click()
    assert titles_in_db(db_path, workshop.id, "testing") == ["C", "A", "B"]
    assert titles_shown(window) == ["C", "A", "B"]
    assert panel.selected_action().title == "C", "the selection follows the moved action"
    assert not panel.up_button.isEnabled()
    panel.list.setFocus()
    qtbot.keyClick(panel.list, Qt.Key.Key_Down, Qt.KeyboardModifier.ControlModifier)
    assert titles_in_db(db_path, workshop.id, "testing") == ["A", "C", "B"]
    assert len(moves) == 3 and resets == []

    window.commands.undo.trigger()
    assert titles_in_db(db_path, workshop.id, "testing") == ["C", "A", "B"]
    window.commands.undo.trigger()
    window.commands.undo.trigger()
    assert titles_in_db(db_path, workshop.id, "testing") == ["A", "B", "C"]
    assert titles_shown(window) == ["A", "B", "C"]
    window.commands.redo.trigger()
    assert titles_in_db(db_path, workshop.id, "testing") == ["A", "C", "B"]
    assert [a.title for a in window.editor.state.actions_of("testing")] == ["A", "C", "B"]
    assert [a.position for a in window.editor.state.actions_of("testing")] == [0, 1, 2]


def test_undo_of_another_practices_action_keeps_the_state_in_step(qtbot, window, db_path, workshop, prompts):
    focus_practice(window, "build-ci")
    answer_action_dialog(prompts, title="build thing")
    window.add_action()
    focus_practice(window, "testing")
    assert titles_shown(window) == []
    window.commands.undo.trigger()
    assert titles_in_db(db_path, workshop.id, "build-ci") == []
    focus_practice(window, "build-ci")
    assert titles_shown(window) == []
    window.commands.redo.trigger()
    assert titles_shown(window) == ["build thing"]


def test_a_failed_write_says_why_and_shows_what_the_database_holds(
    qtbot, window, db_path, workshop, service, model, warnings_shown, prompts
):
    _a, b = seed(service, window, workshop, "testing", "A", "B")
    focus_practice(window, "testing")
    elsewhere = WorkshopService.open(db_path, model)  # another window on the same file removes B
    try:
        elsewhere.delete_action(b.id)
    finally:
        elsewhere.close()
    window.actions_panel.select_row(1)
    answer_action_dialog(prompts, title="B, edited")
    window.actions_panel.edit()
    assert warnings_shown and "no longer exists" in warnings_shown[-1]
    assert titles_shown(window) == ["A"]
    assert window.actions_panel.heading.text() == "Actions · Testing"
    assert window.editor.undo_stack.count() == 0


# -- what the panel shows -------------------------------------------------------------------------
def test_the_list_follows_the_focused_practice(qtbot, window, service, workshop):
    seed(service, window, workshop, "testing", "test A", "test B")
    service.add_action(workshop.id, ActionDraft("data-management", "version the schema"))
    window.show_workshop(workshop.id)
    focus_practice(window, "testing", 2)
    assert window.actions_panel.heading.text() == "Actions · Testing"
    assert titles_shown(window) == ["test A", "test B"]
    assert window.actions_panel.empty_hint.isHidden()
    focus_practice(window, "testing", 3)  # same practice: nothing to reload
    assert titles_shown(window) == ["test A", "test B"]
    focus_practice(window, "data-management", 1)
    assert window.actions_panel.heading.text() == "Actions · Data management"
    assert titles_shown(window) == ["version the schema"]
    focus_practice(window, "release-compliance")
    assert titles_shown(window) == []
    assert not window.actions_panel.empty_hint.isHidden()


def test_a_closed_workshop_shows_its_actions_read_only(qtbot, window, db_path, workshop, service, prompts):
    seed(service, window, workshop, "testing", "A", "B")
    focus_practice(window, "testing")
    window.workshops.toggle_closed()
    panel = window.actions_panel
    assert panel.heading.text() == "Actions · Testing", "closing keeps the focused cell"
    assert titles_shown(window) == ["A", "B"]
    panel.select_row(1)
    for button in (panel.add_button, panel.edit_button, panel.remove_button, panel.up_button, panel.down_button):
        assert not button.isEnabled(), button.text()
    assert "read-only" in panel.hint.text()
    assert not window.commands.add_action.isEnabled()
    seen = answer_action_dialog(prompts, title="sneaky")
    qtbot.keyClick(window.grid, Qt.Key.Key_A)
    panel.add()
    panel.edit()
    panel.remove()
    panel.move_by(-1)
    assert seen == []
    assert titles_in_db(db_path, workshop.id, "testing") == ["A", "B"]
    window.workshops.toggle_closed()
    assert panel.add_button.isEnabled()


def test_the_action_panel_fits_beside_the_grid_and_can_be_hidden(qtbot, window):
    assert window.actions_panel.isVisible() and window.notes.isVisible()
    window.commands.show_actions_panel.trigger()
    assert not window.actions_panel.isVisible() and window.side.isVisible()
    window.commands.show_notes.trigger()
    assert not window.side.isVisible()
    window.commands.show_actions_panel.trigger()
    assert window.side.isVisible() and window.actions_panel.isVisible()


# -- carrying over --------------------------------------------------------------------------------
def start_next_workshop(prompts, title: str = "Autumn review") -> None:
    def fake_exec(dialog: NewWorkshopDialog) -> int:
        dialog.title.setText(title)
        dialog.held_on.setDate(QDate(2026, 9, 20))
        dialog.accept()
        return dialog.result()

    prompts.answer(NewWorkshopDialog, fake_exec)


def test_a_new_workshop_carries_over_the_checked_open_actions(
    qtbot, window, db_path, workshop, service, prompts
):
    keep = service.add_action(
        workshop.id, ActionDraft("testing", "keep me", "Mei", date(2026, 5, 1), ActionStatus.IN_PROGRESS)
    )
    leave = service.add_action(workshop.id, ActionDraft("testing", "leave me"))
    service.add_action(workshop.id, ActionDraft("testing", "finished", status=ActionStatus.DONE))
    also = service.add_action(workshop.id, ActionDraft("build-ci", "also keep", priority=ActionPriority.HIGH))
    offered = []

    def carry(dialog: CarryOverDialog) -> int:
        offered.append([a.title for a in dialog.selected_actions()])  # all ticked at first
        dialog.set_checked(dialog.selected_actions().index(leave), False)
        dialog.carry_button.click()
        return dialog.result()

    prompts.answer(CarryOverDialog, carry)
    start_next_workshop(prompts)
    window.workshops.new_workshop()

    assert offered == [["also keep", "keep me", "leave me"]]
    new_id = window.editor.workshop_id
    assert new_id != workshop.id
    carried = actions_in_db(db_path, new_id, "testing") + actions_in_db(db_path, new_id, "build-ci")
    assert {(r["title"], r["carried_from_id"]) for r in carried} == {("keep me", keep.id), ("also keep", also.id)}
    kept = next(r for r in carried if r["title"] == "keep me")
    assert (kept["owner"], kept["due_on"], kept["status"]) == ("Mei", "2026-05-01", "in_progress")
    assert [a.title for a in window.editor.state.actions] == ["also keep", "keep me"]
    assert window.editor.undo_stack.count() == 0, "carrying over is part of starting, not an undoable edit"
    assert "Carried over 2" in window.statusBar().currentMessage()


def test_skip_carries_nothing_and_no_dialog_without_open_actions(
    qtbot, window, db_path, workshop, service, prompts
):
    service.add_action(workshop.id, ActionDraft("testing", "open"))
    shown = []

    def skip(dialog: CarryOverDialog) -> int:
        shown.append(dialog)
        dialog.skip_button.click()
        return dialog.result()

    prompts.answer(CarryOverDialog, skip)
    start_next_workshop(prompts, "Second")
    window.workshops.new_workshop()
    second = window.editor.workshop_id
    assert len(shown) == 1
    assert actions_in_db(db_path, second, "testing") == []

    fresh = service.start_workshop(WorkshopDraft("Brand new team", "First", date(2026, 4, 1)))
    start_next_workshop(prompts, "Follow-up")
    window.show_workshop(fresh.id)
    window.workshops.new_workshop()  # the team's previous workshop has no open actions
    assert len(shown) == 1


def test_the_carry_over_dialog_lists_and_ticks(qtbot, service, workshop, model):
    actions = [
        service.add_action(workshop.id, ActionDraft("testing", "one", "Mei", date(2026, 5, 1))),
        service.add_action(workshop.id, ActionDraft("build-ci", "two")),
    ]
    dialog = CarryOverDialog(model, actions, workshop)
    qtbot.addWidget(dialog)
    assert "“Spring review” (2026-03-12) left 2 open actions" in dialog.intro.text()
    assert dialog.selected_actions() == actions
    assert "Testing: one" in dialog.list.item(0).text() and "due 2026-05-01" in dialog.list.item(0).text()
    dialog.none_button.click()
    assert dialog.selected_actions() == [] and not dialog.carry_button.isEnabled()
    dialog.set_checked(1, True)
    assert dialog.selected_actions() == [actions[1]] and dialog.carry_button.isEnabled()
    dialog.all_button.click()
    assert dialog.selected_actions() == actions
