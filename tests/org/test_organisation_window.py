"""The organisation page (Ctrl+G) reading the organisation: "This laptop" or "Organisation", the
synced line, Sync now on a worker thread (its failure said, the map kept), and a team of the
organisation opened in a window of its own on the copy, read-only, marked with its publisher."""

from __future__ import annotations

import hashlib
from datetime import date

import pytest
from PySide6.QtCore import Qt

from maturity_workshop.domain import Rating, WorkshopDraft
from maturity_workshop.services.organisation_cache import READ_ONLY_COPY, SOURCE_CHOICE_KEY, cache_path
from maturity_workshop.services.organisation_cache import pull_organisation
from maturity_workshop.store.sqlite import ReadOnlyDatabaseError
from tests.ui.app_fixtures import prompts  # noqa: F401 - fixtures
from tests.ui.helpers import shown_window

from .roles import READER
from .server_rows import put_organisation

URL_ENV = "MATURITY_WORKSHOP_ORG_URL"


@pytest.fixture
def organisation(org_database, monkeypatch):
    """alice's and bob's workshops on the server; the app reads it as carol, a reader."""
    put_organisation(org_database)
    monkeypatch.setenv(URL_ENV, org_database.url(READER))
    return org_database


@pytest.fixture
def win(qtbot, service, prompts, organisation):
    workshop = service.start_workshop(WorkshopDraft("Laptop team", "review", date(2026, 11, 2)))
    service.save_rating(workshop.id, Rating("build-ci", 1, 2))
    return shown_window(qtbot, service, prompts, workshop.id)


def _page(qtbot, win):
    qtbot.keyClick(win, Qt.Key.Key_G, Qt.KeyboardModifier.ControlModifier)
    assert win.pages.currentWidget() is win.organisation.page
    return win.organisation.page


def _sync(qtbot, win, outcome: str = "succeeded", meanwhile=lambda: None):
    """Sync now clicked, ``meanwhile()`` done while it runs; waits until the page shows ``outcome``."""
    bar = win.organisation.page.source_bar
    with qtbot.waitSignal(win.organisation.syncFinished, timeout=30_000) as finished:
        qtbot.mouseClick(bar.sync_button, Qt.MouseButton.LeftButton)
        assert win.organisation.sync_job is not None  # on its worker: the window goes on
        assert bar.cancel_button.isVisible() and bar.progress.isVisible() and not bar.sync_button.isEnabled()
        meanwhile()
    assert finished.args == [outcome] and win.organisation.sync_job is None
    assert not bar.cancel_button.isVisible() and bar.sync_button.isEnabled()


def _digest(path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_the_page_reads_this_laptop_or_the_synced_organisation_and_remembers_which(qtbot, win, service, prompts):
    page = _page(qtbot, win)
    bar = page.source_bar
    assert bar.laptop.isChecked() and page.names() == ["Laptop team"]
    assert not bar.synced_label.isVisible() and not bar.sync_button.isVisible()

    bar.organisation.click()
    assert page.names() == [] and bar.synced_label.text() == "Never synced" and bar.sync_button.isVisible()
    assert service.get_setting(SOURCE_CHOICE_KEY) == "organisation"

    _sync(qtbot, win)
    assert page.names() == ["Payments", "Search"]
    assert bar.synced_label.text().startswith("Synced ") and bar.synced_label.text().endswith(f" as {READER}")
    assert "on " in bar.synced_label.text() and not bar.error.isVisible() and not bar.progress.isVisible()
    assert cache_path(service.database_path).is_file()
    payments = page.model.row(0)
    assert (payments.cell("build-ci").level, payments.cell("build-ci").change.delta) == (2, 1)

    bar.laptop.click()
    assert page.names() == ["Laptop team"]
    bar.organisation.click()
    win.close()
    again = shown_window(qtbot, service, prompts, None)  # the window opened again shows the organisation
    assert _page(qtbot, again).names() == ["Payments", "Search"]
    assert again.organisation.page.source_bar.organisation.isChecked()


def test_a_sync_that_fails_says_why_and_keeps_the_map_and_the_copy(qtbot, win, service, organisation, tmp_path,
                                                                   monkeypatch) -> None:  # fmt: skip
    pull_organisation(service.database_path)
    before = _digest(cache_path(service.database_path))
    page = _page(qtbot, win)
    page.source_bar.organisation.click()
    assert page.names() == ["Payments", "Search"]
    nowhere = tmp_path / "no-server"
    nowhere.mkdir()
    monkeypatch.setenv(URL_ENV, f"postgresql://{READER}@/{organisation.name}?host={nowhere}&port=5432")

    _sync(qtbot, win, "failed")

    bar = page.source_bar
    assert bar.error.isVisible() and "cannot be reached" in bar.error.text()
    assert page.names() == ["Payments", "Search"] and bar.synced_label.text().startswith("Synced ")
    assert _digest(cache_path(service.database_path)) == before


def test_cancel_stops_the_sync_and_keeps_the_copy(qtbot, win, service, organisation) -> None:
    from sqlalchemy import create_engine, text
    from sqlalchemy.pool import NullPool

    pull_organisation(service.database_path)
    before = _digest(cache_path(service.database_path))
    page = _page(qtbot, win)
    page.source_bar.organisation.click()
    engine = create_engine(organisation.server.url("postgres", organisation.name), poolclass=NullPool)
    held = engine.connect()
    held.execute(text("LOCK TABLE maturity.team IN ACCESS EXCLUSIVE MODE"))  # the sync waits on it

    def cancel_then_let_go() -> None:
        qtbot.mouseClick(page.source_bar.cancel_button, Qt.MouseButton.LeftButton)
        held.rollback()
        held.close()

    try:
        _sync(qtbot, win, "cancelled", meanwhile=cancel_then_let_go)
    finally:
        held.close()
        engine.dispose()
    assert _digest(cache_path(service.database_path)) == before
    assert page.names() == ["Payments", "Search"] and not page.source_bar.error.isVisible()
    assert "cancelled" in win.statusBar().currentMessage()
    assert sorted(p.name for p in service.database_path.parent.iterdir() if "cache" in p.name) == [
        "organisation-cache.sqlite3"]


def test_a_team_of_the_organisation_opens_read_only_in_its_own_window_marked_with_its_publisher(qtbot, win):
    page = _page(qtbot, win)
    page.source_bar.organisation.click()
    _sync(qtbot, win)
    index = page.model.index(0, page.model.column_of("build-ci"))  # Payments, alice's
    rect = page.table.visualRect(index)
    qtbot.mouseClick(page.table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    qtbot.mouseDClick(page.table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())

    (copy,) = win.organisation.copies  # closed by the test, else with the window
    assert copy.service.read_only and copy.service.database_path == cache_path(win.service.database_path)
    assert copy.read_only_banner.text() == "🔒 Published by alice — a read-only copy from the organisation"
    assert (copy.editor.state.workshop.team_name, copy.editor.state.workshop.title) == ("Payments", "Autumn review")
    assert copy.pages.currentWidget() is copy.history.page
    assert [s.workshop.title for s in copy.history.history.workshops] == ["Spring review", "Autumn review"]
    assert copy.editor.read_only  # nothing offers a change
    with pytest.raises(ReadOnlyDatabaseError, match="read-only copy of the organisation"):
        copy.service.save_rating(copy.editor.state.workshop.id, Rating("build-ci", 3, 3))
    assert READ_ONLY_COPY.startswith("Not saved")
    # the copy's organisation page reads the copy alone: no choice of source, no sync
    copy.organisation.show()
    assert copy.organisation.page.names() == ["Payments", "Search"] and copy.organisation.page.source_bar.isHidden()
    # the laptop's own window goes on with its own workshop
    assert win.editor.state.workshop.team_name == "Laptop team" and not win.service.read_only

    copy.close()
    qtbot.waitUntil(lambda: not win.organisation.copies, timeout=10_000)


def test_a_copy_that_cannot_be_read_still_shows_the_page_saying_why(qtbot, win, service) -> None:
    """The organisation chosen last, its copy damaged: the page shows, empty, with why in red, and
    "This laptop" and Sync now stay in reach."""
    service.set_setting(SOURCE_CHOICE_KEY, "organisation")
    cache_path(service.database_path).write_bytes(b"not a workshops file " * 200)
    page = _page(qtbot, win)
    bar = page.source_bar
    assert not bar.error.isHidden() and bar.error.text()
    assert len(win.organisation.heat) == 0 and bar.sync_button.isVisible()
    bar.laptop.click()
    assert bar.error.isHidden() and [row.team.name for row in win.organisation.heat.rows] == ["Laptop team"]


def test_closing_while_a_sync_hangs_waits_2_s_at_most(qtbot, service, prompts, silent_server, monkeypatch) -> None:
    """A server that takes the connection and never answers: the window still closes at once, and
    the copy synced before (none here) is left as it was."""
    import time

    monkeypatch.setenv(URL_ENV, f"postgresql://carol@127.0.0.1:{silent_server}/maturity_workshop")
    service.set_setting(SOURCE_CHOICE_KEY, "organisation")
    workshop = service.start_workshop(WorkshopDraft("Laptop team", "review", date(2026, 11, 2)))
    win = shown_window(qtbot, service, prompts, workshop.id)
    _page(qtbot, win).source_bar.sync_button.click()
    assert win.organisation.sync_job is not None
    began = time.monotonic()
    win.close()
    took = time.monotonic() - began
    assert took < 3.0, f"closing took {took:.1f} s"
    assert not cache_path(service.database_path).exists()
