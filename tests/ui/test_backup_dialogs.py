"""File ▸ Restore from backup…, the damaged-file dialog at launch, and backup problems in the window."""

from __future__ import annotations

import shutil
from datetime import UTC, date, datetime
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog

from maturity_workshop.domain import WorkshopDraft
from maturity_workshop.services.opening import Choice, OpeningCancelled, Recovery, newest_good_backup
from maturity_workshop.store import backups as store
from maturity_workshop.store.backups import BackupError, BackupSummary, list_backups
from maturity_workshop.store.integrity import FileProblem, ProblemKind
from maturity_workshop.services.backups import backups_with_summaries
from maturity_workshop.ui.app import open_service
from maturity_workshop.ui.backups.dialogs import DamagedFileDialog, RestoreBackupDialog
from maturity_workshop.ui.backups.words import holds, last_change
from maturity_workshop.ui.widgets import local_time

from ..store.damaged_files import DAMAGES, make_database
from .helpers import click_cell, rating_in_db
from .scripted_prompts import ScriptedPrompts

T1 = datetime(2026, 11, 20, 8, 30, 0, tzinfo=UTC)
T2 = datetime(2026, 11, 24, 16, 45, 0, tzinfo=UTC)


def _take(service, moment: datetime):
    return store.take_backup(service.database.connection, service.database.path, moment)


def _file_menu(window):
    return next(a.menu() for a in window.menuBar().actions() if a.text() == "&File")


def _accept_first(prompts: ScriptedPrompts, pick: int = 0) -> None:
    def choose(dialog: RestoreBackupDialog) -> bool:
        dialog.list.setCurrentItem(dialog.list.topLevelItem(pick))
        dialog.accept()
        return dialog.result() == QDialog.DialogCode.Accepted

    prompts.answer(RestoreBackupDialog, choose)


# -- the menu ---------------------------------------------------------------------------------------
def test_the_file_menu_offers_restore_from_backup_before_quit(window) -> None:
    actions = [a for a in _file_menu(window).actions() if not a.isSeparator()]
    texts = [a.text() for a in actions]
    assert "Restore from &backup…" in texts
    assert texts.index("Restore from &backup…") < texts.index("&Quit")
    assert window.commands.restore_backup.isEnabled()


def test_restoring_is_not_offered_on_workshops_opened_read_only(qtbot, service, workshop, db_path, model) -> None:
    from maturity_workshop.services import WorkshopService
    from maturity_workshop.ui.window.main_window import MainWindow

    reader = WorkshopService.open(db_path, model, read_only=True)
    try:
        window = MainWindow(reader)
        qtbot.addWidget(window)
        assert not window.commands.restore_backup.isEnabled()
    finally:
        reader.close()


# -- the restore dialog -----------------------------------------------------------------------------
def test_the_restore_dialog_lists_each_backup_with_its_time_and_what_it_holds(qtbot, window, service, tmp_path) -> None:
    _take(service, T1)
    service.start_workshop(WorkshopDraft("Équipe Données", "Revue d'automne", date(2026, 11, 24)))
    _take(service, T2)
    for automatic in list_backups(service.database.path):  # only the two taken here
        if automatic.taken_at not in (T1, T2):
            automatic.path.unlink()

    dialog = RestoreBackupDialog(backups_with_summaries(service.database_path), window)
    qtbot.addWidget(dialog)
    rows = [[dialog.list.topLevelItem(r).text(c) for c in range(4)] for r in range(dialog.list.topLevelItemCount())]
    assert rows[0][0] == local_time(T2) and rows[1][0] == local_time(T1)  # newest first, in local time
    assert rows[0][1] == "2 workshops of 2 teams"
    assert rows[1][1] == "1 workshop of 1 team"
    assert rows[0][2] == "“Revue d'automne” (Équipe Données, 24 Nov 2026)"
    assert rows[1][2] == "“Spring review” (Platform team, 12 Mar 2026)"
    summaries = [summary for _backup, summary in backups_with_summaries(service.database_path)]
    assert rows[0][3] == local_time(summaries[0].last_changed_at)
    assert summaries[0].last_changed_at > summaries[1].last_changed_at
    assert dialog.selected() == list_backups(service.database.path)[0]
    assert dialog.restore_button.isEnabled()
    dialog.show()
    qtbot.waitExposed(dialog)
    shot = tmp_path / "restore-dialog.png"
    assert dialog.grab().save(str(shot)) and shot.stat().st_size > 0


def test_with_no_backups_the_dialog_says_so_and_cannot_restore(qtbot) -> None:
    dialog = RestoreBackupDialog([])
    qtbot.addWidget(dialog)
    assert not dialog.empty.isHidden() and dialog.list.isHidden()
    assert "no backups yet" in dialog.empty.text()
    assert not dialog.restore_button.isEnabled()
    dialog.accept()
    assert dialog.chosen is None and dialog.result() != QDialog.DialogCode.Accepted


def test_an_unreadable_backup_is_listed_but_cannot_be_chosen(qtbot, tmp_path) -> None:
    path = tmp_path / "workshops-20261126T000000Z.sqlite3"
    entries = [(store.Backup(path, T2), BackupSummary(problem="It cannot be read (file is not a database)."))]
    dialog = RestoreBackupDialog(entries)
    qtbot.addWidget(dialog)
    item = dialog.list.topLevelItem(0)
    assert item.text(1) == "It cannot be read (file is not a database)."
    assert not item.flags() & Qt.ItemFlag.ItemIsEnabled
    assert not dialog.restore_button.isEnabled()


def test_words_for_a_summary() -> None:
    assert holds(BackupSummary(workshops=1, teams=1)) == "1 workshop of 1 team"
    assert holds(BackupSummary(workshops=0, teams=3)) == "0 workshops of 3 teams"
    assert last_change(BackupSummary()) == "—"
    changed = datetime(2026, 11, 26, 6, 12, 33, tzinfo=UTC)
    summary = BackupSummary(2, 1, "Spring review", "Platform team", date(2026, 3, 12), changed)
    assert last_change(summary) == f"“Spring review” (Platform team, 12 Mar 2026), changed {local_time(changed)}"


# -- restoring from the menu --------------------------------------------------------------------------
def test_restoring_replaces_the_workshops_and_reloads_the_window(qtbot, window, service, workshop, db_path, prompts) -> None:
    (at_start,) = list_backups(db_path)  # taken as the workshop started: no levels yet
    click_cell(qtbot, window, "testing", 2)
    assert rating_in_db(db_path, workshop.id, "testing") == (2, None)
    assert window.editor.undo_stack.count() == 1
    _accept_first(prompts)
    prompts.confirm_next(True)

    window.commands.restore_backup.trigger()

    assert prompts.questions and local_time(at_start.taken_at) in prompts.questions[0].message
    assert rating_in_db(db_path, workshop.id, "testing") is None
    assert window.grid_model.rating("testing").current is None
    assert window.editor.workshop_id == workshop.id
    assert window.editor.undo_stack.count() == 0  # the history was of a database that is gone
    assert "Restored the backup of" in window.statusBar().currentMessage()
    safety = [b for b in list_backups(db_path) if b != at_start]
    assert len(safety) == 1
    click_cell(qtbot, window, "build-ci", 1)  # the window keeps saving, into the restored database
    assert rating_in_db(db_path, workshop.id, "build-ci") == (1, None)


def test_a_restore_not_confirmed_changes_nothing(qtbot, window, workshop, db_path, prompts) -> None:
    click_cell(qtbot, window, "testing", 2)
    _accept_first(prompts)
    prompts.confirm_next(False)
    window.commands.restore_backup.trigger()
    assert rating_in_db(db_path, workshop.id, "testing") == (2, None)
    assert window.editor.undo_stack.count() == 1
    assert len(list_backups(db_path)) == 1


def test_a_failed_restore_is_said_and_the_window_carries_on(qtbot, window, workshop, db_path, warnings_shown, prompts, monkeypatch) -> None:
    click_cell(qtbot, window, "testing", 2)
    _accept_first(prompts)
    prompts.confirm_next(True)
    monkeypatch.setattr(store, "take_backup", lambda *a, **k: (_ for _ in ()).throw(BackupError("the disk is full")))
    window.commands.restore_backup.trigger()
    assert len(warnings_shown) == 1 and "was not restored" in warnings_shown[0] and "disk is full" in warnings_shown[0]
    assert rating_in_db(db_path, workshop.id, "testing") == (2, None)
    assert window.grid_model.rating("testing").current == 2
    click_cell(qtbot, window, "build-ci", 1)
    assert rating_in_db(db_path, workshop.id, "build-ci") == (1, None)


# -- automatic backups that fail ----------------------------------------------------------------------
def test_a_failed_automatic_backup_is_shown_in_the_status_bar_and_once_in_a_dialog(window, service, warnings_shown) -> None:
    service.backups.report("A backup copy failed its check, so it was deleted.")
    assert "Backup failed: A backup copy failed its check" in window.statusBar().currentMessage()
    assert len(warnings_shown) == 1 and "could not be made" in warnings_shown[0]
    service.backups.report("again")
    assert "again" in window.statusBar().currentMessage()
    assert len(warnings_shown) == 1


# -- the damaged-file dialog ----------------------------------------------------------------------------
@pytest.fixture
def recovery(tmp_path) -> Recovery:
    database = make_database(tmp_path / "workshops.sqlite3", title="Spring review", notes=1)
    store.back_up_file(database, T2)
    damaged = tmp_path / "workshops.sqlite3"
    problem = FileProblem(damaged, ProblemKind.DAMAGED, "On tree page 55 cell 18: Rowid 6648 out of order")
    return Recovery(problem, tmp_path / "workshops.sqlite3.corrupt-20261126T061233Z", newest_good_backup(database))


def test_the_damaged_file_dialog_says_what_happened_and_offers_the_backup(qtbot, recovery, tmp_path) -> None:
    dialog = DamagedFileDialog(recovery)
    qtbot.addWidget(dialog)
    assert "workshops.sqlite3 is damaged" in dialog.explanation.text()
    assert "workshops.sqlite3.corrupt-20261126T061233Z" in dialog.explanation.text()
    assert local_time(T2) in dialog.offer.text()
    assert "1 workshop of 1 team" in dialog.offer.text() and "“Spring review”" in dialog.offer.text()
    assert "Rowid 6648" in dialog.details.text()
    assert dialog.restore_button is not None and dialog.restore_button.isDefault()
    dialog.show()
    qtbot.waitExposed(dialog)
    shot = tmp_path / "damaged-dialog.png"
    assert dialog.grab().save(str(shot)) and shot.stat().st_size > 0
    dialog.restore_button.click()
    assert dialog.choice is Choice.RESTORE and dialog.result() == QDialog.DialogCode.Accepted


@pytest.mark.parametrize("button, choice", [("fresh_button", Choice.FRESH), ("quit_button", Choice.QUIT)])
def test_the_damaged_file_dialogs_other_choices(qtbot, recovery, button, choice) -> None:
    dialog = DamagedFileDialog(recovery)
    qtbot.addWidget(dialog)
    getattr(dialog, button).click()
    assert dialog.choice is choice


def test_closing_the_damaged_file_dialog_quits(qtbot, recovery) -> None:
    dialog = DamagedFileDialog(recovery)
    qtbot.addWidget(dialog)
    dialog.reject()
    assert dialog.choice is Choice.QUIT


def test_without_a_backup_the_dialog_offers_an_empty_start(qtbot, tmp_path) -> None:
    problem = FileProblem(tmp_path / "workshops.sqlite3", ProblemKind.EMPTY)
    dialog = DamagedFileDialog(Recovery(problem, tmp_path / "workshops.sqlite3.corrupt-20261126T061233Z", None))
    qtbot.addWidget(dialog)
    assert dialog.restore_button is None
    assert "no backup" in dialog.offer.text()
    assert "empty (0 bytes)" in dialog.explanation.text()
    assert dialog.fresh_button.isDefault()
    assert dialog.details.isHidden()


def _scratch_damage(path: Path, damage: str) -> None:
    scratch = path.parent / "scratch"
    scratch.mkdir()
    shutil.move(DAMAGES[damage](scratch / "damaged.sqlite3"), path)
    shutil.rmtree(scratch)


def test_at_launch_a_damaged_file_asks_and_restores(qtbot, tmp_path, prompts) -> None:
    database = make_database(tmp_path / "workshops.sqlite3", title="Saved before", notes=1)
    store.back_up_file(database, T2)
    _scratch_damage(database, "truncated")
    prompts.answer(DamagedFileDialog, lambda dialog: dialog.restore_button.click() or True)
    service = open_service(database, prompts)
    try:
        assert [w.title for w in service.list_workshops()] == ["Saved before"]
    finally:
        service.close()
    assert len(prompts.shown) == 1 and "cut short" in prompts.shown[0].explanation.text()
    assert any(p.name.startswith("workshops.sqlite3.corrupt-") for p in tmp_path.iterdir())


def test_at_launch_quitting_the_dialog_opens_nothing(qtbot, tmp_path, prompts) -> None:
    database = tmp_path / "workshops.sqlite3"
    DAMAGES["not-sqlite"](database)
    before = database.read_bytes()
    prompts.answer(DamagedFileDialog, lambda dialog: dialog.quit_button.click() or False)
    with pytest.raises(OpeningCancelled):
        open_service(database, prompts)
    assert database.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["workshops.sqlite3"]
