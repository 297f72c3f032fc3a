"""The window's publishing, against a real organisation database: File ▸ Publish with its progress
and summary, a closed workshop published by itself, quit never held up past 2 s by a server that
does not answer (what is left goes at the next start), the status bar's word, and the settings."""

from __future__ import annotations

import time

import pytest

from maturity_workshop.domain import Rating
from maturity_workshop.services.publishing import waiting_count
from maturity_workshop.ui.publishing import controller as publishing_controller
from maturity_workshop.ui.publishing.settings import OrganisationSettingsDialog
from maturity_workshop.ui.window.main_window import MainWindow

from ..ui.app_fixtures import prompts  # noqa: F401 - fixtures
from ..ui.helpers import shown_window

URL_ENV = "MATURITY_WORKSHOP_ORG_URL"


def _on_server(org_database) -> list[tuple]:
    return org_database.sql("SELECT title, published_by FROM maturity.workshop ORDER BY title")


@pytest.fixture
def soon(monkeypatch):
    """What a launch leaves for later goes at once, not after the room's window has settled."""
    monkeypatch.setattr(publishing_controller, "START_DELAY_MS", 0)


def test_file_publish_sends_the_workshops_and_says_so(qtbot, service, workshop, prompts, org_database, monkeypatch):
    monkeypatch.setenv(URL_ENV, org_database.url("alice"))
    win = shown_window(qtbot, service, prompts, workshop.id)
    service.save_rating(workshop.id, Rating("build-ci", 1, 2))
    win.commands.publish.trigger()
    assert win.publishing.job is not None
    assert win.findChild(publishing_controller.PublishProgress, "publishProgress") is not None
    qtbot.waitUntil(lambda: win.publishing.job is None, timeout=20_000)
    assert _on_server(org_database) == [(workshop.title, "alice")]
    assert "Published 1 workshop" in win.statusBar().currentMessage()
    assert win.publishing.status.text() == "Organisation: all published"
    assert prompts.warnings == []
    assert org_database.sql("SELECT current_level, target_level FROM maturity.rating") == [(1, 2)]


def test_a_publish_that_fails_says_why_and_keeps_the_workshop_waiting(qtbot, service, workshop, prompts, tmp_path,
                                                                      monkeypatch):  # fmt: skip
    monkeypatch.setenv(URL_ENV, f"postgresql://alice@/maturity_workshop?host={tmp_path / 'no-server'}")
    win = shown_window(qtbot, service, prompts, workshop.id)
    win.commands.publish.trigger()
    qtbot.waitUntil(lambda: win.publishing.job is None, timeout=20_000)
    assert len(prompts.warnings) == 1 and "cannot be reached" in prompts.warnings[0]
    assert win.publishing.status.text() == "Organisation: 1 waiting ⚠"
    assert waiting_count(service.database_path) == 1


def test_publish_without_an_address_opens_the_settings(qtbot, service, workshop, prompts):
    shown: list[OrganisationSettingsDialog] = []
    prompts.answer(OrganisationSettingsDialog, lambda dialog: shown.append(dialog) or False)
    win = shown_window(qtbot, service, prompts, workshop.id)
    win.commands.publish.trigger()
    assert len(shown) == 1 and win.publishing.job is None
    assert win.publishing.status.isHidden()


def test_a_closed_workshop_goes_to_the_organisation_by_itself(qtbot, service, workshop, prompts, org_database,
                                                              monkeypatch):  # fmt: skip
    monkeypatch.setenv(URL_ENV, org_database.url("bob"))
    win = shown_window(qtbot, service, prompts, workshop.id)
    win.commands.close_workshop.trigger()
    qtbot.waitUntil(lambda: _on_server(org_database) == [(workshop.title, "bob")], timeout=20_000)
    qtbot.waitUntil(lambda: win.publishing.status.text() == "Organisation: all published", timeout=20_000)
    assert prompts.warnings == []


def test_quit_waits_2_s_at_most_and_the_next_start_publishes_what_was_left(
    qtbot, service, workshop, prompts, org_database, silent_server, monkeypatch, soon
) -> None:
    monkeypatch.setenv(URL_ENV, f"postgresql://alice@127.0.0.1:{silent_server}/maturity_workshop")
    win = MainWindow(service, prompts)
    win.show_workshop(workshop.id)
    began = time.monotonic()
    win.close()
    took = time.monotonic() - began
    assert took < 3.0, f"closing took {took:.1f} s"  # the bound is 2 s of publishing, and the close itself
    assert waiting_count(service.database_path) == 1  # nothing arrived: it waits

    monkeypatch.setenv(URL_ENV, org_database.url("alice"))
    again = shown_window(qtbot, service, prompts, workshop.id)
    qtbot.waitUntil(lambda: _on_server(org_database) == [(workshop.title, "alice")], timeout=20_000)
    qtbot.waitUntil(lambda: again.publishing.status.text() == "Organisation: all published", timeout=20_000)


def test_the_settings_keep_the_address_without_a_password_and_check_it(qtbot, org_database, tmp_path) -> None:
    from maturity_workshop.org.connection import settings_path

    dialog = OrganisationSettingsDialog()
    qtbot.addWidget(dialog)
    dialog.url.setText("postgresql://alice:secret@db.example.org/maturity_workshop")
    dialog.accept()
    assert not dialog.error.isHidden() and "password" in dialog.error.text()
    assert not settings_path().exists()

    dialog.url.setText(org_database.url("alice"))
    dialog.check_button.click()
    qtbot.waitUntil(lambda: dialog.check_button.isEnabled(), timeout=20_000)
    assert dialog.result_label.text().startswith("✓ Reached the organisation database") and "alice" in dialog.result_label.text()
    dialog.accept()
    assert dialog.result() == dialog.DialogCode.Accepted
    assert org_database.url("alice") in settings_path().read_text(encoding="utf-8")
    assert "secret" not in settings_path().read_text(encoding="utf-8")


def test_the_settings_check_says_what_is_wrong(qtbot, tmp_path) -> None:
    dialog = OrganisationSettingsDialog()
    qtbot.addWidget(dialog)
    dialog.url.setText(f"postgresql://alice@/maturity_workshop?host={tmp_path}")
    dialog.check_button.click()
    qtbot.waitUntil(lambda: dialog.check_button.isEnabled(), timeout=20_000)
    assert "cannot be reached" in dialog.error.text() and not dialog.error.isHidden()
    dialog.url.setText("mysql://alice@db/x")
    dialog.check_button.click()
    qtbot.waitUntil(lambda: dialog.check_button.isEnabled(), timeout=20_000)
    assert "postgresql://" in dialog.error.text()
